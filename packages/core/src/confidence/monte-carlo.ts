import { CxprismError, type Problem } from "../errors.js";
import type { ResultQuadrant } from "../schema/model.js";
import { QUADRANTS, RESULT_QUADRANTS, UNRATED } from "../schema/model.js";
import type { Portfolio } from "../validate/portfolio.js";
import { createScoringKernel, type ScoringKernel } from "./kernel.js";
import { type SimulationSettings, simulate, type Tallies } from "./simulate.js";
import { summariseConfidence } from "./summary.js";

/** Options for {@link runMonteCarlo}. */
export interface MonteCarloOptions {
  /** Simulated worlds (default 10,000). */
  readonly iterations?: number | undefined;
  /** Seed of the random source, an integer 0 to 2^32 - 1 (default 1): same seed, same result. */
  readonly seed?: number | undefined;
  /**
   * Dirichlet concentration of the weights (default 100): each axis' weights are drawn from
   * Dirichlet(concentration x model share), centred on the model's shares; a criterion's share then has
   * standard deviation sqrt(w (1 - w) / (concentration + 1)). `Infinity` keeps the model weights.
   */
  readonly concentration?: number | undefined;
  /**
   * Half-width of the rating noise in rating steps (default 1; see `ratingStep`): each rating moves by up to
   * this many steps either way, clipped to its scale. 0 keeps the ratings.
   */
  readonly uncertainty?: number | undefined;
  /** Shape of the rating noise: `triangular` (default, most mass near the rating) or `uniform`. */
  readonly noise?: "triangular" | "uniform" | undefined;
  /**
   * Initiatives rated by two or more raters: resample their raters (bootstrap, default true) instead of
   * adding noise.
   */
  readonly bootstrapRaters?: boolean | undefined;
  /** The k of P(top-k) in the summaries (default 3, at most the number of initiatives). */
  readonly topK?: number | undefined;
  /** Histogram bins over 0-100 for medians and intervals (default 1000: 0.1 points). */
  readonly bins?: number | undefined;
}

