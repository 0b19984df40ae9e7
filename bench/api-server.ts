/**
 * The server `bench/api.ts` measures: the API app as `pnpm serve` builds it (its CPU pool included; no shared
 * portfolios, which `/v1/score` does not use), plus two baselines on the
 * same app and server. `GET /bench/hello` answers a short text. `POST /bench/echo` does the unavoidable part of
 * scoring: it reads and parses the JSON body as `/v1/score` does and answers a JSON body of the same size and
 * shape as the score response (that response, computed once at start-up and serialised anew each time).
 * Prints its URL once it listens.
 */
import { createApp } from "@cxprism/api";
import { startNodeServer } from "@cxprism/api/node";
import { OFFLOAD_BODY_BYTES } from "../packages/api/src/config/deps.js";
import { createWorkerPool } from "../packages/api/src/cpu/worker-pool.js";
import { scoreRequestBody } from "./lib-load.js";
import { createServerStats } from "./lib-server-stats.js";

// The echo's answer comes from a second app: a Hono app takes no routes once it has answered a request.
const scored = await createApp().request("/v1/score", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: scoreRequestBody(),
});
const scoreResponse: unknown = await scored.json();
// The CPU pool and offload threshold of the Node entry (packages/api/src/node.ts).
const pool = createWorkerPool();
const app = createApp({ runCpu: pool.run, offloadBodyBytes: OFFLOAD_BODY_BYTES });
app.get("/bench/hello", (c) => c.text("Hello, world!"));
// Not a baseline: the load generator reads the server's CPU time around each measurement.
const stats = createServerStats();
app.get("/bench/cpu", (c) => c.json(stats.read()));
app.post("/bench/echo", async (c) => {
  const body: unknown = JSON.parse(await c.req.text());
  if (body === null || typeof body !== "object") return c.text("expected a JSON object", 400);
  return c.json(scoreResponse);
});

const server = await startNodeServer({ app, port: 0, host: "127.0.0.1" });
console.log(`listening on ${server.url}`);
process.once("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
