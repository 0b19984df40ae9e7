import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";

/** DynamoDB's most write requests in one BatchWriteItem call. */
export const BATCH_WRITE_SIZE = 25;

/** How unprocessed items are retried. */
export interface BatchRetry {
  /** Rounds after the first call (default 8). */
  readonly attempts: number;
  /** First delay in milliseconds, doubled each round with full jitter (default 25). */
  readonly baseDelayMs: number;
  /** Waits (injectable for tests). */
  readonly sleep: (ms: number) => Promise<void>;
}

const defaultRetry: BatchRetry = {
  attempts: 8,
  baseDelayMs: 25,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Identifies a write request by its key, to match UnprocessedItems back to the caller's requests. */
function requestKey(request: WriteRequest): string {
  const key = request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {};
  return `${key.pk?.S ?? ""}\u0000${key.sk?.S ?? ""}`;
}

/**
 * Writes requests with BatchWriteItem in chunks of 25, retrying UnprocessedItems with exponential backoff
 * and full jitter. Requests in one call must have distinct keys (DynamoDB refuses duplicates).
 *
 * @param client - the DynamoDB client
 * @param table - the table name
 * @param requests - the put and delete requests
 * @param retry - retry policy
 * @returns the indexes of requests still unprocessed after every retry (empty when all were written)
 */
export async function batchWriteAll(
  client: DynamoDBClient,
  table: string,
  requests: readonly WriteRequest[],
  retry: Partial<BatchRetry> = {},
): Promise<Set<number>> {
  const policy = { ...defaultRetry, ...retry };
  const failed = new Set<number>();
  for (let start = 0; start < requests.length; start += BATCH_WRITE_SIZE) {
    const indexByKey = new Map<string, number>();
    let pending: WriteRequest[] = [];
    for (let index = start; index < Math.min(start + BATCH_WRITE_SIZE, requests.length); index++) {
      indexByKey.set(requestKey(requests[index]!), index);
      pending.push(requests[index]!);
    }
    for (let round = 0; pending.length > 0; round++) {
      if (round > policy.attempts) {
        for (const request of pending) failed.add(indexByKey.get(requestKey(request))!);
        break;
      }
      if (round > 0) await policy.sleep(Math.random() * policy.baseDelayMs * 2 ** (round - 1));
      const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = answer.UnprocessedItems?.[table] ?? [];
    }
  }
  return failed;
}
