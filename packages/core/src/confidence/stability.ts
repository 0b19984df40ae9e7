import { CxprismError, type Problem } from "../errors.js";
import type { Axis } from "../schema/criterion.js";
import type { Portfolio } from "../validate/portfolio.js";
import { AxisScorer, createScoringKernel } from "./kernel.js";
import { InitiativeSorter } from "./order.js";
import { analyseExact } from "./stability-exact.js";
import { analyseNumeric } from "./stability-numeric.js";
import { type Context, createPath, type Settings } from "./weight-path.js";

/** Options for {@link analyseWeightStability}. */
export interface WeightStabilityOptions {
  /** The size of the top set whose membership must not change (default 3, at most the number of initiatives). */
  readonly topK?: number | undefined;
  /**
   * `auto` (default): exact for `weighted-sum`, numeric otherwise. `numeric`: bisection for every aggregation
   * (useful to cross-check the exact path).
   */
  readonly method?: "auto" | "numeric" | undefined;
  /** Numeric path: the width, in axis share, to which each edge is bisected (default 1e-7). */
  readonly tolerance?: number | undefined;
  /** Numeric path: grid steps scanned from the model weight to each end before bisecting (default 200). */
  readonly gridSteps?: number | undefined;
}

/**
 * The range of one criterion's weight over which something stays the same. `low` and `high` are the
 * criterion's share of its axis (0-1); the other criteria of the axis keep their proportions and share the
 * rest. The property holds strictly inside the interval and fails just beyond a finite edge (an edge at 0 or
 * 1 means it never fails on that side).
 */
export interface WeightInterval {
  /** Lowest axis share at which the property still holds. */
  readonly low: number;
  /** Highest axis share at which the property still holds. */
  readonly high: number;
  /**
   * `low` as a model weight, the other criteria keeping their model weights (changing one weight alone
   * rescales the others' shares proportionally); `null` when the axis has no other weighted criterion.
   */
  readonly weightLow: number | null;
  /** `high` as a model weight; `null` when unbounded (share 1) or when the axis has no other weighted criterion. */
  readonly weightHigh: number | null;
}

/** How far one criterion's weight can move before the ranking or a quadrant changes. */
export interface CriterionStability {
  /** The criterion id. */
  readonly criterion: string;
  readonly axis: Axis;
  /** The model weight. */
  readonly weight: number;
  /** The model weight as a share of its axis (0-1). */
  readonly share: number;
  /** Where the top-ranked initiative stays the top one. */
  readonly top1: WeightInterval;
  /** Where the set of the top `k` initiatives stays the same (order within it may change). */
  readonly topK: WeightInterval;
  /** Per initiative, in input order: where its quadrant stays the same. */
  readonly quadrants: readonly WeightInterval[];
}

/** The outcome of {@link analyseWeightStability}. */
export interface WeightStability {
  /** `exact` (closed form, weighted-sum) or `numeric` (grid scan and bisection). */
  readonly method: "exact" | "numeric";
  /** The bisection tolerance in axis share; 0 for the exact method. */
  readonly tolerance: number;
  /** The size of the top set. */
  readonly k: number;
  /** The id of the top-ranked initiative. */
  readonly top1: string;
  /** The ids of the top `k` initiatives, best first. */
  readonly topK: readonly string[];
  /** One entry per criterion, in model order. */
  readonly criteria: readonly CriterionStability[];
}

