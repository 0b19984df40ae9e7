import {
  type InitiativeInput,
  type ModelInput,
  type Problem,
  slugify,
  validatePortfolio,
} from "@cxprism/core";
import type { InitiativeData, RatingRecord } from "../storage/portfolio-store.js";

/** The rater id that ratings given with an initiative itself (not per rater) are stored under. */
export const INITIAL_RATER = "initial";

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
 * {@link INITIAL_RATER}). A rater whose every rating is empty stores nothing, so an exported CSV imports back
 * to the same items. `dependsOn` is checked when the portfolio is scored, since it names other initiatives.
 *
 * @param input - the initiative as sent
 * @param model - the portfolio's model
 * @param now - the timestamp of the write
 * @returns the split, or the problems (paths start inside the initiative, e.g. `["ratings", "cx_impact"]`)
 */
export function splitInitiative(input: unknown, model: ModelInput, now: string): SplitOutcome {
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
    records.set(INITIAL_RATER, {
      initiativeId: id,
      rater: INITIAL_RATER,
      weight: 1,
      ratings: { ...ratings } as RatingRecord["ratings"],
      updatedAt: now,
    });
  for (const rater of raters ?? []) {
    if (isAllEmpty(rater.ratings)) continue;
    records.set(rater.rater.trim(), {
      initiativeId: id,
      rater: rater.rater.trim(),
      weight: rater.weight ?? 1,
      ratings: { ...rater.ratings } as RatingRecord["ratings"],
      updatedAt: now,
    });
  }
  return { ok: true, value: { data, ratings: [...records.values()] } };
}
