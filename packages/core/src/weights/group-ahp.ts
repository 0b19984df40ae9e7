import { CxprismError, type Problem } from "../errors.js";
import { type AhpOptions, type AhpResult, ahpWeights } from "./ahp.js";
import { type Concordance, kendallW } from "./kendall.js";
import type { PairwiseMatrix } from "./pairwise-matrix.js";

/** One workshop participant's pairwise judgments. */
export interface RaterJudgments {
  /** Who judged. */
  readonly rater: string;
  /** How much this rater counts (default 1; 0 leaves them out of the aggregate but not of the agreement). */
  readonly weight?: number;
  /** The rater's matrix; ids may come in any order but must be the same set for every rater. */
  readonly matrix: PairwiseMatrix;
}

/**
 * How individual judgments become group weights (Forman, E. & Peniwati, K. (1998) "Aggregating individual
 * judgments and priorities with the analytic hierarchy process", *European Journal of Operational Research*
 * 108(1), 165-169):
 *
 * - `judgments` (AIJ): the weighted geometric mean of each cell across raters gives one group matrix, which is
 *   solved as usual — the group acts as one person. The geometric mean is the aggregation that keeps the
 *   matrix reciprocal (Aczél, J. & Saaty, T.L. (1983) "Procedures for synthesizing ratio judgements",
 *   *Journal of Mathematical Psychology* 27(1), 93-102).
 * - `priorities` (AIP): each rater's priorities are computed first, then combined by a weighted geometric mean
 *   and normalised — the group acts as separate individuals.
 */
export type GroupAggregation = "judgments" | "priorities";

/** Options for {@link groupAhp}. */
export interface GroupAhpOptions extends AhpOptions {
  /** `judgments` (AIJ, default) or `priorities` (AIP). */
  readonly aggregation?: GroupAggregation | undefined;
}

/** The outcome of {@link groupAhp}. */
export interface GroupAhpResult {
  /** The aggregation used. */
  readonly aggregation: GroupAggregation;
  /** The group's weights by id, summing to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** The ids, in the first rater's order. */
  readonly ids: readonly string[];
  /** For AIJ, the analysis of the aggregated matrix (its CR is the group's consistency); `null` for AIP. */
  readonly group: AhpResult | null;
  /** Each rater's own analysis, in input order. */
  readonly individuals: readonly { readonly rater: string; readonly result: AhpResult }[];
  /** Kendall's W over the raters' rankings of the ids (by their own priorities). */
  readonly agreement: Concordance;
}

/**
 * Group AHP for a workshop: every rater's own priorities and consistency, the group weights by AIJ or AIP,
 * and Kendall's W for how far the raters' rankings agree.
 *
 * @param raters - one matrix per rater (at least two raters)
 * @param options - `aggregation` plus the {@link ahpWeights} options
 * @returns group weights, individual results and the agreement
 * @throws {@link CxprismError} `invalid-input` when raters compare different ids, a matrix is malformed, a
 *   rater weight is negative, or all rater weights are 0
 * @example
 * const result = groupAhp([
 *   { rater: "ana", matrix: { ids: ["a", "b"], values: [[1, 3], [1 / 3, 1]] } },
 *   { rater: "ben", matrix: { ids: ["a", "b"], values: [[1, 1 / 3], [3, 1]] } },
 * ]);
 * result.weights; // { a: 0.5, b: 0.5 }
 */
