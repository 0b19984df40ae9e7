import * as v from "valibot";
import type { Problem } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { type Model, ModelSchema } from "../schema/model.js";
import { issueToProblem } from "./issues.js";

/** The outcome of {@link validateModel}: the model with every default applied, or every problem found. */
export type ModelValidation =
  | { readonly success: true; readonly model: Model }
  | { readonly success: false; readonly problems: readonly Problem[] };

/**
 * Checks a scoring model given as unknown input (parsed JSON, a request body), collecting every problem with
 * its path under `model`. An absent model (`undefined`) is the built-in `cx-ai-prism`.
 *
 * @param model - the candidate model
 * @returns `{success: true, model}` with defaults applied, or `{success: false, problems}`
 * @example
 * ```ts
 * const checked = validateModel(JSON.parse(text));
 * if (!checked.success) for (const problem of checked.problems) report(formatProblem(problem));
 * ```
 */
export function validateModel(model: unknown): ModelValidation {
  if (model === undefined) return { success: true, model: defaultModel };
  const parsed = v.safeParse(ModelSchema, model);
  if (parsed.success) return { success: true, model: parsed.output };
  return { success: false, problems: parsed.issues.map((issue) => issueToProblem(issue, ["model"])) };
}
