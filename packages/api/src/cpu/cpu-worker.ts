import { parentPort } from "node:worker_threads";
import { CxprismError } from "@cxprism/core";
import { renderPngWithResvg } from "../node/render-png.js";
import { type CpuJob, runCpuJob } from "./cpu-jobs.js";
import type { WorkerFailure } from "./worker-pool.js";

// One job at a time: the pool sends the next only after this one answers.
parentPort?.on("message", (job: CpuJob) => {
  try {
    parentPort!.postMessage({ ok: true, value: runCpuJob(job, renderPngWithResvg) });
  } catch (error) {
    const failure: WorkerFailure =
      error instanceof CxprismError
        ? { name: error.name, message: error.message, code: error.code, problems: error.problems }
        : { name: (error as Error).name ?? "Error", message: (error as Error).message ?? String(error) };
    parentPort!.postMessage({ ok: false, error: failure });
  }
});
parentPort?.postMessage({ ready: true });
