/**
 * bench/score: 100,000 initiatives x 11 criteria with the default model.
 *
 * Prints (a) scoring a validated portfolio — scoreColumns() (typed arrays: scores, quadrants, ranks,
 * contributions) and scorePortfolio() (the same plus one Result object per initiative) — and (b)
 * validatePortfolio() + scorePortfolio(), each as a ratio to the baseline: a bare Float64Array weighted-sum loop
 * over the same ratings, measured in the same run. Goal: (a) <= 5x the bare loop.
 *
 * When `python3 -c 'import numpy'` works it also runs a numpy peer on the same ratings (normalise by scale and
 * direction, the two weighted axes, closeness to the ideal, a lexsort ranking by priority, value and id, with
 * the same tie tolerance) and prints cxprism/numpy for scoreColumns (goal <= 0.6). scoreColumns does more than
 * the peer (per-criterion contributions, quadrants, shared ranks). numpy runs single-threaded as it comes, with
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that command only.
 *
 * Ratios are printed by wall time and by CPU time (this process's, and the peer's `time.process_time()`):
 * on a shared machine a preempted call's wall time grows with the load, its CPU time barely does.
 */

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { defaultModel, type InitiativeInput, scorePortfolio, validatePortfolio } from "@cxprism/core";
import { scoreColumns } from "@cxprism/core/table";
import { createRandom, interleavedMs, medianMs, report, reportRatio, type Timing } from "./lib.js";

const N = 100_000;
const criteria = defaultModel.criteria;
const M = criteria.length;
const random = createRandom(20261122);

const raw = new Float64Array(N * M);
for (let i = 0; i < raw.length; i++) raw[i] = 1 + Math.floor(random() * 5);
const initiatives: InitiativeInput[] = Array.from({ length: N }, (_, i) => ({
  id: `initiative-${i}`,
  name: `Initiative ${i}`,
  ratings: Object.fromEntries(criteria.map((criterion, c) => [criterion.id, raw[i * M + c]!])),
}));

// Baseline: normalise on the 1-5 scale and weight-sum both axes, nothing else.
const weights = Float64Array.from(criteria, (criterion) => criterion.weight);
const isValue = Uint8Array.from(criteria, (criterion) => (criterion.axis === "value" ? 1 : 0));
const out = new Float64Array(2 * N);
function bareLoop(): number {
  let checksum = 0;
  for (let i = 0; i < N; i++) {
    let value = 0;
    let feasibility = 0;
    for (let c = 0; c < M; c++) {
      const x = ((raw[i * M + c]! - 1) / 4) * weights[c]!;
      if (isValue[c] === 1) value += x;
      else feasibility += x;
    }
    out[2 * i] = value;
    out[2 * i + 1] = feasibility;
    checksum += value + feasibility;
  }
  return checksum;
}

const validation = validatePortfolio(initiatives);
if (!validation.success) throw new Error("benchmark data failed validation");
const portfolio = validation.portfolio;

const peer = await startNumpyPeer();
// 12 warm-up rounds: on Node 20 scoreColumns reaches its steady speed after 10-20 calls of 100,000
// initiatives (its loops are optimised while they run), which 3 rounds left inside the measured ones.
const timed = await interleavedMs(
  {
    baseline: bareLoop,
    columns: () => scoreColumns(portfolio),
    ...("run" in peer ? { numpy: { selfTimed: peer.run } } : {}),
  },
  15,
  12,
);
const baseline = timed.baseline!.ms;
const scoreOnly = medianMs(() => scorePortfolio(portfolio));
const validateAndScore = medianMs(
  () => {
    const checked = validatePortfolio(initiatives);
    if (checked.success) scorePortfolio(checked.portfolio);
  },
  3,
  1,
);

