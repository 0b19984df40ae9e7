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

interface Pending {
  readonly job: CpuJob;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Set when the worker has loaded and said so: a job's deadline never pays for a thread's start. */
  ready: boolean;
  current: (Pending & { timer: ReturnType<typeof setTimeout> }) | undefined;
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
  const deadlineMs = options.deadlineMs ?? 20_000;
  const script =
    options.script ??
    new URL(import.meta.url.endsWith(".ts") ? "./cpu-worker.ts" : "./cpu-worker.js", import.meta.url);
  const queue: Pending[] = [];
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: startWorker(script), ready: false, current: undefined };
    slot.worker.unref();
    slot.worker.on("message", (message: WorkerMessage) => {
      if ("ready" in message) {
        slot.ready = true;
        return next(slot);
      }
      const current = slot.current;
      if (current === undefined) return;
      clearTimeout(current.timer);
      slot.current = undefined;
      if (message.ok) current.resolve(message.value);
      else current.reject(revive(message.error));
      next(slot);
    });
    slot.worker.on("error", (error) => {
      const crashed = new CpuPoolError("crashed", `the job failed: ${error.message}`);
      if (slot.ready) return fail(slot, crashed);
      // A thread that cannot even start would fail every job the same way: say so to everyone waiting.
      for (const pending of queue.splice(0)) pending.reject(crashed);
    });
    slot.worker.on("exit", () => {
      if (slot.current !== undefined) fail(slot, new CpuPoolError("crashed", "the worker thread stopped"));
    });
    return slot;
  };

  const fail = (slot: Slot, error: Error): void => {
    const current = slot.current;
    if (current === undefined) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    current.reject(error);
    const index = slots.indexOf(slot);
    void slot.worker.terminate();
    if (closed || index < 0) return;
    slots[index] = spawn();
    next(slots[index]!);
  };

  const next = (slot: Slot): void => {
    if (!slot.ready || slot.current !== undefined) return;
    const pending = queue.shift();
    if (pending === undefined) return;
    const timer = setTimeout(
      () =>
        fail(
          slot,
          new CpuPoolError("deadline", `the work took longer than ${deadlineMs / 1000} s and was stopped`),
        ),
      deadlineMs,
    );
    slot.current = { ...pending, timer };
    slot.worker.postMessage(pending.job);
  };

  const slots: Slot[] = Array.from({ length: size }, spawn);

  const run = (<J extends CpuJob>(job: J) =>
    new Promise<CpuAnswers[J["kind"]]>((resolve, reject) => {
      if (closed) return reject(new CpuPoolError("closed", "the server is stopping"));
      if (queue.length >= queueLimit)
        return reject(new CpuPoolError("busy", `${size} jobs are running and ${queue.length} are waiting`));
      queue.push({ job, resolve: resolve as (value: unknown) => void, reject });
      const idle = slots.find((slot) => slot.ready && slot.current === undefined);
      if (idle !== undefined) next(idle);
    })) as CpuRunner;

  return {
    run,
    load: () => ({
      running: slots.filter((slot) => slot.current !== undefined).length,
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
