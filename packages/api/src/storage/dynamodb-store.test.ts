import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll } from "vitest";
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
