/**
 * bench/score: 100,000 initiatives x 11 criteria with the default model.
 *
 * Prints (a) scoring a validated portfolio — scoreColumns() (typed arrays: scores, quadrants, ranks,
 * contributions) and scorePortfolio() (the same plus one Result object per initiative) — and (b)
 * validatePortfolio() + scorePortfolio(), each as a ratio to the baseline: a bare Float64Array weighted-sum loop
 * over the same ratings, measured in the same run. Goal: (a) <= 5x the bare loop.
 */
import { defaultModel, type InitiativeInput, scorePortfolio, validatePortfolio } from "@cxprism/core";
import { scoreColumns } from "@cxprism/core/table";
import { createRandom, medianMs, report } from "./lib.js";

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

const baseline = medianMs(bareLoop, 15, 3);
const columnsOnly = medianMs(() => scoreColumns(portfolio), 15, 3);
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
report("baseline: bare Float64Array loop", baseline, baseline);
report("(a) scoreColumns (validated)", columnsOnly, baseline, 5);
report("(a') scorePortfolio: Result objects", scoreOnly, baseline);
report("(b) validatePortfolio + score", validateAndScore, baseline);
