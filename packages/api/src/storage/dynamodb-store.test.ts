import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDyingStore } from "./dying-client.test-helpers.js";
import { createDynamoDbClient, createPortfolioTable } from "./dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./dynamodb-store.js";
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from "./embedded-dynalite.js";
import { describeStoreContract } from "./store-contract.js";

let server: EmbeddedDynamoDb;
let client: DynamoDBClient;
let store: DynamoDbPortfolioStore;

beforeAll(async () => {
  server = await startEmbeddedDynamoDb();
  client = createDynamoDbClient({
    endpoint: server.endpoint,
    region: "local",
    table: "contract",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createPortfolioTable(client, "contract");
  store = new DynamoDbPortfolioStore(client, { table: "contract", batchBaseDelayMs: 5 });
});

afterAll(async () => {
  await server?.close();
});

describeStoreContract(
  "DynamoDB store on dynalite (in-process)",
  () => store,
  (writes) => createDyingStore(client, "contract", writes),
);

/**
 * A store whose client notes, for every command sent and answered, how many turns of the event loop had
 * passed (a chain of setImmediate counts them).
 */
function createTurnCountingStore() {
  const log: { command: string; phase: "sent" | "done"; turns: number }[] = [];
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  const send = (command: { constructor: { name: string } }) => {
    const name = command.constructor.name;
    log.push({ command: name, phase: "sent", turns });
    return client.send(command as Parameters<DynamoDBClient["send"]>[0]).finally(() => {
      log.push({ command: name, phase: "done", turns });
    });
  };
  const counted = new Proxy(client, {
    get: (target, key) => (key === "send" ? send : Reflect.get(target, key)),
  });
  return {
    store: new DynamoDbPortfolioStore(counted, { table: "contract", batchBaseDelayMs: 5 }),
    /** Turns of the event loop between the last answer before the first BatchWriteItem and its sending. */
    turnsWhileBuilding() {
      counting = false;
      const first = log.findIndex((entry) => entry.command === "BatchWriteItemCommand");
      // The log is in time order, so the last answer before it has the most turns.
      const answered = log.slice(0, first).filter((entry) => entry.phase === "done");
      return log[first]!.turns - answered.at(-1)!.turns;
    },
  };
}

describe("the DynamoDB store lets the event loop run while it builds a large write's items", () => {
  const NOW = "2026-12-01T04:00:00.000Z";
  const rating = (initiativeId: string, rater: string) => ({
    initiativeId,
    rater,
    weight: 1,
    ratings: { cx_impact: 3, data_readiness: 4 },
    updatedAt: NOW,
  });
  const ids = Array.from({ length: 5000 }, (_, i) => `initiative-${i}`);

  it("an import of 5,000 initiatives with a rating each (10,000 items)", async () => {
    const { store, turnsWhileBuilding } = createTurnCountingStore();
    await store.createPortfolio(
      "yield-import",
      "p",
      { name: "P", description: "", model: defaultModel },
      NOW,
    );
    const outcomes = await store.importInitiatives(
      "yield-import",
      "p",
      ids.map((id) => ({ data: { id, name: id }, ratings: [rating(id, "import")] })),
      NOW,
    );
    // One stretch per 1,000 items at most: without yielding the items are built in one turn (0).
    expect(turnsWhileBuilding()).toBeGreaterThanOrEqual(5);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const contents = await store.readContents("yield-import", "p");
    expect([contents.initiatives.length, contents.ratings.length]).toEqual([5000, 5000]);
  }, 120_000);

  it("one rater's batch of 5,000 ratings", async () => {
    await store.createPortfolio(
      "yield-ratings",
      "p",
      { name: "P", description: "", model: defaultModel },
      NOW,
    );
    await store.importInitiatives(
      "yield-ratings",
      "p",
      ids.map((id) => ({ data: { id, name: id }, ratings: [] })),
      NOW,
    );
    const counted = createTurnCountingStore();
    await counted.store.putRatings(
      "yield-ratings",
      "p",
      ids.map((id) => rating(id, "ann")),
    );
    expect(counted.turnsWhileBuilding()).toBeGreaterThanOrEqual(4);
    expect((await store.readContents("yield-ratings", "p")).ratings.length).toBe(5000);
  }, 120_000);
});
