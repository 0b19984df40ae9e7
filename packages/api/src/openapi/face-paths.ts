import { MAX_PNG_PIXELS } from "@cxprism/core/matrix";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import type { Limits } from "../config/deps.js";
import type { ProblemKind } from "../http/problem.js";
import {
  AhpRequestSchema,
  AhpResponseSchema,
  createPlanRequestSchema,
  createSensitivityRequestSchema,
  DiscussionSchema,
  PlanSchema,
  RankWeightsRequestSchema,
  RankWeightsResponseSchema,
  SensitivityResponseSchema,
} from "../schemas/faces.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Builds the problem responses of an operation: `{ "422": {...} }`. */
type ProblemResponse = (kind: ProblemKind, description: string) => Record<string, unknown>;

/**
 * The valibot schemas of the analysis routes, by component name, for `toJsonSchemaDefs`.
 *
 * @param limits - the request limits
 * @returns the schemas
 */
export function faceSchemas(limits: Limits) {
  return {
    Discussion: DiscussionSchema,
    AhpRequest: AhpRequestSchema,
    AhpResponse: AhpResponseSchema,
    RankWeightsRequest: RankWeightsRequestSchema,
    RankWeightsResponse: RankWeightsResponseSchema,
    SensitivityRequest: createSensitivityRequestSchema(limits),
    SensitivityResponse: SensitivityResponseSchema,
    PlanRequest: createPlanRequestSchema(limits),
    Plan: PlanSchema,
  };
}

/** A `multipart/form-data` body: each part's schema and content type, and which parts it needs. */
function multipartBody(
  parts: Readonly<Record<string, { readonly schema: object; readonly contentType: string }>>,
  required: object,
) {
  const entries = Object.entries(parts);
  return {
    "multipart/form-data": {
      schema: {
        type: "object",
        properties: Object.fromEntries(entries.map(([name, part]) => [name, part.schema])),
        ...required,
      },
      encoding: Object.fromEntries(entries.map(([name, part]) => [name, { contentType: part.contentType }])),
    },
  };
}

const modelPart = (description: string) => ({
  schema: { ...ref("Model"), description },
  contentType: "application/json",
});

/**
 * A `multipart/form-data` table body: one table part (`csv`, or `xlsx` for a workbook) and an optional
 * `model` part (model JSON), the way to send a table with a custom model.
 */
function tableFormBody(descriptions: {
  readonly csv: string;
  readonly xlsx: string;
  readonly model: string;
}) {
  return multipartBody(
    {
      csv: { schema: { type: "string", description: descriptions.csv }, contentType: "text/csv" },
      xlsx: {
        schema: { type: "string", contentMediaType: XLSX_MEDIA_TYPE, description: descriptions.xlsx },
        contentType: XLSX_MEDIA_TYPE,
      },
      model: modelPart(descriptions.model),
    },
    { oneOf: [{ required: ["csv"] }, { required: ["xlsx"] }] },
  );
}

/** The `multipart/form-data` form of a scoring body. */
export const multipartScoringBody = tableFormBody({
  csv: "The initiatives as a wide CSV. A `csv` file part whose content type is the .xlsx type, whose file name ends in `.xlsx` or whose bytes start with the zip signature is read as a workbook, as an `xlsx` part is.",
  xlsx: "The initiatives as an .xlsx workbook (any content type): its first sheet, or the one `sheet` names, read against the `model` part. Send either `csv` or `xlsx`.",
  model: "A custom model as JSON (default: `cx-ai-prism`).",
});

/** The `.xlsx` form of a table body: one sheet of a workbook, read as the wide table. */
export const xlsxTableBody = {
  [XLSX_MEDIA_TYPE]: {
    schema: {
      type: "string",
      contentMediaType: XLSX_MEDIA_TYPE,
      description:
        "An .xlsx workbook: its first sheet (or the one `sheet` names) read as the wide table. Merged cells are refused; dates in date-formatted cells read as ISO dates.",
    },
  },
};

/** The `sheet` query parameter of a table body. */
export const sheetParameter = {
  name: "sheet",
  in: "query",
  required: false,
  description:
    "For .xlsx bodies and multipart workbook parts: the sheet to read, by its tab name in any case (default: the first sheet). Refused with other bodies.",
  schema: { type: "string", minLength: 1, maxLength: 200 },
};

const query = (name: string, description: string, schema: object) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

