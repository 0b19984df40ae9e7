import type { BatchWriteItemCommand, DynamoDBClient, WriteRequest } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { BATCH_WRITE_SIZE, batchWriteAll } from "./batch-write.js";

const put = (i: number): WriteRequest => ({ PutRequest: { Item: { pk: { S: "p" }, sk: { S: `s${i}` } } } });

/** A client that leaves the first `stubborn` requests of every call unprocessed for `rounds` calls each. */
function fakeClient(leaveUnprocessed: (call: number, requests: WriteRequest[]) => WriteRequest[]) {
  const calls: number[] = [];
  const client = {
    send: async (command: BatchWriteItemCommand) => {
      const requests = command.input.RequestItems!.t!;
      calls.push(requests.length);
      return { UnprocessedItems: { t: leaveUnprocessed(calls.length, requests) } };
    },
  } as unknown as DynamoDBClient;
  return { client, calls };
}

const noSleep = { sleep: async () => undefined };

describe("batchWriteAll", () => {
  it.each([
    [0, []],
    [1, [1]],
    [25, [25]],
    [26, [25, 1]],
    [60, [25, 25, 10]],
  ])("splits %i requests into chunks of at most 25: %j", async (count, expected) => {
    const { client, calls } = fakeClient(() => []);
    const failed = await batchWriteAll(
      client,
      "t",
      Array.from({ length: count }, (_, i) => put(i)),
      noSleep,
    );
    expect(calls).toEqual(expected);
    expect(failed.size).toBe(0);
    expect(calls.reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(BATCH_WRITE_SIZE);
  });

  it("retries UnprocessedItems with growing delays until they are written", async () => {
    const delays: number[] = [];
    const { client, calls } = fakeClient((call, requests) => (call <= 3 ? requests.slice(0, 5) : []));
    const failed = await batchWriteAll(
      client,
      "t",
      Array.from({ length: 25 }, (_, i) => put(i)),
      {
        baseDelayMs: 100,
        sleep: async (ms) => {
          delays.push(ms);
        },
      },
    );
    expect(calls).toEqual([25, 5, 5, 5]);
    expect(failed.size).toBe(0);
    expect(delays).toHaveLength(3);
    for (const [round, delay] of delays.entries()) expect(delay).toBeLessThanOrEqual(100 * 2 ** round);
  });

  it("reports the indexes still unprocessed after the last attempt", async () => {
    const { client } = fakeClient((_, requests) =>
      requests.filter((r) => r.PutRequest?.Item?.sk?.S === "s27"),
    );
    const failed = await batchWriteAll(
      client,
      "t",
      Array.from({ length: 30 }, (_, i) => put(i)),
      {
        ...noSleep,
        attempts: 2,
      },
    );
    expect([...failed]).toEqual([27]);
  });
});
