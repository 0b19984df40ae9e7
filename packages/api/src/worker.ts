/**
 * Cloudflare Workers entry: builds the app from the worker's variables once per isolate.
 *
 * Variables (wrangler.jsonc `vars` or the dashboard): `CORS_ORIGINS` (comma-separated origins, or `*`) and
 * `MAX_BODY_BYTES`. Shared portfolios are mounted when `DYNAMODB_TABLE` is set: `DYNAMODB_ENDPOINT` (optional,
 * e.g. a local store for `wrangler dev`), `AWS_REGION`, and the secrets `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `CXPRISM_API_KEYS`.
 *
 * The Cron Trigger in wrangler.jsonc calls `scheduled`, which sweeps the store: imports, rating batches and
 * deletes cut short (an isolate stopped mid-write) are finished without waiting for a request.
 */
import type { Hono } from "hono";
import { type AppEnv, createApp, parseByteLimit, parseCorsOrigins } from "./app.js";
import { createApiKeyring, parseApiKeys } from "./auth/api-keys.js";
import { createDynamoDbClient, readDynamoDbSettings } from "./storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./storage/dynamodb-store.js";
import { DynamoDbWorkshopStore } from "./storage/dynamodb-workshop-store.js";

/** The worker's variables and secrets. */
export interface WorkerEnv {
  readonly CORS_ORIGINS?: string;
  readonly MAX_BODY_BYTES?: string;
  readonly DYNAMODB_TABLE?: string;
  readonly DYNAMODB_ENDPOINT?: string;
  readonly AWS_REGION?: string;
  readonly AWS_ACCESS_KEY_ID?: string;
  readonly AWS_SECRET_ACCESS_KEY?: string;
  readonly CXPRISM_API_KEYS?: string;
}

let app: Hono<AppEnv> | undefined;
let appEnv: WorkerEnv | undefined;

/** What a scheduled event may use of the Workers `ExecutionContext`. */
interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

function storeFor(env: WorkerEnv) {
  const settings = readDynamoDbSettings(env as Readonly<Record<string, string | undefined>>);
  const client = createDynamoDbClient(settings);
  return {
    client,
    table: settings.table,
    store: new DynamoDbPortfolioStore(client, { table: settings.table }),
  };
}

function portfoliosFor(env: WorkerEnv) {
  if (!env.DYNAMODB_TABLE) return undefined;
  const { client, table, store } = storeFor(env);
  return {
    store,
    workshop: new DynamoDbWorkshopStore(client, { table }),
    keyring: createApiKeyring(parseApiKeys(env.CXPRISM_API_KEYS)),
  };
}

function appFor(env: WorkerEnv): Hono<AppEnv> {
  if (app === undefined || appEnv !== env) {
    const maxBodyBytes = parseByteLimit(env.MAX_BODY_BYTES);
    app = createApp({
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      limits: maxBodyBytes === undefined ? {} : { maxBodyBytes },
      portfolios: portfoliosFor(env),
    });
    appEnv = env;
  }
  return app;
}

/** The Workers module entry (the runtime requires a default export). */
// biome-ignore lint/style/noDefaultExport: the Workers runtime looks the handler up as the default export.
export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    return appFor(env).fetch(request, env);
  },
  /** The Cron Trigger: one bounded sweep of dead writes and deletes (see DynamoDbPortfolioStore.sweep). */
  scheduled(_controller: unknown, env: WorkerEnv, context: WaitUntil): void {
    if (!env.DYNAMODB_TABLE) return;
    const { client, store } = storeFor(env);
    context.waitUntil(store.sweep().finally(() => client.destroy()));
  },
};
