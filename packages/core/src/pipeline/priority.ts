import type { Model } from "../schema/model.js";

/**
 * Builds the rule that turns value and feasibility (each 0-100) into priority (0-100).
 *
 * - `closeness` (default): 100 * (1 - distance to the ideal corner (100, 100) / (100 * sqrt 2)): lines of equal
 *   priority are quarter circles around the ideal corner.
 * - `geometric-mean`: 100 * v^a * f^(1-a), with `a` the value axis' share of `axisWeights`.
 * - `weighted-mean`: 100 * (a * v + (1 - a) * f).
 *
 * @param model - supplies the rule and the axis weights
 * @returns a function `(value, feasibility) => priority`
 */
export function createPriorityRule(
  model: Pick<Model, "priority" | "axisWeights">,
): (value: number, feasibility: number) => number {
  const { value: wv, feasibility: wf } = model.axisWeights;
  const a = wv / (wv + wf);
  switch (model.priority) {
    case "closeness":
      return closenessToIdeal;
    case "geometric-mean":
      return (value, feasibility) => clamp100(100 * (value / 100) ** a * (feasibility / 100) ** (1 - a));
    case "weighted-mean":
      return (value, feasibility) => clamp100(a * value + (1 - a) * feasibility);
  }
}

/**
 * Closeness to the ideal corner: 100 at (100, 100), 0 at (0, 0).
 *
 * @param value - business value, 0-100
 * @param feasibility - feasibility, 0-100
 * @returns priority, 0-100
 */
export function closenessToIdeal(value: number, feasibility: number): number {
  const dv = 1 - value / 100;
  const df = 1 - feasibility / 100;
  return clamp100(100 * (1 - Math.sqrt(dv * dv + df * df) / Math.SQRT2));
}

/** Rounding can leave a score a hair outside [0, 100]; scores are promised to stay inside. */
export function clamp100(score: number): number {
  return Math.min(100, Math.max(0, score));
}
