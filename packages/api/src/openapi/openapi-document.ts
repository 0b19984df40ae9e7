import { InitiativeSchema, ModelSchema, ResultSchema } from "@cxprism/core";
import { toJsonSchemaDefs } from "@valibot/to-json-schema";
import type { Limits } from "../config/deps.js";
import {
  CatalogResponseSchema,
  createScoreRequestSchema,
  HealthSchema,
  ProblemSchema,
  ScoreResponseSchema,
} from "../schemas/score.js";
import { facePaths, faceSchemas, multipartScoringBody, sheetParameter, xlsxTableBody } from "./face-paths.js";
import { createPortfolioOpenApi } from "./portfolio-paths.js";
import { completeProblemResponses, problemResponses } from "./problem-responses.js";
import { stampWorkBudgets } from "./work-budgets.js";

/** An OpenAPI 3.1 document, as plain JSON. */
export type OpenApiDocument = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const cachedHeaders = {
  ETag: {
    description: "Strong validator of the document; send it back in If-None-Match.",
    schema: { type: "string" },
  },
  "Cache-Control": { description: "How long the document may be reused.", schema: { type: "string" } },
};

const ifNoneMatch = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "An ETag from an earlier response: 304 Not Modified when it is still current.",
  schema: { type: "string" },
};

function cachedGet(operationId: string, summary: string, description: string, schema: object) {
  return {
    get: {
      operationId,
      security: [],
      summary,
      description,
      parameters: [ifNoneMatch],
      responses: {
        "200": {
          description: "The document.",
          headers: cachedHeaders,
          content: { "application/json": { schema } },
        },
        "304": { description: "Not modified: the client's copy is current.", headers: cachedHeaders },
      },
    },
  };
}

/**
 * Builds the API's OpenAPI 3.1 document. Every schema comes from a valibot schema (the core's domain schemas
 * and the API's envelope schemas) through `@valibot/to-json-schema`; only the paths are assembled here.
 *
 * @param limits - the request limits, stated in the schemas and descriptions
 * @param version - the API version
 * @param options - `portfolios`: include `/v1/portfolios` (when the app serves it)
 * @returns the document
 */
export function createOpenApiDocument(
  limits: Limits,
  version: string,
  options: { readonly portfolios?: boolean } = {},
): OpenApiDocument {
  const portfolios = options.portfolios ? createPortfolioOpenApi(limits) : undefined;
  const schemas = toJsonSchemaDefs(
    {
      Initiative: InitiativeSchema,
      Model: ModelSchema,
      Result: ResultSchema,
      ScoreRequest: createScoreRequestSchema(limits),
      ScoreResponse: ScoreResponseSchema,
      Catalog: CatalogResponseSchema,
      Health: HealthSchema,
      Problem: ProblemSchema,
      ...faceSchemas(limits),
    },
    {
      target: "draft-2020-12",
      typeMode: "input",
      // Checks JSON Schema cannot express (unique ids, one rubric level per scale point) stay in validation.
      errorMode: "ignore",
      overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
    },
  );
  for (const schema of Object.values(schemas)) delete (schema as { $schema?: unknown }).$schema;
  const paths: Record<string, Record<string, unknown>> = {
    "/health": {
      get: {
        operationId: "getHealth",
        security: [],
        summary: "Health check",
        description: "Answers 200 while the service is up.",
        responses: {
          "200": { description: "Up.", content: { "application/json": { schema: ref("Health") } } },
        },
      },
    },
    "/v1/catalog": cachedGet(
      "getCatalog",
      "The catalog of CX AI use cases",
      "The built-in use cases with descriptions, KPIs, enablers and illustrative ratings (a workshop starting point, not research data).",
      ref("Catalog"),
    ),
    "/v1/models/default": cachedGet(
      "getDefaultModel",
      "The default scoring model",
      "The `cx-ai-prism` model: its criteria, weights, rubrics and rules.",
      ref("Model"),
    ),
    "/v1/score": {
      post: {
        operationId: "scoreInitiatives",
        security: [],
        summary: "Score initiatives",
        description:
          "Validates initiatives (and an optional model) and answers the ranked results. Send JSON, or a CSV " +
          "in the wide format (one row per initiative, or per rater with a `rater` column; columns matched " +
          "to criteria by id or label; delimiter `,`, `;` or tab detected). To score a CSV with a custom " +
          "model, send `multipart/form-data` with a `csv` part and a `model` part (model JSON); a workbook " +
          "with a custom model, with an `xlsx` part (any content type) instead of `csv`. Every problem " +
          "is reported at once: JSON Pointers for JSON bodies and models, rows and columns for CSV bodies. " +
          "An .xlsx workbook is read the same way, from its first sheet or the one `sheet` names; its problems " +
          "also carry the `cell` (`Sheet1!C7`). " +
          "With raters, the answer adds `discussion`: the ratings the raters disagree on.",
        parameters: [
          {
            name: "missing",
            in: "query",
            required: false,
            description:
              "For CSV bodies: `error` (default) reports missing ratings; `neutral` scores them at the scale midpoint. JSON bodies use `options.missing`.",
            schema: { type: "string", enum: ["error", "neutral"] },
          },
          sheetParameter,
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: ref("ScoreRequest") },
            "text/csv": {
              schema: { type: "string" },
              example: "name,cx_impact,cost_to_serve\nVirtual customer assistant,4,5\n",
            },
            ...xlsxTableBody,
            ...multipartScoringBody,
          },
        },
        responses: {
          "200": {
            description:
              "The model used and one result per initiative, best rank first; with raters, `discussion`.",
            content: { "application/json": { schema: ref("ScoreResponse") } },
          },
          ...problemResponses(
            ["malformed-body", "the body is not JSON, not CSV, not UTF-8 or not an .xlsx workbook"],
            ["body-too-large", `the body is over ${limits.maxBodyBytes} bytes`],
            [
              "unsupported-media-type",
              "the body is neither application/json, text/csv nor an .xlsx workbook",
            ],
            ["validation-failed", "every problem is listed in `errors`"],
          ),
        },
      },
    },
    ...facePaths(limits, (kind, cause) => problemResponses([kind, cause])),
    "/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        security: [],
        summary: "This document",
        responses: {
          "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": {} } },
        },
      },
    },
    "/docs": {
      get: {
        operationId: "getApiReference",
        security: [],
        summary: "API reference page",
        responses: { "200": { description: "A self-contained HTML page.", content: { "text/html": {} } } },
      },
    },
    ...portfolios?.paths,
  };
  stampWorkBudgets(paths, limits);
  const responses = completeProblemResponses(paths);
  return {
    openapi: "3.1.0",
    info: {
      title: "cxprism API",
      version,
      summary: "Score customer-service AI initiatives on business value and feasibility.",
      description:
        "Rate candidate AI initiatives on business value and feasibility, rank them and place them on a " +
        "prism matrix. Errors are RFC 9457 problem details (`application/problem+json`). " +
        `Limits: request bodies up to ${limits.maxBodyBytes} bytes, ${limits.maxInitiatives} initiatives and ` +
        `${limits.maxCriteria} criteria per request.`,
      license: { name: "MIT", identifier: "MIT" },
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: "/", description: "The server that serves this document." }],
    paths,
    components: {
      schemas: { ...schemas, ...portfolios?.schemas },
      ...(portfolios === undefined ? {} : { securitySchemes: portfolios.securitySchemes }),
      responses,
    },
  };
}
