// What the attack suite shares: the real Node server in a child process on an external dynalite process
// (which a test can pause with SIGSTOP), and a probe that measures `/health` and a small `/v1/score` while a
// heavy request runs, with the server's memory beside it.

import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { defaultModel } from "@cxprism/core";
import { createRandom } from "../../bench/lib.js";
import { type ServerProcess, startServerProcess } from "../api/portfolio-server.js";

/** The owner key every attack server accepts (tenant `attack`). */
export const OWNER_KEY = "attack-owner";

const DYNALITE = createRequire(new URL("../../packages/api/package.json", import.meta.url)).resolve(
  "dynalite",
);

/** A dynalite server in its own process, in memory. */
export interface StoreProcess {
  readonly endpoint: string;
  /** SIGSTOP: the store keeps its connections open and answers nothing. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Starts dynalite in a child process on 127.0.0.1 and a free port.
 *
 * @returns the running store
 */
export async function startStoreProcess(): Promise<StoreProcess> {
  const script = `
const dynalite = require(${JSON.stringify(DYNALITE)});
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;
  const child: ChildProcess = spawn(process.execPath, ["-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGCONT");
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The Node server (`packages/api/src/node.ts`, default limits) on a store process. */
export interface AttackTarget {
  readonly server: ServerProcess;
  readonly store: StoreProcess;
  stop(): Promise<void>;
}

/**
 * Starts a store process and the Node entry on it, with the documented default limits and a temporary data
 * folder (its dev keys; the portfolios live in the store process), removed again by `stop`.
 *
 * @returns both, and a way to stop them
 */
export async function startAttackTarget(): Promise<AttackTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), "cxprism-attack-"));
  const store = await startStoreProcess();
  try {
    const server = await startServerProcess({
      CXPRISM_DATA_DIR: dataDir,
      CXPRISM_API_KEYS: JSON.stringify([
        { sha256: createHash("sha256").update(OWNER_KEY).digest("hex"), tenant: "attack", role: "owner" },
      ]),
      DYNAMODB_ENDPOINT: store.endpoint,
      DYNAMODB_TABLE: "cxprism",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      MAX_BODY_BYTES: "",
      CXPRISM_WEB_DIR: "/nonexistent",
    });
    return {
      server,
      store,
      async stop() {
        await server.stop();
        await store.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Sends a request as the owner (JSON bodies are stringified, strings sent as they are). */
export function call(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const text = body === undefined || typeof body === "string" ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${OWNER_KEY}`,
      ...(text === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(text === undefined ? {} : { body: text }),
  });
}

/** Every criterion of the default model rated `value`. */
export const ratings = (value: number): Record<string, number> =>
  Object.fromEntries(defaultModel.criteria.map((criterion) => [criterion.id, value]));

/** A seeded generator (mulberry32, the benchmarks' own): the same seed gives the same requests every run. */
export const seededRandom = createRandom;

/**
 * `count` initiatives with random ratings 1-5 (seeded), short ids and names, so as many as possible fit the
 * default 1 MiB body.
 */
export function randomInitiatives(count: number, seed = 1) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `i${i}`,
    name: `Initiative ${i}`,
    cost: 1000 + Math.floor(random() * 99_000),
    ratings: Object.fromEntries(
      defaultModel.criteria.map((criterion) => [criterion.id, 1 + Math.floor(random() * 5)]),
    ),
  }));
}

/** Latencies in milliseconds, summarised. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** One heavy request measured with the probes beside it. */
export interface Measured {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: number;
  /** The body as text (when it is text). */
  readonly text: string;
  /** Wall time of the heavy request, ms. */
  readonly ms: number;
  /** The server's resident memory above what it held before the request, MB (peak of samples). */
  readonly rssMb: number;
  readonly health: LatencySummary;
  readonly score: LatencySummary;
  /** Probes the server did not answer (a dropped connection): each also counts in the latencies. */
  readonly probeFailures: number;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match === null ? 0 : Number(match[1]) / 1024;
}

const SMALL_SCORE = JSON.stringify({ initiatives: randomInitiatives(3, 99) });

/**
 * The probe runs on its own thread, so what the test process does with a large answer (receiving, decoding)
 * never delays a probe: what it measures is the server alone.
 */
const PROBE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { url, score } = workerData;
const health = [];
const scores = [];
let failures = 0;
let done = false;
parentPort.once("message", () => { done = true; });
// A new connection for every probe (no keep-alive): a reused socket can be closed by the server's keep-alive
// timer in the instant a request is sent on it, which says nothing about the server's latency.
const send = (path, body) =>
  new Promise((resolve, reject) => {
    const request = http.request(url + path, {
      method: body === undefined ? "GET" : "POST",
      agent: false,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
    }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode));
      response.once("error", reject);
    });
    request.once("error", reject);
    request.end(body);
  });
const timed = async (into, path, body) => {
  const started = performance.now();
  try {
    const status = await send(path, body);
    if (status !== 200) throw new Error("probe answered " + status);
  } catch (error) {
    // A probe the server dropped or refused counts as failed, with the time it waited.
    failures++;
  }
  into.push(performance.now() - started);
};
(async () => {
  // One round first, unmeasured: the thread's first request loads what it needs.
  await timed([], "/health");
  await timed([], "/v1/score", score);
  parentPort.postMessage({ ready: true });
  while (!done) {
    await timed(health, "/health");
    await timed(scores, "/v1/score", score);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  parentPort.postMessage({ health, scores, failures });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/**
 * Runs `send` while a probe thread asks `/health` and scores three initiatives (`POST /v1/score`) one after
 * the other, again and again, and the server's resident memory is sampled every 20 ms.
 *
 * @param server - the server under attack
 * @param send - the heavy request
 * @returns its status, time and memory, and the probes' latencies
 */
export async function measureBeside(server: ServerProcess, send: () => Promise<Response>): Promise<Measured> {
  const before = await residentMb(server.pid);
  let peak = before;
  let done = false;
  const probe = new Worker(PROBE, { eval: true, workerData: { url: server.url, score: SMALL_SCORE } });
  type ProbeMessage = {
    ready?: true;
    health: number[];
    scores: number[];
    failures: number;
    error?: string;
  };
  const [warm] = (await once(probe, "message")) as [ProbeMessage];
  if (warm.error !== undefined) throw new Error(warm.error);
  const samples = once(probe, "message") as Promise<[ProbeMessage]>;
  const memory = (async () => {
    while (!done) {
      peak = Math.max(peak, await residentMb(server.pid));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  try {
    const response = await send();
    const body = new Uint8Array(await response.arrayBuffer());
    const ms = performance.now() - started;
    const contentType = response.headers.get("content-type") ?? "";
    done = true;
    probe.postMessage("stop");
    const [{ health, scores, failures, error }] = await samples;
    if (error !== undefined) throw new Error(error);
    return {
      status: response.status,
      contentType,
      bytes: body.length,
      text: /json|text|svg|csv/.test(contentType) ? new TextDecoder().decode(body) : "",
      ms,
      rssMb: peak - before,
      health: summarise(health),
      score: summarise(scores),
      probeFailures: failures,
    };
  } finally {
    done = true;
    await memory;
    await probe.terminate();
  }
}
