/**
 * A workshop's reads: autocannon at 32 connections against `GET /v1/portfolios/:id/results` for a portfolio of
 * 60 initiatives x 15 raters on the embedded store (dynalite in the server's process), with `GET /health` on the
 * same server as the baseline, alternating in the same run. Also measures the poll a client repeats with the
 * ETag it was given (`If-None-Match`), which an unchanged portfolio answers with 304.
 *
 *   npx tsx --conditions=@cxprism/source bench/api-results.ts [seconds per measurement, default 5]
 *   npx tsx --conditions=@cxprism/source bench/api-results.ts --cpu-prof [seconds]   # profile results only
 */
import { formatRow, measureRounds, medianOf, profileRoute, startBenchServer } from "./lib-load.js";

const profile = process.argv.includes("--cpu-prof");
const SECONDS = Number(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? 5);
const ROUNDS = 3;

const server = await startBenchServer("api-results-server.ts", profile);
try {
  const url = `${server.url}/v1/portfolios/workshop/results`;
  const headers = { authorization: "Bearer bench" };
  const check = await fetch(url, { headers });
  const text = await check.text();
  const body = JSON.parse(text) as { results?: unknown[] };
  if (check.status !== 200 || body.results?.length !== 60)
    throw new Error(`expected 60 results with status 200, received ${check.status}: ${text.slice(0, 200)}`);
  const etag = check.headers.get("etag");
  const results = { url, headers };
  if (profile) await profileRoute(server, "GET results (60 x 15), profiled", results, SECONDS);
  else {
    const routes = {
      health: { url: `${server.url}/health` },
      results,
      ...(etag === null ? {} : { poll: { url, headers: { ...headers, "if-none-match": etag } } }),
    };
    const measured = await measureRounds(routes, ROUNDS, SECONDS);
    console.log(
      `autocannon, 32 connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians, Node ${process.version}; results body ${text.length} B, ETag ${etag ?? "none"}`,
    );
    for (const [name, rounds] of Object.entries(measured))
      console.log(
        `  rounds of ${name}: ${rounds.map((m) => `${m.rps.toFixed(0)} req/s ${m.cpuUs.toFixed(0)} us`).join(", ")}`,
      );
    const health = medianOf(measured.health!);
    const scored = medianOf(measured.results!);
    console.log(formatRow("GET /health (baseline)", health));
    console.log(formatRow("GET results (60 x 15)", scored));
    console.log(
      `results/health: RPS ${(scored.rps / health.rps).toFixed(3)}, by server CPU per request ${(health.cpuUs / scored.cpuUs).toFixed(3)}`,
    );
    if (measured.poll !== undefined) {
      const poll = medianOf(measured.poll);
      console.log(formatRow("GET results, If-None-Match (304)", poll));
      console.log(
        `poll/health: RPS ${(poll.rps / health.rps).toFixed(3)}, by server CPU per request ${(health.cpuUs / poll.cpuUs).toFixed(3)}; non-2xx counts the 304s`,
      );
    }
  }
} finally {
  await server.stop();
}
