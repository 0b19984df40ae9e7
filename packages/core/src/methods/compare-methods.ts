import { CxprismError, type Problem } from "../errors.js";
import { ratingReading } from "../pipeline/normalise.js";
import { scoreColumns } from "../pipeline/score.js";
import { isLabelScale } from "../schema/criterion.js";
import type { Portfolio } from "../validate/portfolio.js";
import type { DecisionProblem } from "./decision-problem.js";
import { kendallTau, spearmanRho } from "./rank-correlation.js";
import { topsis } from "./topsis.js";
import { vikor } from "./vikor.js";

/** The ranking methods {@link compareMethods} applies, in report order. */
export const RANKING_METHODS = [
  "model",
  "weighted-sum",
  "weighted-product",
  "topsis-vector",
  "topsis-min-max",
  "vikor",
] as const;

/** One ranking method. */
export type RankingMethod = (typeof RANKING_METHODS)[number];

/** Options for {@link compareMethods}. */
export interface CompareMethodsOptions {
  /** The size of the shortlist whose membership is checked (default 5, at most the number of initiatives). */
  readonly topK?: number | undefined;
  /** VIKOR's weight of the majority strategy (default 0.5). */
  readonly v?: number | undefined;
}

/** One method's ranking. */
export interface MethodRanking {
  readonly method: RankingMethod;
  /** Each initiative's score, in input order; see `better` for its direction. */
  readonly scores: readonly number[];
  /** Whether a `higher` or `lower` score is better (VIKOR's Q: lower). */
  readonly better: "higher" | "lower";
  /** Each initiative's rank, in input order: 1 is best, tied scores share the best rank they span. */
  readonly ranks: readonly number[];
  /** Initiative ids, best first (ties in input order). */
  readonly order: readonly string[];
}

/** How closely two methods' rankings agree. */
export interface MethodAgreement {
  readonly methods: readonly [RankingMethod, RankingMethod];
  /** Spearman's rho on mid-ranks; `null` when a ranking ties everything. */
  readonly spearman: number | null;
  /** Kendall's tau-b; `null` when a ranking ties everything. */
  readonly kendall: number | null;
}

/** An initiative inside the top k under some methods and outside it under others. */
export interface ShortlistChange {
  readonly id: string;
  /** Methods that rank it within the top k. */
  readonly inside: readonly RankingMethod[];
  /** Methods that rank it below the top k. */
  readonly outside: readonly RankingMethod[];
}

/** The outcome of {@link compareMethods}. */
export interface MethodComparison {
  /** Initiative ids in input order. */
  readonly ids: readonly string[];
  /** The criterion weights every method used: each axis' weights scaled by the axis' share. */
  readonly weights: Readonly<Record<string, number>>;
  readonly rankings: readonly MethodRanking[];
  /** Every pair of methods, in {@link RANKING_METHODS} order. */
  readonly agreement: readonly MethodAgreement[];
  /** The k used for {@link MethodComparison.shortlistChanges}. */
  readonly topK: number;
  /** Initiatives whose top-k membership depends on the method, in input order. */
  readonly shortlistChanges: readonly ShortlistChange[];
  /** VIKOR's conditions and compromise set, by id. */
  readonly vikor: {
    readonly v: number;
    readonly acceptableAdvantage: boolean | null;
    readonly acceptableStability: boolean | null;
    readonly compromise: readonly string[];
  };
}

/**
 * Ranks a portfolio's initiatives by several MCDA methods on the same criteria and weights, and says how far
 * the rankings agree: does the ranking survive a change of method? Each criterion's weight is its weight
 * within its axis times the axis' share of `axisWeights` (so value and feasibility count as the model says).
 *
 * - `model`: the model's own priority (its aggregation and priority rule).
 * - `weighted-sum`: sum of w x the min-max reading of each rating on its declared scale.
 * - `weighted-product`: product of the ratio reading (see `ratingReading`) to the power w.
 * - `topsis-vector`, `topsis-min-max`: TOPSIS (Hwang & Yoon 1981) on the ratings measured from their scale's
 *   zero (a label's level 1..L), with vector or min-max normalisation.
 * - `vikor`: VIKOR's Q (Opricovic & Tzeng 2004) with v = 0.5, and its acceptable-advantage and
 *   acceptable-stability conditions.
 *
 * Criteria with weight 0 are left out. Scores are compared to 12 significant digits, so values equal but for
 * rounding tie.
 *
 * @param portfolio - the output of `validatePortfolio`
 * @param options - the shortlist size and VIKOR's v
 * @returns each method's ranking, Spearman's rho and Kendall's tau-b per pair, and the initiatives whose
 *   top-k membership depends on the method
 * @throws {@link CxprismError} `invalid-options` for a top k below 1 or v outside [0, 1]
 * @example
 * const comparison = compareMethods(validatePortfolio(initiatives).portfolio);
 * comparison.shortlistChanges; // [{ id: "voice-bot", inside: ["model", ...], outside: ["vikor"] }]
 */
