import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CxprismError, type Problem } from "@cxprism/core";
import { ApiError, type ProblemKind } from "../http/problem.js";
import type { CpuAnswers, CpuJob, CpuRunner } from "./cpu-jobs.js";

/** Why the pool did not run a job. */
export type CpuPoolErrorCode = "busy" | "deadline" | "crashed" | "closed";

/** The pool's one error class: `busy` (the queue is full) and `deadline` become 503 with `Retry-After`. */
export class CpuPoolError extends Error {
  override readonly name = "CpuPoolError";
  readonly code: CpuPoolErrorCode;

  /**
   * @param code - why
   * @param message - a sentence for the problem detail
   */
  constructor(code: CpuPoolErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Threads (default: the machine's cores - 1, from 1 to 4). */
  readonly size?: number;
  /** Jobs that may wait for a thread; one more is refused as `busy` (default 8 per thread). */
  readonly queueLimit?: number;
  /**
   * Light jobs ({@link LIGHT_JOBS}) running or waiting at most; past it, or while any other job is running or
   * waiting, the pool declines a light job (answers `undefined`) and the caller runs it (default 64 per thread).
   */
  readonly lightLimit?: number;
  /** Milliseconds a job may run before its thread is stopped and replaced (default 20,000). */
  readonly deadlineMs?: number;
  /** The worker script (default: `cpu-worker` beside this file, `.ts` under tsx, `.js` when built). */
  readonly script?: URL;
}

/** A bounded pool of worker threads that runs {@link CpuJob}s. */
export interface WorkerPool {
  readonly run: CpuRunner;
  /** Jobs running and waiting now. */
  load(): { readonly running: number; readonly queued: number };
  /** Stops every thread; waiting jobs fail as `closed`. */
  close(): Promise<void>;
}

/**
 * Jobs of a fraction of a millisecond that the request's thread could as well run itself (`score-json`): on a
 * free thread they leave that thread to the network, but they must never wait behind a matrix or a board
 * pack, nor count against the queue limit of such work.
 */
export const LIGHT_JOBS: ReadonlySet<CpuJob["kind"]> = new Set(["score-json"]);

interface Pending {
  readonly job: CpuJob;
  readonly light: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Set when the worker has loaded and said so: a job's deadline never pays for a thread's start. */
  ready: boolean;
  /**
   * Jobs sent to the thread and not yet answered, oldest first: one job, or light jobs only. The thread
   * answers in the order it received them; light jobs wait there rather than here, so the thread never idles
   * while the request thread hands it the next one.
   */
  sent: Pending[];
  /** The deadline of the oldest sent job, which is the one running. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** What a worker sends: that it is ready, or a job's outcome. */
export type WorkerMessage =
  | { readonly ready: true }
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: WorkerFailure };

/**
 * A job's failure as sent back by the worker: a core error keeps its code and problems, an API error (a job
 * that reads a request body refuses it as the route would) its kind, problem members and headers.
 */
export interface WorkerFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly problems?: readonly Problem[];
  readonly kind?: ProblemKind;
  readonly extra?: ApiError["extra"];
  readonly headers?: ApiError["headers"];
}

/**
 * A job's error as the worker sends it back (see {@link WorkerFailure}).
 *
 * @param error - what the job threw
 * @returns the failure, as plain data
 */
export function describeFailure(error: unknown): WorkerFailure {
  if (error instanceof CxprismError)
    return { name: error.name, message: error.message, code: error.code, problems: error.problems };
  if (error instanceof ApiError)
    return {
      name: error.name,
      message: error.message,
      kind: error.kind,
      extra: error.extra,
      headers: error.headers,
    };
  return { name: (error as Error).name ?? "Error", message: (error as Error).message ?? String(error) };
}

/**
 * Starts a worker on a script. From the TypeScript sources (`pnpm serve`, tests) the worker first registers
 * tsx's loader, which worker threads do not inherit; the built package runs its JavaScript directly.
 */
function startWorker(script: URL): Worker {
  if (!script.pathname.endsWith(".ts")) return new Worker(script);
  // The ESM build of tsx's API (the CommonJS one cannot load its ESM half from an eval'd worker).
  const api = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const source = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(source, { eval: true });
}

function revive(failure: WorkerFailure): Error {
  if (failure.name === "CxprismError" && failure.code !== undefined && failure.problems !== undefined)
    return new CxprismError(failure.code as CxprismError["code"], failure.problems);
  if (failure.name === "ApiError" && failure.kind !== undefined)
    return new ApiError(failure.kind, failure.message, { ...failure.extra, headers: failure.headers ?? {} });
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

/**
 * Starts a pool of worker threads for the API's CPU-heavy work, so a large matrix, plan or simulation
 * never holds the event loop (`/health` and small requests keep answering). At most `size` jobs run at once,
 * at most `queueLimit` wait; past that a job is refused at once (`busy`). A job over `deadlineMs` has its
 * thread terminated (the only way to stop synchronous work) and replaced.
 *
 * @param options - size, queue limit, deadline
 * @returns the pool
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const queueLimit = options.queueLimit ?? 8 * size;
  const lightLimit = options.lightLimit ?? 64 * size;
  const deadlineMs = options.deadlineMs ?? 20_000;
  const script =
    options.script ??
    new URL(import.meta.url.endsWith(".ts") ? "./cpu-worker.ts" : "./cpu-worker.js", import.meta.url);
  const queue: Pending[] = [];
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker(script), ready: false, sent: [], timer: undefined };
    slot.worker.unref();
    slot.worker.on("message", (message: WorkerMessage) => {
      if ("ready" in message) {
        slot.ready = true;
        return dispatch();
      }
      const answered = slot.sent.shift();
      if (answered === undefined) return;
      clearTimeout(slot.timer);
      slot.timer = slot.sent.length > 0 ? startDeadline(slot) : undefined;
      if (message.ok) answered.resolve(message.value);
      else answered.reject(revive(message.error));
      dispatch();
    });
    slot.worker.on("error", (error) => {
      const crashed = new CpuPoolError("crashed", `the job failed: ${error.message}`);
      if (slot.ready) return fail(slot, crashed);
      // A thread that cannot even start would fail every job the same way: say so to everyone waiting.
      for (const pending of queue.splice(0)) pending.reject(crashed);
    });
    slot.worker.on("exit", () => {
      if (slot.sent.length > 0) fail(slot, new CpuPoolError("crashed", "the worker thread stopped"));
    });
    return slot;
  };

  const startDeadline = (slot: Slot) =>
    setTimeout(
      () =>
        fail(
          slot,
          new CpuPoolError("deadline", `the work took longer than ${deadlineMs / 1000} s and was stopped`),
        ),
      deadlineMs,
    );

  /** Fails every job sent to a thread (the one running, and light ones behind it) and replaces the thread. */
  const fail = (slot: Slot, error: Error): void => {
    if (slot.sent.length === 0) return;
    clearTimeout(slot.timer);
    slot.timer = undefined;
    for (const pending of slot.sent.splice(0)) pending.reject(error);
    const index = slots.indexOf(slot);
    void slot.worker.terminate();
    if (closed || index < 0) return;
    slots[index] = spawn();
    dispatch();
  };

  /** Whether a thread can take this job now: an idle thread takes any, one running light jobs another light. */
  const canTake = (slot: Slot, pending: Pending): boolean =>
    slot.ready && (slot.sent.length === 0 || (pending.light && slot.sent.every((sent) => sent.light)));

  /** Sends waiting jobs, oldest first, each to the thread with the fewest jobs that can take it. */
  const dispatch = (): void => {
    while (queue.length > 0) {
      const pending = queue[0]!;
      let target: Slot | undefined;
      for (const slot of slots)
        if (canTake(slot, pending) && (target === undefined || slot.sent.length < target.sent.length))
          target = slot;
      if (target === undefined) return;
      queue.shift();
      target.sent.push(pending);
      target.timer ??= startDeadline(target);
      target.worker.postMessage(pending.job);
    }
  };

  const slots: Slot[] = Array.from({ length: size }, spawn);

  // Jobs accepted and not yet answered, light and other.
  let lightInFlight = 0;
  let heavyInFlight = 0;

  const run = (<J extends CpuJob>(job: J) =>
    new Promise<CpuAnswers[J["kind"]]>((resolve, reject) => {
      if (closed) return reject(new CpuPoolError("closed", "the server is stopping"));
      const light = LIGHT_JOBS.has(job.kind);
      if (light && (heavyInFlight > 0 || lightInFlight >= lightLimit))
        return resolve(undefined as CpuAnswers[J["kind"]]);
      const waiting = queue.filter((pending) => !pending.light).length;
      if (!light && waiting >= queueLimit)
        return reject(new CpuPoolError("busy", `${size} jobs are running and ${waiting} are waiting`));
      if (light) lightInFlight++;
      else heavyInFlight++;
      const settled = () => {
        if (light) lightInFlight--;
        else heavyInFlight--;
      };
      queue.push({
        job,
        light,
        resolve: (value) => {
          settled();
          resolve(value as CpuAnswers[J["kind"]]);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      dispatch();
    })) as CpuRunner;

  return {
    run,
    load: () => ({
      running: slots.reduce((sum, slot) => sum + Math.min(1, slot.sent.length), 0),
      queued: queue.length,
    }),
    async close() {
      closed = true;
      for (const pending of queue.splice(0))
        pending.reject(new CpuPoolError("closed", "the server is stopping"));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
