/**
 * Shared helpers for the HTTP load benchmarks: a bench server in a child process (so the load generator does
 * not share its event loop), autocannon measurements and their medians, and one printed row per route.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { catalogInitiatives } from "@cxprism/core";
import autocannon from "autocannon";
import { monotonicUs, summariseProfiles } from "./lib-profile-summary.js";
import type { ServerStats } from "./lib-server-stats.js";

/** Connections autocannon keeps open: a workshop's worth of clients polling at once. */
export const CONNECTIONS = 32;

/** A bench server running in a child process. */
export interface BenchServer {
  readonly url: string;
  /** With a profile: the folder of this run's `.cpuprofile` files (inside {@link PROFILE_DIR}). */
  readonly profileDir: string | undefined;
  /** Stops the server (again: resolves at once); with `--cpu-prof` the profile is written before this resolves. */
  stop(): Promise<void>;
}

/** Where `--cpu-prof` runs write their profiles (git-ignored). */
export const PROFILE_DIR = new URL("./.out/profiles/", import.meta.url).pathname;

/** Node options for the bench servers, from `BENCH_SERVER_NODE_ARGS`. */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);

/**
 * Starts `bench/<script>` under tsx and resolves with the URL it prints (`listening on <url>`).
 *
 * @param script - the server module, relative to bench/
 * @param profile - run the server with `--cpu-prof`, writing into a new folder inside {@link PROFILE_DIR}
 *
 * `BENCH_SERVER_NODE_ARGS` adds Node options to the server (`--trace-gc` to see its collections); what the
 * server prints after its URL is then passed on to this process's stderr.
 */
export async function startBenchServer(script: string, profile = false): Promise<BenchServer> {
  const profileDir = profile ? join(PROFILE_DIR, `${script}-${Date.now()}`) : undefined;
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(profileDir !== undefined ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      ...serverNodeArgs,
      "--import",
      "tsx",
      "--conditions=@cxprism/source",
      `bench/${script}`,
    ],
    { cwd: new URL("..", import.meta.url).pathname, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const listen = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (\S+)/.exec(output);
      if (!match) return;
      child.stdout.off("data", listen);
      if (serverNodeArgs.length > 0) child.stdout.pipe(process.stderr);
      else child.stdout.resume();
      resolve(match[1]!);
    };
    child.stdout.on("data", listen);
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    profileDir,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** One autocannon run, reduced to what the benchmarks print. */
export interface Measurement {
  readonly rps: number;
  /** Requests answered in the run. */
  readonly requests: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU time (user + system) per answered request, in microseconds. */
  readonly cpuUs: number;
  readonly errors: number;
  readonly non2xx: number;
  /** Share of the run the server spent in garbage-collection pauses, in percent. */
  readonly gcPercent: number;
  /** The server's longest collection pause in the run, in milliseconds. */
  readonly gcMaxMs: number;
  /** The server's event-loop delay, 99th percentile over the run, in milliseconds. */
  readonly loopDelayP99Ms: number;
}

/** The bench server's own figures (`GET /bench/cpu`, see lib-server-stats.ts). */
async function serverStats(baseUrl: string): Promise<ServerStats> {
  return (await (await fetch(`${baseUrl}/bench/cpu`)).json()) as ServerStats;
}

/**
 * Runs autocannon at {@link CONNECTIONS} connections for `seconds`. Besides throughput and latency it reads
 * the server's CPU time before and after, so CPU per request can be compared between routes even when other
 * work on a shared machine takes cores away (RPS and latency move with the load; CPU per request barely does).
 *
 * @param options - the request (url, method, headers, body)
 * @param seconds - how long to run
 */
export async function measure(options: autocannon.Options, seconds: number): Promise<Measurement> {
  const baseUrl = new URL(options.url).origin;
  const before = await serverStats(baseUrl);
  const result = await autocannon({ connections: CONNECTIONS, duration: seconds, ...options });
  const after = await serverStats(baseUrl);
  const cpu = after.user + after.system - (before.user + before.system);
  return {
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: cpu / Math.max(1, result.requests.total),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    gcPercent: after.gcMs / (10 * seconds),
    gcMaxMs: after.gcMaxMs,
    loopDelayP99Ms: after.loopDelayP99Ms,
  };
}

/** The per-field median over rounds (errors and non-2xx summed). */
export function medianOf(measurements: readonly Measurement[]): Measurement {
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    rps: mid(measurements.map((m) => m.rps)),
    requests: mid(measurements.map((m) => m.requests)),
    p50: mid(measurements.map((m) => m.p50)),
    p99: mid(measurements.map((m) => m.p99)),
    cpuUs: mid(measurements.map((m) => m.cpuUs)),
    gcPercent: mid(measurements.map((m) => m.gcPercent)),
    gcMaxMs: mid(measurements.map((m) => m.gcMaxMs)),
    loopDelayP99Ms: mid(measurements.map((m) => m.loopDelayP99Ms)),
    errors: measurements.reduce((sum, m) => sum + m.errors, 0),
    non2xx: measurements.reduce((sum, m) => sum + m.non2xx, 0),
  };
}