/** Median and 90% interval (5th to 95th percentile) of a simulated 0-100 score. */
export interface ScoreDistribution {
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

/** How one initiative fared across the simulated worlds. */
export interface InitiativeConfidence {
  readonly id: string;
  readonly name: string;
  /** Position in the base ranking (1 = best; ties broken by value, then id). */
  readonly baseRank: number;
  /** `unrated` for an initiative with no rating on an axis: it is in no quadrant in any world. */
  readonly baseQuadrant: ResultQuadrant;
  /** `rankProbabilities[k - 1]` = P(rank = k), k = 1..n. */
  readonly rankProbabilities: readonly number[];
  /** P(rank <= k) for the chosen k. */
  readonly topK: number;
  /** P(each quadrant); for an unrated initiative `unrated` is 1 and the four quadrants 0. */
  readonly quadrants: Readonly<Record<ResultQuadrant, number>>;
  readonly value: ScoreDistribution;
  readonly feasibility: ScoreDistribution;
  readonly priority: ScoreDistribution;
  /** One line for a board, e.g. `Virtual customer assistant is top-3 in 87% of plausible worlds (...)`. */
  readonly summary: string;
}

/** The outcome of {@link runMonteCarlo}, with the settings that produced it. */
export interface MonteCarloResult extends SimulationSettings {
  /** One entry per initiative, in base rank order. */
  readonly initiatives: readonly InitiativeConfidence[];
}

/**
 * Simulates plausible worlds around a portfolio's scores and reports how confident its ranking is.
 *
 * Each world draws each axis' weights from a Dirichlet centred on the model's weights and perturbs every
 * rating: an initiative rated by two or more raters gets a bootstrap resample of its raters (when
 * `bootstrapRaters`), any other rating moves by triangular or uniform noise of `uncertainty` rating steps,
 * clipped to its scale (label positions move continuously). The world is then scored like core does and
 * ranked by position (ties broken by value, then id, so each world is a permutation: probabilities sum to 1
 * per initiative and per rank).
 *
 * Deterministic: xoshiro128** seeded by splitmix32, draws in a fixed order, so the same seed gives the same
 * result byte for byte. Memory is O(n^2 + n x bins) whatever the number of iterations; the loop allocates
 * nothing per world.
 *
 * @param portfolio - a validated portfolio
 * @param options - iterations, seed, concentration, uncertainty, noise, bootstrapRaters, topK, bins
 * @returns per initiative: rank, top-k and quadrant probabilities, score distributions and a summary
 * @throws {@link CxprismError} `invalid-options` listing every option out of range
 * @example
 * const result = runMonteCarlo(portfolio, { iterations: 10_000, seed: 7 });
 * result.initiatives[0].summary; // "Virtual customer assistant is top-3 in 87% of plausible worlds (...)"
 */
export function runMonteCarlo(portfolio: Portfolio, options: MonteCarloOptions = {}): MonteCarloResult {
  const settings = readOptions(options, portfolio.initiatives.length);
  const kernel = createScoringKernel(portfolio);
  const tallies = simulate(kernel, portfolio, settings);
  return report(kernel, portfolio, settings, tallies);
}

function readOptions(options: MonteCarloOptions, n: number): SimulationSettings {
  const problems: Problem[] = [];
  const wholeNumber = (key: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push({
        path: [key],
        message: `expected a whole number from ${min} to ${max}, received ${value}`,
      });
  };
  const iterations = options.iterations ?? 10_000;
  wholeNumber("iterations", iterations, 1, 100_000_000);
  const seed = options.seed ?? 1;
  wholeNumber("seed", seed, 0, 2 ** 32 - 1);
  const concentration = options.concentration ?? 100;
  if (!(concentration > 0))
    problems.push({
      path: ["concentration"],
      message: `expected a number above 0 (Infinity keeps the model weights), received ${concentration}`,
    });
  const uncertainty = options.uncertainty ?? 1;
  if (!(Number.isFinite(uncertainty) && uncertainty >= 0))
    problems.push({
      path: ["uncertainty"],
      message: `expected a finite number of rating steps of at least 0, received ${uncertainty}`,
    });
  const noise = options.noise ?? "triangular";
  if (noise !== "triangular" && noise !== "uniform")
    problems.push({
      path: ["noise"],
      message: `expected "triangular" or "uniform", received ${String(noise)}`,
    });
  const bootstrapRaters = options.bootstrapRaters ?? true;
  if (typeof bootstrapRaters !== "boolean")
    problems.push({
      path: ["bootstrapRaters"],
      message: `expected true or false, received ${String(bootstrapRaters)}`,
    });
  const topK = options.topK ?? 3;
  wholeNumber("topK", topK, 1, Number.MAX_SAFE_INTEGER);
  const bins = options.bins ?? 1000;
  wholeNumber("bins", bins, 10, 100_000);
  if (problems.length > 0) throw new CxprismError("invalid-options", problems);
  return { iterations, seed, concentration, uncertainty, noise, bootstrapRaters, k: Math.min(topK, n), bins };
}

function report(
  kernel: ScoringKernel,
  portfolio: Portfolio,
  settings: SimulationSettings,
  tallies: Tallies,
): MonteCarloResult {
  const { n, model } = kernel;
  const total = settings.iterations;
  const { rankCounts, quadrantCounts, histograms } = tallies;
  const distribution = (s: number): ScoreDistribution => ({
    median: histograms.quantile(s, 0.5),
    low: histograms.quantile(s, 0.05),
    high: histograms.quantile(s, 0.95),
  });
  const initiatives = Array.from(tallies.baseOrder, (i, position): InitiativeConfidence => {
    const initiative = portfolio.initiatives[i]!;
    const rankProbabilities = Array.from(rankCounts.subarray(i * n, i * n + n), (count) => count / total);
    let inTop = 0;
    for (let k = 0; k < settings.k; k++) inTop += rankCounts[i * n + k]!;
    // Midpoints on an axis nobody rated place an initiative nowhere: it is unrated in every world.
    const unrated = (kernel.last?.[i] ?? 0) !== 0;
    const quadrants = Object.fromEntries(
      RESULT_QUADRANTS.map((quadrant, q) => [
        quadrant,
        quadrant === UNRATED ? Number(unrated) : unrated ? 0 : quadrantCounts[i * 4 + q]! / total,
      ]),
    ) as Record<ResultQuadrant, number>;
    const baseQuadrant = unrated ? UNRATED : QUADRANTS[tallies.baseQuadrant[i]!]!;
    const topK = inTop / total;
    return {
      id: initiative.id,
      name: initiative.name,
      baseRank: position + 1,
      baseQuadrant,
      rankProbabilities,
      topK,
      quadrants,
      value: distribution(3 * i),
      feasibility: distribution(3 * i + 1),
      priority: distribution(3 * i + 2),
      summary: summariseConfidence({
        name: initiative.name,
        k: settings.k,
        topK,
        baseRank: position + 1,
        keepsRank: rankProbabilities[position]!,
        quadrantLabel: model.quadrantLabels[baseQuadrant],
        keepsQuadrant: quadrants[baseQuadrant],
        unrated,
      }),
    };
  });
  return {
    iterations: settings.iterations,
    seed: settings.seed,
    concentration: settings.concentration,
    uncertainty: settings.uncertainty,
    noise: settings.noise,
    bootstrapRaters: settings.bootstrapRaters,
    k: settings.k,
    bins: settings.bins,
    initiatives,
  };
}
