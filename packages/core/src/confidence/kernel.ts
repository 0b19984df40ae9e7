import { aggregateAxis } from "../pipeline/axis.js";
import { ratingReading } from "../pipeline/normalise.js";
import { createPriorityRule } from "../pipeline/priority.js";
import { isLabelScale, scalePointCount } from "../schema/criterion.js";
import type { AxisAggregation, Model } from "../schema/model.js";
import type { Portfolio } from "../validate/portfolio.js";

/**
 * A portfolio laid out once in typed arrays for repeated scoring under changed weights or ratings. Built by
 * {@link createScoringKernel}; the arithmetic is the same as `scorePortfolio`'s, in the same order, so a kernel
 * scored with the model's own weights and ratings reproduces core's scores bit for bit.
 */
export interface ScoringKernel {
  /** Number of initiatives. */
  readonly n: number;
  /** Number of criteria (all axes). */
  readonly m: number;
  readonly model: Model;
  readonly aggregation: AxisAggregation;
  /** Criterion indices of each axis (value, then feasibility), in model order. */
  readonly axisCriteria: readonly [Uint32Array, Uint32Array];
  /** Axis of each criterion: 0 value, 1 feasibility. */
  readonly axisOf: Uint8Array;
  /** Model weights normalised to sum 1 on each axis, by criterion index. */
  readonly weights: Float64Array;
  /** Raw rating to what the aggregation reads: `(raw - origin[c]) * factor[c]` (see `ratingReading`). */
  readonly origin: Float64Array;
  readonly factor: Float64Array;
  /** Base normalised ratings, row-major `n x m`; 0 where an unweighted criterion was not rated. */
  readonly normalised: Float64Array;
  /** Each initiative's position when ids are sorted by code point: the ranking's last tie-break. */
  readonly idRank: Uint32Array;
  /**
   * Non-zero for `unrated` initiatives (no rating on an axis), which rank after every other whatever their
   * midpoint scores, as in `score`; undefined when there are none.
   */
  readonly last: Uint8Array | undefined;
  /** The model's priority rule, `(value, feasibility) => priority`, all 0-100. */
  readonly priorityOf: (value: number, feasibility: number) => number;
}

/**
 * Lays out a validated portfolio for repeated scoring.
 *
 * @param portfolio - the output of `validatePortfolio`
 * @returns the kernel
 */
export function createScoringKernel(portfolio: Portfolio): ScoringKernel {
  const { model, initiatives, ratings } = portfolio;
  const n = initiatives.length;
  const m = model.criteria.length;
  const origin = new Float64Array(m);
  const factor = new Float64Array(m);
  const axisOf = new Uint8Array(m);
  const weights = new Float64Array(m);
  const totals = [0, 0];
  model.criteria.forEach((criterion, c) => {
    const reading = ratingReading(criterion, model.aggregation);
    origin[c] = reading.origin;
    factor[c] = reading.factor;
    axisOf[c] = criterion.axis === "value" ? 0 : 1;
    totals[axisOf[c]!]! += criterion.weight;
  });
  model.criteria.forEach((criterion, c) => {
    weights[c] = criterion.weight / totals[axisOf[c]!]!;
  });
  const axisCriteria = [0, 1].map((axis) =>
    Uint32Array.from(model.criteria.flatMap((_, c) => (axisOf[c] === axis ? [c] : []))),
  ) as unknown as [Uint32Array, Uint32Array];
  const normalised = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      const x = (ratings[i * m + c]! - origin[c]!) * factor[c]!;
      normalised[i * m + c] = Number.isNaN(x) ? 0 : x;
    }
  }
  const ids = initiatives.map((initiative) => initiative.id);
  const byId = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const idRank = new Uint32Array(n);
  byId.forEach((i, position) => {
    idRank[i] = position;
  });
  return {
    n,
    m,
    model,
    aggregation: model.aggregation,
    axisCriteria,
    axisOf,
    weights,
    origin,
    factor,
    normalised,
    idRank,
    last: portfolio.unrated?.some((flag) => flag !== 0) ? portfolio.unrated : undefined,
    priorityOf: createPriorityRule(model),
  };
}

/**
 * Scores one axis of one initiative from normalised ratings and per-criterion weights, for any aggregation.
 * Holds its own scratch buffers, so scoring allocates nothing.
 */
export class AxisScorer {
  private readonly x: [Float64Array, Float64Array];
  private readonly w: [Float64Array, Float64Array];
  private readonly contributions: [Float64Array, Float64Array];

  /** @param kernel - the portfolio layout */
  constructor(private readonly kernel: ScoringKernel) {
    const [value, feasibility] = kernel.axisCriteria;
    this.x = [new Float64Array(value.length), new Float64Array(feasibility.length)];
    this.w = [new Float64Array(value.length), new Float64Array(feasibility.length)];
    this.contributions = [new Float64Array(value.length), new Float64Array(feasibility.length)];
  }

  /**
   * The 0-100 score of one axis.
   *
   * @param axis - 0 value, 1 feasibility
   * @param x - normalised ratings; criterion `c` is read at `x[offset + c]`
   * @param offset - where the initiative's row starts in `x`
   * @param weights - weight per criterion index, summing to 1 over the axis
   * @returns the axis score, computed exactly as core's `aggregateAxis` does
   */
  score(axis: 0 | 1, x: ArrayLike<number>, offset: number, weights: ArrayLike<number>): number {
    const criteria = this.kernel.axisCriteria[axis];
    const k = criteria.length;
    if (this.kernel.aggregation === "weighted-sum") {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const c = criteria[j]!;
        sum += 100 * weights[c]! * x[offset + c]!;
      }
      return sum;
    }
    const xs = this.x[axis];
    const ws = this.w[axis];
    for (let j = 0; j < k; j++) {
      const c = criteria[j]!;
      xs[j] = x[offset + c]!;
      ws[j] = weights[c]!;
    }
    return aggregateAxis(this.kernel.aggregation, xs, ws, this.contributions[axis]);
  }
}

/**
 * The size of one rating step on a criterion's scale, used by the tornado (one step down and up) and as the
 * unit of Monte Carlo rating uncertainty: one label on a label scale, one point on an integer numeric scale
 * with at most 21 points (the scales a rubric can describe, such as 1-5 or 0-10), and a tenth of the range on
 * any other numeric scale (continuous, or as wide as 0-100).
 *
 * @param criterion - the criterion
 * @returns the step in raw rating units
 */
export function ratingStep(criterion: Model["criteria"][number]): number {
  const scale = criterion.scale;
  if (isLabelScale(scale)) return 1;
  return scalePointCount(scale) === undefined ? (scale.max - scale.min) / 10 : 1;
}