/**
 * Measures every route once per round, the routes alternating within a round, after a short warm-up of each
 * (JIT, lazy documents). Alternating keeps a machine shared with other work from favouring one route.
 *
 * @param routes - the requests by name
 * @param rounds - how many rounds
 * @param seconds - seconds per measurement
 * @returns each route's measurements, one per round
 */
export async function measureRounds(
  routes: Readonly<Record<string, autocannon.Options>>,
  rounds: number,
  seconds: number,
): Promise<Record<string, Measurement[]>> {
  for (const options of Object.values(routes))
    await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
  const measured: Record<string, Measurement[]> = Object.fromEntries(
    Object.keys(routes).map((name) => [name, []]),
  );
  for (let round = 0; round < rounds; round++)
    for (const [name, options] of Object.entries(routes))
      measured[name]!.push(await measure(options, seconds));
  return measured;
}

/**
 * One printed line: RPS, p50, p99, server CPU per request, errors and non-2xx of a route; then the server's
 * share of time in collection pauses, its longest pause and its event loop's p99 delay.
 */
export function formatRow(name: string, m: Measurement): string {
  return `${name.padEnd(40)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(4)} ms  CPU ${m.cpuUs.toFixed(0).padStart(5)} us/req  errors ${m.errors}  non-2xx ${m.non2xx}  GC ${m.gcPercent.toFixed(1)}% max ${m.gcMaxMs.toFixed(1)} ms  loop p99 ${m.loopDelayP99Ms.toFixed(1)} ms`;
}

/**
 * The JSON body `bench/api.ts` posts to `/v1/score`: 30 initiatives, the 22 catalog use cases and 8 variants of
 * them with shifted ratings.
 */
export function scoreRequestBody(): string {
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
  return JSON.stringify({ initiatives: [...base, ...variants] });
}

/**
 * Loads one route of a server started with a profile (after a short warm-up), stops the server so that Node
 * writes the profile, and prints the route's row and where the server's time went per request.
 *
 * @param server - a server from {@link startBenchServer} with `profile` set
 * @param name - the row's name
 * @param options - the request
 * @param seconds - how long to load it
 */
export async function profileRoute(
  server: BenchServer,
  name: string,
  options: autocannon.Options,
  seconds: number,
): Promise<void> {
  if (server.profileDir === undefined) throw new Error("expected a server started with a profile");
  await autocannon({ ...options, connections: CONNECTIONS, duration: 2 });
  const startUs = monotonicUs();
  const measured = await measure(options, seconds);
  const endUs = monotonicUs();
  await server.stop();
  console.log(formatRow(name, measured));
  console.log(`where the server's main thread spent its time (CPU profile in ${server.profileDir}):`);
  for (const line of summariseProfiles(server.profileDir, { startUs, endUs }, measured.requests))
    console.log(line);
}
