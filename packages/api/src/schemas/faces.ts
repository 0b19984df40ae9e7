/**
 * Request and response schemas of the analysis routes (`/v1/matrix`, `/v1/weights/*`, `/v1/sensitivity`,
 * `/v1/plan`) and of `/v1/score`'s discussion, for the OpenAPI document. Requests are validated with the
 * route files' own schemas (which these reuse); responses are what the core returns, described here.
 */
import { InitiativeSchema, ModelSchema, RESULT_QUADRANTS } from "@cxprism/core";
import { RANKING_METHODS } from "@cxprism/core/confidence";
import { COMPLETIONS } from "@cxprism/core/weights";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { PlanRequestOptionsSchema } from "../routes/plan.js";
import { SensitivityOptionsSchema } from "../routes/sensitivity.js";
import { AhpRequestSchema, RankCriteriaRequestSchema } from "../routes/weights.js";
import { ConcordanceSchema, DiscussionSchema } from "./discussion.js";

const described = <T extends v.GenericSchema>(schema: T, text: string) => v.pipe(schema, v.description(text));
const ResultQuadrant = v.picklist(RESULT_QUADRANTS);
const Weights = described(v.record(v.string(), v.number()), "Weights by criterion id; they sum to 1.");

const JudgmentAdviceSchema = v.object({
  row: v.string(),
  column: v.string(),
  value: v.number(),
  consistentValue: v.number(),
  suggestedValue: v.number(),
  deviation: v.number(),
  consistencyRatioIfChanged: described(
    v.nullable(v.number()),
    "CR with this judgment set to suggestedValue.",
  ),
  consistencyRatioDrop: described(v.nullable(v.number()), "How much CR falls with that change."),
  advice: described(
    v.string(),
    'e.g. "cost vs speed: 1/5 given, 2 would be consistent (try 2: CR falls by 0.031)"',
  ),
});

/** One AHP analysis: weights, lambda-max, CI, CR, verdict and the worst judgments with advice. */
export const AhpResultSchema = v.object({
  ids: v.array(v.string()),
  weights: Weights,
  vector: v.array(v.number()),
  method: v.picklist(["eigenvector", "geometric-mean"]),
  completion: described(
    v.picklist(COMPLETIONS),
    "How missing judgments were filled: harker (Harker 1987) or optimal (minimum lambda-max, Bozoki et al. 2010).",
  ),
  lambdaMax: v.number(),
  consistencyIndex: v.number(),
  consistencyRatio: v.nullable(v.number()),
  randomIndex: v.nullable(v.number()),
  randomIndexTable: v.string(),
  randomIndexBasis: described(
    v.nullable(v.picklist(["tabulated", "interpolated"])),
    "Whether the RI is printed in the table or interpolated between two printed sizes; null without an RI.",
  ),
  verdict: v.picklist(["acceptable", "revise", "unknown"]),
  missing: v.number(),
  completed: v.array(v.array(v.number())),
  worstJudgments: described(
    v.array(JudgmentAdviceSchema),
    "Listed only when CR is above the threshold, or when a nearer scale value would lower CR.",
  ),
});

/** A group AHP analysis: the group's weights, each rater's analysis and their agreement. */
export const GroupAhpResultSchema = v.object({
  aggregation: v.picklist(["judgments", "priorities"]),
  weights: Weights,
  ids: v.array(v.string()),
  group: v.nullable(AhpResultSchema),
  individuals: v.array(v.object({ rater: v.string(), result: AhpResultSchema })),
  agreement: ConcordanceSchema,
});

/** `POST /v1/weights/ahp`'s answer. */
export const AhpResponseSchema = v.union([AhpResultSchema, GroupAhpResultSchema]);

/** `POST /v1/weights/rank`'s answer. */
export const RankWeightsResponseSchema = v.object({
  method: v.string(),
  weights: described(Weights, "Weight by criterion id; each axis' weights sum to 1."),
  ranking: described(
    v.array(v.array(v.string())),
    "The ranking as sent, by criterion id (inner arrays are ties).",
  ),
  axes: described(
    v.object({
      value: v.optional(v.array(v.array(v.string()))),
      feasibility: v.optional(v.array(v.array(v.string()))),
    }),
    "Each axis' order, as its weights were computed: a ranking that mixes the axes is ranked per axis.",
  ),
});

/** `POST /v1/weights/rank`'s JSON request: criteria by id or label, most important first. */
export const RankWeightsRequestSchema = RankCriteriaRequestSchema;

/** `POST /v1/weights/ahp`'s JSON request. */
export { AhpRequestSchema, DiscussionSchema };

/**
 * `POST /v1/sensitivity`'s JSON request: a scoring request whose options add the simulation's.
 *
 * @param limits - the request limits
 * @returns the request schema
 */
export function createSensitivityRequestSchema(limits: Pick<Limits, "maxInitiatives">) {
  return v.strictObject({
    initiatives: v.pipe(v.array(InitiativeSchema), v.maxLength(limits.maxInitiatives)),
    model: v.optional(ModelSchema),
    options: v.optional(SensitivityOptionsSchema),
  });
}

const DistributionSchema = v.object({ median: v.number(), low: v.number(), high: v.number() });
const Interval = v.object({
  low: v.number(),
  high: v.number(),
  weightLow: v.nullable(v.number()),
  weightHigh: v.nullable(v.number()),
});

const RankingMethod = v.picklist(RANKING_METHODS);

