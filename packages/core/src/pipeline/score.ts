import { CxprismError } from "../errors.js";
import { type Model, RESULT_QUADRANTS } from "../schema/model.js";
import type { Result } from "../schema/result.js";
import { type Portfolio, type ScoreOptions, validatePortfolio } from "../validate/portfolio.js";
import { type AxisLayout, aggregateAxis, layoutAxis } from "./axis.js";
import { ratingReading } from "./normalise.js";
import { closenessToIdeal, createPriorityRule } from "./priority.js";
import { quadrantCode } from "./quadrant.js";
import { rankByTieKeys, tieKey } from "./rank.js";
import { weightedSumContributions, weightedSumScores } from "./weighted-sum.js";

/** The quadrant code of `unrated`: its index in {@link RESULT_QUADRANTS}, after the four quadrants. */
const UNRATED_CODE = RESULT_QUADRANTS.indexOf("unrated");

/**
 * A portfolio's scores as typed arrays, indexed by initiative (input order): the allocation-free form of the
 * results, for callers that score many times (sensitivity, simulation) or very large portfolios.
 */
export interface ScoreColumns {
  /** Criterion ids on each axis, in model order: the column layout of `contributions`. */
  readonly criteria: { readonly value: readonly string[]; readonly feasibility: readonly string[] };
  readonly value: Float64Array;
  readonly feasibility: Float64Array;
  readonly priority: Float64Array;
  /** Index into {@link RESULT_QUADRANTS} (4: `unrated`). */
  readonly quadrant: Uint8Array;
  /** Rank per initiative (ties share a rank; `unrated` initiatives rank after every other). */
  readonly rank: Uint32Array;
  /** Initiative indices, best first. */
  readonly order: Uint32Array;
  /**
   * Row-major contributions per axis: `contributions.value[i * criteria.value.length + j]`. With the
   * weighted sum, each axis' array is computed from the portfolio's ratings when first read (and kept): do
   * not change the ratings before reading it. The two arrays are getters of a class: read them by name (a
   * spread or `structuredClone` of `contributions` does not copy them).
   */
  readonly contributions: { readonly value: Float64Array; readonly feasibility: Float64Array };
}

/**
 * Scores a validated portfolio into typed arrays: normalise each rating by its criterion's scale and
 * direction, aggregate each axis, combine into priority, classify and rank. Pure and deterministic.
 *
 * An initiative with no rating on an axis (`portfolio.unrated`) is `unrated`, whatever its midpoint scores,
 * and ranks after every rated initiative.
 *
 * @param portfolio - the output of {@link validatePortfolio} or `validateColumns` (only the model, the ratings,
 *   the id order and the unrated axes are read)
 * @returns the scores as columns indexed by initiative
 */
export function scoreColumns(
  portfolio: Pick<Portfolio, "model" | "ratings" | "idOrder"> & Partial<Pick<Portfolio, "unrated">>,
): ScoreColumns {
  const { model, ratings } = portfolio;
  const n = portfolio.idOrder.length;
  const m = model.criteria.length;
  // Each criterion's reading as (raw - origin) * factor (see ratingReading: min-max, or a ratio scale for
  // the weighted product).
  const origin = new Float64Array(m);
  const factor = new Float64Array(m);
  model.criteria.forEach((criterion, c) => {
    const reading = ratingReading(criterion, model.aggregation);
    origin[c] = reading.origin;
    factor[c] = reading.factor;
  });
  const axes = [layoutAxis(model, "value"), layoutAxis(model, "feasibility")] as const;
  // A weighted sum's contributions are computed when first read (most callers of a large portfolio never
  // read them: writing them cost as much as the scores); the other aggregations make them on the way.
  let scores: readonly [Float64Array, Float64Array];
  let contributions: AxisContributions;
  if (model.aggregation === "weighted-sum") {
    scores = weightedSumScores(ratings, origin, factor, axes, n);
    contributions = new AxisContributions((a) =>
      weightedSumContributions(ratings, origin, factor, axes[a], n),
    );
  } else {
    const aggregated = [0, 1].map((a) =>
      aggregateEachRow(model.aggregation, ratings, origin, factor, axes[a]!, n),
    );
    scores = [aggregated[0]!.scores, aggregated[1]!.scores];
    contributions = new AxisContributions((a) => aggregated[a]!.contributions);
  }
  const priority = new Float64Array(n);
  const quadrant = new Uint8Array(n);
  // The tie keys ranking orders by are made in the same pass, while value and priority are at hand.
  const keys = { priority: new Float64Array(n), value: new Float64Array(n) };
  fillPriorityAndQuadrants(model, scores, portfolio.unrated, { priority, quadrant, keys });
  const { order, ranks } = rankByTieKeys(keys.priority, keys.value, portfolio.idOrder, portfolio.unrated);
  return {
    criteria: { value: axes[0].ids, feasibility: axes[1].ids },
    value: scores[0],
    feasibility: scores[1],
    priority,
    quadrant,
    rank: ranks,
    order,
    contributions,
  };
}

/**
 * {@link ScoreColumns.contributions}: each axis' array made by `make` when first read, then kept. A class, not
 * an object literal with getters: V8 gives each such literal a hidden class of its own (its getters are new
 * closures every time), and scoring one small portfolio per API request then left every young-generation
 * collection promoting about 3 MB and pausing 7-20 ms instead of under 1 ms (`node --trace-gc-nvp`), the
 * longest waits of `POST /v1/score` under load.
 */
