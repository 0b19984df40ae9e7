#!/usr/bin/env node
/**
 * Node entry: `pnpm serve` from the repository root, or `npx cxprism-api` where `@cxprism/api` is installed.
 * Listens on `PORT` (default 8787) and `HOST` (default 127.0.0.1); `CORS_ORIGINS` and `MAX_BODY_BYTES` configure
 * the app as in the worker. Shared portfolios run on an embedded dynalite under `CXPRISM_DATA_DIR` (default
 * `.cxprism/data`), or on `DYNAMODB_ENDPOINT` when set (see node/local-portfolios.ts); `CXPRISM_PORTFOLIOS=off`
 * leaves them out. The workshop web app is served at `/` from `packages/web/dist` (or `CXPRISM_WEB_DIR`), and the
 * facilitator's link is printed on every start.
 */
import { createApp, OFFLOAD_BODY_BYTES, parseByteLimit, parseCorsOrigins } from "./app.js";
import { createWorkerPool, type WorkerPool } from "./cpu/worker-pool.js";
import { createWebAssetHandler } from "./http/web-assets.js";
import { ensureDemoWorkshop } from "./node/demo-workshop.js";
import { type LocalPortfolios, startLocalPortfolios } from "./node/local-portfolios.js";
import { renderPngWithResvg } from "./node/render-png.js";
import { startNodeServer } from "./node/server.js";
import { readWebAssets } from "./node/web-assets.js";

// The AWS SDK warns on Node below 22 that its releases after January 2027 will need Node 22. The SDK release
// this package depends on runs on every Node it supports (20.19 and later), so the Node entry turns that one
// notice off unless the environment has already decided; every other warning still shows.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function readPort(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 8787;
  const port = Number(setting);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`expected PORT to be a whole number from 0 to 65535, received "${setting}"`);
  return port;
}

// Everything this process writes is the store's data (every tenant's portfolios): owner-only, 0700 and 0600.
process.umask(0o077);

let portfolios: LocalPortfolios | undefined;
let pool: WorkerPool | undefined;
try {
  const maxBodyBytes = parseByteLimit(process.env.MAX_BODY_BYTES);
  portfolios = process.env.CXPRISM_PORTFOLIOS === "off" ? undefined : await startLocalPortfolios(process.env);
  // Matrix drawing and simulations run on worker threads, so /health and small requests never wait for them.
  pool = createWorkerPool();
  const web = await readWebAssets(process.env.CXPRISM_WEB_DIR || undefined);
  const app = createApp({
    corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
    limits: maxBodyBytes === undefined ? {} : { maxBodyBytes },
    renderPng: renderPngWithResvg,
    // The board pack's libraries load on the first request for one, not at start.
    renderReport: async (pack, format, paper) =>
      (await import("./node/render-report.js")).renderReportOnNode(pack, format, paper),
    portfolios: portfolios?.deps,
    runCpu: pool.run,
    offloadBodyBytes: OFFLOAD_BODY_BYTES,
    webAssets: web === undefined ? undefined : createWebAssetHandler(web),
  });
  const server = await startNodeServer({
    port: readPort(process.env.PORT),
    host: process.env.HOST ?? "127.0.0.1",
    app,
  });
  const stop = () => {
    server
      .close()
      .then(() => pool?.close())
      .then(() => portfolios?.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (portfolios !== undefined) {
    console.log(`portfolio store: ${portfolios.endpoint}`);
    if (portfolios.newDevKey !== undefined)
      console.log(
        `dev owner API key (tenant "local"), shown only this once; only its hash is stored:\n  ${portfolios.newDevKey}`,
      );
  }
  console.log(`cxprism API listening on ${server.url} (docs: ${server.url}/docs)`);
  if (web === undefined)
    console.log(
      "workshop app not built: run `pnpm --filter @cxprism/web build` (or `pnpm workshop`) to serve it at /",
    );
  else if (portfolios !== undefined) {
    const workshop = await ensureDemoWorkshop((request) => app.fetch(request), portfolios.facilitatorKey);
    const fragment = new URLSearchParams({ key: portfolios.facilitatorKey, workshop });
    console.log(`facilitator link (this run only; keep it private):\n  ${server.url}/#${fragment}`);
  }
} catch (error) {
  await pool?.close().catch(() => undefined);
  await portfolios?.close().catch(() => undefined);
  console.error(`cxprism API: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
