import { checkDecisionProblem, type DecisionProblem } from "./decision-problem.js";

/** The outcome of {@link vikor}. */
export interface VikorResult {
  /** Group utility S_i (weighted sum of normalised regrets); lower is better. */
  readonly s: Float64Array;
  /** Individual regret R_i (the largest weighted normalised regret); lower is better. */
  readonly r: Float64Array;
  /** The compromise index Q_i in [0, 1]; lower is better. */
  readonly q: Float64Array;
  /** The weight of the strategy of the majority of criteria, v. */
  readonly v: number;
  /** Alternative indices by Q, best first (ties in input order). */
  readonly order: readonly number[];
  /** The acceptable-advantage threshold DQ = 1 / (J - 1); `null` with fewer than two alternatives. */
  readonly dq: number | null;
  /** C1: Q(second) - Q(first) >= DQ. `null` with fewer than two alternatives. */
  readonly acceptableAdvantage: boolean | null;
  /** C2: the first by Q is also first (or tied first) by S or by R. `null` with fewer than two alternatives. */
  readonly acceptableStability: boolean | null;
  /** The compromise solution: alternative indices, one when both conditions hold. */
  readonly compromise: readonly number[];
}

/**
 * VIKOR, the compromise ranking of Opricovic & Tzeng (Opricovic, S. & Tzeng, G.-H. (2004) "Compromise
 * solution by MCDM methods: a comparative analysis of VIKOR and TOPSIS", *European Journal of Operational
 * Research* 156(2), 445-455). With f*_j and f-_j the best and worst value of criterion j over the
 * alternatives and w_j the weights (normalised to sum 1):
 *
 * - S_i = sum_j w_j (f*_j - f_ij) / (f*_j - f-_j), R_i = max_j of the same terms;
 * - Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*), S* = min S, S- = max S, likewise R;
 * - rank by Q, lowest first, and propose the first a' as the compromise when C1 (acceptable advantage:
 *   Q(a'') - Q(a') >= DQ = 1 / (J - 1), J alternatives) and C2 (acceptable stability: a' is also best by S or
 *   by R) hold. Without C2 the compromise is {a', a''}; without C1 it is a' to a^(M), M the last with
 *   Q(a^(M)) - Q(a') < DQ.
 *
 * Degenerate cases, decided here: a criterion on which all alternatives are equal contributes 0 to S and R;
 * when S- = S* (or R- = R*) that term of Q is 0. S and R are shares of the weights (0 to 1), and two of them
 * within {@link SAME_SHARE} are equal: otherwise rounding alone (R = 1/3 summed in different orders) would
 * be stretched across the whole of a Q term, and C2 would hang on it too.
 *
 * @param problem - alternatives x criteria, weights and directions
 * @param v - the weight of the majority strategy (default 0.5, "by consensus")
 * @returns S, R, Q, the order, the two conditions and the compromise set
 * @throws {@link CxprismError} `invalid-input` for a malformed problem
 */
export function vikor(problem: DecisionProblem, v = 0.5): VikorResult {
  const weights = checkDecisionProblem(problem);
  const n = problem.alternatives.length;
  const m = problem.criteria.length;
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    const cost = problem.criteria[j]!.direction === "cost";
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      low = Math.min(low, problem.values[i]![j]!);
      high = Math.max(high, problem.values[i]![j]!);
    }
    if (high === low) continue;
    const best = cost ? low : high;
    for (let i = 0; i < n; i++) {
      const regret = (weights[j]! * (best - problem.values[i]![j]!)) / (best - (cost ? high : low));
      s[i] = s[i]! + regret;
      r[i] = Math.max(r[i]!, regret);
    }
  }
  const [sBest, sWorst] = range(s);
  const [rBest, rWorst] = range(r);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const groupUtility = sWorst - sBest <= SAME_SHARE ? 0 : (s[i]! - sBest) / (sWorst - sBest);
    const regret = rWorst - rBest <= SAME_SHARE ? 0 : (r[i]! - rBest) / (rWorst - rBest);
    q[i] = v * groupUtility + (1 - v) * regret;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => q[a]! - q[b]! || a - b);
  if (n < 2) {
    return {
      s,
      r,
      q,
      v,
      order,
      dq: null,
      acceptableAdvantage: null,
      acceptableStability: null,
      compromise: order,
    };
  }
  const dq = 1 / (n - 1);
  const first = order[0]!;
  const acceptableAdvantage = q[order[1]!]! - q[first]! >= dq - 1e-12;
  const acceptableStability = s[first]! - sBest <= SAME_SHARE || r[first]! - rBest <= SAME_SHARE;
  let compromise: number[];
  if (acceptableAdvantage && acceptableStability) compromise = [first];
  else if (acceptableAdvantage) compromise = [first, order[1]!];
  else compromise = order.filter((i) => q[i]! - q[first]! < dq - 1e-12);
  return { s, r, q, v, order, dq, acceptableAdvantage, acceptableStability, compromise };
}

/** S or R values closer than this are the same (they are shares of the weights, from 0 to 1). */
const SAME_SHARE = 1e-12;

function range(values: Float64Array): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return [low, high];
}
