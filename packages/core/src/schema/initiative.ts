import * as v from "valibot";
import { FieldNameSchema } from "./criterion.js";
import { KpiIdSchema } from "./kpi.js";

/**
 * One rating: a number on a numeric scale, a label on a label scale, or `null` (or absent) for "not rated".
 * Any value passes this schema: each rating is checked against its criterion's scale during validation, so a
 * bad rating (`true`, `NaN`, `"high"`, `7`) is reported in the scale's terms ("expected a number from 1 to 5").
 */
export const RatingValueSchema = v.custom<number | string | null | undefined>(() => true);

/** Ratings of one initiative, by criterion id. */
// Keys need no schema of their own: each is checked against the model's criterion ids during validation.
export const RatingsSchema = v.record(v.string(), RatingValueSchema);

/**
 * Whether text holds a lone UTF-16 surrogate: such text cannot be written as UTF-8, stored or percent-encoded
 * into a key, so an id or rater with one is refused at validation, before anything is written.
 *
 * @param text - the text
 * @returns true when some surrogate is not half of a pair
 */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}

const wellFormed = v.check<string, string>(
  (text) => !hasLoneSurrogate(text),
  "well-formed Unicode text (this has a lone UTF-16 surrogate)",
);

/**
 * One rater's ratings of one initiative. An initiative rated by a workshop carries one of these per person;
 * `weight` lets some raters count more (default 1).
 */
export const RatingSchema = v.strictObject({
  rater: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120), wellFormed),
  weight: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)), 1),
  ratings: RatingsSchema,
});

const TextSchema = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const IdSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(128), wellFormed);

const MoneySchema = v.pipe(v.number(), v.finite(), v.minValue(0));

/**
 * A candidate AI initiative. Give its ratings either once (`ratings`) or per rater (`raters`).
 * `id` defaults to a slug of `name`; `extra` carries any other columns through untouched.
 *
 * The business case is optional: `cost` (one-off), `runCost` (per year), `benefit` (per year), all in one
 * currency, and `effort` in person-months. `fields` holds any other numbers that formula criteria read,
 * e.g. `{ contacts_per_year: 1200000, deflection_rate: 0.2 }`.
 */
export const InitiativeSchema = v.strictObject({
  id: v.optional(IdSchema),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "a non-empty name"), v.maxLength(200)),
  category: v.optional(TextSchema(120), ""),
  description: v.optional(TextSchema(4000), ""),
  ratings: v.optional(RatingsSchema),
  raters: v.optional(v.pipe(v.array(RatingSchema), v.minLength(1), v.maxLength(200))),
  cost: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  kpis: v.optional(v.array(KpiIdSchema), []),
  dependsOn: v.optional(v.array(IdSchema), []),
  capabilities: v.optional(v.array(TextSchema(120)), []),
  extra: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(4000))), {}),
  runCost: v.optional(MoneySchema),
  benefit: v.optional(MoneySchema),
  effort: v.optional(MoneySchema),
  fields: v.optional(v.record(FieldNameSchema, v.pipe(v.number(), v.finite()))),
});

export type RatingValue = v.InferOutput<typeof RatingValueSchema>;
export type Ratings = v.InferOutput<typeof RatingsSchema>;
/** One rater's ratings as accepted from users. */
export type RatingInput = v.InferInput<typeof RatingSchema>;
/** One rater's validated ratings. */
export type Rating = v.InferOutput<typeof RatingSchema>;
/** An initiative as accepted from users (defaults not yet applied). */
export type InitiativeInput = v.InferInput<typeof InitiativeSchema>;
/** A structurally valid initiative with defaults applied (its id may still be missing). */
export type Initiative = v.InferOutput<typeof InitiativeSchema>;
