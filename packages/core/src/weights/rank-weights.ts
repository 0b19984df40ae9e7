import { CxprismError, type Problem } from "../errors.js";

/**
 * Surrogate weights from a ranking alone (most important first), for when a group can agree on an order but
 * not on numbers.
 *
 * - `rank-order-centroid`: w_k = (1/n) * sum_{i=k..n} 1/i, the centroid of all weight vectors consistent with
 *   the order (Barron, F.H. & Barrett, B.E. (1996) "Decision quality using ranked attribute weights",
 *   *Management Science* 42(11), 1515-1523).
 * - `rank-sum`: w_k = 2(n + 1 - k) / (n(n + 1)), weights falling linearly (Stillwell, Seaver & Edwards 1981).
 * - `rank-reciprocal`: w_k = (1/k) / sum_{i=1..n} 1/i (Stillwell, Seaver & Edwards (1981) "A comparison of
 *   weight approximation techniques in multiattribute utility decision making", *Organizational Behavior and
 *   Human Performance* 28(1), 62-77).
 * - `equal`: 1/n each (the "equal weights" benchmark of Dawes & Corrigan 1974).
 */
export type RankWeightMethod = "rank-order-centroid" | "rank-sum" | "rank-reciprocal" | "equal";

/** The rank-weight methods, for faces that list them. */
export const RANK_WEIGHT_METHODS: readonly RankWeightMethod[] = [
  "rank-order-centroid",
  "rank-sum",
  "rank-reciprocal",
  "equal",
];

/**
 * The weight of each position 1..n under a method (position 1 = most important).
 *
 * @param n - the number of ranked items (at least 1)
 * @param method - the surrogate-weight formula
 * @returns n weights summing to 1, largest first
 * @example
 * rankPositionWeights(4); // [0.5208, 0.2708, 0.1458, 0.0625] (Barron & Barrett 1996, to 4 places)
 */
export function rankPositionWeights(n: number, method: RankWeightMethod = "rank-order-centroid"): number[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new CxprismError("invalid-input", [
      { path: [], message: `expected at least one ranked item, received ${n}` },
    ]);
  }
  switch (method) {
    case "rank-order-centroid": {
      const weights = new Array<number>(n);
      let tail = 0;
      for (let k = n; k >= 1; k--) {
        tail += 1 / k;
        weights[k - 1] = tail / n;
      }
      return weights;
    }
    case "rank-sum":
      return Array.from({ length: n }, (_, i) => (2 * (n - i)) / (n * (n + 1)));
    case "rank-reciprocal": {
      let harmonic = 0;
      for (let k = 1; k <= n; k++) harmonic += 1 / k;
      return Array.from({ length: n }, (_, i) => 1 / (i + 1) / harmonic);
    }
    case "equal":
      return new Array<number>(n).fill(1 / n);
  }
}

/**
 * Weights by id from a ranking, most important first. An entry may be a group of ids tied at that place:
 * the group takes the positions it spans and each member gets the mean of their weights, so ties never change
 * the total and never reorder the others.
 *
 * @param ranking - ids in order of importance; an inner array is a tie (e.g. `["a", ["b", "c"], "d"]`)
 * @param method - the surrogate-weight formula (default `rank-order-centroid`)
 * @returns weights by id, summing to 1
 * @throws {@link CxprismError} `invalid-input` for an empty ranking, an empty tie group or a repeated id
 * @example
 * rankWeights(["cx_impact", "cost_to_serve", "strategic_fit"]);
 * // { cx_impact: 0.611, cost_to_serve: 0.278, strategic_fit: 0.111 } (to 3 places)
 */
export function rankWeights(
  ranking: readonly (string | readonly string[])[],
  method: RankWeightMethod = "rank-order-centroid",
): Record<string, number> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const groups = ranking.map((entry, k) => {
    const group = typeof entry === "string" ? [entry] : [...entry];
    if (group.length === 0)
      problems.push({ path: [k], message: "expected at least one id in a tie group, received none" });
    group.forEach((id, g) => {
      const path = typeof entry === "string" ? [k] : [k, g];
      if (id.trim() === "") problems.push({ path, message: "expected an id, received an empty string" });
      else if (seen.has(id))
        problems.push({ path, message: `expected each id once, received "${id}" again` });
      seen.add(id);
    });
    return group;
  });
  if (seen.size === 0 && problems.length === 0)
    problems.push({ path: [], message: "expected at least one id, received none" });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const positions = rankPositionWeights(seen.size, method);
  const weights: Record<string, number> = {};
  let position = 0;
  for (const group of groups) {
    const share =
      positions.slice(position, position + group.length).reduce((a, b) => a + b, 0) / group.length;
    for (const id of group) weights[id] = share;
    position += group.length;
  }
  return weights;
}

/**
 * Equal weights: 1/n for each id.
 *
 * @param ids - the criteria
 * @returns weights by id
 */
export function equalWeights(ids: readonly string[]): Record<string, number> {
  return rankWeights([ids], "equal");
}