export function compareMethods(portfolio: Portfolio, options: CompareMethodsOptions = {}): MethodComparison {
  const v = options.v ?? 0.5;
  const requestedK = options.topK ?? 5;
  const problems: Problem[] = [];
  if (!(Number.isInteger(requestedK) && requestedK >= 1)) {
    problems.push({
      path: ["topK"],
      message: `expected a whole number of at least 1, received ${requestedK}`,
    });
  }
  if (!(v >= 0 && v <= 1))
    problems.push({ path: ["v"], message: `expected a number from 0 to 1, received ${v}` });
  if (problems.length > 0) throw new CxprismError("invalid-options", problems);
  const { model, initiatives } = portfolio;
  const ids = initiatives.map((initiative) => initiative.id);
  const n = ids.length;
  const problem = decisionProblemOf(portfolio);
  const weights = problem.criteria.map((criterion) => criterion.weight);
  const used = model.criteria.flatMap((criterion, c) => (criterion.weight > 0 ? [c] : []));
  const m = model.criteria.length;
  const readings = (aggregation: "weighted-sum" | "weighted-product") =>
    used.map((c) => ratingReading(model.criteria[c]!, aggregation));
  const sumReadings = readings("weighted-sum");
  const productReadings = readings("weighted-product");
  const weightedSum = initiatives.map((_, i) =>
    used.reduce((sum, c, k) => {
      const { origin, factor } = sumReadings[k]!;
      return sum + 100 * weights[k]! * (portfolio.ratings[i * m + c]! - origin) * factor;
    }, 0),
  );
  const weightedProduct = initiatives.map((_, i) =>
    used.reduce((product, c, k) => {
      const { origin, factor } = productReadings[k]!;
      const x = Math.max((portfolio.ratings[i * m + c]! - origin) * factor, 0.01);
      return product * x ** weights[k]!;
    }, 100),
  );
  const vikorResult = n === 0 ? undefined : vikor(problem, v);
  const scores: Record<RankingMethod, readonly number[]> = {
    model: Array.from(scoreColumns(portfolio).priority),
    "weighted-sum": weightedSum,
    "weighted-product": weightedProduct,
    "topsis-vector": n === 0 ? [] : Array.from(topsis(problem, "vector").closeness),
    "topsis-min-max": n === 0 ? [] : Array.from(topsis(problem, "min-max").closeness),
    vikor: vikorResult === undefined ? [] : Array.from(vikorResult.q),
  };
  const rankings = RANKING_METHODS.map((method) =>
    rankingOf(method, scores[method].map(roundForTies), method === "vikor" ? "lower" : "higher", ids),
  );
  const agreement: MethodAgreement[] = [];
  rankings.forEach((a, i) => {
    for (const b of rankings.slice(i + 1)) {
      // Both as "higher is better": negate VIKOR's Q.
      const x = a.better === "lower" ? a.scores.map((s) => -s) : a.scores;
      const y = b.better === "lower" ? b.scores.map((s) => -s) : b.scores;
      agreement.push({
        methods: [a.method, b.method],
        spearman: spearmanRho(x, y),
        kendall: kendallTau(x, y),
      });
    }
  });
  const topK = Math.min(requestedK, n);
  const shortlistChanges = ids.flatMap((id, i): ShortlistChange[] => {
    const inside = rankings.filter((ranking) => ranking.ranks[i]! <= topK).map((ranking) => ranking.method);
    if (inside.length === 0 || inside.length === rankings.length) return [];
    const outside = rankings.filter((ranking) => ranking.ranks[i]! > topK).map((ranking) => ranking.method);
    return [{ id, inside, outside }];
  });
  return {
    ids,
    weights: Object.fromEntries(problem.criteria.map((criterion) => [criterion.id, criterion.weight])),
    rankings,
    agreement,
    topK,
    shortlistChanges,
    vikor: {
      v,
      acceptableAdvantage: vikorResult?.acceptableAdvantage ?? null,
      acceptableStability: vikorResult?.acceptableStability ?? null,
      compromise: (vikorResult?.compromise ?? []).map((i) => ids[i]!),
    },
  };
}

/**
 * A portfolio as a textbook decision problem: its initiatives x its weighted criteria, each rating measured
 * from its scale's zero (0 for a numeric scale starting at 0 or above, the min for one starting below, one
 * label below the first for a label scale), with global weights: weight within the axis x the axis' share.
 *
 * @param portfolio - the output of `validatePortfolio`
 * @returns the decision problem (criteria with weight 0 left out)
 */
export function decisionProblemOf(portfolio: Portfolio): DecisionProblem {
  const { model, initiatives, ratings } = portfolio;
  const m = model.criteria.length;
  const axisTotal = { value: 0, feasibility: 0 };
  for (const criterion of model.criteria) axisTotal[criterion.axis] += criterion.weight;
  const shares = model.axisWeights.value + model.axisWeights.feasibility;
  const used = model.criteria.flatMap((criterion, c) => (criterion.weight > 0 ? [c] : []));
  return {
    alternatives: initiatives.map((initiative) => initiative.id),
    criteria: used.map((c) => {
      const criterion = model.criteria[c]!;
      const share = model.axisWeights[criterion.axis] / shares;
      return {
        id: criterion.id,
        weight: (share * criterion.weight) / axisTotal[criterion.axis],
        direction: criterion.direction,
      };
    }),
    values: initiatives.map((_, i) =>
      used.map((c) => {
        const criterion = model.criteria[c]!;
        const scale = criterion.scale;
        const zero = isLabelScale(scale) ? -1 : Math.min(scale.min, 0);
        return ratings[i * m + c]! - zero;
      }),
    ),
  };
}

function roundForTies(score: number): number {
  return Number(score.toPrecision(12));
}

function rankingOf(
  method: RankingMethod,
  scores: readonly number[],
  better: "higher" | "lower",
  ids: readonly string[],
): MethodRanking {
  const sign = better === "higher" ? -1 : 1;
  const order = scores.map((_, i) => i).sort((a, b) => sign * (scores[a]! - scores[b]!) || a - b);
  const ranks = new Array<number>(scores.length);
  order.forEach((i, position) => {
    const previous = order[position - 1];
    ranks[i] = previous !== undefined && scores[previous] === scores[i] ? ranks[previous]! : position + 1;
  });
  return { method, scores, better, ranks, order: order.map((i) => ids[i]!) };
}
