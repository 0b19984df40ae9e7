import { CxprismError, catalogInitiatives, validatePortfolio } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { runCpuJob } from "./cpu-jobs.js";
import { CpuPoolError, createWorkerPool, type WorkerPool } from "./worker-pool.js";

const validation = validatePortfolio(
  catalogInitiatives().map(({ dependsOn: _d, ...initiative }) => initiative),
);
if (!validation.success) throw new Error("the catalog should validate");
const portfolio = validation.portfolio;
/** A simulation that runs for seconds: the work a deadline or a full queue must hold back. */
const slow = {
  kind: "sensitivity",
  portfolio,
  settings: { iterations: 5_000_000, seed: 1 },
  topK: undefined,
} as const;

const quick = { ...slow, settings: { iterations: 20, seed: 1 } } as const;

const pools: WorkerPool[] = [];
const pool = (options: Parameters<typeof createWorkerPool>[0]) => {
  const created = createWorkerPool(options);
  pools.push(created);
  return created;
};
afterAll(async () => {
  await Promise.all(pools.map((each) => each.close()));
});

const failure = async (call: Promise<unknown>): Promise<Error> => {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the job to fail");
};

describe("createWorkerPool", () => {
  it("draws the matrix on a worker thread, exactly as inline", async () => {
    const job = { kind: "matrix-svg", portfolio, options: { width: 800 } } as const;
    expect(await pool({ size: 1 }).run(job)).toBe(runCpuJob(job));
  });

  it("hands a core error back with its code and problems", async () => {
    const error = await failure(
      pool({ size: 1 }).run({ kind: "matrix-svg", portfolio, options: { width: 10 } }),
    );
    expect(error).toBeInstanceOf(CxprismError);
    expect((error as CxprismError).code).toBe("invalid-options");
    expect((error as CxprismError).problems[0]?.path).toEqual(["width"]);
  });

  it("refuses a job at once when every thread is busy and the queue is full", async () => {
    const busy = pool({ size: 1, queueLimit: 1, deadlineMs: 60_000 });
    await busy.run(quick); // the thread has started
    const running = busy.run(slow).catch((error: Error) => error);
    const waiting = busy.run(slow).catch((error: Error) => error);
    const refused = await failure(busy.run(slow));
    expect(refused).toBeInstanceOf(CpuPoolError);
    expect((refused as CpuPoolError).code).toBe("busy");
    expect(busy.load()).toEqual({ running: 1, queued: 1 });
    await busy.close();
    expect((await waiting) as CpuPoolError).toMatchObject({ code: "closed" });
    expect((await running) as CpuPoolError).toMatchObject({ code: "crashed" });
  });

  it("stops a job past its deadline and serves the next one on a fresh thread", async () => {
    const strict = pool({ size: 1, deadlineMs: 4000 });
    const stopped = await failure(strict.run(slow));
    expect((stopped as CpuPoolError).code).toBe("deadline");
    expect(stopped.message).toBe("the work took longer than 4 s and was stopped");
    const { monteCarlo } = await strict.run(quick);
    expect(monteCarlo.iterations).toBe(20);
  });
});
