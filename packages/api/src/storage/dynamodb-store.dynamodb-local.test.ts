// The storage contract against AWS's DynamoDB Local. Runs when CXPRISM_DYNAMODB_LOCAL_ENDPOINT is set, which
// `pnpm --filter @cxprism/api test:dynamodb-local` does after starting the jar; skipped in the plain test run.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe } from "vitest";
import { createDyingStore } from "./dying-client.test-helpers.js";
import { createDynamoDbClient, createPortfolioTable } from "./dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./dynamodb-store.js";
import { describeStoreContract } from "./store-contract.js";

const endpoint = process.env.CXPRISM_DYNAMODB_LOCAL_ENDPOINT;

describe.skipIf(endpoint === undefined)("DynamoDB Local", () => {
  let client: DynamoDBClient;
  let store: DynamoDbPortfolioStore;
  beforeAll(async () => {
    client = createDynamoDbClient({
      endpoint,
      region: "us-east-1",
      table: "contract",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await createPortfolioTable(client, "contract");
    store = new DynamoDbPortfolioStore(client, { table: "contract", batchBaseDelayMs: 5 });
  });
  describeStoreContract(
    "DynamoDB store on AWS DynamoDB Local",
    () => store,
    (writes) => createDyingStore(client, "contract", writes),
  );
});
