import { InitiativeSchema, ModelSchema, ResultSchema } from "@cxprism/core";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { DiscussionSchema } from "./discussion.js";

/** `error` (default): a missing rating is a problem; `neutral`: it scores the scale midpoint, with a warning. */
export const MissingPolicySchema = v.picklist(["error", "neutral"]);

/** Scoring options of a request. */
export const ScoreOptionsSchema = v.strictObject({
  missing: v.optional(MissingPolicySchema),
});

/**
 * The envelope of a JSON scoring request as checked at the edge: field names, the options and the number
 * of initiatives. Initiatives and the model are left to the core, which reports every problem inside them.
 *
 * @param limits - the request limits
 * @returns the envelope schema
 */
export function createScoreEnvelopeSchema<Options extends v.GenericSchema = typeof ScoreOptionsSchema>(
  limits: Pick<Limits, "maxInitiatives">,
  optionsSchema: Options = ScoreOptionsSchema as unknown as Options,
) {
  return v.strictObject({
    initiatives: v.pipe(
      v.array(v.unknown()),
      v.maxLength(limits.maxInitiatives, `at most ${limits.maxInitiatives} initiatives per request`),
    ),
    model: v.optional(v.unknown()),
    options: v.optional(optionsSchema),
  });
}

/**
 * A JSON scoring request in full, as documented in the OpenAPI document.
 *
 * @param limits - the request limits
 * @returns the request schema
 */
export function createScoreRequestSchema(limits: Pick<Limits, "maxInitiatives">) {
  return v.strictObject({
    initiatives: v.pipe(v.array(InitiativeSchema), v.maxLength(limits.maxInitiatives)),
    model: v.optional(ModelSchema),
    options: v.optional(ScoreOptionsSchema),
  });
}

/** Which model scored a request. */
export const ModelSummarySchema = v.strictObject({
  id: v.string(),
  name: v.string(),
});

/** The answer to a scoring request: the model used and one result per initiative, best rank first. */
export const ScoreResponseSchema = v.strictObject({
  model: ModelSummarySchema,
  results: v.array(ResultSchema),
  discussion: v.optional(DiscussionSchema),
  extraColumns: v.optional(
    v.pipe(
      v.array(v.string()),
      v.description("A table body's headers kept as extra columns (neither a field nor a criterion)."),
    ),
  ),
  notes: v.optional(
    v.pipe(
      v.array(v.string()),
      v.description('What a person should know, such as "kept as extra columns: Owner, Notes".'),
    ),
  ),
});

/**
 * One validation problem: a JSON Pointer for JSON bodies, a row and column for CSV bodies, and for .xlsx
 * bodies also the cell as a spreadsheet's name box shows it (`Sheet1!C7`).
 */
export const ProblemItemSchema = v.strictObject({
  pointer: v.optional(v.string()),
  row: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  column: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  field: v.optional(v.string()),
  cell: v.optional(v.string()),
  detail: v.string(),
});

/** An RFC 9457 problem details object, as every error response carries. */
export const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.string(),
  instance: v.optional(v.string()),
  errors: v.optional(v.array(ProblemItemSchema)),
  limit: v.optional(v.number()),
});

/** `GET /health`. */
export const HealthSchema = v.strictObject({
  status: v.literal("ok"),
  version: v.string(),
});

const UseCaseSchema = v.strictObject({
  id: v.string(),
  name: v.string(),
  category: v.string(),
  description: v.string(),
  kpis: v.array(v.string()),
  enablers: v.array(v.string()),
  illustrativeRatings: v.record(v.string(), v.number()),
});

/** `GET /v1/catalog`: the built-in CX AI use cases with a notice on their illustrative ratings. */
export const CatalogResponseSchema = v.strictObject({
  notice: v.string(),
  useCases: v.array(UseCaseSchema),
});
