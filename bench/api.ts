/**
 * API throughput: autocannon at 32 connections against the Node server in a child process. Measures
 * `POST /v1/score` with 30 initiatives and, in the same run and on the same server, two baselines: a
 * hello-world route and an echo route that parses the same body and answers a JSON body of the score
 * response's size (the unavoidable parse-and-serialise cost). Prints score/echo (goal >= 0.5), score/hello and
 * the p99 latency of /v1/score (goal <= 25 ms). Each row also shows the server's CPU time per request, and
 * score/echo is given by that too: on a machine shared with other work, RPS and latency follow the load while
 * CPU per request barely moves.
 *
 *   npx tsx --conditions=@cxprism/source bench/api.ts [seconds per measurement, default 5]
 *   npx tsx --conditions=@cxprism/source bench/api.ts --cpu-prof [seconds]   # profile /v1/score only
 *
 * With `--cpu-prof` the server runs under Node's CPU profiler while only `/v1/score` is loaded; the run prints
 * the server's time per request by part of the work (parse, validation, scoring, Result objects, serialising,
 * the socket write...), and the profile stays in bench/.out/profiles/ (open it in Chrome DevTools or VS Code).
 */
import {
  formatRow,
  measureRounds,
  medianOf,
  profileRoute,
  scoreRequestBody,
  startBenchServer,
} from "./lib-load.js";

const profile = process.argv.includes("--cpu-prof");
const SECONDS = Number(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? 5);
/** The routes alternate this many times; medians smooth out a machine shared with other work. */
const ROUNDS = 3;

const server = await startBenchServer("api-server.ts", profile);
try {
  const body = scoreRequestBody();
  const post = (path: string) => ({
    url: `${server.url}${path}`,
    method: "POST" as const,
    headers: { "content-type": "application/json" },
    body,
  });
  const check = await fetch(`${server.url}/v1/score`, post("/v1/score"));
  const scoredText = await check.text();
  const echoed = await fetch(`${server.url}/bench/echo`, post("/bench/echo"));
  const echoedText = await echoed.text();
  const scored = JSON.parse(scoredText) as { results?: unknown[] };
  if (check.status !== 200 || scored.results?.length !== 30)
    throw new Error(`expected 30 results with status 200, received ${check.status}`);
  if (echoed.status !== 200 || echoedText.length !== scoredText.length)
    throw new Error(
      `expected the echo to answer ${scoredText.length} characters, received ${echoedText.length}`,
    );

  if (profile)
    await profileRoute(server, "POST /v1/score (30 initiatives), profiled", post("/v1/score"), SECONDS);
  else {
    const measured = await measureRounds(
      { hello: { url: `${server.url}/bench/hello` }, echo: post("/bench/echo"), score: post("/v1/score") },
      ROUNDS,
      SECONDS,
    );
    const hello = medianOf(measured.hello!);
    const echo = medianOf(measured.echo!);
    const scoring = medianOf(measured.score!);
    console.log(
      `autocannon, 32 connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians, Node ${process.version}; body ${body.length} B, response ${scoredText.length} B`,
    );
    const perRound = (name: string) =>
      measured[name]!.map((m) => `${m.rps.toFixed(0)} req/s p99 ${m.p99} ms ${m.cpuUs.toFixed(0)} us`).join(
        ", ",
      );
    for (const name of ["hello", "echo", "score"]) console.log(`  rounds of ${name}: ${perRound(name)}`);
    console.log(formatRow("GET /bench/hello (baseline)", hello));
    console.log(formatRow("POST /bench/echo (baseline)", echo));
    console.log(formatRow("POST /v1/score (30 initiatives)", scoring));
    const toEcho = scoring.rps / echo.rps;
    const cpuToEcho = echo.cpuUs / scoring.cpuUs;
    console.log(
      `score/echo RPS ratio: ${toEcho.toFixed(3)} (goal >= 0.5) ${toEcho >= 0.5 ? "met" : "NOT met"}`,
    );
    console.log(
      `score/echo by server CPU per request (echo us / score us): ${cpuToEcho.toFixed(3)} (goal >= 0.5) ${cpuToEcho >= 0.5 ? "met" : "NOT met"}`,
    );
    console.log(`score/hello RPS ratio: ${(scoring.rps / hello.rps).toFixed(3)}`);
    console.log(
      `score p99 latency: ${scoring.p99} ms (goal <= 25 ms) ${scoring.p99 <= 25 ? "met" : "NOT met"}`,
    );
  }
} finally {
  await server.stop();
}
