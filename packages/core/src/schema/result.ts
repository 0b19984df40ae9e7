import * as v from "valibot";
import { ResultQuadrantSchema } from "./model.js";

const ScoreSchema = v.pipe(v.number(), v.minValue(0), v.maxValue(100));

/** A note attached to one result: something the user should know but that did not stop scoring. */
export const WarningSchema = v.strictObject({
  code: v.picklist(["missing-rating", "unrated", "rater-disagreement"]),
  criterion: v.optional(v.string()),
  message: v.string(),
});

/**
 * What each criterion adds to an axis score, by criterion id. The values of one axis sum to that axis'
 * score (within 1e-9). For `weighted-sum` a contribution is weight x normalised rating x 100.
 */
export const ContributionsSchema = v.strictObject({
  value: v.record(v.string(), v.number()),
  feasibility: v.record(v.string(), v.number()),
});

/** The scored outcome for one initiative. Scores are 0-100 and unrounded. */
export const ResultSchema = v.strictObject({
  id: v.string(),
  name: v.string(),
  category: v.string(),
  value: ScoreSchema,
  feasibility: ScoreSchema,
  priority: ScoreSchema,
  quadrant: ResultQuadrantSchema,
  quadrantLabel: v.string(),
  rank: v.pipe(v.number(), v.integer(), v.minValue(1)),
  contributions: ContributionsSchema,
  raters: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.description(
      "How many raters rated the initiative: 1 for ratings given once, the number of raters otherwise, 0 when it has no rating at all (it is then unrated).",
    ),
  ),
  disagreement: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  warnings: v.array(WarningSchema),
});

export type ScoreWarning = v.InferOutput<typeof WarningSchema>;
export type Contributions = v.InferOutput<typeof ContributionsSchema>;
/** The scored outcome for one initiative. */
export type Result = v.InferOutput<typeof ResultSchema>;
