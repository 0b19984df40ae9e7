import type { AxisLayout } from "./axis.js";

/**
 * Both axes' weighted sums over every initiative: `100 x sum(weight x reading)` per axis, the reading of a
 * raw rating being `(raw - origin) * factor`. The same arithmetic, term by term in model order, as
 * aggregateAxis, so {@link weightedSumContributions} add up to exactly these scores.
 *
 * @param ratings - raw ratings, row-major, one column per model criterion
 * @param origin - each model criterion's reading origin
 * @param factor - each model criterion's reading factor
 * @param axes - the value and feasibility layouts
 * @param n - how many rows
 * @returns the value and feasibility scores
 */
export function weightedSumScores(
  ratings: Float64Array,
  origin: Float64Array,
  factor: Float64Array,
  axes: readonly [AxisLayout, AxisLayout],
  n: number,
): [Float64Array, Float64Array] {
  const value = new Float64Array(n);
  const feasibility = new Float64Array(n);
  const terms = [
    weightedSumTerms(axes[0], origin, factor),
    weightedSumTerms(axes[1], origin, factor),
  ] as const;
  weightedSumAxes(ratings, origin.length, terms, value, feasibility);
  return [value, feasibility];
}

/**
 * The terms of one axis' weighted sum: its criteria with a weight above 0, in model order, each with its
 * reading (`(raw - origin) * factor`) and its weight in points (100 x its weight normalised on the axis). A
 * criterion of weight 0 adds exactly 0 to the sum, and only such a criterion may be unrated (NaN), so leaving
 * it out changes no score and leaves the loop without a branch.
 */
interface WeightedSumTerms {
  /** Model criterion indices. */
  readonly columns: Int32Array;
  readonly origin: Float64Array;
  readonly factor: Float64Array;
  readonly points: Float64Array;
}

function weightedSumTerms(axis: AxisLayout, origin: Float64Array, factor: Float64Array): WeightedSumTerms {
  const { indices, weights } = axis;
  let count = 0;
  for (const weight of weights) if (weight > 0) count++;
  const terms = {
    columns: new Int32Array(count),
    origin: new Float64Array(count),
    factor: new Float64Array(count),
    points: new Float64Array(count),
  };
  // Plain loops: typed arrays' `from` with a mapping function cost more than scoring 30 initiatives.
  for (let j = 0, t = 0; j < indices.length; j++) {
    if (!(weights[j]! > 0)) continue;
    const c = indices[j]!;
    terms.columns[t] = c;
    terms.origin[t] = origin[c]!;
    terms.factor[t] = factor[c]!;
    terms.points[t++] = 100 * weights[j]!;
  }
  return terms;
}

/** How many rows {@link weightedSumAxes} sums a term over at a time: their ratings stay in the L1 cache. */
const ROW_BLOCK = 128;

/**
 * Both weighted-sum axes over every initiative, into `value` and `feasibility` (which must hold zeros): each
 * the sum of the contributions {@link weightedSumContributions} computes, in the same order (model order) and
 * the same arithmetic as aggregateAxis (less the terms of weight 0, which add 0). Rows are taken in blocks,
 * and within a block each term is added to every row before the next term: the rows' sums do not wait on one
 * another (measured about 1.5x faster than one row at a time), and each row adds its terms in the same order.
 */
function weightedSumAxes(
  ratings: Float64Array,
  m: number,
  terms: readonly [WeightedSumTerms, WeightedSumTerms],
  value: Float64Array,
  feasibility: Float64Array,
): void {
  const n = value.length;
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (let a = 0; a < 2; a++) {
      const { columns, origin, factor, points } = terms[a]!;
      const sums = a === 0 ? value : feasibility;
      for (let j = 0; j < columns.length; j++) {
        const o = origin[j]!;
        const f = factor[j]!;
        const p = points[j]!;
        for (let i = start, cell = start * m + columns[j]!; i < end; i++, cell += m)
          sums[i] = sums[i]! + p * ((ratings[cell]! - o) * f);
      }
    }
  }
}

/**
 * The contributions whose sums {@link weightedSumScores} made one axis' scores: row-major, `n` rows, one
 * column per criterion of the axis (0 for a criterion of weight 0).
 *
 * @param ratings - raw ratings, row-major, one column per model criterion
 * @param origin - each model criterion's reading origin
 * @param factor - each model criterion's reading factor
 * @param axis - the axis' layout
 * @param n - how many rows
 * @returns the contributions
 */
export function weightedSumContributions(
  ratings: Float64Array,
  origin: Float64Array,
  factor: Float64Array,
  axis: AxisLayout,
  n: number,
): Float64Array {
  const m = origin.length;
  const { indices, weights } = axis;
  const k = indices.length;
  const points = weights.map((weight) => 100 * weight);
  const contributions = new Float64Array(n * k);
  for (let i = 0, row = 0, offset = 0; i < n; i++, row += m, offset += k) {
    for (let j = 0; j < k; j++) {
      const c = indices[j]!;
      const normalised = (ratings[row + c]! - origin[c]!) * factor[c]!;
      // NaN only for an unrated zero-weight criterion, which counts 0.
      contributions[offset + j] = points[j]! * (Number.isNaN(normalised) ? 0 : normalised);
    }
  }
  return contributions;
}
