import { checkDecisionProblem, type DecisionProblem } from "./decision-problem.js";

/**
 * How TOPSIS puts criteria on a common scale.
 *
 * - `vector`: r_ij = x_ij / sqrt(sum_i x_ij^2), Hwang & Yoon's original.
 * - `min-max`: r_ij = (x_ij - min_j) / (max_j - min_j), reversed for a cost, over the alternatives given; a
 *   criterion on which every alternative is equal separates nobody and reads 0 for all.
 */
export type TopsisNormalisation = "vector" | "min-max";

/** The outcome of {@link topsis}. */
export interface TopsisResult {
  /** Relative closeness to the ideal, C_i = D-_i / (D+_i + D-_i), in [0, 1]; higher is better. */
  readonly closeness: Float64Array;
  /** Euclidean distance to the positive ideal solution. */
  readonly toIdeal: Float64Array;
  /** Euclidean distance to the negative ideal solution. */
  readonly toAntiIdeal: Float64Array;
}

/**
 * TOPSIS, the technique for order preference by similarity to the ideal solution (Hwang, C.L. & Yoon, K.
 * (1981) *Multiple Attribute Decision Making: Methods and Applications*, Springer, pp. 128-140): normalise
 * each criterion, weight it (weights normalised to sum 1, so scaling them changes nothing), take the ideal
 * (best value of every criterion: the largest for a benefit, the smallest for a cost) and the anti-ideal,
 * and rank by the relative closeness C_i = D-_i / (D+_i + D-_i). When the alternatives are equal on every
 * criterion, ideal and anti-ideal coincide and every alternative gets C = 0.5: they all tie.
 *
 * @param problem - alternatives x criteria, weights and directions
 * @param normalisation - `vector` (default) or `min-max`
 * @returns closeness and the two distances per alternative
 * @throws {@link CxprismError} `invalid-input` for a malformed problem
 */
export function topsis(
  problem: DecisionProblem,
  normalisation: TopsisNormalisation = "vector",
): TopsisResult {
  const weights = checkDecisionProblem(problem);
  const n = problem.alternatives.length;
  const m = problem.criteria.length;
  const weighted = problem.values.map((row) => Float64Array.from(row));
  for (let j = 0; j < m; j++) {
    const cost = problem.criteria[j]!.direction === "cost";
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = weighted[i]![j]!;
      low = Math.min(low, x);
      high = Math.max(high, x);
      squares += x * x;
    }
    const norm = Math.sqrt(squares);
    for (let i = 0; i < n; i++) {
      const x = weighted[i]![j]!;
      let r: number;
      if (normalisation === "vector") r = norm === 0 ? 0 : x / norm;
      else if (high === low) r = 0;
      else r = cost ? (high - x) / (high - low) : (x - low) / (high - low);
      weighted[i]![j] = weights[j]! * r;
    }
  }
  // After min-max a cost is already reversed, so its ideal is the largest reading like a benefit's.
  const bestIsLowest = (j: number) => normalisation === "vector" && problem.criteria[j]!.direction === "cost";
  const ideal = new Float64Array(m);
  const antiIdeal = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      low = Math.min(low, weighted[i]![j]!);
      high = Math.max(high, weighted[i]![j]!);
    }
    ideal[j] = bestIsLowest(j) ? low : high;
    antiIdeal[j] = bestIsLowest(j) ? high : low;
  }
  const toIdeal = new Float64Array(n);
  const toAntiIdeal = new Float64Array(n);
  const closeness = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let plus = 0;
    let minus = 0;
    for (let j = 0; j < m; j++) {
      plus += (weighted[i]![j]! - ideal[j]!) ** 2;
      minus += (weighted[i]![j]! - antiIdeal[j]!) ** 2;
    }
    toIdeal[i] = Math.sqrt(plus);
    toAntiIdeal[i] = Math.sqrt(minus);
    const total = toIdeal[i]! + toAntiIdeal[i]!;
    closeness[i] = total === 0 ? 0.5 : toAntiIdeal[i]! / total;
  }
  return { closeness, toIdeal, toAntiIdeal };
}
