import { CxprismError, type Problem } from "../errors.js";
import type { Model } from "../schema/model.js";

/** One branch of a two-level weight hierarchy: the group's own weight and its members' weights. */
export interface WeightGroup {
  /** The group's weight relative to the other groups (any non-negative scale). */
  readonly weight: number;
  /** The members' weights relative to each other (any non-negative scale). */
  readonly children: Readonly<Record<string, number>>;
}

/** Both views of a two-level hierarchy. */
export interface HierarchicalWeights {
  /** Group weights, normalised to sum 1. */
  readonly groups: Readonly<Record<string, number>>;
  /** Each member's weight within its group (each group sums to 1): the local view. */
  readonly local: Readonly<Record<string, number>>;
  /** Group weight x local weight (all members sum to 1): the global view. */
  readonly global: Readonly<Record<string, number>>;
  /** The group each member belongs to. */
  readonly groupOf: Readonly<Record<string, string>>;
}

/**
 * Combines group weights and within-group weights into global weights (AHP's hierarchic composition,
 * Saaty 1980): global = group weight x local weight, both normalised. With cxprism's two axes as groups this
 * is "axis weights x criterion weights". Weights may come on any scale (AHP priorities, points, percentages):
 * each level is normalised separately.
 *
 * @param groups - group id -> its weight and its members' weights
 * @returns the normalised group, local and global weights
 * @throws {@link CxprismError} `invalid-input` for negative or non-finite weights, a member in two groups,
 *   a group whose members all weigh 0, or groups that all weigh 0
 * @example
 * hierarchicalWeights({
 *   value: { weight: 0.6, children: { cx_impact: 2, cost_to_serve: 1, strategic_fit: 1 } },
 *   feasibility: { weight: 0.4, children: { data_readiness: 1, tech_maturity: 1 } },
 * }).global.cx_impact; // 0.3
 */
export function hierarchicalWeights(groups: Readonly<Record<string, WeightGroup>>): HierarchicalWeights {
  const problems: Problem[] = [];
  const groupOf: Record<string, string> = {};
  let groupTotal = 0;
  for (const [group, { weight, children }] of Object.entries(groups)) {
    if (!isWeight(weight))
      problems.push({
        path: [group, "weight"],
        message: `expected a finite weight of at least 0, received ${weight}`,
      });
    else groupTotal += weight;
    let childTotal = 0;
    for (const [child, value] of Object.entries(children)) {
      if (!isWeight(value)) {
        problems.push({
          path: [group, "children", child],
          message: `expected a finite weight of at least 0, received ${value}`,
        });
      } else childTotal += value;
      if (Object.hasOwn(groupOf, child)) {
        problems.push({
          path: [group, "children", child],
          message: `expected each member in one group, received "${child}" again (already in "${groupOf[child]}")`,
        });
      }
      groupOf[child] = group;
    }
    if (!(childTotal > 0)) {
      problems.push({
        path: [group, "children"],
        message: "expected at least one member with a weight above 0, received none",
      });
    }
  }
  if (problems.length === 0 && !(groupTotal > 0)) {
    problems.push({ path: [], message: "expected at least one group with a weight above 0, received none" });
  }
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const normalisedGroups: Record<string, number> = {};
  const local: Record<string, number> = {};
  const global: Record<string, number> = {};
  for (const [group, { weight, children }] of Object.entries(groups)) {
    normalisedGroups[group] = weight / groupTotal;
    const childTotal = Object.values(children).reduce((a, b) => a + b, 0);
    for (const [child, value] of Object.entries(children)) {
      local[child] = value / childTotal;
      global[child] = (weight / groupTotal) * (value / childTotal);
    }
  }
  return { groups: normalisedGroups, local, global, groupOf };
}

/**
 * A model's weights in both views: its axis weights (`axisWeights`) over its criterion weights per axis.
 *
 * @param model - a validated model
 * @returns the hierarchy with axes `value` and `feasibility` as groups
 */
export function modelHierarchy(model: Pick<Model, "criteria" | "axisWeights">): HierarchicalWeights {
  const children = (axis: "value" | "feasibility") =>
    Object.fromEntries(model.criteria.filter((c) => c.axis === axis).map((c) => [c.id, c.weight]));
  return hierarchicalWeights({
    value: { weight: model.axisWeights.value, children: children("value") },
    feasibility: { weight: model.axisWeights.feasibility, children: children("feasibility") },
  });
}

/**
 * AHP synthesis (distributive mode): each alternative's overall priority is the sum over criteria of the
 * criterion weight times the alternative's local priority under that criterion (Saaty 1980).
 *
 * @param criterionWeights - weight per criterion (normalised here)
 * @param localPriorities - criterion -> alternative -> local priority (each criterion normalised here)
 * @returns overall priority per alternative, summing to 1
 * @throws {@link CxprismError} `invalid-input` when a weighted criterion has no local priorities
 */
export function synthesisePriorities(
  criterionWeights: Readonly<Record<string, number>>,
  localPriorities: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Record<string, number> {
  const problems: Problem[] = [];
  const totalWeight = Object.values(criterionWeights).reduce((a, b) => a + b, 0);
  const overall: Record<string, number> = {};
  for (const [criterion, weight] of Object.entries(criterionWeights)) {
    const locals = localPriorities[criterion];
    if (locals === undefined) {
      problems.push({
        path: [criterion],
        message: "expected local priorities for this criterion, received none",
      });
      continue;
    }
    const localTotal = Object.values(locals).reduce((a, b) => a + b, 0);
    for (const [alternative, priority] of Object.entries(locals)) {
      overall[alternative] = (overall[alternative] ?? 0) + (weight / totalWeight) * (priority / localTotal);
    }
  }
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  return overall;
}

function isWeight(value: number): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
