import { CxprismError, type Problem } from "../errors.js";

/** The outcome of {@link kendallW}. */
export interface Concordance {
  /** Kendall's W, 0 (no agreement) .. 1 (identical rankings); `null` when every rater ties every item. */
  readonly w: number | null;
  /** Number of raters (m). */
  readonly raters: number;
  /** Number of ranked items (n). */
  readonly items: number;
  /** Friedman's chi-square m(n - 1)W, for a significance test with n - 1 degrees of freedom. */
  readonly chiSquare: number | null;
  /** n - 1. */
  readonly degreesOfFreedom: number;
  /** The tie term sum over raters and tie groups of (t^3 - t); 0 without ties. */
  readonly ties: number;
}

/**
 * Kendall's coefficient of concordance W among several raters' rankings of the same items, corrected for
 * ties (Kendall, M.G. & Babington Smith, B. (1939) "The problem of m rankings", *Annals of Mathematical
 * Statistics* 10(3), 275-287; tie correction as in Legendre, P. (2005) "Species associations: the Kendall
 * coefficient of concordance revisited", *JABES* 10(2), 226-245, eq. 3):
 *
 * W = (12 sum R_i^2 - 3 m^2 n (n + 1)^2) / (m^2 n (n^2 - 1) - m sum T), T = sum over tie groups (t^3 - t),
 * where R_i is item i's rank sum. Each rater's values are ranked here (ties get their mean rank), so rows may
 * be ranks or scores, provided every row runs the same way (all "higher is better" or all "lower is better").
 *
 * @param rows - one row per rater, one value per item, same item order in every row
 * @returns W, Friedman's chi-square and the tie term
 * @throws {@link CxprismError} `invalid-input` for fewer than two raters or items, ragged rows or non-finite values
 * @example
 * kendallW([[1, 2, 3], [1, 3, 2], [2, 1, 3]]).w; // 0.444...
 */
export function kendallW(rows: readonly (readonly number[])[]): Concordance {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  const problems: Problem[] = [];
  if (m < 2) problems.push({ path: [], message: `expected at least two raters, received ${m}` });
  if (n < 2) problems.push({ path: [0], message: `expected at least two items to rank, received ${n}` });
  rows.forEach((row, r) => {
    if (row.length !== n)
      problems.push({ path: [r], message: `expected ${n} values (one per item), received ${row.length}` });
    row.forEach((value, i) => {
      if (!Number.isFinite(value))
        problems.push({ path: [r, i], message: `expected a finite number, received ${value}` });
    });
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const rankSums = new Float64Array(n);
  let ties = 0;
  for (const row of rows) {
    const { ranks, tieTerm } = midRanks(row);
    ties += tieTerm;
    ranks.forEach((rank, i) => {
      rankSums[i] = rankSums[i]! + rank;
    });
  }
  let sumSquares = 0;
  for (const sum of rankSums) sumSquares += sum * sum;
  const denominator = m * m * n * (n * n - 1) - m * ties;
  if (denominator <= 0) {
    return { w: null, raters: m, items: n, chiSquare: null, degreesOfFreedom: n - 1, ties };
  }
  const w = Math.min(1, Math.max(0, (12 * sumSquares - 3 * m * m * n * (n + 1) ** 2) / denominator));
  return { w, raters: m, items: n, chiSquare: m * (n - 1) * w, degreesOfFreedom: n - 1, ties };
}

/**
 * Ranks values ascending, 1..n, giving tied values the mean of the ranks they span.
 *
 * @param values - the values
 * @returns the ranks in input order and the tie term sum (t^3 - t)
 */
export function midRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}