class AxisContributions {
  readonly #make: (axis: 0 | 1) => Float64Array;
  #value: Float64Array | undefined;
  #feasibility: Float64Array | undefined;

  constructor(make: (axis: 0 | 1) => Float64Array) {
    this.#make = make;
  }

  get value(): Float64Array {
    this.#value ??= this.#make(0);
    return this.#value;
  }

  get feasibility(): Float64Array {
    this.#feasibility ??= this.#make(1);
    return this.#feasibility;
  }
}

/*
 * The loops over every initiative live in functions that return when their loop ends and nothing after it (see rank.ts:
 * Node 20 would otherwise deoptimise the code after a long loop on every call).
 */

/** One axis aggregated row by row with aggregateAxis (the weighted product, the minimum). */
function aggregateEachRow(
  method: Model["aggregation"],
  ratings: Float64Array,
  origin: Float64Array,
  factor: Float64Array,
  axis: AxisLayout,
  n: number,
): { scores: Float64Array; contributions: Float64Array } {
  const { indices, weights } = axis;
  const m = origin.length;
  const k = indices.length;
  const scores = new Float64Array(n);
  const contributions = new Float64Array(n * k);
  const x = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let j = 0; j < k; j++) {
      const c = indices[j]!;
      const normalised = (ratings[row + c]! - origin[c]!) * factor[c]!;
      x[j] = Number.isNaN(normalised) ? 0 : normalised; // NaN only for unrated zero-weight criteria
    }
    scores[i] = aggregateAxis(method, x, weights, contributions, i * k);
  }
  return { scores, contributions };
}

/**
 * Writes each initiative's priority, quadrant code (`unrated` where `unrated[i]` is set) and the tie keys of
 * its priority and value ({@link tieKey}).
 */
function fillPriorityAndQuadrants(
  model: Pick<Model, "priority" | "axisWeights" | "thresholds">,
  [value, feasibility]: readonly [Float64Array, Float64Array],
  unrated: Uint8Array | undefined,
  out: {
    readonly priority: Float64Array;
    readonly quadrant: Uint8Array;
    readonly keys: { readonly priority: Float64Array; readonly value: Float64Array };
  },
): void {
  const { priority, quadrant } = out;
  const { priority: priorityKey, value: valueKey } = out.keys;
  const priorityOf = createPriorityRule(model);
  const { thresholds } = model;
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    const f = feasibility[i]!;
    const p = priorityOf === closenessToIdeal ? closenessToIdeal(v, f) : priorityOf(v, f);
    priority[i] = p;
    quadrant[i] = unrated?.[i] ? UNRATED_CODE : quadrantCode(v, f, thresholds);
    priorityKey[i] = tieKey(p);
    valueKey[i] = tieKey(v);
  }
}

/**
 * Scores a validated portfolio: {@link scoreColumns}, then one {@link Result} per initiative with its
 * explanation. The fast path for callers that validated once with {@link validatePortfolio}.
 *
 * @param portfolio - the output of {@link validatePortfolio}
 * @returns one result per initiative, best rank first
 */
export function scorePortfolio(portfolio: Portfolio): Result[] {
  const columns = scoreColumns(portfolio);
  const n = portfolio.initiatives.length;
  const results: Result[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = columns.order[k]!;
    results[k] = resultOf(portfolio, columns, i, portfolio.initiatives[i]!);
  }
  return results;
}

/** What a {@link Result} shows of its initiative besides its scores. */
export interface ResultIdentity {
  readonly id: string;
  readonly name: string;
  readonly category: string;
}

/**
 * One initiative's {@link Result} from scores already computed: what {@link scorePortfolio} holds for it. For
 * callers that stream results one at a time (a million rows written as they are built) rather than hold
 * them all.
 *
 * @param portfolio - the validated portfolio (its `initiatives` are not read)
 * @param columns - `scoreColumns(portfolio)`
 * @param i - the initiative's index in input order
 * @param initiative - its id, name and category
 * @returns the result, with its explanation
 */
export function resultOf(
  portfolio: Omit<Portfolio, "initiatives">,
  columns: ScoreColumns,
  i: number,
  initiative: ResultIdentity,
): Result {
  const quadrant = RESULT_QUADRANTS[columns.quadrant[i]!]!;
  return {
    id: initiative.id,
    name: initiative.name,
    category: initiative.category,
    value: columns.value[i]!,
    feasibility: columns.feasibility[i]!,
    priority: columns.priority[i]!,
    quadrant,
    quadrantLabel: portfolio.model.quadrantLabels[quadrant],
    rank: columns.rank[i]!,
    contributions: {
      value: contributionRecord(columns.criteria.value, columns.contributions.value, i),
      feasibility: contributionRecord(columns.criteria.feasibility, columns.contributions.feasibility, i),
    },
    raters: portfolio.raterCounts[i]!,
    disagreement: portfolio.disagreement[i]!,
    warnings: portfolio.warnings[i]!.length === 0 ? [] : [...portfolio.warnings[i]!],
  };
}

function contributionRecord(
  ids: readonly string[],
  contributions: Float64Array,
  i: number,
): Record<string, number> {
  const k = ids.length;
  const record: Record<string, number> = {};
  for (let j = 0; j < k; j++) record[ids[j]!] = contributions[i * k + j]!;
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
 * results[0].quadrant; // "calculated-risk": high value, feasibility below 50
 */
export function score(initiatives: unknown, options?: ScoreOptions): Result[] {
  const outcome = safeScore(initiatives, options);
  if (!outcome.success) throw outcome.error;
  return outcome.results;
}
