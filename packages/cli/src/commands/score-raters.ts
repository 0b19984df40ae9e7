import { defaultModel, type MissingPolicy, type Model } from "@cxprism/core";
import { analyseDisagreement, type DisagreementReport } from "@cxprism/core/confidence";
import type { OptionSpec } from "../command.js";
import { CliError } from "../errors.js";
import { loadModel } from "../input/load-model.js";
import type { LoadedPortfolio } from "../input/load-portfolio.js";
import { loadWeightedModel } from "../input/load-weights.js";
import { readNumberFlag } from "./options.js";

/** `score --weights FILE`: criterion weights from `cxprism weights ... --format json`. */
export const WEIGHTS_OPTION: OptionSpec = {
  type: "string",
  short: "w",
  value: "FILE",
  description:
    "criterion weights as JSON (from `cxprism weights ahp|rank --format json`, or {id or label: weight}); criteria not in it keep theirs; the output names the weights applied",
};

/** `score --discuss-threshold N`: when a rating goes on the raters' discussion list. */
export const DISCUSS_THRESHOLD_OPTION: OptionSpec = {
  type: "string",
  value: "N",
  description:
    "with a `rater` column: flag ratings whose raters differ by N scale points or more (default: half the scale, 2 on 1-5)",
};

/**
 * The model `score` uses when `--weights` is given: the `--model` file (or the default model) re-weighted.
 *
 * @param modelFile - the `--model` file, if any
 * @param weightsFile - the `--weights` file, if any
 * @returns the re-weighted model, or `undefined` without `--weights`
 */
export async function loadScoreModel(
  modelFile: string | undefined,
  weightsFile: string | undefined,
): Promise<Model | undefined> {
  if (weightsFile === undefined) return undefined;
  const model = modelFile === undefined ? defaultModel : await loadModel(modelFile);
  return loadWeightedModel(model, weightsFile);
}

/**
 * Reads `--discuss-threshold`.
 *
 * @param value - the value given
 * @returns scale points, or `undefined` for the default (half of each criterion's scale)
 * @throws {@link CliError} `usage` for anything but a number of at least 0
 */
export function readDiscussThreshold(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  return readNumberFlag("discuss-threshold", value, { min: 0 });
}

/**
 * The raters' disagreement, when the file has a `rater` column (otherwise nothing is computed, so a large
 * single-rater file costs nothing more).
 *
 * @param loaded - the portfolio as read
 * @param missing - the missing-rating policy it was read with
 * @param threshold - scale points, or `undefined` for half the scale
 * @returns the report, or `undefined` without a `rater` column
 */
export function analyseRaters(
  loaded: LoadedPortfolio,
  missing: MissingPolicy,
  threshold: number | undefined,
): DisagreementReport | undefined {
  if (loaded.origins.raterRows === undefined) return undefined;
  const { portfolio } = loaded;
  // The initiatives were validated once already; the core validates its input again, cheap at workshop sizes.
  return analyseDisagreement(portfolio.initiatives, { model: portfolio.model, missing, threshold });
}
