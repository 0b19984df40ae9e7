import {
  type AhpOptions,
  type AhpResult,
  ahpWeights,
  describeJudgmentAdvice,
  type GroupAhpOptions,
  groupAhp,
  type PairwiseMatrix,
} from "@cxprism/core/weights";

/** What `POST /v1/weights/ahp` computes, as plain data for a CPU job: one matrix, or raters' matrices. */
export type AhpInput =
  | { readonly matrix: PairwiseMatrix; readonly options: AhpOptions }
  | {
      readonly raters: readonly { rater: string; weight?: number; matrix: PairwiseMatrix }[];
      readonly options: GroupAhpOptions;
    };

/** An AHP analysis as answered: the core's result with each worst judgment's advice in words. */
function presentAhp(result: AhpResult) {
  return {
    ...result,
    worstJudgments: result.worstJudgments.map((advice) => ({
      ...advice,
      advice: describeJudgmentAdvice(advice),
    })),
  };
}

/**
 * Computes an AHP answer: a single matrix's weights, CR and advice, or a group's. The optimal completion can
 * take up to a second per matrix (`MAX_COMPLETION_WORK`), so the Node server runs this in its worker pool.
 *
 * @param input - the checked request
 * @returns the answer body
 * @throws `CxprismError` as the core does (the route places its problems)
 */
export function answerAhp(input: AhpInput) {
  if ("matrix" in input) return presentAhp(ahpWeights(input.matrix, input.options));
  const result = groupAhp(input.raters, input.options);
  return {
    ...result,
    group: result.group === null ? null : presentAhp(result.group),
    individuals: result.individuals.map(({ rater, result: own }) => ({ rater, result: presentAhp(own) })),
  };
}