export function groupAhp(raters: readonly RaterJudgments[], options: GroupAhpOptions = {}): GroupAhpResult {
  const aligned = alignRaters(raters);
  const { aggregation = "judgments", ...ahpOptions } = options;
  const individuals = aligned.map(({ rater, matrix }, r) => ({
    rater,
    result: ahpWeights(matrix, { ...ahpOptions, path: ["raters", r, "matrix"] }),
  }));
  const ids = aligned[0]!.matrix.ids;
  const weights = aligned.map(({ weight }) => weight);
  // Rounding keeps ties that differ only by floating-point noise tied for Kendall's W.
  const agreement = kendallW(individuals.map(({ result }) => result.vector.map((w) => Math.round(w * 1e9))));
  if (aggregation === "priorities") {
    return {
      aggregation,
      ids,
      weights: aggregatePriorities(
        individuals.map(({ result }, r) => ({ weight: weights[r]!, weights: result.weights })),
      ),
      group: null,
      individuals,
      agreement,
    };
  }
  const group = ahpWeights(
    aggregateJudgments(aligned.map(({ matrix }, r) => ({ weight: weights[r]!, matrix }))),
    ahpOptions,
  );
  return { aggregation, ids, weights: group.weights, group, individuals, agreement };
}

/**
 * AIJ: the weighted geometric mean of each judgment across raters. A cell some raters left empty is the mean
 * of those who filled it; a cell nobody filled stays missing.
 *
 * @param matrices - the raters' matrices, all with the same ids in the same order, with their weights
 * @returns the group matrix
 */
export function aggregateJudgments(
  matrices: readonly { readonly weight: number; readonly matrix: PairwiseMatrix }[],
): PairwiseMatrix {
  const ids = matrices[0]?.matrix.ids ?? [];
  const n = ids.length;
  const values = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let logSum = 0;
      let weightSum = 0;
      for (const { weight, matrix } of matrices) {
        const value = matrix.values[i]![j];
        if (value == null || weight === 0) continue;
        logSum += weight * Math.log(value);
        weightSum += weight;
      }
      return weightSum > 0 ? Math.exp(logSum / weightSum) : null;
    }),
  );
  return { ids, values };
}

/**
 * AIP: the weighted geometric mean of the raters' priorities, normalised to sum 1.
 *
 * @param vectors - each rater's weight and priorities by id (same ids for everyone)
 * @returns the group priorities by id
 */
export function aggregatePriorities(
  vectors: readonly { readonly weight: number; readonly weights: Readonly<Record<string, number>> }[],
): Record<string, number> {
  const ids = Object.keys(vectors[0]?.weights ?? {});
  const totalWeight = vectors.reduce((sum, { weight }) => sum + weight, 0);
  const means = ids.map((id) =>
    Math.exp(
      vectors.reduce((sum, { weight, weights }) => sum + (weight / totalWeight) * Math.log(weights[id]!), 0),
    ),
  );
  const total = means.reduce((a, b) => a + b, 0);
  return Object.fromEntries(ids.map((id, k) => [id, means[k]! / total]));
}

/** Checks the raters and reorders every matrix to the first rater's id order. */
function alignRaters(
  raters: readonly RaterJudgments[],
): { rater: string; weight: number; matrix: PairwiseMatrix }[] {
  const problems: Problem[] = [];
  if (raters.length < 2) {
    throw new CxprismError("invalid-input", [
      { path: ["raters"], message: `expected at least two raters, received ${raters.length}` },
    ]);
  }
  const ids = raters[0]!.matrix.ids;
  const wanted = [...ids].sort().join("\u0000");
  const aligned = raters.map(({ rater, weight = 1, matrix }, r) => {
    if (!Number.isFinite(weight) || weight < 0) {
      problems.push({
        path: ["raters", r, "weight"],
        message: `expected a weight of at least 0, received ${weight}`,
      });
    }
    if ([...matrix.ids].sort().join("\u0000") !== wanted) {
      problems.push({
        path: ["raters", r, "matrix", "ids"],
        message: `expected the same ids as raters[0] (${ids.join(", ")}), received ${matrix.ids.join(", ")}`,
      });
      return { rater, weight, matrix };
    }
    const position = ids.map((id) => matrix.ids.indexOf(id));
    return {
      rater,
      weight,
      matrix: { ids, values: position.map((i) => position.map((j) => matrix.values[i]?.[j] ?? null)) },
    };
  });
  if (problems.length === 0 && aligned.every(({ weight }) => weight === 0)) {
    problems.push({
      path: ["raters"],
      message: "expected at least one rater with a weight above 0, received none",
    });
  }
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  return aligned;
}
