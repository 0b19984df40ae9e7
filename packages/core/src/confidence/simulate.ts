import { scaleBounds } from "../pipeline/normalise.js";
import type { Portfolio } from "../validate/portfolio.js";
import { RaterBootstrap } from "./bootstrap.js";
import { ScoreHistograms } from "./distribution.js";
import { AxisScorer, ratingStep, type ScoringKernel } from "./kernel.js";
import { InitiativeSorter } from "./order.js";
import { createRandom } from "./random.js";

/** Resolved Monte Carlo options (see `MonteCarloOptions`). */
export interface SimulationSettings {
  readonly iterations: number;
  readonly seed: number;
  readonly concentration: number;
  readonly uncertainty: number;
  readonly noise: "triangular" | "uniform";
  readonly bootstrapRaters: boolean;
  readonly k: number;
  readonly bins: number;
}

/** What a simulation counts: memory independent of the number of iterations. */
export interface Tallies {
  /** `n x n`: rankCounts[i * n + position]. */
  readonly rankCounts: Uint32Array;
  /** `n x 4`, in the order of `QUADRANTS`. */
  readonly quadrantCounts: Uint32Array;
  /** Histogram `3 * i + metric` (0 value, 1 feasibility, 2 priority). */
  readonly histograms: ScoreHistograms;
  readonly baseOrder: Uint32Array;
  readonly baseQuadrant: Uint8Array;
}

function quadrantIndex(
  value: number,
  feasibility: number,
  thresholdValue: number,
  thresholdFeasibility: number,
) {
  return (value >= thresholdValue ? 0 : 2) + (feasibility >= thresholdFeasibility ? 0 : 1);
}

/**
 * Runs the simulation loop of `runMonteCarlo`: draws weights and ratings for each world, scores, ranks and
 * tallies it. Allocates everything up front; nothing inside the loop allocates.
 *
 * @param kernel - the portfolio's scoring layout
 * @param portfolio - the portfolio (for rater bootstrap)
 * @param settings - resolved options
 * @returns rank, quadrant and score tallies plus the base world
 */
export function simulate(kernel: ScoringKernel, portfolio: Portfolio, settings: SimulationSettings): Tallies {
  const { n, m, model, normalised, origin, factor } = kernel;
  const random = createRandom(settings.seed);
  const scorer = new AxisScorer(kernel);
  const sorter = new InitiativeSorter(kernel.idRank, kernel.last);
  const fast = kernel.aggregation === "weighted-sum";
  const thresholdValue = model.thresholds.value;
  const thresholdFeasibility = model.thresholds.feasibility;
  const priorityOf = kernel.priorityOf;

  // Criteria that carry weight, per axis: the only ones that can move a score.
  const active = kernel.axisCriteria.map((criteria) => criteria.filter((c) => kernel.weights[c]! > 0)) as [
    Uint32Array,
    Uint32Array,
  ];
  const activeAll = Uint32Array.from([...active[0], ...active[1]]);
  const drawWeights = Number.isFinite(settings.concentration);
  const alpha = active.map((criteria) =>
    Float64Array.from(criteria, (c) => settings.concentration * kernel.weights[c]!),
  ) as [Float64Array, Float64Array];
  const drawn = [new Float64Array(active[0].length), new Float64Array(active[1].length)] as const;
  const weights = Float64Array.from(kernel.weights);
  // Noise half-width per criterion in normalised units.
  const halfWidth = Float64Array.from(model.criteria, (criterion) => {
    const { min, max } = scaleBounds(criterion.scale);
    return (settings.uncertainty * ratingStep(criterion)) / (max - min);
  });
  const perturb = settings.uncertainty > 0;
  const triangular = settings.noise === "triangular";
  const bootstrap = settings.bootstrapRaters ? new RaterBootstrap(portfolio) : undefined;
  const resampled = new Uint8Array(n);
  for (let i = 0; i < n; i++) resampled[i] = bootstrap?.covers(i) ? 1 : 0;

  const row = new Float64Array(m);
  const raw = new Float64Array(m);
  const value = new Float64Array(n);
  const feasibility = new Float64Array(n);
  const priority = new Float64Array(n);
  const order = new Uint32Array(n);
  const rankCounts = new Uint32Array(n * n);
  const quadrantCounts = new Uint32Array(n * 4);
  const histograms = new ScoreHistograms(n * 3, settings.bins);

  // The base world: the order and quadrants every simulated world is compared with.
  const baseOrder = new Uint32Array(n);
  const baseQuadrant = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = scorer.score(0, normalised, i * m, weights);
    feasibility[i] = scorer.score(1, normalised, i * m, weights);
    priority[i] = priorityOf(value[i]!, feasibility[i]!);
    baseQuadrant[i] = quadrantIndex(value[i]!, feasibility[i]!, thresholdValue, thresholdFeasibility);
  }
  sorter.sort(priority, value, baseOrder);

  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    if (drawWeights) {
      for (let a = 0; a < 2; a++) {
        const criteria = active[a]!;
        const draw = drawn[a]!;
        random.dirichlet(alpha[a]!, draw);
        for (let j = 0; j < criteria.length; j++) weights[criteria[j]!] = draw[j]!;
      }
    }
    for (let i = 0; i < n; i++) {
      const offset = i * m;
      let source = normalised;
      let start = offset;
      if (resampled[i] === 1) {
        bootstrap!.resample(i, random, raw);
        for (let j = 0; j < activeAll.length; j++) {
          const c = activeAll[j]!;
          row[c] = (raw[c]! - origin[c]!) * factor[c]!;
        }
        source = row;
        start = 0;
      } else if (perturb) {
        for (let j = 0; j < activeAll.length; j++) {
          const c = activeAll[j]!;
          const u = triangular ? random.uniform() - random.uniform() : 2 * random.uniform() - 1;
          const x = normalised[offset + c]! + halfWidth[c]! * u;
          row[c] = Math.min(1, Math.max(0, x));
        }
        source = row;
        start = 0;
      }
      let v = 0;
      let f = 0;
      if (fast) {
        const a0 = active[0];
        for (let j = 0; j < a0.length; j++) {
          const c = a0[j]!;
          v += 100 * weights[c]! * source[start + c]!;
        }
        const a1 = active[1];
        for (let j = 0; j < a1.length; j++) {
          const c = a1[j]!;
          f += 100 * weights[c]! * source[start + c]!;
        }
      } else {
        v = scorer.score(0, source, start, weights);
        f = scorer.score(1, source, start, weights);
      }
      const p = priorityOf(v, f);
      value[i] = v;
      feasibility[i] = f;
      priority[i] = p;
      quadrantCounts[i * 4 + quadrantIndex(v, f, thresholdValue, thresholdFeasibility)]!++;
      histograms.add(3 * i, v);
      histograms.add(3 * i + 1, f);
      histograms.add(3 * i + 2, p);
    }
    sorter.sort(priority, value, order);
    for (let position = 0; position < n; position++) rankCounts[order[position]! * n + position]!++;
  }
  return { rankCounts, quadrantCounts, histograms, baseOrder, baseQuadrant };
}
