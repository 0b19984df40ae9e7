/**
 * A linear map from a data domain to a pixel range, configured once and applied many times
 * (in the manner of d3-scale's `scaleLinear().domain().range()`).
 */
export interface LinearScale {
  /** Maps a domain value to the range; values outside the domain extrapolate. */
  (value: number): number;
  /** The domain `[d0, d1]` as configured. */
  readonly domain: readonly [number, number];
  /** The range `[r0, r1]` as configured. */
  readonly range: readonly [number, number];
  /** Maps a range value back to the domain (the middle of the domain when the range is empty). */
  invert(position: number): number;
}

/**
 * Builds a linear scale.
 *
 * Degenerate case: an empty domain (`d0 === d1`) maps every value to the middle of the range, as d3 does,
 * so a single data value is drawn in the centre instead of at a division by zero.
 *
 * @param domain - the data interval `[d0, d1]`
 * @param range - the output interval `[r0, r1]` (may be reversed, e.g. SVG's y axis)
 * @returns the scale
 * @example
 * const x = createLinearScale([0, 100], [40, 540]);
 * x(50); // 290
 */
export function createLinearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const dSpan = d1 - d0;
  const rSpan = r1 - r0;
  const map = (value: number): number => (dSpan === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / dSpan) * rSpan);
  const invert = (position: number): number =>
    rSpan === 0 ? (d0 + d1) / 2 : d0 + ((position - r0) / rSpan) * dSpan;
  return Object.assign(map, { domain: [d0, d1] as const, range: [r0, r1] as const, invert });
}

/**
 * A square-root scale for marker sizes: the marker's *area*, not its radius, is proportional to the value.
 * Maps `0 .. max` to radius `0 .. maxRadius`.
 *
 * Degenerate cases: a `max` of 0 (or not finite) maps every value to `maxRadius / 2`, so markers stay
 * visible; negative values map to radius 0.
 *
 * @param max - the largest value, drawn at `maxRadius`
 * @param maxRadius - the radius of the largest marker, in pixels
 * @returns a function from a value to a radius
 * @example
 * const radius = createAreaScale(400, 20);
 * radius(100); // 10: a quarter of the value, a quarter of the area
 */
export function createAreaScale(max: number, maxRadius: number): (value: number) => number {
  if (!(max > 0) || !Number.isFinite(max)) return () => maxRadius / 2;
  return (value) => (value > 0 ? maxRadius * Math.sqrt(value / max) : 0);
}

/**
 * Evenly spaced "nice" tick values (multiples of 1, 2 or 5 times a power of ten) covering `[min, max]`,
 * about `count` of them, as d3's `ticks` chooses them.
 *
 * Degenerate cases: `min === max` gives `[min]`; `count < 1` or a non-finite bound gives `[]`.
 *
 * @param min - the lower end
 * @param max - the upper end
 * @param count - the approximate number of ticks wanted
 * @returns tick values in ascending order
 * @example
 * niceTicks(0, 100, 5); // [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(count >= 1)) return [];
  if (min === max) return [min];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const rawStep = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(rawStep));
  const error = rawStep / power;
  const step = power * (error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1);
  const first = Math.ceil(lo / step);
  const last = Math.floor(hi / step);
  const ticks: number[] = [];
  // Multiply integers by the step (instead of accumulating) so 0.1 + 0.2 drift never shows up in a label.
  for (let k = first; k <= last; k++) ticks.push(step >= 1 ? k * step : k / (1 / step));
  return ticks;
}
