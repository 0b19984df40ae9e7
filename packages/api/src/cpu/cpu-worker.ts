import { parentPort } from "node:worker_threads";
import { CxprismError } from "@cxprism/core";
import { renderPngWithResvg } from "../node/render-png.js";
import { type CpuHost, type CpuJob, runCpuJob } from "./cpu-jobs.js";
import type { WorkerFailure } from "./worker-pool.js";

// The board pack's libraries load with the first pack, not with every thread.
const host: CpuHost = {
  renderPng: renderPngWithResvg,
  renderReport: async (pack, format, paper) =>
    (await import("../node/render-report.js")).renderReportOnNode(pack, format, paper),
};

// One job at a time: the pool sends the next only after this one answers.
parentPort?.on("message", async (job: CpuJob) => {
  try {
    parentPort!.postMessage({ ok: true, value: await runCpuJob(job, host) });
  } catch (error) {
    const failure: WorkerFailure =
      error instanceof CxprismError
        ? { name: error.name, message: error.message, code: error.code, problems: error.problems }
        : { name: (error as Error).name ?? "Error", message: (error as Error).message ?? String(error) };
    parentPort!.postMessage({ ok: false, error: failure });
  }
});
parentPort?.postMessage({ ready: true });
