import { type Criterion, isLabelScale, type Scale } from "../schema/criterion.js";

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
