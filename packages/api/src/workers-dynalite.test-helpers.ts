// Starts dynalite on the Node side for the workerd tests: the worker inside workerd reaches it over HTTP, as it
// would reach DynamoDB, so the portfolio routes run on the real Workers runtime against a real store.
import type { TestProject } from "vitest/node";
import { sha256Hex } from "./auth/api-keys.js";
import { createDynamoDbClient, createPortfolioTable } from "./storage/dynamodb-client.js";
import { startEmbeddedDynamoDb } from "./storage/embedded-dynalite.js";

/** The owner key the workerd tests send; CXPRISM_API_KEYS holds only its hash. */
export const WORKERS_OWNER_KEY = "k-workers-owner";
/** The table the workerd tests use. */
export const WORKERS_TABLE = "workers";

declare module "vitest" {
  interface ProvidedContext {
    dynamoEndpoint: string;
    apiKeys: string;
  }
}

// biome-ignore lint/style/noDefaultExport: vitest runs a global setup file's default export.
export default async function setup(project: TestProject) {
  const server = await startEmbeddedDynamoDb();
  const client = createDynamoDbClient({
    endpoint: server.endpoint,
    region: "local",
    table: WORKERS_TABLE,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createPortfolioTable(client, WORKERS_TABLE);
  client.destroy();
  project.provide("dynamoEndpoint", server.endpoint);
  project.provide(
    "apiKeys",
    JSON.stringify([{ sha256: await sha256Hex(WORKERS_OWNER_KEY), tenant: "edge", role: "owner" }]),
  );
  return () => server.close();
}
