import type { RaterAggregation } from "../schema/model.js";

/**
 * Combines several raters' raw values for one criterion into one value.
 *
 * - `mean`: weighted arithmetic mean.
 * - `median`: weighted median (the smallest value at which the cumulative weight reaches half; the
 *   midpoint of the two middle values when the weight splits exactly in half).
 * - `geometric-mean`: weighted geometric mean of the values shifted so the scale minimum is 1, shifted back
 *   (so it is defined for scales that start at 0 or below and agrees with the plain geometric mean on 1-based
 *   scales such as 1-5 or Saaty's 1-9).
 *
 * Raters with weight 0 are ignored; if every weight is 0 the raters count equally.
 *
 * @param values - the raw values, one per rater who rated
 * @param weights - each rater's weight, aligned with `values`
 * @param method - the aggregation rule
 * @param scaleMin - the scale's minimum, for the geometric-mean shift
 * @returns the combined raw value
 */
export function aggregateRaterValues(
  values: readonly number[],
  weights: readonly number[],
  method: RaterAggregation,
  scaleMin: number,
): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const weightOf = total > 0 ? (i: number) => weights[i]! / total : () => 1 / values.length;
  if (method === "mean") {
    // Sum weight x value first and divide once: exact for whole-number ratings and weights in any rater order.
    if (total > 0) return values.reduce((sum, value, i) => sum + value * weights[i]!, 0) / total;
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  }
  if (method === "geometric-mean") {
    const shift = 1 - scaleMin;
    const logMean = values.reduce((sum, value, i) => sum + Math.log(value + shift) * weightOf(i), 0);
    return Math.exp(logMean) - shift;
  }
  const order = values
    .map((_, i) => i)
    .filter((i) => weightOf(i) > 0)
    .sort((a, b) => values[a]! - values[b]!);
  let cumulative = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    cumulative += weightOf(i);
    if (Math.abs(cumulative - 0.5) < 1e-12 && k + 1 < order.length) {
      return (values[i]! + values[order[k + 1]!]!) / 2;
    }
    if (cumulative > 0.5) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}