/**
 * For each criterion, finds the interval of its weight (the other weights of its axis rescaled
 * proportionally) within which (a) the top-1, (b) the top-k set and (c) each initiative's quadrant stay the
 * same.
 *
 * What is exact and what is numeric:
 * - `weighted-sum`: an axis score is linear in the moving share `t`, so a quadrant edge is the root of a
 *   linear equation. Two initiatives swap where their priorities cross: for `closeness` that is where their
 *   squared distances to the ideal corner cross, a quadratic in `t`; for `weighted-mean` a linear equation;
 *   for `geometric-mean` `P = (s * q^(e_f/e_m))^e_m` with `s` the moving and `q` the fixed axis, so the order
 *   follows a linear function of `t`. Every edge is therefore a closed-form root (exact up to rounding).
 * - `weighted-product` and `min`: scores are scanned on a grid of `gridSteps` points from the model weight
 *   to each end and each change is bisected to `tolerance`. A property that fails and recovers between two
 *   grid points is missed.
 *
 * Ties are resolved as in core's ranking; a tie persisting along the whole path counts as no change. When
 * the other criteria of the axis all have weight 0 they share the rest of the axis equally.
 *
 * @param portfolio - a validated portfolio
 * @param options - `topK`, `method`, `tolerance`, `gridSteps`
 * @returns the intervals per criterion
 * @throws {@link CxprismError} `invalid-options` when an option is out of range
 * @example
 * const { portfolio } = validatePortfolio(initiatives) as { success: true; portfolio: Portfolio };
 * const stability = analyseWeightStability(portfolio, { topK: 3 });
 * stability.criteria[0].top1; // { low: 0.12, high: 0.47, weightLow: ..., weightHigh: ... }
 */
export function analyseWeightStability(
  portfolio: Portfolio,
  options: WeightStabilityOptions = {},
): WeightStability {
  const settings = readOptions(options, portfolio.initiatives.length);
  const kernel = createScoringKernel(portfolio);
  const { n, m, model } = kernel;
  const scorer = new AxisScorer(kernel);
  const base = [new Float64Array(n), new Float64Array(n)] as const;
  const priority = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    base[0][i] = scorer.score(0, kernel.normalised, i * m, kernel.weights);
    base[1][i] = scorer.score(1, kernel.normalised, i * m, kernel.weights);
    priority[i] = kernel.priorityOf(base[0][i]!, base[1][i]!);
  }
  const sorter = new InitiativeSorter(kernel.idRank, kernel.last);
  const order = new Uint32Array(n);
  sorter.sort(priority, base[0], order);
  const k = settings.topK;
  const exact = kernel.aggregation === "weighted-sum" && settings.method === "auto";
  const context: Context = { kernel, scorer, sorter, base, priority, order, k, settings };
  const criteria = model.criteria.map((criterion, c): CriterionStability => {
    const path = createPath(kernel, c);
    const analysed = exact ? analyseExact(context, path) : analyseNumeric(context, path);
    const interval = ([low, high]: readonly [number, number]): WeightInterval => ({
      low,
      high,
      weightLow: path.toWeight(low),
      weightHigh: path.toWeight(high),
    });
    return {
      criterion: criterion.id,
      axis: criterion.axis,
      weight: criterion.weight,
      share: path.t0,
      top1: interval(analysed.top1),
      topK: interval(analysed.topK),
      quadrants: analysed.quadrants.map(interval),
    };
  });
  const ids = (count: number) => Array.from(order.subarray(0, count), (i) => portfolio.initiatives[i]!.id);
  return {
    method: exact ? "exact" : "numeric",
    tolerance: exact ? 0 : settings.tolerance,
    k,
    top1: ids(1)[0] ?? "",
    topK: ids(k),
    criteria,
  };
}

function readOptions(options: WeightStabilityOptions, n: number): Settings {
  const problems: Problem[] = [];
  const topK = options.topK ?? 3;
  if (!Number.isInteger(topK) || topK < 1)
    problems.push({ path: ["topK"], message: `expected a whole number of at least 1, received ${topK}` });
  const method = options.method ?? "auto";
  if (method !== "auto" && method !== "numeric")
    problems.push({ path: ["method"], message: `expected "auto" or "numeric", received ${String(method)}` });
  const tolerance = options.tolerance ?? 1e-7;
  if (!(tolerance > 0 && tolerance < 0.01))
    problems.push({
      path: ["tolerance"],
      message: `expected a number above 0 and below 0.01, received ${tolerance}`,
    });
  const gridSteps = options.gridSteps ?? 200;
  if (!Number.isInteger(gridSteps) || gridSteps < 1 || gridSteps > 100_000)
    problems.push({
      path: ["gridSteps"],
      message: `expected a whole number from 1 to 100000, received ${gridSteps}`,
    });
  if (problems.length > 0) throw new CxprismError("invalid-options", problems);
  return { topK: Math.min(topK, n), method, tolerance, gridSteps };
}
