import {
  createCriterionKeyResolver,
  keyByCriterionId,
  type ModelInput,
  toJsonPointer,
  validatePortfolio,
} from "@cxprism/core";
import * as v from "valibot";
import { issueToItem } from "../http/issues.js";
import { parseJsonBody } from "../http/json-body.js";
import type { ProblemItem } from "../http/problem.js";
import { validationFailed } from "./portfolios-http.js";

/**
 * `PUT /v1/portfolios/:id/ratings/:rater`: one rater's ratings of one or many initiatives, by initiative id
 * then criterion id or label (labels ignore case and spacing, and are stored as ids). Each initiative's
 * ratings replace that rater's earlier ones as a whole.
 */
export const PutRatingsSchema = v.strictObject({
  weight: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)), 1),
  ratings: v.pipe(
    v.record(
      v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
      v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()),
    ),
    v.check((ratings) => Object.keys(ratings).length > 0, "at least one initiative"),
  ),
  /** An optional comment per initiative (by initiative id); it replaces the earlier one with the ratings. */
  comments: v.optional(
    v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(128)), v.pipe(v.string(), v.maxLength(2000))),
  ),
});

/** A rating batch read and checked against the portfolio's model (see {@link readRatings}). */
export interface RatingsRead {
  readonly weight: number;
  /** The initiative ids, in the body's order. */
  readonly ids: readonly string[];
  /** Each initiative's ratings by criterion id (labels resolved), aligned with `ids`. */
  readonly values: readonly Readonly<Record<string, unknown>>[];
  readonly comments: Readonly<Record<string, string>>;
  /** Unknown or ambiguous criteria and values off their scale, each by JSON pointer; empty when none. */
  readonly problems: readonly ProblemItem[];
}

/** A rating batch as sent, its shape checked. */
export type ParsedRatings = v.InferOutput<typeof PutRatingsSchema>;

/**
 * Parses a rating batch (`PUT .../ratings/:rater`) and checks its shape and size.
 *
 * @param text - the JSON body
 * @param maxInitiatives - the most initiatives one request may rate
 * @returns the batch as sent
 * @throws {@link ApiError} `malformed-body` (400) for text that is not JSON, `validation-failed` (422) for a
 *   body of the wrong shape or over the initiative limit
 */
export function parseRatings(text: string, maxInitiatives: number): ParsedRatings {
  const parsed = v.safeParse(PutRatingsSchema, parseJsonBody(text));
  if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
  const count = Object.keys(parsed.output.ratings).length;
  if (count > maxInitiatives)
    throw validationFailed([
      { pointer: "/ratings", detail: `expected at most ${maxInitiatives} initiatives, received ${count}` },
    ]);
  return parsed.output;
}

/**
 * Checks a parsed rating batch against the portfolio's model, as scoring would: criteria by id or label
 * (stored by id; an unknown or ambiguous key is named with the criterion meant), every value on its
 * criterion's scale. Whether the initiatives exist and may be rated needs the store, and stays with the route.
 *
 * @param batch - the batch as parsed
 * @param model - the portfolio's model
 * @param rater - the rater id of the path
 * @returns the batch by criterion id, with its problems
 */
export function checkRatings(batch: ParsedRatings, model: ModelInput, rater: string): RatingsRead {
  const ids = Object.keys(batch.ratings);
  const resolve = createCriterionKeyResolver(model);
  const keyed = ids.map((id) => keyByCriterionId(resolve, batch.ratings[id]!, ["ratings", id]));
  const { weight } = batch;
  const validation = validatePortfolio(
    ids.map((id, index) => ({
      id,
      name: id,
      raters: [{ rater, weight, ratings: keyed[index]!.values }],
    })),
    { model, missing: "neutral" },
  );
  const problems = keyed.flatMap(({ problems: found }) =>
    found.map((problem) => ({ pointer: toJsonPointer(problem.path), detail: problem.message })),
  );
  if (!validation.success)
    for (const problem of validation.problems) {
      const [, index, , , , criterion] = problem.path;
      const id = ids[index as number] ?? "";
      const key = keyed[index as number]?.keys.get(String(criterion)) ?? criterion;
      problems.push({
        pointer: toJsonPointer(["ratings", id, ...(key === undefined ? [] : [key])]),
        detail: problem.message,
      });
    }
  return {
    weight,
    ids,
    values: keyed.map((entry) => entry.values),
    comments: batch.comments ?? {},
    problems,
  };
}

/**
 * Parses a rating batch and checks it against the model ({@link parseRatings}, {@link checkRatings}): the
 * CPU-heavy half of the route (a 1 MiB batch of 4,500 initiatives takes a few tenths of a second), run as a
 * CPU job so the Node server's event loop keeps answering.
 *
 * @param text - the JSON body
 * @param model - the portfolio's model
 * @param rater - the rater id of the path
 * @param maxInitiatives - the most initiatives one request may rate
 * @returns the batch by criterion id, with its problems
 * @throws {@link ApiError} as {@link parseRatings}
 */
export function readRatings(
  text: string,
  model: ModelInput,
  rater: string,
  maxInitiatives: number,
): RatingsRead {
  return checkRatings(parseRatings(text, maxInitiatives), model, rater);
}
