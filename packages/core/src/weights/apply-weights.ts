import * as v from "valibot";
import { CxprismError, type Problem } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { type Model, type ModelInput, ModelSchema } from "../schema/model.js";
import { createCriterionKeyResolver, keyByCriterionId } from "../validate/criterion-key.js";
import { issueToProblem } from "../validate/issues.js";

/** Options for {@link applyWeights}. */
export interface ApplyWeightsOptions {
  /**
   * A model criterion absent from `weights`: `error` (default) reports it; `zero` gives it weight 0;
   * `keep` leaves its current weight. Scoring normalises weights within each axis, so `keep` is safe when
   * `weights` cover whole axes (e.g. AHP over the value criteria only); within one axis, keep only weights on
   * the same scale.
   */
  readonly missing?: "error" | "zero" | "keep" | undefined;
  /**
   * `keep` (default) leaves the model's `axisWeights`; `from-weights` sets each axis' weight to the sum of its
   * criteria's new weights — what global weights from {@link hierarchicalWeights} mean. Scoring normalises
   * criterion weights within each axis either way; axis weights matter for the `weighted-mean` and
   * `geometric-mean` priority rules.
   */
  readonly axisWeights?: "keep" | "from-weights" | undefined;
}

/**
 * A new model whose criterion weights are the given ones (from AHP, a ranking, entropy, CRITIC...). The model
 * passed in is not changed; the result is validated like any model.
 *
 * @param model - the model to re-weight (default `cx-ai-prism`)
 * @param weights - weight by criterion id or label (any non-negative scale; labels ignore case and spacing)
 * @param options - what to do with criteria not in `weights`, and with the axis weights
 * @returns the re-weighted, validated model
 * @throws {@link CxprismError} `invalid-input` for unknown or ambiguous keys (with the nearest criterion suggested), negative or
 *   non-finite weights, missing criteria; `invalid-model` when an axis ends with no positive weight
 * @example
 * const model = applyWeights(defaultModel, ahpWeights(matrix).weights, { missing: "keep" });
 * score(initiatives, { model });
 */
export function applyWeights(
  model: ModelInput | Model = defaultModel,
  weights: Readonly<Record<string, number>>,
  options: ApplyWeightsOptions = {},
): Model {
  const parsed = v.safeParse(ModelSchema, model);
  if (!parsed.success) {
    throw new CxprismError(
      "invalid-model",
      parsed.issues.map((issue) => issueToProblem(issue, ["model"])),
    );
  }
  const base = parsed.output;
  const missing = options.missing ?? "error";
  // Keys may be ids or labels (a pairwise CSV headed by labels gives labels); from here on, ids.
  const keyed = keyByCriterionId(createCriterionKeyResolver(base), weights, ["weights"]);
  const problems: Problem[] = [...keyed.problems];
  for (const [key, weight] of Object.entries(weights)) {
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      problems.push({
        path: ["weights", key],
        message: `expected a finite weight of at least 0, received ${weight}`,
      });
    }
  }
  const criteria = base.criteria.map((criterion) => {
    const weight = keyed.values[criterion.id];
    if (weight !== undefined) return { ...criterion, weight };
    if (missing === "error") {
      problems.push({
        path: ["weights", criterion.id],
        message: `expected a weight for criterion ${criterion.id} (or missing: "zero" or "keep"), received nothing`,
      });
    }
    return missing === "zero" ? { ...criterion, weight: 0 } : criterion;
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const sumOn = (axis: "value" | "feasibility") =>
    criteria
      .filter((criterion) => criterion.axis === axis)
      .reduce((sum, criterion) => sum + criterion.weight, 0);
  const axisWeights =
    options.axisWeights === "from-weights"
      ? { value: sumOn("value"), feasibility: sumOn("feasibility") }
      : base.axisWeights;
  const result = v.safeParse(ModelSchema, { ...base, criteria, axisWeights });
  if (!result.success) {
    throw new CxprismError(
      "invalid-model",
      result.issues.map((issue) => issueToProblem(issue, ["model"])),
    );
  }
  return result.output;
}
