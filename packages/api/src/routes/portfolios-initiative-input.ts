import {
  type InitiativeInput,
  type ModelInput,
  type Problem,
  slugify,
  validatePortfolio,
} from "@cxprism/core";
import * as v from "valibot";
import type { InitiativeData, RatingRecord } from "../storage/portfolio-store.js";

/**
 * The rater id that ratings given with an initiative itself (not per rater) are stored under, unless the
 * import names another (`?rater=`). Like any rater, it can be removed with `DELETE .../ratings/import`.
 */
export const IMPORT_RATER = "import";

/** A rater id: 1 to 120 characters once trimmed. */
export const RaterIdSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120));

/** An initiative split into what is stored: its data and one rating record per rater. */
export interface SplitInitiative {
  readonly data: InitiativeData;
  readonly ratings: readonly RatingRecord[];
}

/** The outcome of {@link splitInitiative}: the split, or the core's problems with paths inside the initiative. */
export type SplitOutcome =
  | { readonly ok: true; readonly value: SplitInitiative }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const isAllEmpty = (ratings: Readonly<Record<string, unknown>>) =>
  Object.values(ratings).every((value) => value === null || value === undefined || value === "");

/**
 * Validates one initiative against a portfolio's model with the core and splits it for storage: the
 * initiative's own fields, and its ratings as one record per rater (plain `ratings` belong to the rater
 * `rater`, {@link IMPORT_RATER} unless the caller chose another). A rater whose every rating is empty stores nothing, so an exported CSV imports back
 * to the same items. `dependsOn` is checked when the portfolio is scored, since it names other initiatives.
 *
 * @param input - the initiative as sent
 * @param model - the portfolio's model
 * @param now - the timestamp of the write
 * @param rater - the rater id of plain `ratings`
 * @returns the split, or the problems (paths start inside the initiative, e.g. `["ratings", "cx_impact"]`)
 */
export function splitInitiative(
  input: unknown,
  model: ModelInput,
  now: string,
  rater: string = IMPORT_RATER,
): SplitOutcome {
  const candidate =
    input !== null && typeof input === "object" && !Array.isArray(input)
      ? { ...(input as InitiativeInput), dependsOn: [] }
      : input;
  const validation = validatePortfolio([candidate], { model, missing: "neutral" });
  if (!validation.success)
    return {
      ok: false,
      problems: validation.problems.map((problem) => ({
        ...problem,
        path: problem.path[0] === "initiatives" ? problem.path.slice(2) : problem.path,
      })),
    };
  const source = input as InitiativeInput;
  const { ratings, raters, ...fields } = source;
  const id = source.id?.trim() || slugify(source.name);
  const data: InitiativeData = { ...fields, id, name: source.name.trim() };
  // One record per rater id: a rater named twice keeps the last ratings, as a second PUT would.
  const records = new Map<string, RatingRecord>();
  if (ratings !== undefined && !isAllEmpty(ratings))
    records.set(rater, {
      initiativeId: id,
      rater,
      weight: 1,
      ratings: { ...ratings } as RatingRecord["ratings"],
      updatedAt: now,
    });
  for (const given of raters ?? []) {
    if (isAllEmpty(given.ratings)) continue;
    records.set(given.rater.trim(), {
      initiativeId: id,
      rater: given.rater.trim(),
      weight: given.weight ?? 1,
      ratings: { ...given.ratings } as RatingRecord["ratings"],
      updatedAt: now,
    });
  }
  return { ok: true, value: { data, ratings: [...records.values()] } };
}
