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

// One job at a time, answered in the order received: the pool may send light jobs before the previous one
// has answered, and matches each answer to the oldest job it sent.
let previous: Promise<void> = Promise.resolve();
parentPort?.on("message", (job: CpuJob) => {
  previous = previous.then(async () => {
    try {
      parentPort!.postMessage({ ok: true, value: await runCpuJob(job, host) });
    } catch (error) {
      parentPort!.postMessage({ ok: false, error: describeFailure(error) });
    }
  });
});
parentPort?.postMessage({ ready: true });
