import { CxprismError, type Problem } from "../errors.js";
import type { Axis } from "../schema/criterion.js";
import type { Model } from "../schema/model.js";
import { createCriterionKeyResolver } from "../validate/criterion-key.js";

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

/** Weights of a model's criteria from one ranking: see {@link rankCriterionWeights}. */
export interface RankedCriterionWeights {
  /** Weight by criterion id; each axis' weights sum to 1. */
  readonly weights: Record<string, number>;
  /** The ranking as given, each key as its criterion id. */
  readonly ranking: string[][];
  /** The ranking by criterion id, split by axis (an axis nobody ranked is absent). */
  readonly axes: Partial<Record<Axis, string[][]>>;
}

/**
 * Surrogate weights for a model's criteria from one ranking, most important first. Each entry names a
 * criterion by id or by label (case and spacing ignored); an unknown or ambiguous key is an error that
 * suggests the criterion meant. Scoring weighs value criteria only against value criteria and feasibility
 * criteria only against feasibility ones, so a ranking that mixes the axes is ranked **per axis**: each
 * axis keeps the order (and ties) its criteria have in the ranking and gets weights summing to 1, exactly as
 * if its criteria had been ranked alone.
 *
 * @param model - the model whose criteria are ranked
 * @param ranking - keys in order of importance; an inner array is a tie
 * @param method - the surrogate-weight formula (default `rank-order-centroid`)
 * @returns weights by criterion id and the ranking each axis got
 * @throws {@link CxprismError} `invalid-input` for every unknown, ambiguous, empty or repeated key at once
 * @example
 * rankCriterionWeights(defaultModel, ["Customer experience impact", "data_readiness", "strategic_fit"]);
 * // { weights: { cx_impact: 0.75, strategic_fit: 0.25, data_readiness: 1 },
 * //   ranking: [["cx_impact"], ["data_readiness"], ["strategic_fit"]],
 * //   axes: { value: [["cx_impact"], ["strategic_fit"]], feasibility: [["data_readiness"]] } }
 */
export function rankCriterionWeights(
  model: Model,
  ranking: readonly (string | readonly string[])[],
  method: RankWeightMethod = "rank-order-centroid",
): RankedCriterionWeights {
  const resolve = createCriterionKeyResolver(model);
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const axes: Partial<Record<Axis, string[][]>> = {};
  const byId: string[][] = [];
  ranking.forEach((entry, k) => {
    const group = typeof entry === "string" ? [entry] : [...entry];
    if (group.length === 0)
      problems.push({ path: [k], message: "expected at least one id in a tie group, received none" });
    const byAxis = new Map<Axis, string[]>();
    group.forEach((key, g) => {
      const path = typeof entry === "string" ? [k] : [k, g];
      if (key.trim() === "") {
        problems.push({ path, message: "expected a criterion id or label, received an empty string" });
        return;
      }
      const resolved = resolve(key);
      if (!resolved.success) {
        problems.push({ path, message: resolved.message });
        return;
      }
      const earlier = seen.get(resolved.id);
      if (earlier !== undefined) {
        problems.push({
          path,
          message: `expected each criterion once, received ${resolved.id} again (as "${key}"; first as "${earlier}")`,
        });
        return;
      }
      seen.set(resolved.id, key);
      const { axis } = resolved.criterion;
      byAxis.set(axis, [...(byAxis.get(axis) ?? []), resolved.id]);
    });
    for (const [axis, ids] of byAxis) axes[axis] = [...(axes[axis] ?? []), ids];
    byId.push([...byAxis.values()].flat());
  });
  if (seen.size === 0 && problems.length === 0)
    problems.push({ path: [], message: "expected at least one criterion, received none" });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const weights: Record<string, number> = {};
  for (const groups of Object.values(axes)) Object.assign(weights, rankWeights(groups, method));
  return { weights, ranking: byId, axes };
}