/** The `methods` part of `POST /v1/sensitivity`'s answer: the ranking under other MCDA methods. */
export const MethodComparisonSchema = v.object({
  ids: v.array(v.string()),
  weights: described(
    v.record(v.string(), v.number()),
    "The criterion weights every method used; they sum to 1.",
  ),
  rankings: v.array(
    v.object({
      method: RankingMethod,
      scores: v.array(v.number()),
      better: v.picklist(["higher", "lower"]),
      ranks: described(v.array(v.number()), "Rank per initiative in input order; 1 is best, ties share."),
      order: v.array(v.string()),
    }),
  ),
  agreement: v.array(
    v.object({
      methods: v.tuple([RankingMethod, RankingMethod]),
      spearman: described(v.nullable(v.number()), "Spearman's rho on mid-ranks."),
      kendall: described(v.nullable(v.number()), "Kendall's tau-b."),
    }),
  ),
  topK: v.number(),
  shortlistChanges: described(
    v.array(v.object({ id: v.string(), inside: v.array(RankingMethod), outside: v.array(RankingMethod) })),
    "Initiatives in the top k under some methods and not under others.",
  ),
  vikor: v.object({
    v: v.number(),
    acceptableAdvantage: v.nullable(v.boolean()),
    acceptableStability: v.nullable(v.boolean()),
    compromise: v.array(v.string()),
  }),
});

/** `POST /v1/sensitivity`'s answer. */
export const SensitivityResponseSchema = v.object({
  monteCarlo: v.object({
    iterations: v.number(),
    seed: v.number(),
    concentration: v.number(),
    uncertainty: v.number(),
    noise: v.picklist(["triangular", "uniform"]),
    bootstrapRaters: v.boolean(),
    k: v.number(),
    bins: v.number(),
    initiatives: v.array(
      v.object({
        id: v.string(),
        name: v.string(),
        baseRank: v.number(),
        baseQuadrant: ResultQuadrant,
        rankProbabilities: described(v.array(v.number()), "P(rank = k) at index k - 1."),
        topK: described(v.number(), "P(rank <= k)."),
        quadrants: described(
          v.record(ResultQuadrant, v.number()),
          "P(each quadrant); for an initiative with no rating on an axis, unrated is 1 and the others 0.",
        ),
        value: DistributionSchema,
        feasibility: DistributionSchema,
        priority: DistributionSchema,
        summary: described(v.string(), "One line for a board: top-k in N% of plausible worlds."),
      }),
    ),
  }),
  stability: v.object({
    method: v.picklist(["exact", "numeric"]),
    tolerance: v.number(),
    k: v.number(),
    top1: v.string(),
    topK: v.array(v.string()),
    criteria: v.array(
      v.object({
        criterion: v.string(),
        axis: v.picklist(["value", "feasibility"]),
        weight: v.number(),
        share: v.number(),
        top1: Interval,
        topK: Interval,
        quadrants: v.array(Interval),
      }),
    ),
  }),
  methods: MethodComparisonSchema,
  tornado: v.optional(
    described(
      v.object({
        id: v.string(),
        name: v.string(),
        priority: v.number(),
        rank: v.number(),
        bars: v.array(
          v.object({
            criterion: v.string(),
            label: v.string(),
            axis: v.picklist(["value", "feasibility"]),
            step: v.number(),
            rating: v.number(),
            ratingDown: v.number(),
            ratingUp: v.number(),
            priorityDown: v.number(),
            priorityUp: v.number(),
            deltaDown: v.number(),
            deltaUp: v.number(),
            rankDown: v.number(),
            rankUp: v.number(),
          }),
        ),
      }),
      "With `?id=X`: how one rating step on each criterion moves that initiative.",
    ),
  ),
});

/**
 * `POST /v1/plan`'s request.
 *
 * @param limits - the request limits
 * @returns the request schema
 */
export function createPlanRequestSchema(limits: Pick<Limits, "maxInitiatives">) {
  return v.strictObject({
    initiatives: v.pipe(v.array(InitiativeSchema), v.maxLength(limits.maxInitiatives)),
    model: v.optional(ModelSchema),
    options: PlanRequestOptionsSchema,
  });
}

/** `POST /v1/plan`'s JSON answer (nested reports are described on the library's `Plan` type). */
export const PlanSchema = v.object({
  objective: v.picklist(["priority", "value", "net-benefit"]),
  budget: v.number(),
  granularity: v.number(),
  capacity: v.nullable(v.number()),
  capacityGranularity: v.number(),
  discountRate: v.number(),
  horizonYears: v.number(),
  totals: v.object({
    initiatives: v.number(),
    cost: v.number(),
    effort: v.nullable(v.number()),
    objective: v.number(),
    npv: v.number(),
    benefitPerYear: v.number(),
    runCostPerYear: v.number(),
  }),
  waves: v.array(
    v.object({
      number: v.number(),
      label: v.string(),
      initiatives: v.array(v.string()),
      kpis: v.array(v.string()),
      cost: v.number(),
      effort: v.nullable(v.number()),
    }),
  ),
  initiatives: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      category: v.string(),
      rank: v.number(),
      priority: v.number(),
      value: v.number(),
      feasibility: v.number(),
      quadrant: ResultQuadrant,
      quadrantLabel: v.string(),
      cost: v.number(),
      effort: v.nullable(v.number()),
      objective: v.number(),
      dataReadiness: v.nullable(v.number()),
      pilot: v.boolean(),
      selected: v.boolean(),
      wave: v.nullable(v.number()),
      dependsOn: v.array(v.string()),
      kpis: v.array(v.string()),
      businessCase: v.nullable(v.record(v.string(), v.unknown())),
      overlap: v.nullable(v.record(v.string(), v.unknown())),
    }),
  ),
  kpiCoverage: v.record(v.string(), v.unknown()),
  capabilities: v.nullable(v.record(v.string(), v.unknown())),
  notes: v.array(v.string()),
});
