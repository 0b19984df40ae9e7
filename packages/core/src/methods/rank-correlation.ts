import { midRanks } from "../weights/kendall.js";

/**
 * Spearman's rank correlation rho between two scorings of the same items: Pearson's correlation of their
 * mid-ranks (ties share the mean of the ranks they span), which is the tie-correct form (Spearman, C. (1904)
 * "The proof and measurement of association between two things", *American Journal of Psychology* 15(1),
 * 72-101; Kendall, M.G. (1948) *Rank Correlation Methods*, ch. 3).
 *
 * @param a - one score per item
 * @param b - one score per item, same order and same direction (both "higher is better" or both "lower")
 * @returns rho in [-1, 1], or `null` when either scoring ranks every item equal (or fewer than two items)
 * @example
 * spearmanRho([1, 2, 3, 4], [1, 3, 2, 4]); // 0.8
 */
export function spearmanRho(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2 || b.length !== n) return null;
  const x = midRanks(Array.from(a)).ranks;
  const y = midRanks(Array.from(b)).ranks;
  const mean = (n + 1) / 2;
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mean;
    const dy = y[i]! - mean;
    xy += dx * dy;
    xx += dx * dx;
    yy += dy * dy;
  }
  return xx === 0 || yy === 0 ? null : Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
}

/**
 * Kendall's tau-b between two scorings of the same items: (concordant - discordant) pairs over
 * sqrt((n0 - n1)(n0 - n2)), n0 = n(n - 1)/2 and n1, n2 the pairs tied in each scoring (Kendall, M.G. (1945)
 * "The treatment of ties in ranking problems", *Biometrika* 33(3), 239-251). Equals tau-a without ties.
 *
 * @param a - one score per item
 * @param b - one score per item, same order and same direction
 * @returns tau-b in [-1, 1], or `null` when either scoring ties every pair (or fewer than two items)
 * @example
 * kendallTau([1, 2, 3, 4], [1, 3, 2, 4]); // 0.667
 */
export function kendallTau(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n < 2 || b.length !== n) return null;
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const da = Math.sign(a[i]! - a[j]!);
      const db = Math.sign(b[i]! - b[j]!);
      if (da === 0) tiedA++;
      if (db === 0) tiedB++;
      if (da !== 0 && db !== 0) {
        if (da === db) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedA) * (pairs - tiedB));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}
