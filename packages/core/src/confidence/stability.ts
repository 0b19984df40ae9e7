import { CxprismError, type Problem } from "../errors.js";
import type { Axis } from "../schema/criterion.js";
import type { Portfolio } from "../validate/portfolio.js";
import { AxisScorer, createScoringKernel, type ScoringKernel } from "./kernel.js";
import { InitiativeSorter } from "./order.js";
import { createPairComparison, firstOvertake } from "./overtake.js";

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
  const sorter = new InitiativeSorter(kernel.idRank);
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

/** Axis-score slopes (0-1 scale per unit of share) below this are rounding noise. */
const FLAT_SLOPE = 1e-13;

interface Settings {
  readonly topK: number;
  readonly method: "auto" | "numeric";
  readonly tolerance: number;
  readonly gridSteps: number;
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

interface Context {
  readonly kernel: ScoringKernel;
  readonly scorer: AxisScorer;
  readonly sorter: InitiativeSorter;
  /** Base axis scores (0-100): value, feasibility. */
  readonly base: readonly [Float64Array, Float64Array];
  readonly priority: Float64Array;
  /** Base order, best first. */
  readonly order: Uint32Array;
  readonly k: number;
  readonly settings: Settings;
}

/** The path one criterion's weight moves along: its share `t`, the others scaled to `1 - t`. */
interface WeightPath {
  readonly c: number;
  readonly axis: 0 | 1;
  /** The model share. */
  readonly t0: number;
  /** Criterion indices of the other criteria on the axis. */
  readonly others: Uint32Array;
  /** Their shares of what `c` leaves: summing to 1. */
  readonly otherShare: Float64Array;
  /** Axis share -> model weight, or `null`. */
  readonly toWeight: (t: number) => number | null;
  /** Writes the weights for share `t` into `weights` (a full per-criterion array). */
  readonly weightsAt: (t: number, weights: Float64Array) => void;
}

function createPath(kernel: ScoringKernel, c: number): WeightPath {
  const axis = kernel.axisOf[c] as 0 | 1;
  const others = kernel.axisCriteria[axis].filter((j) => j !== c);
  const t0 = kernel.weights[c]!;
  const rest = 1 - t0;
  const otherShare = Float64Array.from(others, (j) =>
    rest > 0 ? kernel.weights[j]! / rest : 1 / others.length,
  );
  const criteria = kernel.model.criteria;
  const otherRaw = others.reduce((sum, j) => sum + criteria[j]!.weight, 0);
  return {
    c,
    axis,
    t0,
    others,
    otherShare,
    toWeight: (t) => (otherRaw > 0 && t < 1 ? (t * otherRaw) / (1 - t) : null),
    weightsAt: (t, weights) => {
      weights.set(kernel.weights);
      weights[c] = t;
      for (let j = 0; j < others.length; j++) weights[others[j]!] = otherShare[j]! * (1 - t);
    },
  };
}

interface Analysed {
  readonly top1: readonly [number, number];
  readonly topK: readonly [number, number];
  readonly quadrants: readonly (readonly [number, number])[];
}

/** A criterion alone on its axis cannot move: every interval is its (full) share. */
function fixedIntervals(n: number, t0: number): Analysed {
  const fixed = [t0, t0] as const;
  return { top1: fixed, topK: fixed, quadrants: Array.from({ length: n }, () => fixed) };
}

function analyseExact(context: Context, path: WeightPath): Analysed {
  const { kernel, base, order, k } = context;
  const { n, m, normalised, model } = kernel;
  const { t0, axis } = path;
  if (path.others.length === 0) return fixedIntervals(n, t0);
  // Moving-axis score of initiative i on the 0-1 scale: intercept[i] + slope[i] * t.
  const intercept = new Float64Array(n);
  const slope = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let rest = 0;
    for (let j = 0; j < path.others.length; j++) {
      rest += path.otherShare[j]! * normalised[i * m + path.others[j]!]!;
    }
    intercept[i] = rest;
    slope[i] = normalised[i * m + path.c]! - rest;
  }
  const fixed = Float64Array.from(base[axis === 0 ? 1 : 0], (score) => score / 100);
  const pair = createPairComparison(model, axis, intercept, slope, fixed, context.priority);
  const setEdges = (size: number): [number, number] => {
    let low = 0;
    let high = 1;
    for (let a = 0; a < size; a++) {
      const i = order[a]!;
      for (let b = size; b < n; b++) {
        const j = order[b]!;
        high = Math.min(high, firstOvertake(pair, i, j, t0, high));
        low = Math.max(low, firstOvertake(pair, i, j, t0, low));
      }
    }
    return [low, high];
  };
  const threshold = (axis === 0 ? model.thresholds.value : model.thresholds.feasibility) / 100;
  const quadrants = Array.from({ length: n }, (_, i): [number, number] => {
    const b = slope[i]!;
    const isHigh = base[axis][i]! >= threshold * 100;
    // A slope this small is rounding: the score does not move along the path (e.g. the criterion is rated
    // exactly the weighted mean of the others), so the quadrant cannot change.
    if (Math.abs(b) < FLAT_SLOPE) return [0, 1];
    const crossing = (threshold - intercept[i]!) / b;
    // Rising score: a low initiative turns high going up; a high one turns low going down. Falling: reversed.
    const high = b > 0 !== isHigh ? clamp(crossing, t0, 1) : 1;
    const low = b > 0 === isHigh ? clamp(crossing, 0, t0) : 0;
    return [low, high];
  });
  return { top1: setEdges(Math.min(1, k)), topK: setEdges(k), quadrants };
}

