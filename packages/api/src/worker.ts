/**
 * Cloudflare Workers entry: builds the app from the worker's variables once per isolate.
 *
 * Variables (wrangler.jsonc `vars` or the dashboard): `CORS_ORIGINS` (comma-separated origins, or `*`) and
 * `MAX_BODY_BYTES`.
 */
import type { Hono } from "hono";
import { type AppEnv, createApp, parseByteLimit, parseCorsOrigins } from "./app.js";

/** The worker's variables. */
export interface WorkerEnv {
  readonly CORS_ORIGINS?: string;
  readonly MAX_BODY_BYTES?: string;
}

let app: Hono<AppEnv> | undefined;
let appEnv: WorkerEnv | undefined;

function appFor(env: WorkerEnv): Hono<AppEnv> {
  if (app === undefined || appEnv !== env) {
    const maxBodyBytes = parseByteLimit(env.MAX_BODY_BYTES);
    app = createApp({
      corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
      limits: maxBodyBytes === undefined ? {} : { maxBodyBytes },
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
};