console.log(`bench/score: ${N.toLocaleString("en")} initiatives x ${M} criteria (Node ${process.version})`);
console.log(
  "baseline and (a) in 15 interleaved rounds after 12 warm-up rounds: the ratio is the median of per-round ratios",
);
report("baseline: bare Float64Array loop", baseline, baseline);
reportRatio("(a) scoreColumns (validated)", timed.columns!.ms, timed.columns!.ratio, 5);
console.log(
  `    by CPU time (user + system): baseline ${timed.baseline!.cpuMs.toFixed(2)} ms, scoreColumns ${timed.columns!.cpuMs.toFixed(2)} ms, ${timed.columns!.cpuRatio.toFixed(2)}x baseline`,
);
report("(a') scorePortfolio: Result objects", scoreOnly, baseline);
report("(b) validatePortfolio + score", validateAndScore, baseline);
if ("skipped" in peer) console.log(`numpy peer skipped: ${peer.skipped}`);
else {
  const ratio = timed.columns!.ratio / timed.numpy!.ratio;
  const cpuRatio = timed.columns!.cpuRatio / timed.numpy!.cpuRatio;
  console.log(
    `numpy ${peer.version}: normalise, two axes, closeness, lexsort rank: ${timed.numpy!.ms.toFixed(2)} ms (${timed.numpy!.ratio.toFixed(2)}x baseline), same order as scoreColumns`,
  );
  console.log(
    `cxprism/numpy (scoreColumns / numpy peer, in the same rounds): ${ratio.toFixed(2)} (goal <= 0.6) ${ratio <= 0.6 ? "met" : "NOT met"}`,
  );
  console.log(
    `    by CPU time: numpy ${timed.numpy!.cpuMs.toFixed(2)} ms, cxprism/numpy ${cpuRatio.toFixed(2)} ${cpuRatio <= 0.6 ? "met" : "NOT met"}`,
  );
  peer.stop();
}

/** A numpy process that runs the same work once per line it reads, answering its wall and CPU time in ms. */
type NumpyPeer =
  | { readonly run: () => Promise<Timing>; readonly stop: () => void; readonly version: string }
  | { readonly skipped: string };

/**
 * Starts the numpy peer on the same ratings and checks that it ranks exactly as scoreColumns does, or says why
 * it is skipped. The work: normalise by scale and direction, the two weighted axes, closeness to the ideal,
 * and a lexsort by priority, value and id with cxprism's tie tolerance.
 */
async function startNumpyPeer(): Promise<NumpyPeer> {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.status !== 0) return { skipped: "python3 with numpy not found" };
  const dir = mkdtempSync(join(tmpdir(), "cxprism-numpy-"));
  writeFileSync(join(dir, "ratings.f64"), raw);
  const origin = criteria.map((criterion) => (criterion.direction === "cost" ? 5 : 1));
  const factor = criteria.map((criterion) => (criterion.direction === "cost" ? -1 : 1) / 4);
  const axisWeights = (axis: "value" | "feasibility") => {
    const total = criteria.reduce(
      (sum, criterion) => sum + (criterion.axis === axis ? criterion.weight : 0),
      0,
    );
    return criteria.map((criterion) => (criterion.axis === axis ? (100 * criterion.weight) / total : 0));
  };
  // Ids sort as strings ("initiative-10" before "initiative-2"): numpy gets each id's place in that order.
  writeFileSync(join(dir, "ordinal.u32"), portfolio.idOrder);
  const script = `
import json, sys, time
import numpy as np
n, m = ${N}, ${M}
raw = np.fromfile(sys.argv[1] + "/ratings.f64", dtype=np.float64).reshape(n, m)
ordinal = np.fromfile(sys.argv[1] + "/ordinal.u32", dtype=np.uint32)
origin = np.array(${JSON.stringify(origin)})
factor = np.array(${JSON.stringify(factor)})
wv = np.array(${JSON.stringify(axisWeights("value"))})
wf = np.array(${JSON.stringify(axisWeights("feasibility"))})
def run():
    normalised = (raw - origin) * factor
    value = normalised @ wv
    feasibility = normalised @ wf
    dv = 1 - value / 100
    df = 1 - feasibility / 100
    priority = np.clip(100 * (1 - np.sqrt(dv * dv + df * df) / np.sqrt(2)), 0, 100)
    priority_key = np.round(priority / 1e-9)
    value_key = np.round(np.clip(value, 0, 100) / 1e-9)
    return np.lexsort((ordinal, -value_key, -priority_key))
print(json.dumps({"numpy": np.__version__, "order": run().tolist()}), flush=True)
for line in sys.stdin:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    print(json.dumps([(time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000]), flush=True)
`;
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const child = spawn("python3", ["-c", script, dir], { env, stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error("the numpy peer stopped");
    return line.value;
  };
  const stop = () => {
    child.stdin.end();
    rmSync(dir, { recursive: true, force: true });
  };
  const { numpy, order } = JSON.parse(await nextLine()) as { numpy: string; order: number[] };
  // The peer must rank exactly as cxprism does, or the comparison is not of the same work.
  const expected = scoreColumns(portfolio).order;
  const differ = order.findIndex((i, k) => i !== expected[k]);
  if (differ !== -1) {
    stop();
    return { skipped: `the numpy peer ranks differently from position ${differ}` };
  }
  return {
    version: numpy,
    stop,
    run: async () => {
      child.stdin.write("run\n");
      const [ms, cpuMs] = JSON.parse(await nextLine()) as [number, number];
      return { ms, cpuMs };
    },
  };
}
