/**
 * The work caps of `POST /v1/sensitivity` (DEFAULT_LIMITS: iterations x initiatives <= 500,000, at most 500
 * initiatives). Times whole requests through the app (JSON parse, validation, Monte Carlo, weight stability,
 * serialisation) at the cap for several shapes, in process CPU time (steadier than wall time on a shared
 * machine), against scoring the same body through `POST /v1/score` in the same run (baseline). Goal: every
 * shape at the cap within 1 s of CPU, what a Workers request can spend comfortably (paid plans default to a
 * 30 s CPU limit; 1 s keeps latency and cost reasonable).
 *
 *   npx tsx --conditions=@cxprism/source bench/sensitivity-cap.ts [work]
 */
import { createApp, DEFAULT_LIMITS } from "@cxprism/api";
import { defaultModel } from "@cxprism/core";
import { createRandom } from "./lib.js";

const work = Number(process.argv[2] ?? DEFAULT_LIMITS.maxSimulationWork);
const app = createApp({ limits: { maxSimulationWork: work } });

function body(count: number, iterations: number): string {
  const random = createRandom(7);
  const initiatives = Array.from({ length: count }, (_, i) => ({
    id: `initiative-${i}`,
    name: `Initiative ${i}`,
    ratings: Object.fromEntries(
      defaultModel.criteria.map((criterion) => [criterion.id, 1 + Math.floor(random() * 5)]),
    ),
  }));
  return JSON.stringify({ initiatives, options: { iterations, seed: 1 } });
}

async function time(path: string, text: string): Promise<number> {
  const run = async () => {
    const response = await app.request(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: text,
    });
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    await run();
    const spent = process.cpuUsage(start);
    times.push((spent.user + spent.system) / 1000);
  }
  return times.sort((a, b) => a - b)[1]!;
}

console.log(`cap: iterations x initiatives <= ${work} (CPU ms, median of 3)`);
for (const count of [20, 100, DEFAULT_LIMITS.maxSensitivityInitiatives]) {
  const iterations = Math.floor(work / count);
  const text = body(count, iterations);
  const scoring = await time("/v1/score", text.replace(/,"options":\{[^}]*\}/, ""));
  const sensitivity = await time("/v1/sensitivity", text);
  const verdict = sensitivity <= 1000 ? "within 1 s" : "OVER 1 s";
  console.log(
    `${String(count).padStart(5)} initiatives x ${String(iterations).padStart(7)} iterations: ` +
      `${sensitivity.toFixed(0).padStart(6)} ms  (${(sensitivity / scoring).toFixed(1)}x scoring the same body, ` +
      `${scoring.toFixed(1)} ms)  [${verdict}]`,
  );
}
