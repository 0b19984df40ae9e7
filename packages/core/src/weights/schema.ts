import * as v from "valibot";
import { COMPLETIONS } from "./completion.js";
import { RANDOM_INDEX_TABLES } from "./random-index.js";
import { RANK_WEIGHT_METHODS } from "./rank-weights.js";

/**
 * A pairwise matrix as JSON (e.g. the body of `POST /v1/weights/ahp`): ids and a square matrix of judgments,
 * `null` where a judgment is missing. Shape only; {@link ahpWeights} checks range, reciprocity and size.
 */
export const PairwiseMatrixSchema = v.strictObject({
  ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1), v.maxLength(64)),
  values: v.pipe(v.array(v.array(v.nullable(v.number()))), v.maxLength(64)),
});

/** The options of {@link ahpWeights} that a request may set. */
export const AhpOptionsSchema = v.strictObject({
  method: v.optional(v.picklist(["eigenvector", "geometric-mean"])),
  completion: v.optional(v.picklist(COMPLETIONS)),
  randomIndex: v.optional(
    v.picklist(Object.keys(RANDOM_INDEX_TABLES) as (keyof typeof RANDOM_INDEX_TABLES)[]),
  ),
  acceptableRatio: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  worstJudgments: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(64))),
});

/** A ranking request (e.g. `POST /v1/weights/rank`): ids most important first, an inner array for a tie. */
export const RankWeightsRequestSchema = v.strictObject({
  ranking: v.pipe(
    v.array(
      v.union([
        v.pipe(v.string(), v.minLength(1)),
        v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
      ]),
    ),
    v.minLength(1),
    v.maxLength(64),
  ),
  method: v.optional(v.picklist(RANK_WEIGHT_METHODS)),
});

export type PairwiseMatrixInput = v.InferInput<typeof PairwiseMatrixSchema>;
export type AhpOptionsInput = v.InferOutput<typeof AhpOptionsSchema>;
export type RankWeightsRequest = v.InferOutput<typeof RankWeightsRequestSchema>;
