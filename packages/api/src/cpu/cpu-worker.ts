import { parentPort } from "node:worker_threads";
import { renderPngWithResvg } from "../node/render-png.js";
import { type CpuHost, type CpuJob, runCpuJob } from "./cpu-jobs.js";
import { describeFailure } from "./worker-pool.js";

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
    parentPort!.postMessage({ ok: false, error: describeFailure(error) });
  }
});
parentPort?.postMessage({ ready: true });
