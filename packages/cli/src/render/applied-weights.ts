import type { Model } from "@cxprism/core";

/** The weights `score` applied, as its JSON output's `weights` field holds them. */
export interface AppliedWeights {
  /** `file` for `--weights FILE`, `model` for the model's own weights. */
  readonly source: "file" | "model";
  /** The weights file, with `source: "file"`. */
  readonly file?: string;
  /** The model the weights belong to. */
  readonly model: string;
  /** Each axis' criterion weights by id, normalised to sum to 1 within the axis (as scoring uses them). */
  readonly value: Readonly<Record<string, number>>;
  readonly feasibility: Readonly<Record<string, number>>;
}

/**
 * The criterion weights a model scores with, each axis normalised to a total of 1 as scoring normalises it,
 * and where they came from.
 *
 * @param model - the model scored with (already re-weighted by `--weights`)
 * @param file - the `--weights` file, if any
 * @returns the weights applied
 */
export function appliedWeights(model: Model, file: string | undefined): AppliedWeights {
  const axis = (which: "value" | "feasibility") => {
    const criteria = model.criteria.filter((criterion) => criterion.axis === which);
    const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    return Object.fromEntries(
      criteria.map((criterion) => [criterion.id, total > 0 ? criterion.weight / total : 0]),
    );
  };
  return {
    source: file === undefined ? "model" : "file",
    ...(file === undefined ? {} : { file }),
    model: model.id,
    value: axis("value"),
    feasibility: axis("feasibility"),
  };
}

/**
 * One line naming the weights applied: `weights: custom from weights.json (value: cx_impact 0.47, …;
 * feasibility: …)`, or `weights: model cx-ai-prism's own (…)`. Weights to 2 decimals, heaviest first.
 *
 * @param weights - the weights applied
 * @returns the line, with its newline
 */
export function renderAppliedWeights(weights: AppliedWeights): string {
  const axis = (name: string, byId: Readonly<Record<string, number>>) =>
    `${name}: ${Object.entries(byId)
      .sort(([, a], [, b]) => b - a)
      .map(([id, weight]) => `${id} ${weight.toFixed(2)}`)
      .join(", ")}`;
  const source = weights.source === "file" ? `custom from ${weights.file}` : `model ${weights.model}'s own`;
  return `weights: ${source} (${axis("value", weights.value)}; ${axis("feasibility", weights.feasibility)})\n`;
}
