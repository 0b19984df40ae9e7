// For the store contract: a DynamoDB client that stops answering after a number of writes, as the client of
// a process killed mid-write would. Every call from then on fails, so nothing the store does after its
// "death" (a rollback, a cleanup) reaches the table: what is left there is what a kill -9 leaves. The real
// kill -9 of the server process is in test/attack/crash-consistency.test.ts.
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDbPortfolioStore } from "./dynamodb-store.js";

/**
 * Wraps a client so that its `send` fails for good once `writesBeforeDeath` writes have been sent.
 *
 * @param client - the real client
 * @param writesBeforeDeath - how many writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem) go through
 * @returns a client for a store that dies part-way
 */
export function createDyingClient(client: DynamoDBClient, writesBeforeDeath: number): DynamoDBClient {
  let writes = 0;
  const send = (command: unknown) => {
    const write =
      command instanceof PutItemCommand ||
      command instanceof UpdateItemCommand ||
      command instanceof DeleteItemCommand ||
      command instanceof BatchWriteItemCommand;
    if (writes >= writesBeforeDeath || (write && ++writes > writesBeforeDeath))
      return Promise.reject(new Error("the process died"));
    return client.send(command as Parameters<DynamoDBClient["send"]>[0]);
  };
  return new Proxy(client, { get: (target, name) => (name === "send" ? send : Reflect.get(target, name)) });
}

/**
 * A store over `client`'s table that dies after `writes` writes and whose leases have already ended, so a
 * sweep may finish what it left at once.
 *
 * @param client - the real client
 * @param table - the table
 * @param writes - how many writes go through
 * @returns the store
 */
export function createDyingStore(
  client: DynamoDBClient,
  table: string,
  writes: number,
): DynamoDbPortfolioStore {
  return new DynamoDbPortfolioStore(createDyingClient(client, writes), {
    table,
    batchBaseDelayMs: 5,
    importLeaseSeconds: -5,
  });
}
