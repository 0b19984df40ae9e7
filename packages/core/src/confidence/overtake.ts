import type { Model } from "../schema/model.js";

/**
 * Closed-form pair comparisons along a weight path for `weighted-sum` models. On the path the moving axis
 * score of initiative `i` (0-1 scale) is `intercept[i] + slope[i] * t` and the other axis is fixed at
 * `fixed[i]`. For each priority rule there is a polynomial `g(t)` of degree at most 2 with the sign of
 * `priority_i(t) - priority_j(t)`:
 *
 * - `closeness`: priority falls with the distance to the ideal corner, so `g = d_j^2 - d_i^2`, with
 *   `d^2 = (1 - s)^2 + (1 - q)^2`: quadratic in `t`.
 * - `weighted-mean`: `g = P_i - P_j`, linear in `t`.
 * - `geometric-mean`: `P = s^e_m * q^e_f = (s * K)^e_m` with `K = q^(e_f / e_m)`, increasing in `s * K`, so
 *   `g = s_i K_i - s_j K_j`, linear in `t`. When the moving axis has exponent 0 priority does not move and
 *   `g` is the constant base difference.
 */
export interface PairComparison {
  /** Coefficients `[c0, c1, c2]` of `g` for the pair `(i, j)`, written into `out`. */
  readonly coefficients: (i: number, j: number, out: Float64Array) => void;
  readonly scratch: Float64Array;
}

/**
 * Builds the pair comparison for one weight path.
 *
 * @param model - supplies the priority rule and axis weights
 * @param axis - the moving axis: 0 value, 1 feasibility
 * @param intercept - moving-axis score at `t = 0`, 0-1 scale
 * @param slope - its change per unit of `t`
 * @param fixed - the other axis' score, 0-1 scale
 * @param basePriority - base priorities (used when priority does not depend on the moving axis)
 * @returns the comparison
 */
export function createPairComparison(
  model: Pick<Model, "priority" | "axisWeights">,
  axis: 0 | 1,
  intercept: Float64Array,
  slope: Float64Array,
  fixed: Float64Array,
  basePriority: Float64Array,
): PairComparison {
  const { value: wv, feasibility: wf } = model.axisWeights;
  const valueShare = wv / (wv + wf);
  const movingShare = axis === 0 ? valueShare : 1 - valueShare;
  const fixedShare = 1 - movingShare;
  const scratch = new Float64Array(3);
  switch (model.priority) {
    case "closeness":
      return {
        scratch,
        coefficients: (i, j, out) => {
          const pi = 1 - intercept[i]!;
          const pj = 1 - intercept[j]!;
          const bi = slope[i]!;
          const bj = slope[j]!;
          const ri = (1 - fixed[i]!) ** 2;
          const rj = (1 - fixed[j]!) ** 2;
          out[0] = pj * pj + rj - (pi * pi + ri);
          out[1] = 2 * (pi * bi - pj * bj);
          out[2] = bj * bj - bi * bi;
        },
      };
    case "weighted-mean":
      return {
        scratch,
        coefficients: (i, j, out) => {
          out[0] = movingShare * (intercept[i]! - intercept[j]!) + fixedShare * (fixed[i]! - fixed[j]!);
          out[1] = movingShare * (slope[i]! - slope[j]!);
          out[2] = 0;
        },
      };
    case "geometric-mean": {
      if (movingShare === 0) {
        return {
          scratch,
          coefficients: (i, j, out) => {
            out[0] = basePriority[i]! - basePriority[j]!;
            out[1] = 0;
            out[2] = 0;
          },
        };
      }
      const factor = Float64Array.from(fixed, (q) => q ** (fixedShare / movingShare));
      return {
        scratch,
        coefficients: (i, j, out) => {
          out[0] = intercept[i]! * factor[i]! - intercept[j]! * factor[j]!;
          out[1] = slope[i]! * factor[i]! - slope[j]! * factor[j]!;
          out[2] = 0;
        },
      };
    }
  }
}

/** Coefficients this small (scores are on a 0-1 scale) are rounding noise: `g` is treated as 0 there. */
const NOISE = 1e-13;

/** Roots this close to the end of a walk are rounding, not a crossing inside it. */
const EDGE_ROUNDING = 1e-12;

/**
 * Where, moving from `t0` towards `end`, initiative `j` first gets strictly ahead of `i` (which is ahead at
 * `t0` in the base order).
 *
 * @param pair - the comparison for this path
 * @param i - the initiative ahead in the base order
 * @param j - the initiative behind
 * @param t0 - the start of the walk (the model share)
 * @param end - where to stop (0 or 1, or a nearer edge already found)
 * @returns the first share at which `j` is ahead just beyond it, or `end` if that never happens before `end`
 */
export function firstOvertake(pair: PairComparison, i: number, j: number, t0: number, end: number): number {
  if (t0 === end) return end;
  const g = pair.scratch;
  pair.coefficients(i, j, g);
  let c0 = g[0]!;
  let c1 = g[1]!;
  let c2 = g[2]!;
  const size = Math.max(Math.abs(c0), Math.abs(c1), Math.abs(c2));
  if (size < NOISE) return end;
  if (Math.abs(c2) < NOISE) c2 = 0;
  if (Math.abs(c1) < NOISE) c1 = 0;
  if (Math.abs(c0) < NOISE) c0 = 0;
  const up = end > t0;
  // Candidate breakpoints: roots strictly between t0 and end, nearest first; g keeps its sign between them.
  let r1 = Number.NaN;
  let r2 = Number.NaN;
  if (c2 === 0) {
    if (c1 !== 0) r1 = -c0 / c1;
  } else {
    const discriminant = c1 * c1 - 4 * c2 * c0;
    if (discriminant > 0) {
      // The numerically stable pair of roots (no cancellation between -c1 and the square root).
      const q = -0.5 * (c1 + Math.sign(c1 || 1) * Math.sqrt(discriminant));
      r1 = q / c2;
      r2 = q !== 0 ? c0 / q : Number.NaN;
    }
  }
  // A root within rounding of `end` is a tie exactly at the end of the walk, not a change before it.
  const inside = (r: number) =>
    !Number.isNaN(r) && Math.abs(r - end) > EDGE_ROUNDING && (up ? r > t0 && r < end : r < t0 && r > end);
  let first = inside(r1) ? r1 : Number.NaN;
  let second = inside(r2) ? r2 : Number.NaN;
  if (Number.isNaN(first)) {
    first = second;
    second = Number.NaN;
  }
  if (!Number.isNaN(second) && Math.abs(second - t0) < Math.abs(first - t0)) {
    const swap = first;
    first = second;
    second = swap;
  }
  const at = (t: number) => c0 + t * (c1 + t * c2);
  const points = [t0];
  if (!Number.isNaN(first)) points.push(first);
  if (!Number.isNaN(second)) points.push(second);
  points.push(end);
  for (let s = 0; s + 1 < points.length; s++) {
    if (at((points[s]! + points[s + 1]!) / 2) < 0) return points[s]!;
  }
  return end;
}
