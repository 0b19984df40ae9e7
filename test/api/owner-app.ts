import { createApp } from "../../packages/api/src/app.js";
import { createApiKeyring, sha256Hex } from "../../packages/api/src/auth/api-keys.js";
import {
  createDynamoDbClient,
  createPortfolioTable,
} from "../../packages/api/src/storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "../../packages/api/src/storage/dynamodb-store.js";
import { DynamoDbWorkshopStore } from "../../packages/api/src/storage/dynamodb-workshop-store.js";
import { startEmbeddedDynamoDb } from "../../packages/api/src/storage/embedded-dynalite.js";

/** The app on an embedded dynalite, with one owner key `owner` of tenant `t`. */
export interface OwnerApp {
  readonly app: ReturnType<typeof createApp>;
  /** Stops the embedded store. */
  close(): Promise<void>;
}

/**
 * Starts dynalite in-process with a fresh portfolio table and builds the app on it, for tests that call
 * `app.request` as the owner (`Authorization: Bearer owner`).
 *
 * @param table - the table's name
 * @returns the app and a way to stop its store
 */
export async function startOwnerApp(table: string): Promise<OwnerApp> {
  const store = await startEmbeddedDynamoDb();
  const client = createDynamoDbClient({
    endpoint: store.endpoint,
    region: "local",
    table,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createPortfolioTable(client, table);
  const app = createApp({
    portfolios: {
      store: new DynamoDbPortfolioStore(client, { table }),
      workshop: new DynamoDbWorkshopStore(client, { table }),
      keyring: createApiKeyring([{ sha256: await sha256Hex("owner"), tenant: "t", role: "owner" }]),
    },
  });
  return { app, close: () => store.close() };
}
