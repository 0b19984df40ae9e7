/**
 * API throughput: autocannon against the Node server (a child process, so the load generator does not share
 * its event loop) at 32 connections. Measures `POST /v1/score` with 30 initiatives and, in the same run and on
 * the same server, a hello-world route as the baseline. Prints the RPS ratio (goal >= 0.4) and the p99
 * latency of /v1/score (goal <= 25 ms).
 *
 *   npx tsx --conditions=@cxprism/source bench/api.ts [seconds per measurement, default 5]
 */
import { spawn } from "node:child_process";
import { catalogInitiatives, type InitiativeInput } from "@cxprism/core";
import autocannon from "autocannon";

const SECONDS = Number(process.argv[2] ?? 5);
/** Hello and score alternate this many times; medians smooth out a machine shared with other work. */
const ROUNDS = 3;
const CONNECTIONS = 32;

/** 30 initiatives: the 22 catalog use cases and 8 variants of them with shifted ratings. */
function thirtyInitiatives(): InitiativeInput[] {
  const base = catalogInitiatives();
  const variants = base.slice(0, 30 - base.length).map((initiative, k) => ({
    ...initiative,
    id: `${initiative.id}-variant`,
    name: `${initiative.name} (variant)`,
    dependsOn: [],
    ratings: Object.fromEntries(
      Object.entries(initiative.ratings ?? {}).map(([id, value]) => [id, ((Number(value) + k) % 5) + 1]),
    ),
  }));
  return [...base, ...variants];
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@cxprism/source", "bench/api-server.ts"],
    {
      cwd: new URL("..", import.meta.url).pathname,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

interface Measurement {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function measure(options: autocannon.Options): Promise<Measurement> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The per-field median over rounds. */
function median(measurements: readonly Measurement[]): Measurement {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    rps: mid(measurements.map((m) => m.rps)),
    p50: mid(measurements.map((m) => m.p50)),
    p99: mid(measurements.map((m) => m.p99)),
    errors: measurements.reduce((sum, m) => sum + m.errors, 0),
    non2xx: measurements.reduce((sum, m) => sum + m.non2xx, 0),
  };
}

const server = await startServer();
try {
  const body = JSON.stringify({ initiatives: thirtyInitiatives() });
  const check = await fetch(`${server.url}/v1/score`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  const scored = (await check.json()) as { results?: unknown[] };
  if (check.status !== 200 || scored.results?.length !== 30)
    throw new Error(`expected 30 results with status 200, received ${check.status}`);

  const hello = { url: `${server.url}/bench/hello` };
  const score = {
    url: `${server.url}/v1/score`,
    method: "POST" as const,
    headers: { "content-type": "application/json" },
    body,
  };
  // Warm up both routes (JIT, lazy documents) before measuring.
  await autocannon({ ...hello, connections: CONNECTIONS, duration: 2 });
  await autocannon({ ...score, connections: CONNECTIONS, duration: 2 });

  const hellos: Measurement[] = [];
  const scores: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    hellos.push(await measure(hello));
    scores.push(await measure(score));
  }
  const baseline = median(hellos);
  const scoring = median(scores);
  const ratio = scoring.rps / baseline.rps;
  const row = (name: string, m: Measurement) =>
    `${name.padEnd(28)} ${m.rps.toFixed(0).padStart(8)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(4)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`;
  console.log(
    `autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians, Node ${process.version}`,
  );
  for (let round = 0; round < ROUNDS; round++)
    console.log(
      `  round ${round + 1}: hello ${hellos[round]!.rps.toFixed(0)} req/s, score ${scores[round]!.rps.toFixed(0)} req/s`,
    );
  console.log(row("GET /bench/hello (baseline)", baseline));
  console.log(row("POST /v1/score (30 initiatives)", scoring));
  console.log(`score/hello RPS ratio: ${ratio.toFixed(3)} (goal >= 0.4) ${ratio >= 0.4 ? "met" : "NOT met"}`);
  console.log(
    `score p99 latency: ${scoring.p99} ms (goal <= 25 ms) ${scoring.p99 <= 25 ? "met" : "NOT met"}`,
  );
} finally {
  await server.stop();
}
