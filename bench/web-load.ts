/**
 * 50 simulated raters over HTTP against `pnpm serve` (packages/api/src/node.ts, temp data dir, random port) for
 * 60 s (BENCH_SECONDS to change): each saves one rating every ~2 s with its invite key and polls its progress
 * every second with If-None-Match, starting at a random moment of the first second. Latencies are counted
 * after a 5 s warm-up. Goals: zero lost ratings (every acknowledged rating is read back as sent)
 * and a poll p99 of at most 50 ms. Baseline: `GET /health` timed the same way on the same server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { startServerProcess } from "../test/api/portfolio-server.js";
import { createRandom } from "./lib.js";

const RATERS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const dataDir = mkdtempSync(join(tmpdir(), "cxprism-bench-load-"));
const loadBefore = loadavg()[0]!;
// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
const server = await startServerProcess(
  { CXPRISM_DATA_DIR: dataDir },
  (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
);
for (let i = 0; i < 300 && !/facilitator link/.test(server.stdout()); i++)
  await new Promise((r) => setTimeout(r, 100));
const key = /#key=([^&\s]+)/.exec(server.stdout())![1]!;
const owner = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const json = async (path: string, body: unknown) =>
  (await (await call(path, { method: "POST", headers: owner, body: JSON.stringify(body) })).json()) as Record<
    string,
    string
  >;

const { id } = await json("/v1/portfolios", { name: "Load" });
const initiatives = Array.from({ length: 20 }, (_, i) => `i${i}`);
await json(`/v1/portfolios/${id}/initiatives/import`, {
  initiatives: initiatives.map((i) => ({ id: i, name: i })),
});
const keys: string[] = [];
for (let r = 0; r < RATERS; r++)
  keys.push((await json(`/v1/portfolios/${id}/invites`, { role: "rater", rater: `r${r}` })).key!);

const acknowledged = new Map<string, Record<string, number>>();
const pollMs: number[] = [];
const healthMs: number[] = [];
let saves = 0;
let failed = 0;
// The first seconds after a start (the JIT, first use of each code path) are a warm-up: their latencies are
// not counted; their ratings are.
const WARM_UP_SECONDS = 5;
const measuredFrom = Date.now() + WARM_UP_SECONDS * 1000;
const until = measuredFrom + SECONDS * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async (samples: number[], run: () => Promise<Response>) => {
  const counted = Date.now() >= measuredFrom;
  const start = performance.now();
  const response = await run();
  await response.arrayBuffer();
  if (counted) samples.push(performance.now() - start);
  return response;
};

async function rater(r: number): Promise<void> {
  const random = createRandom(r + 1);
  const auth = { Authorization: `Bearer ${keys[r]}`, "Content-Type": "application/json" };
  let etag = "";
  let nextSave = Date.now() + random() * 2000;
  // People open their links at different moments, not within the same millisecond: without this, the 50
  // polls would arrive as one burst every second and the bench would measure the burst.
  await sleep(random() * 1000);
  while (Date.now() < until) {
    const poll = await timed(pollMs, () =>
      call(`/v1/portfolios/${id}/progress`, {
        headers: { ...auth, ...(etag ? { "If-None-Match": etag } : {}) },
      }),
    );
    etag = poll.headers.get("ETag") ?? etag;
    if (Date.now() >= nextSave) {
      const initiative = initiatives[Math.floor(random() * initiatives.length)]!;
      const ratings = Object.fromEntries(
        defaultModel.criteria.map((c) => [c.id, 1 + Math.floor(random() * 5)]),
      );
      const response = await call(`/v1/portfolios/${id}/ratings/r${r}`, {
        method: "PUT",
        headers: auth,
        body: JSON.stringify({ ratings: { [initiative]: ratings } }),
      });
      await response.arrayBuffer();
      saves++;
      if (response.ok) acknowledged.set(`r${r}/${initiative}`, ratings);
      else failed++;
      nextSave = Date.now() + 1500 + random() * 1000;
    }
    await sleep(1000);
  }
}
async function health(): Promise<void> {
  while (Date.now() < until) {
    await timed(healthMs, () => call("/health"));
    await sleep(100);
  }
}
await Promise.all([...Array.from({ length: RATERS }, (_, r) => rater(r)), health()]);

const stored = (await (await call(`/v1/portfolios/${id}/ratings`, { headers: owner })).json()) as {
  items: { initiativeId: string; rater: string; ratings: Record<string, number> }[];
};
const byKey = new Map(stored.items.map((item) => [`${item.rater}/${item.initiativeId}`, item.ratings]));
let lost = 0;
for (const [k, ratings] of acknowledged) if (JSON.stringify(byKey.get(k)) !== JSON.stringify(ratings)) lost++;
const quantile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length * q)]!;
const p99 = (samples: number[]) => quantile(samples, 0.99);
console.log(
  `${RATERS} raters x ${SECONDS} s (after ${WARM_UP_SECONDS} s of warm-up): ${saves} saves (${failed} refused), ${acknowledged.size} ratings acknowledged; machine load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (2 cores: above 2, other work shares them)`,
);
console.log(
  `lost ratings              ${String(lost).padStart(8)}  [goal 0: ${lost === 0 ? "met" : "NOT met"}]`,
);
console.log(
  `progress poll p99         ${p99(pollMs).toFixed(1).padStart(8)} ms  (p50 ${quantile(pollMs, 0.5).toFixed(1)} ms, ${pollMs.length} polls)  [goal <= 50 ms: ${p99(pollMs) <= 50 ? "met" : "NOT met"}]`,
);
console.log(
  `GET /health p99           ${p99(healthMs).toFixed(1).padStart(8)} ms  (baseline; poll ${(p99(pollMs) / p99(healthMs)).toFixed(2)}x)`,
);
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
