import * as v from "valibot";

/** Criterion ids are lower-case slugs usable as CSV headers and formula variables: `data_readiness`. */
export const CriterionIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{0,63}$/, "a lower-case id of letters, digits and _ starting with a letter"),
);

/** A numeric scale: any range, e.g. 1-5, 0-10, 0-100 %, or money with a declared range. */
export const NumericScaleSchema = v.pipe(
  v.strictObject({
    min: v.pipe(v.number(), v.finite()),
    max: v.pipe(v.number(), v.finite()),
  }),
  v.check((scale) => scale.max > scale.min, "a scale whose max is greater than its min"),
);

/** An ordered label scale, worst first: `["XS","S","M","L","XL"]` or `["no","yes"]`. */
export const LabelScaleSchema = v.strictObject({
  labels: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))),
    v.minLength(2, "at least two labels"),
    v.maxLength(32, "at most 32 labels"),
    v.check(
      (labels) => new Set(labels.map((label) => label.toLowerCase())).size === labels.length,
      "labels that differ ignoring case",
    ),
  ),
});

/** A criterion's scale: numeric `{min,max}` or ordered `{labels}`. */
export const ScaleSchema = v.union([NumericScaleSchema, LabelScaleSchema]);

/** Which axis of the matrix a criterion feeds. */
export const AxisSchema = v.picklist(["value", "feasibility"]);

/** `benefit`: higher ratings are better; `cost`: lower ratings are better (effort, time, risk). */
export const DirectionSchema = v.picklist(["benefit", "cost"]);

/** The longest formula accepted, in characters: formulas are business-case arithmetic, not programs. */
export const FORMULA_MAX_LENGTH = 500;

/**
 * How a formula criterion's derived value is put on its scale before normalisation:
 * - `scale` (default): the value is read on the criterion's declared numeric scale and clamped to it, so
 *   one initiative's score never depends on the others (declare a realistic range, e.g. 0-5,000,000 EUR).
 * - `data-range`: the values are mapped linearly from their range across the portfolio (lowest to highest)
 *   onto the declared scale; when all values are equal every initiative gets the scale's midpoint.
 */
export const DerivedNormalisationSchema = v.picklist(["scale", "data-range"]);

/** Numeric field names usable in formulas: lower-case slugs like `contacts_per_year`. */
export const FieldNameSchema = v.pipe(
  v.string(),
  v.regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    "a lower-case field name of letters, digits and _ starting with a letter",
  ),
);

/**
 * One scoring criterion.
 *
 * `levels` is an optional rubric: one sentence per scale point, worst rating first (for a numeric scale the
 * points are the integers from min to max). Anchored scales cut rater disagreement.
 *
 * `formula` makes the criterion derived: its rating is computed from each initiative's numeric fields
 * (`fields`, plus `cost`, `run_cost`, `benefit` and `effort`) by `deriveFormulaCriteria` before scoring,
 * e.g. `contacts_per_year * deflection_rate * cost_per_contact`. A formula criterion needs a numeric scale;
 * `normalise` says how its value is put on that scale.
 */
export const CriterionSchema = v.strictObject({
  id: CriterionIdSchema,
  label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  axis: AxisSchema,
  weight: v.pipe(v.number(), v.finite(), v.minValue(0, "a weight of at least 0")),
  direction: v.optional(DirectionSchema, "benefit"),
  scale: ScaleSchema,
  levels: v.optional(v.array(v.pipe(v.string(), v.maxLength(500)))),
  formula: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(1, "a non-empty formula"),
      v.maxLength(FORMULA_MAX_LENGTH, `a formula of at most ${FORMULA_MAX_LENGTH} characters`),
    ),
  ),
  normalise: v.optional(DerivedNormalisationSchema),
});

export type Axis = v.InferOutput<typeof AxisSchema>;
export type Direction = v.InferOutput<typeof DirectionSchema>;
export type DerivedNormalisation = v.InferOutput<typeof DerivedNormalisationSchema>;
export type NumericScale = v.InferOutput<typeof NumericScaleSchema>;
export type LabelScale = v.InferOutput<typeof LabelScaleSchema>;
export type Scale = v.InferOutput<typeof ScaleSchema>;
/** A criterion as accepted from users (defaults not yet applied). */
export type CriterionInput = v.InferInput<typeof CriterionSchema>;
/** A validated criterion. */
export type Criterion = v.InferOutput<typeof CriterionSchema>;

/** Whether a scale is made of ordered labels. */
export function isLabelScale(scale: Scale): scale is LabelScale {
  return "labels" in scale;
}

/** The number of points a rubric should describe for this scale, or `undefined` for a continuous range. */
export function scalePointCount(scale: Scale): number | undefined {
  if (isLabelScale(scale)) return scale.labels.length;
  const { min, max } = scale;
  return Number.isInteger(min) && Number.isInteger(max) && max - min <= 20 ? max - min + 1 : undefined;
}