function clamp(t: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, t));
}

function analyseNumeric(context: Context, path: WeightPath): Analysed {
  const { kernel, scorer, sorter, base, k, order, settings } = context;
  const { n, m, normalised, model } = kernel;
  const { t0, axis } = path;
  if (path.others.length === 0) return fixedIntervals(n, t0);
  const weights = new Float64Array(m);
  const moving = new Float64Array(n);
  const priority = new Float64Array(n);
  const value = axis === 0 ? moving : base[0];
  const feasibility = axis === 1 ? moving : base[1];
  const trial = new Uint32Array(n);
  const inTop = new Uint8Array(n);
  for (let a = 0; a < k; a++) inTop[order[a]!] = 1;
  const rankAt = (t: number) => {
    path.weightsAt(t, weights);
    for (let i = 0; i < n; i++) {
      moving[i] = scorer.score(axis, normalised, i * m, weights);
      priority[i] = kernel.priorityOf(value[i]!, feasibility[i]!);
    }
    sorter.sort(priority, value, trial);
  };
  const sameTop1 = (t: number) => {
    rankAt(t);
    return n === 0 || trial[0] === order[0];
  };
  const sameTopK = (t: number) => {
    rankAt(t);
    for (let a = 0; a < k; a++) if (inTop[trial[a]!] === 0) return false;
    return true;
  };
  const edges = (holds: (t: number) => boolean): [number, number] => [
    findEdge(t0, 0, holds, settings),
    findEdge(t0, 1, holds, settings),
  ];
  const threshold = axis === 0 ? model.thresholds.value : model.thresholds.feasibility;
  const quadrants = Array.from({ length: n }, (_, i): [number, number] => {
    const isHigh = base[axis][i]! >= threshold;
    return edges((t) => {
      path.weightsAt(t, weights);
      return scorer.score(axis, normalised, i * m, weights) >= threshold === isHigh;
    });
  });
  return { top1: edges(sameTop1), topK: edges(sameTopK), quadrants };
}

/**
 * Walks from `start` towards `end` on a grid and bisects the first change of `holds` to the tolerance.
 *
 * @returns the midpoint of the final bracket, or `end` when `holds` never fails on the grid
 */
function findEdge(start: number, end: number, holds: (t: number) => boolean, settings: Settings): number {
  if (start === end) return end;
  const step = (end - start) / settings.gridSteps;
  let inside = start;
  for (let s = 1; s <= settings.gridSteps; s++) {
    const t = s === settings.gridSteps ? end : start + s * step;
    if (holds(t)) {
      inside = t;
      continue;
    }
    let outside = t;
    while (Math.abs(outside - inside) > settings.tolerance) {
      const middle = (inside + outside) / 2;
      if (holds(middle)) inside = middle;
      else outside = middle;
    }
    return (inside + outside) / 2;
  }
  return end;
}
