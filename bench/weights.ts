/**
 * Benchmarks for the weights and disagreement analyses, each printed as a ratio to a baseline measured in the
 * same run:
 * - `ahpWeights` on a 15 x 15 matrix vs a bare typed-array power iteration on the same matrix (the floor for
 *   any eigenvector method: what validation, Harker's form, CR and worst-judgment advice cost on top);
 * - `analyseDisagreement` on the 20+ catalog initiatives x 10 raters vs `score` on the same input (what the
 *   re-scoring of each flagged rating costs).
 *
 * Run: npx tsx --conditions=@cxprism/source bench/weights.ts
 */
import { catalogInitiatives, score } from "@cxprism/core";
import { analyseDisagreement } from "@cxprism/core/confidence";
import { ahpWeights } from "@cxprism/core/weights";

function timePerCall(run: () => unknown, minimumMs = 1000): number {
  for (let i = 0; i < 200; i++) run(); // warm-up: let the JIT settle
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    run();
    calls++;
    elapsed = performance.now() - start;
  }
  return elapsed / calls;
}

function judgmentMatrix(n: number): number[][] {
  // Deterministic, inconsistent judgments on Saaty's scale.
  const scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];
  const values = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = scale[(i * 7 + j * 3) % scale.length]!;
      values[i]![j] = value;
      values[j]![i] = 1 / value;
    }
  }
  return values;
}

function barePowerIteration(flat: Float64Array, n: number): Float64Array {
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < 10_000; iteration++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += flat[i * n + j]! * w[j]!;
      next[i] = sum;
      total += sum;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / total;
      change = Math.max(change, Math.abs(next[i]! - w[i]!));
    }
    [w, next] = [next, w];
    if (change <= 1e-12) break;
  }
  return w;
}

const n = 15;
const values = judgmentMatrix(n);
const ids = values.map((_, i) => `c${i}`);
const flat = Float64Array.from(values.flat());
const bare = timePerCall(() => barePowerIteration(flat, n));
const ahp = timePerCall(() => ahpWeights({ ids, values }));
console.log(
  `ahpWeights n=${n}: ${(ahp * 1000).toFixed(1)} us/call, ${(ahp / bare).toFixed(1)}x a bare power iteration`,
);

const raters = ["ana", "ben", "cai", "dee", "eli", "fay", "gus", "hal", "ivy", "jon"];
const workshop = catalogInitiatives().map((initiative, i) => ({
  id: initiative.id,
  name: initiative.name,
  raters: raters.map((rater, r) => ({
    rater,
    ratings: Object.fromEntries(
      Object.entries(initiative.ratings ?? {}).map(([criterion, value], c) => [
        criterion,
        Math.min(5, Math.max(1, Number(value) + ((i + 2 * r + c) % 37 === 0 ? 2 : 0))),
      ]),
    ),
  })),
}));
const scoring = timePerCall(() => score(workshop));
const analysis = timePerCall(() => analyseDisagreement(workshop));
const flagged = analyseDisagreement(workshop).discuss.length;
console.log(
  `analyseDisagreement ${workshop.length} initiatives x ${raters.length} raters (${flagged} flagged): ${analysis.toFixed(2)} ms/call, ${(analysis / scoring).toFixed(1)}x score on the same input`,
);
