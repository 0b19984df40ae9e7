import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  type ApiKeyEntry,
  createApiKeyring,
  generateApiKey,
  parseApiKeys,
  sha256Hex,
} from "../auth/api-keys.js";
import type { PortfolioDeps } from "../config/deps.js";
import {
  createDynamoDbClient,
  createPortfolioTable,
  readDynamoDbSettings,
} from "../storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "../storage/dynamodb-store.js";
import { DynamoDbWorkshopStore } from "../storage/dynamodb-workshop-store.js";
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from "../storage/embedded-dynalite.js";
import { startBackgroundSweep } from "./background-sweep.js";

/** Seconds between background sweeps of dead writes and deletes, unless `CXPRISM_SWEEP_INTERVAL_SECONDS`. */
const SWEEP_INTERVAL_SECONDS = 60;

/** Shared portfolios on Node, ready for {@link PortfolioDeps}. */
export interface LocalPortfolios {
  readonly deps: PortfolioDeps;
  /** Where the store listens (the embedded one, or `DYNAMODB_ENDPOINT`). */
  readonly endpoint: string | undefined;
  /** A dev owner key made on this start, to print once; undefined on later starts. */
  readonly newDevKey: string | undefined;
  /**
   * An owner key (tenant `local`) made for this run only, for the facilitator's link: its hash is kept in
   * memory, never on disk, so each start prints a fresh link and an old link stops working.
   */
  readonly facilitatorKey: string;
  /** Stops the embedded store, if one was started. */
  close(): Promise<void>;
}

/** The file in the data folder holding the dev keys' hashes (never the keys). */
export const DEV_KEYS_FILE = "api-keys.json";

async function readDevKeys(dataDir: string): Promise<{ entries: ApiKeyEntry[]; newKey: string | undefined }> {
  const file = join(dataDir, DEV_KEYS_FILE);
  try {
    return { entries: parseApiKeys(await readFile(file, "utf8")), newKey: undefined };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = generateApiKey();
  const entries: ApiKeyEntry[] = [{ sha256: await sha256Hex(key), tenant: "local", role: "owner" }];
  await writeFile(file, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  await chmod(file, 0o600);
  return { entries, newKey: key };
}

/**
 * Makes a data folder private to its owner: the folder and every folder inside 0700, every file 0600. Every
 * tenant's portfolios live here, so no other local user may read them; a store made before this rule is
 * tightened on the next start. New LevelDB files follow the process's umask, which the Node entry sets to 077.
 *
 * @param dir - the data folder
 */
export async function makePrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makePrivate(path);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}

/** A whole number of seconds from the environment (undefined: the default), or a thrown message naming it. */
function readSeconds(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(
      `expected ${name} to be a whole number of seconds, at least 1, received ${JSON.stringify(text)}`,
    );
  return value;
}

/**
 * Sets up shared portfolios for the Node entry. Without `DYNAMODB_ENDPOINT` it starts dynalite persisted under
 * `CXPRISM_DATA_DIR` (default `.cxprism/data`) on 127.0.0.1; the table is created when missing. Keys come from
 * `CXPRISM_API_KEYS` plus the data folder's `api-keys.json`, where the first start stores the hash of a new dev
 * owner key (tenant `local`) and hands the key back to be printed once. A background sweep finishes writes
 * and deletes cut short by a crash, at start and every `CXPRISM_SWEEP_INTERVAL_SECONDS` (default 60).
 * `CXPRISM_IMPORT_LEASE_SECONDS` and `CXPRISM_IDEMPOTENCY_LEASE_SECONDS` shorten the leases of atomic writes
 * and idempotency keys (tests do).
 *
 * @param env - the process environment
 * @returns the dependencies and a way to stop the store
 */
export async function startLocalPortfolios(
  env: Readonly<Record<string, string | undefined>>,
): Promise<LocalPortfolios> {
  const dataDir = resolve(env.CXPRISM_DATA_DIR || ".cxprism/data");
  await makePrivate(dataDir);
  const settings = readDynamoDbSettings(env);
  let embedded: EmbeddedDynamoDb | undefined;
  if (settings.endpoint === undefined) {
    const port = env.CXPRISM_DYNAMODB_PORT ? Number(env.CXPRISM_DYNAMODB_PORT) : 0;
    embedded = await startEmbeddedDynamoDb({ path: join(dataDir, "dynamodb"), port });
  }
  try {
    const endpoint = embedded?.endpoint ?? settings.endpoint;
    const client = createDynamoDbClient({
      ...settings,
      endpoint,
      credentials: settings.credentials ?? { accessKeyId: "local", secretAccessKey: "local" },
    });
    await createPortfolioTable(client, settings.table);
    const devKeys = await readDevKeys(dataDir);
    const facilitatorKey = generateApiKey();
    const keyring = createApiKeyring([
      ...parseApiKeys(env.CXPRISM_API_KEYS),
      ...devKeys.entries,
      { sha256: await sha256Hex(facilitatorKey), tenant: "local", role: "owner" },
    ]);
    const importLeaseSeconds = readSeconds(env, "CXPRISM_IMPORT_LEASE_SECONDS");
    const idempotencyLeaseSeconds = readSeconds(env, "CXPRISM_IDEMPOTENCY_LEASE_SECONDS");
    const sweepSeconds = readSeconds(env, "CXPRISM_SWEEP_INTERVAL_SECONDS") ?? SWEEP_INTERVAL_SECONDS;
    const store = new DynamoDbPortfolioStore(client, { table: settings.table, importLeaseSeconds });
    const sweep = startBackgroundSweep(store, {
      intervalMs: sweepSeconds * 1000,
      log: (line) => console.error(line),
    });
    return {
      deps: {
        store,
        idempotencyLeaseSeconds,
        workshop: new DynamoDbWorkshopStore(client, { table: settings.table }),
        keyring,
      },
      endpoint,
      newDevKey: devKeys.newKey,
      facilitatorKey,
      close: async () => {
        await sweep.stop();
        client.destroy();
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}
