import * as v from "valibot";
import { CriterionSchema, isLabelScale, scalePointCount } from "./criterion.js";

/** How the criteria of one axis combine into the axis score. */
export const AxisAggregationSchema = v.picklist(["weighted-sum", "weighted-product", "min"]);

/** How value and feasibility combine into priority. */
export const PriorityRuleSchema = v.picklist(["closeness", "geometric-mean", "weighted-mean"]);

/** How several raters' values for one criterion combine. */
export const RaterAggregationSchema = v.picklist(["mean", "median", "geometric-mean"]);

/**
 * The four quadrants of the prism matrix, in a fixed order: the order of quadrant codes in `ScoreColumns`, of
 * Monte Carlo tallies, and of the matrix's labels and legend.
 */
export const QUADRANTS = ["likely-win", "calculated-risk", "marginal-gain", "unlikely"] as const;

/** One of the {@link QUADRANTS}. */
export const QuadrantSchema = v.picklist(QUADRANTS);

/**
 * The quadrant of an initiative with no rating at all on an axis (every weighted criterion of that axis
 * scored at its midpoint): it is in no quadrant, is drawn apart from the matrix and ranks after every rated
 * initiative, so a blank row can never look like a likely win.
 */
export const UNRATED = "unrated";

/** Every quadrant a result can have: the four {@link QUADRANTS}, then {@link UNRATED}; the order of quadrant codes in `ScoreColumns`. */
export const RESULT_QUADRANTS = [...QUADRANTS, UNRATED] as const;

/** One of the {@link RESULT_QUADRANTS}: a result's quadrant. */
export const ResultQuadrantSchema = v.picklist(RESULT_QUADRANTS);

const PercentSchema = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100));
const LabelSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80));

/** Quadrant thresholds on the 0-100 axes: a score at the threshold counts as high. */
export const ThresholdsSchema = v.strictObject({
  value: v.optional(PercentSchema, 50),
  feasibility: v.optional(PercentSchema, 50),
});

/** Display labels for the quadrants. */
export const QuadrantLabelsSchema = v.strictObject({
  "likely-win": v.optional(LabelSchema, "Likely win"),
  "calculated-risk": v.optional(LabelSchema, "Calculated risk"),
  "marginal-gain": v.optional(LabelSchema, "Marginal gain"),
  unlikely: v.optional(LabelSchema, "Unlikely"),
  unrated: v.optional(LabelSchema, "Unrated"),
});

/** Relative weight of the axes, used by the `weighted-mean` and `geometric-mean` priority rules. */
export const AxisWeightsSchema = v.pipe(
  v.strictObject({
    value: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)), 1),
    feasibility: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)), 1),
  }),
  v.check((weights) => weights.value + weights.feasibility > 0, "axis weights that are not both zero"),
);

/**
 * A scoring model: criteria on two axes and the rules that turn ratings into a ranking.
 *
 * Beyond the per-field rules it checks what a field alone cannot: unique criterion ids, at least one
 * criterion with a positive weight on each axis, and rubrics with one level per scale point.
 */
export const ModelSchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a lower-case slug such as cx-ai-prism")),
    name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)),
    description: v.optional(v.pipe(v.string(), v.maxLength(4000))),
    criteria: v.pipe(
      v.array(CriterionSchema),
      v.minLength(2, "at least one criterion per axis"),
      v.maxLength(64, "at most 64 criteria"),
    ),
    aggregation: v.optional(AxisAggregationSchema, "weighted-sum"),
    priority: v.optional(PriorityRuleSchema, "closeness"),
    axisWeights: v.optional(AxisWeightsSchema, {}),
    thresholds: v.optional(ThresholdsSchema, {}),
    quadrantLabels: v.optional(QuadrantLabelsSchema, {}),
    raterAggregation: v.optional(RaterAggregationSchema, "mean"),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.criteria.forEach((criterion, index) => {
      if (seen.has(criterion.id)) {
        addIssue({
          message: `a unique criterion id; "${criterion.id}" appears more than once`,
          path: criterionPath(dataset.value, index, "id"),
        });
      }
      seen.add(criterion.id);
      if (criterion.formula !== undefined && isLabelScale(criterion.scale)) {
        addIssue({
          message: "a numeric scale {min, max}: a formula criterion's value is a number",
          path: criterionPath(dataset.value, index, "scale"),
        });
      }
      if (criterion.normalise !== undefined && criterion.formula === undefined) {
        addIssue({
          message:
            "a formula alongside normalise: only a formula criterion's derived value is normalised this way",
          path: criterionPath(dataset.value, index, "normalise"),
        });
      }
      const points = scalePointCount(criterion.scale);
      if (criterion.levels !== undefined && criterion.levels.length !== points) {
        const expected =
          points === undefined
            ? "no levels: a continuous numeric scale has no rubric points"
            : `${points} levels, one per scale point ${isLabelScale(criterion.scale) ? "label" : "value"}`;
        addIssue({
          message: `${expected}; received ${criterion.levels.length}`,
          path: criterionPath(dataset.value, index, "levels"),
        });
      }
    });
    for (const axis of ["value", "feasibility"] as const) {
      const total = dataset.value.criteria
        .filter((criterion) => criterion.axis === axis)
        .reduce((sum, criterion) => sum + criterion.weight, 0);
      if (!(total > 0)) {
        addIssue({
          message: `at least one ${axis} criterion with a weight above 0 (all weights on an axis are zero or it has no criteria)`,
          path: [
            {
              type: "object",
              origin: "value",
              input: dataset.value,
              key: "criteria",
              value: dataset.value.criteria,
            },
          ],
        });
      }
    }
  }),
);

function criterionPath(
  model: { criteria: readonly unknown[] },
  index: number,
  key: string,
): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const criteria = model.criteria;
  const criterion = criteria[index] as Record<string, unknown>;
  return [
    { type: "object", origin: "value", input: model, key: "criteria", value: criteria },
    { type: "array", origin: "value", input: criteria, key: index, value: criterion },
    { type: "object", origin: "value", input: criterion, key, value: criterion[key] },
  ];
}

export type AxisAggregation = v.InferOutput<typeof AxisAggregationSchema>;
export type PriorityRule = v.InferOutput<typeof PriorityRuleSchema>;
export type RaterAggregation = v.InferOutput<typeof RaterAggregationSchema>;
export type Quadrant = v.InferOutput<typeof QuadrantSchema>;
/** A result's quadrant: one of the four, or `unrated`. */
export type ResultQuadrant = v.InferOutput<typeof ResultQuadrantSchema>;
/** A model as accepted from users (defaults not yet applied). */
export type ModelInput = v.InferInput<typeof ModelSchema>;
/** A validated model with every default applied. */
export type Model = v.InferOutput<typeof ModelSchema>;
