import { type Criterion, isLabelScale, type Scale } from "../schema/criterion.js";
import type { AxisAggregation } from "../schema/model.js";

/** The numeric bounds of a scale; a label scale spans label positions `0 .. labels.length - 1`. */
export interface ScaleBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * The numeric bounds ratings on this scale are stored in.
 *
 * @param scale - a numeric or label scale
 * @returns `{min, max}`; for labels the positions of the first and last label
 */
export function scaleBounds(scale: Scale): ScaleBounds {
  return isLabelScale(scale) ? { min: 0, max: scale.labels.length - 1 } : { min: scale.min, max: scale.max };
}

/**
 * Builds the function that maps a criterion's raw rating to [0, 1]: by the criterion's declared scale, not
 * by the data, so adding or removing an initiative never changes another's score. A `cost` criterion is
 * reversed: its best (lowest) rating maps to 1.
 *
 * @param criterion - the criterion whose scale and direction to apply
 * @returns a function from a raw rating (a label's position for label scales) to [0, 1]
 * @example
 * createNormaliser({ ...criterion, scale: { min: 1, max: 5 }, direction: "cost" })(2) // 0.75
 */
export function createNormaliser(criterion: Pick<Criterion, "scale" | "direction">): (raw: number) => number {
  const { min, max } = scaleBounds(criterion.scale);
  const span = max - min;
  return criterion.direction === "cost" ? (raw) => (max - raw) / span : (raw) => (raw - min) / span;
}

/**
 * The midpoint of a scale, used when `missing: "neutral"` stands in for a missing rating.
 *
 * @param scale - a numeric or label scale
 * @returns the raw value halfway between the scale's ends
 */
export function scaleMidpoint(scale: Scale): number {
  const { min, max } = scaleBounds(scale);
  return (min + max) / 2;
}

/**
 * The affine map from a raw rating to what an axis aggregation reads: `(raw - origin) * factor`. Before
 * aggregation a rating lies in [0, 1] (or at most 1, below 0 never) and 1 is the best.
 */
export interface RatingReading {
  readonly origin: number;
  readonly factor: number;
}

/**
 * The weighted product's lowest reading: a rating at its scale's zero counts as 1 % of the best, so one
 * rating at the bottom lowers the axis by the factor 0.01^w instead of zeroing it whatever its weight.
 */
export const PRODUCT_FLOOR = 0.01;

/**
 * How a criterion's raw rating is read by an axis aggregation.
 *
 * - `weighted-sum` and `min` read an interval scale: min-max, `(raw - min) / (max - min)` for a benefit and
 *   `(max - raw) / (max - min)` for a cost, so the worst rating reads 0 and the best 1.
 * - `weighted-product` multiplies ratings, so it needs a ratio scale: a rating is read as its distance from
 *   the scale's zero over the best rating's distance, `(raw - zero) / (max - zero)`. The zero is 0 for a
 *   numeric scale that starts at 0 or above (so ratios between initiatives are the textbook WPM ratios
 *   (a_K / a_L)^w, Bridgman 1922, Miller & Starr 1969), the scale's own min for one that starts below 0, and
 *   one label below the first for a label scale (labels are levels 1..L). A cost criterion is reflected
 *   within its scale first (`min + max - raw`), so its best rating reads 1 too. A rating at the zero, only
 *   possible when the scale starts there, is floored at {@link PRODUCT_FLOOR} by the aggregation.
 *
 * Example: criteria a (weight 1) and b (weight 9) on 1-5. Min-max reads {a: 1, b: 5} as {0, 1} and the
 * product is 0; the ratio reading is {0.2, 1}, so the product is 100 * 0.2^0.1 = 85.1, against 40 for
 * {a: 2, b: 2}.
 *
 * @param criterion - the criterion's scale and direction
 * @param aggregation - the model's axis aggregation
 * @returns origin and factor of the reading
 */
export function ratingReading(
  criterion: Pick<Criterion, "scale" | "direction">,
  aggregation: AxisAggregation,
): RatingReading {
  const { min, max } = scaleBounds(criterion.scale);
  const cost = criterion.direction === "cost";
  if (aggregation !== "weighted-product") {
    return { origin: cost ? max : min, factor: (cost ? -1 : 1) / (max - min) };
  }
  const zero = isLabelScale(criterion.scale) ? min - 1 : Math.min(min, 0);
  const top = max - zero;
  // A cost is reflected: raw -> min + max - raw, then read from the zero: (min + max - raw - zero) / top.
  return cost ? { origin: min + max - zero, factor: -1 / top } : { origin: zero, factor: 1 / top };
}
