import { CxprismError } from "../errors.js";
import type { Result } from "../schema/result.js";
import { type Portfolio, type ScoreOptions, validatePortfolio } from "../validate/portfolio.js";
import { aggregateAxis } from "./axis.js";
import { scaleBounds } from "./normalise.js";
import { createPriorityRule } from "./priority.js";
import { classifyQuadrant } from "./quadrant.js";
import { rankInitiatives } from "./rank.js";

/** The per-axis layout of a model, computed once per scoring run. */
interface AxisLayout {
  /** Model criterion indices on this axis. */
  readonly indices: readonly number[];
  readonly ids: readonly string[];
  /** Weights normalised to sum to 1 on the axis. */
  readonly weights: Float64Array;
}

function layoutAxis(portfolio: Portfolio, axis: "value" | "feasibility"): AxisLayout {
  const criteria = portfolio.model.criteria;
  const indices = criteria.flatMap((criterion, index) => (criterion.axis === axis ? [index] : []));
  const total = indices.reduce((sum, index) => sum + criteria[index]!.weight, 0);
  return {
    indices,
    ids: indices.map((index) => criteria[index]!.id),
    weights: Float64Array.from(indices, (index) => criteria[index]!.weight / total),
  };
}

/**
 * Scores a validated portfolio: normalise each rating by its criterion's scale and direction, aggregate each
 * axis, combine into priority, classify, rank and explain. Pure and deterministic; this is the fast path for
 * callers that validated once with {@link validatePortfolio}.
 *
 * @param portfolio - the output of {@link validatePortfolio}
 * @returns one result per initiative, best rank first
 */
export function scorePortfolio(portfolio: Portfolio): Result[] {
  const { model, initiatives, ratings } = portfolio;
  const n = initiatives.length;
  const m = model.criteria.length;
  // Each criterion's normaliser as (raw - origin) * factor: a benefit runs from min, a cost back from max.
  const origin = new Float64Array(m);
  const factor = new Float64Array(m);
  model.criteria.forEach((criterion, c) => {
    const { min, max } = scaleBounds(criterion.scale);
    const cost = criterion.direction === "cost";
    origin[c] = cost ? max : min;
    factor[c] = (cost ? -1 : 1) / (max - min);
  });
  const axes = [layoutAxis(portfolio, "value"), layoutAxis(portfolio, "feasibility")] as const;
  const scores = [new Float64Array(n), new Float64Array(n)] as const;
  const contributions = [
    new Float64Array(n * axes[0].indices.length),
    new Float64Array(n * axes[1].indices.length),
  ] as const;
  const priorityOf = createPriorityRule(model);
  const priority = new Float64Array(n);
  for (let a = 0; a < 2; a++) {
    const { indices, weights } = axes[a]!;
    const k = indices.length;
    const x = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const row = i * m;
      for (let j = 0; j < k; j++) {
        const c = indices[j]!;
        const normalised = (ratings[row + c]! - origin[c]!) * factor[c]!;
        x[j] = Number.isNaN(normalised) ? 0 : normalised; // NaN only for unrated zero-weight criteria
      }
      scores[a]![i] = aggregateAxis(
        model.aggregation,
        x,
        weights,
        contributions[a]!.subarray(i * k, i * k + k),
      );
    }
  }
  for (let i = 0; i < n; i++) priority[i] = priorityOf(scores[0][i]!, scores[1][i]!);
  const ids = initiatives.map((initiative) => initiative.id);
  const { order, ranks } = rankInitiatives(priority, scores[0], ids);
  const results: Result[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const initiative = initiatives[i]!;
    const value = scores[0][i]!;
    const feasibility = scores[1][i]!;
    const quadrant = classifyQuadrant(value, feasibility, model.thresholds);
    results[k] = {
      id: initiative.id,
      name: initiative.name,
      category: initiative.category,
      value,
      feasibility,
      priority: priority[i]!,
      quadrant,
      quadrantLabel: model.quadrantLabels[quadrant],
      rank: ranks[i]!,
      contributions: {
        value: contributionRecord(axes[0], contributions[0], i),
        feasibility: contributionRecord(axes[1], contributions[1], i),
      },
      raters: portfolio.raterCounts[i]!,
      disagreement: portfolio.disagreement[i]!,
      warnings: [...portfolio.warnings[i]!],
    };
  }
  return results;
}

function contributionRecord(
  axis: AxisLayout,
  contributions: Float64Array,
  i: number,
): Record<string, number> {
  const k = axis.ids.length;
  const record: Record<string, number> = {};
  for (let j = 0; j < k; j++) record[axis.ids[j]!] = contributions[i * k + j]!;
  return record;
}

/** The outcome of {@link safeScore}. */
export type ScoreOutcome =
  | { readonly success: true; readonly results: Result[] }
  | { readonly success: false; readonly error: CxprismError };

/**
 * Like {@link score}, but returns problems instead of throwing.
 *
 * @param initiatives - the candidate initiatives (unknown input: validated here)
 * @param options - the model and the missing-rating policy
 * @returns `{success: true, results}` or `{success: false, error}` with every problem
 */
export function safeScore(initiatives: unknown, options?: ScoreOptions): ScoreOutcome {
  const validation = validatePortfolio(initiatives, options);
  if (!validation.success)
    return { success: false, error: new CxprismError(validation.code, validation.problems) };
  return { success: true, results: scorePortfolio(validation.portfolio) };
}

/**
 * Scores candidate AI initiatives on business value and feasibility and ranks them.
 *
 * The pipeline: validate -> aggregate raters -> normalise each rating to [0, 1] by its criterion's scale and
 * direction -> aggregate each axis with normalised weights -> combine into priority -> classify into a
 * quadrant -> rank -> explain (per-criterion contributions). Results come best first; tied priorities share a
 * rank; the order is fully deterministic (priority, then value, then id).
 *
 * @param initiatives - the candidate initiatives (unknown input: validated here)
 * @param options - `model` (default `cx-ai-prism`) and `missing` (`error` or `neutral`)
 * @returns one result per initiative, best first
 * @throws {@link CxprismError} listing every problem with its path
 * @example
 * import { score } from "@cxprism/core";
 *
 * const results = score([
 *   { name: "Virtual customer assistant", ratings: { cx_impact: 4, cost_to_serve: 5, revenue_retention: 3,
 *     employee_experience: 3, strategic_fit: 5, tech_maturity: 4, data_readiness: 3, integration_effort: 4,
 *     org_readiness: 3, acceptance: 3, time_to_value: 3 } },
 * ]);
 * results[0].quadrant; // "likely-win"
 */
export function score(initiatives: unknown, options?: ScoreOptions): Result[] {
  const outcome = safeScore(initiatives, options);
  if (!outcome.success) throw outcome.error;
  return outcome.results;
}
