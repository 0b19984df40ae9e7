import type { Model } from "../schema/model.js";
import { createCriterionKeyResolver } from "../validate/criterion-key.js";

/** The outcome of {@link pairwiseCriterionIds}. */
export type PairwiseCriterionIds =
  | {
      readonly success: true;
      /** The ids to compute with: criterion ids, or the headers as written when none names a criterion. */
      readonly ids: readonly string[];
      /** Whether the headers name the model's criteria (and `ids` are criterion ids). */
      readonly criteria: boolean;
    }
  | {
      readonly success: false;
      /** Each header that names no criterion, two, or one another header already named; by its position. */
      readonly problems: readonly { readonly index: number; readonly message: string }[];
    };

/**
 * The criterion ids a pairwise matrix compares, from its headers as written: each header names a criterion
 * of the model by id or by label (case and spacing ignored), so that a matrix headed by labels gives weights
 * keyed by id, which `applyWeights` and `score` take. A matrix none of whose headers names a criterion
 * compares something else (alternatives, Saaty's houses) and keeps its headers; once one header names a
 * criterion, every header must, and each criterion only once.
 *
 * @param model - the model whose criteria the headers name
 * @param headers - the matrix's ids as written, in matrix order
 * @returns the ids to compute with, or every header that does not name a criterion
 * @example
 * pairwiseCriterionIds(defaultModel, ["Data readiness", "Time to value"]);
 * // { success: true, ids: ["data_readiness", "time_to_value"], criteria: true }
 */
export function pairwiseCriterionIds(model: Model, headers: readonly string[]): PairwiseCriterionIds {
  const resolve = createCriterionKeyResolver(model);
  const resolved = headers.map((header) => resolve(header.trim()));
  if (!resolved.some((outcome) => outcome.success)) return { success: true, ids: headers, criteria: false };
  const problems: { index: number; message: string }[] = [];
  const seen = new Map<string, string>();
  const ids = resolved.map((outcome, index) => {
    if (!outcome.success) {
      problems.push({ index, message: outcome.message });
      return headers[index]!;
    }
    const earlier = seen.get(outcome.id);
    if (earlier !== undefined)
      problems.push({
        index,
        message: `expected each criterion once, received ${outcome.id} again (as "${headers[index]}"; first as "${earlier}")`,
      });
    seen.set(outcome.id, headers[index]!);
    return outcome.id;
  });
  return problems.length > 0 ? { success: false, problems } : { success: true, ids, criteria: true };
}
