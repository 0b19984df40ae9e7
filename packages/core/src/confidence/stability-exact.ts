import { createPairComparison, firstOvertake } from "./overtake.js";
import { type Analysed, type Context, fixedIntervals, type WeightPath } from "./weight-path.js";

/** Axis-score slopes (0-1 scale per unit of share) below this are rounding noise. */
const FLAT_SLOPE = 1e-13;

/**
 * Weight-stability intervals in closed form for `weighted-sum` models (see `analyseWeightStability`): axis
 * scores are linear in the moving share, quadrant edges are linear roots and rank swaps are roots of the
 * pair polynomials of `overtake.ts`.
 *
 * @param context - the kernel and base world
 * @param path - the criterion's weight path
 * @returns the intervals as axis shares
 */
export function analyseExact(context: Context, path: WeightPath): Analysed {
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
