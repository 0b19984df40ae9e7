/** The schema of `/v1/score`'s `discussion`: the core's disagreement report, for the OpenAPI document. */
import { RESULT_QUADRANTS } from "@cxprism/core";
import * as v from "valibot";

const described = <T extends v.GenericSchema>(schema: T, text: string) => v.pipe(schema, v.description(text));
const Quadrant = v.picklist(RESULT_QUADRANTS);
const Share = v.number();

/** Kendall's coefficient of concordance among raters. */
export const ConcordanceSchema = v.object({
  w: v.nullable(v.number()),
  raters: v.number(),
  items: v.number(),
  chiSquare: v.nullable(v.number()),
  degreesOfFreedom: v.number(),
  ties: v.number(),
});

const RaterRatingSchema = v.object({
  rater: v.string(),
  rating: v.union([v.number(), v.string()]),
  value: v.number(),
});

/** The raters' spread on one criterion of one initiative, and what it can do to the ranking. */
export const RatingSpreadSchema = v.object({
  initiative: v.string(),
  name: v.string(),
  criterion: v.string(),
  ratings: v.array(RaterRatingSchema),
  aggregate: v.number(),
  min: v.number(),
  max: v.number(),
  range: v.number(),
  standardDeviation: v.number(),
  rangeShare: Share,
  threshold: v.number(),
  discuss: v.boolean(),
  impact: v.nullable(
    v.object({
      quadrant: Quadrant,
      quadrantAtLowest: Quadrant,
      quadrantAtHighest: Quadrant,
      quadrantChanges: v.boolean(),
      rank: v.number(),
      rankAtLowest: v.number(),
      rankAtHighest: v.number(),
      rankSwing: v.number(),
      priorityAtLowest: v.number(),
      priorityAtHighest: v.number(),
      prioritySwing: v.number(),
    }),
  ),
});

/** Where a workshop's raters disagree and which disagreements can move an initiative. */
export const DiscussionSchema = described(
  v.object({
    spreads: v.array(RatingSpreadSchema),
    discuss: described(
      v.array(RatingSpreadSchema),
      "The ratings to discuss: those that can move a quadrant first, then by rank and priority swing.",
    ),
    agreement: v.nullable(
      v.object({
        ...ConcordanceSchema.entries,
        raterNames: v.array(v.string()),
        initiatives: v.array(v.string()),
      }),
    ),
  }),
  "Present when any initiative has raters: the core's disagreement report.",
);
