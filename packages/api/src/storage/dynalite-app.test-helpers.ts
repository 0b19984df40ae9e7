import { createApp } from "../app.js";
import { type ApiKeyEntry, createApiKeyring, sha256Hex } from "../auth/api-keys.js";
import type { AppDeps } from "../config/deps.js";
import { createDynamoDbClient, createPortfolioTable } from "./dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./dynamodb-store.js";
import { DynamoDbWorkshopStore } from "./dynamodb-workshop-store.js";
import { startEmbeddedDynamoDb } from "./embedded-dynalite.js";

/** A configured key for a test: the key itself and what it grants (its hash is what the keyring keeps). */
export type TestKey = Omit<ApiKeyEntry, "sha256"> & { readonly key: string };

/** The app on an embedded dynalite, with the store's client for tests that watch or poke the store. */
export interface DynaliteApp {
  readonly app: ReturnType<typeof createApp>;
  readonly client: ReturnType<typeof createDynamoDbClient>;
  /** Stops the embedded store. */
  close(): Promise<void>;
}

/**
 * Starts dynalite in-process with a fresh portfolio table and builds the app on it, with the portfolio and
 * workshop stores and a keyring of `keys`.
 *
 * @param table - the table's name
 * @param keys - the configured keys
 * @param deps - anything else the app takes (limits, a report renderer...)
 * @returns the app, the store's client and a way to stop the store
 */
export async function startAppOnDynalite(
  table: string,
  keys: readonly TestKey[],
  deps: Omit<AppDeps, "portfolios"> = {},
): Promise<DynaliteApp> {
  const store = await startEmbeddedDynamoDb();
  const client = createDynamoDbClient({
    endpoint: store.endpoint,
    region: "local",
    table,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createPortfolioTable(client, table);
  const entries = await Promise.all(
    keys.map(async ({ key, ...grant }): Promise<ApiKeyEntry> => ({ ...grant, sha256: await sha256Hex(key) })),
  );
  const app = createApp({
    ...deps,
    portfolios: {
      store: new DynamoDbPortfolioStore(client, { table }),
      workshop: new DynamoDbWorkshopStore(client, { table }),
      keyring: createApiKeyring(entries),
    },
  });
  return { app, client, close: () => store.close() };
}