/**
 * The OpenAPI paths of `/v1/matrix`, `/v1/weights/ahp`, `/v1/weights/rank`, `/v1/sensitivity` and `/v1/plan`.
 *
 * @param limits - the request limits, stated in the descriptions
 * @param problem - builds an operation's problem responses
 * @returns the path items by path
 */
export function facePaths(limits: Limits, problem: ProblemResponse) {
  const bodyProblems = {
    ...problem("malformed-body", "the body is not JSON, not CSV, not UTF-8 or not an .xlsx workbook"),
    ...problem("body-too-large", `the body is over ${limits.maxBodyBytes} bytes`),
  };
  const scoringBody = (schema: string) => ({
    required: true,
    content: {
      "application/json": { schema: ref(schema) },
      "text/csv": { schema: { type: "string" } },
      ...xlsxTableBody,
      ...multipartScoringBody,
    },
  });
  return {
    "/v1/matrix": {
      post: {
        operationId: "drawMatrix",
        security: [],
        summary: "Draw the prism matrix",
        description:
          "Scores a body like `/v1/score` (JSON or CSV) and draws the prism matrix: business value against " +
          "feasibility, markers sized by each initiative's `cost`. The `Accept` header picks the format: " +
          "`image/svg+xml` (default), `application/vnd.vegalite.v5+json`, or `image/png` where the runtime can " +
          "rasterise (the Node server; the Workers deployment answers 406 naming what it can produce).",
        parameters: [
          sheetParameter,
          query("theme", "`light` (default) or `dark`.", { type: "string", enum: ["light", "dark"] }),
          query("width", "Image width in pixels (default 960).", {
            type: "integer",
            minimum: 480,
            maximum: 10000,
          }),
          query("height", "Image height in pixels (default 680).", {
            type: "integer",
            minimum: 400,
            maximum: 10000,
          }),
          query("title", "Heading above the chart.", { type: "string", maxLength: 200 }),
          query(
            "scale",
            `PNG pixels per SVG pixel (default 1). A PNG holds at most ${MAX_PNG_PIXELS.toLocaleString("en")} pixels (width x height x scale²); more answers 422 naming the limit.`,
            {
              type: "integer",
              minimum: 1,
              maximum: 4,
            },
          ),
          query("missing", "For CSV bodies, as on `/v1/score`.", {
            type: "string",
            enum: ["error", "neutral"],
          }),
        ],
        requestBody: scoringBody("ScoreRequest"),
        responses: {
          "200": {
            description: "The matrix. Responses vary by `Accept`.",
            content: {
              "image/svg+xml": { schema: { type: "string" } },
              "application/vnd.vegalite.v5+json": { schema: { type: "object" } },
              "image/png": { schema: { type: "string", contentMediaType: "image/png" } },
            },
          },
          ...bodyProblems,
          ...problem("not-acceptable", "`Accept` allows none of the formats this runtime can produce"),
          ...problem(
            "unsupported-media-type",
            "the body is none of application/json, text/csv, an .xlsx workbook or multipart/form-data",
          ),
          ...problem("validation-failed", "a body or query problem; each is listed in `errors`"),
        },
      },
    },
    "/v1/report": {
      post: {
        operationId: "renderBoardPack",
        security: [],
        summary: "The board pack as PDF or PPTX",
        description:
          "Scores a body like `/v1/score` (JSON or CSV) and answers the board pack for a sponsor: summary, " +
          "prism matrix, ranking with contributions, confidence, method and every rating, in `lang`. The " +
          "`Accept` header picks `application/pdf` (default) or PPTX. Rendered by the Node server only: the " +
          "Workers deployment answers 406 naming what it can produce. The same body and `date` give " +
          "byte-identical files.",
        parameters: [
          sheetParameter,
          query("lang", "Language of the pack: `en` (default) or `de`.", {
            type: "string",
            enum: ["en", "de"],
          }),
          query("date", "The date printed and stored in the file, YYYY-MM-DD (default today, UTC).", {
            type: "string",
            format: "date",
          }),
          query("paper", "PDF paper: `a4` (default) or `letter`.", {
            type: "string",
            enum: ["a4", "letter"],
          }),
          query("title", "The pack's title.", { type: "string", maxLength: 200 }),
          query("missing", "For CSV bodies, as on `/v1/score`.", {
            type: "string",
            enum: ["error", "neutral"],
          }),
        ],
        requestBody: scoringBody("ScoreRequest"),
        responses: {
          "200": {
            description: "The board pack. Responses vary by `Accept`.",
            content: {
              "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
              "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
                schema: {
                  type: "string",
                  contentMediaType:
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                },
              },
            },
          },
          ...bodyProblems,
          ...problem(
            "not-acceptable",
            "`Accept` allows neither format, or this runtime renders no board pack",
          ),
          ...problem(
            "unsupported-media-type",
            "the body is neither application/json, text/csv nor an .xlsx workbook",
          ),
          ...problem("validation-failed", "a body or query problem; each is listed in `errors`"),
        },
      },
    },
    "/v1/weights/ahp": {
      post: {
        operationId: "deriveAhpWeights",
        security: [],
        summary: "Criterion weights from pairwise comparisons (AHP)",
        description:
          "Saaty's Analytic Hierarchy Process: send one pairwise `matrix` (`values[i][j]`: how much more " +
          "important `ids[i]` is than `ids[j]`, 1/9 to 9, `null` where missing) or several `raters` (group " +
          "AHP, aggregated by `options.aggregation`), or a pairwise table as `text/csv` or an .xlsx workbook " +
          "(criterion ids or labels as header and first column; `1/3` fractions allowed; options by query). " +
          "The ids and labels are those of `model` in a JSON body, and of a table's `model` part when the " +
          "table comes as `multipart/form-data` (a `csv` or `xlsx` part and a `model` part); otherwise of " +
          "`cx-ai-prism`. Answers weights by criterion " +
          "id, lambda-max, CI, CR, a verdict and the worst judgments with advice (only when CR is above the " +
          "threshold or a nearer scale value would lower it, each with the CR drop). Missing judgments are " +
          "completed as Harker (1987) does, or with `completion: optimal` to minimise lambda-max (Bozoki, " +
          "Fulop & Ronyai 2010). A solver that does not converge answers 422, never unconverged weights. " +
          "Cell problems point at `/matrix/values/i/j`, or at a table's row and column (and a workbook's `cell`).",
        parameters: [
          sheetParameter,
          query("method", "CSV bodies: `eigenvector` (default) or `geometric-mean`.", {
            type: "string",
            enum: ["eigenvector", "geometric-mean"],
          }),
          query("randomIndex", "CSV bodies: the random-index table for CR (default `saaty-1980`).", {
            type: "string",
          }),
          query("completion", "CSV bodies: how missing judgments are filled (default `harker`).", {
            type: "string",
            enum: ["harker", "optimal"],
          }),
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: ref("AhpRequest") },
            "text/csv": { schema: { type: "string" }, example: ",cost,speed\ncost,1,3\nspeed,1/3,1\n" },
            ...xlsxTableBody,
            ...tableFormBody({
              csv: "The pairwise table, headed by the model's ids or labels (read as a workbook when its content type, file name or zip signature says so).",
              xlsx: "The pairwise table as an .xlsx workbook (any content type). Send either `csv` or `xlsx`.",
              model: "The model whose criteria the table names (default: `cx-ai-prism`).",
            }),
          },
        },
        responses: {
          "200": {
            description: "The analysis (a group analysis for `raters`).",
            content: { "application/json": { schema: ref("AhpResponse") } },
          },
          ...bodyProblems,
          ...problem(
            "unsupported-media-type",
            "the body is neither application/json, text/csv nor an .xlsx workbook",
          ),
          ...problem("validation-failed", "every problem is listed in `errors`"),
        },
      },
    },
    "/v1/weights/rank": {
      post: {
        operationId: "deriveRankWeights",
        security: [],
        summary: "Criterion weights from a ranking",
        description:
          "Surrogate weights (rank-order centroid by default) from criteria ids, most important first; an " +
          "inner array is a tie.",
        requestBody: {
          required: true,
          content: { "application/json": { schema: ref("RankWeightsRequest") } },
        },
        responses: {
          "200": {
            description: "The method and the weights by id.",
            content: { "application/json": { schema: ref("RankWeightsResponse") } },
          },
          ...bodyProblems,
          ...problem("unsupported-media-type", "the body is not application/json"),
          ...problem("validation-failed", "every problem is listed in `errors`"),
        },
      },
    },
    "/v1/sensitivity": {
      post: {
        operationId: "analyseSensitivity",
        security: [],
        summary: "How confident the ranking is",
        description:
          "Scores a body like `/v1/score`, then simulates plausible worlds (weights and ratings perturbed, " +
          "raters resampled) for rank, top-k and quadrant probabilities, finds each weight's stability " +
          "interval, ranks the initiatives under other methods (weighted sum and product, TOPSIS with vector " +
          "and min-max normalisation, VIKOR with v = 0.5) with Spearman's rho and Kendall's tau-b per pair " +
          "and the initiatives whose top-k membership depends on the method, and, for `?id=X`, that " +
          "initiative's tornado. Same seed, same answer. Work is capped: " +
          `iterations x initiatives at most ${limits.maxSimulationWork} and at most ` +
          `${limits.maxSensitivityInitiatives} initiatives (422 naming the limit beyond either).`,
        parameters: [
          sheetParameter,
          query("id", "An initiative id: adds its tornado.", { type: "string" }),
          query("iterations", "Overrides `options.iterations` (default 10000); for CSV bodies.", {
            type: "integer",
            minimum: 1,
          }),
          query("seed", "Overrides `options.seed` (default 1); for CSV bodies.", {
            type: "integer",
            minimum: 0,
          }),
          query("missing", "For CSV bodies, as on `/v1/score`.", {
            type: "string",
            enum: ["error", "neutral"],
          }),
        ],
        requestBody: scoringBody("SensitivityRequest"),
        responses: {
          "200": {
            description: "Monte Carlo, stability, the other methods and (with `id`) the tornado.",
            content: { "application/json": { schema: ref("SensitivityResponse") } },
          },
          ...bodyProblems,
          ...problem(
            "unsupported-media-type",
            "the body is neither application/json, text/csv nor an .xlsx workbook",
          ),
          ...problem("validation-failed", "every problem is listed in `errors`; over the work cap, `limit`"),
        },
      },
    },
    "/v1/plan": {
      post: {
        operationId: "createPlan",
        security: [],
        summary: "A budgeted, sequenced plan",
        description:
          "Selects the best set of initiatives within `options.budget` (and `capacity` in person-months) with " +
          "an exact knapsack honouring `dependsOn`, then sequences it into waves, pilots first (likely wins " +
          "with data you trust). Formula criteria of a custom model are derived first. `Accept` picks " +
          "`application/json` (default), `text/markdown` or an `image/svg+xml` roadmap. A table body (`text/csv`, " +
          "a workbook, or `multipart/form-data` with a `csv` or `xlsx` part and a `model` part) is read as on `/v1/score`, with `cost` (and " +
          "optionally `run_cost`, `benefit`, `effort`, `capabilities`) columns; its options come in the query " +
          "string, and its problems at their row and column.",
        parameters: [
          query("budget", "For table bodies (required there): the budget for one-off costs.", {
            type: "number",
            minimum: 0,
          }),
          query("goals", "For table bodies: KPI ids to move, comma-separated (e.g. `fcr,csat`).", {
            type: "string",
          }),
          query("objective", "For table bodies: what to maximise.", {
            type: "string",
            enum: ["priority", "value", "net-benefit"],
          }),
          query("capacity", "For table bodies: capacity in person-months.", { type: "number", minimum: 0 }),
          query("granularity", "For table bodies: the budget unit costs are rounded up to.", {
            type: "number",
            exclusiveMinimum: 0,
          }),
          query("waveSize", "For table bodies: the most initiatives per wave (default 3).", {
            type: "integer",
            minimum: 1,
            maximum: 100,
          }),
          query("horizonYears", "For table bodies: years of running cost and benefit counted (default 3).", {
            type: "integer",
            minimum: 1,
            maximum: 30,
          }),
          query("discountRate", "For table bodies: the yearly discount rate for NPV (default 0.08).", {
            type: "number",
            minimum: 0,
            maximum: 1,
          }),
          query(
            "pilotReadiness",
            "For table bodies: normalised data readiness a pilot needs (default 0.75).",
            {
              type: "number",
              minimum: 0,
              maximum: 1,
            },
          ),
          query("valueDiscount", "For table bodies: share of value a fully covered initiative loses.", {
            type: "number",
            minimum: 0,
            maximum: 1,
          }),
          query("missing", "For table bodies, as on `/v1/score`.", {
            type: "string",
            enum: ["error", "neutral"],
          }),
        ],
        requestBody: scoringBody("PlanRequest"),
        responses: {
          "200": {
            description: "The plan. Responses vary by `Accept`.",
            content: {
              "application/json": { schema: ref("Plan") },
              "text/markdown": { schema: { type: "string" } },
              "image/svg+xml": { schema: { type: "string" } },
            },
          },
          ...bodyProblems,
          ...problem("not-acceptable", "`Accept` allows none of JSON, Markdown or SVG"),
          ...problem(
            "unsupported-media-type",
            "the body is not application/json, text/csv or multipart/form-data",
          ),
          ...problem("validation-failed", "every problem is listed in `errors`"),
        },
      },
    },
  };
}
