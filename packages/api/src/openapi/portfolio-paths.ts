import { toJsonSchema } from "@valibot/to-json-schema";
import type { Limits } from "../config/deps.js";
import { CreatePortfolioSchema, UpdatePortfolioSchema } from "../routes/portfolios.js";
import { PutRatingsSchema } from "../routes/portfolios-ratings-read.js";
import { sheetParameter, xlsxTableBody } from "./face-paths.js";
import { problemResponses } from "./problem-responses.js";
import { createWorkshopOpenApi } from "./workshop-paths.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });

const resultsHeaders = {
  ETag: {
    description: "Validator of these results; send it back in If-None-Match.",
    schema: { type: "string" },
  },
  "Cache-Control": {
    description: "`private, no-cache`: revalidate before reuse.",
    schema: { type: "string" },
  },
};

const resultsIfNoneMatch = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "The ETag of results read earlier: 304 Not Modified while the portfolio has not changed.",
  schema: { type: "string" },
};

const READ_PROBLEMS = ["unauthorized", "not-found", "service-unavailable"] as const;
const WRITE_PROBLEMS = [
  ...READ_PROBLEMS,
  "forbidden",
  "malformed-body",
  "unsupported-media-type",
  "validation-failed",
  "body-too-large",
] as const;

const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const portfolioParam = pathParam("portfolio", "The portfolio id (from its creation).");
const initiativeParam = pathParam("initiative", "The initiative id.");
const ifMatch = {
  name: "If-Match",
  in: "header",
  required: true,
  description:
    'The ETag of your last read (`"v3"`); 412 with the current version when it is stale, 428 when absent.',
  schema: { type: "string" },
};
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Up to 255 visible ASCII characters. A repeat with the same body answers the first response again (`Idempotent-Replayed: true`) for 24 hours; the same key with another body is 422.",
  schema: { type: "string" },
};
const paging = [
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Items per page, 1 to 100 (default 50).",
    schema: { type: "integer", minimum: 1, maximum: 100 },
  },
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "The opaque `cursor` of the previous page.",
    schema: { type: "string" },
  },
];
const missingParam = {
  name: "missing",
  in: "query",
  required: false,
  description:
    "`neutral` (default here, since raters arrive over time) scores missing ratings at the scale midpoint; `error` reports them.",
  schema: { type: "string", enum: ["neutral", "error"] },
};
const etag = {
  ETag: { description: 'The version, e.g. `"v3"`: send it as If-Match to edit.', schema: { type: "string" } },
};

const PortfolioJson = {
  type: "object",
  required: ["id", "name", "description", "model", "version", "createdAt", "updatedAt"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    model: { description: "The full model on reads; `{id, name}` in listings.", type: "object" },
    version: { type: "integer", minimum: 1 },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
};
const StoredInitiative = {
  allOf: [
    ref("Initiative"),
    { type: "object", required: ["version"], properties: { version: { type: "integer", minimum: 1 } } },
  ],
  description: "An initiative without its ratings (each rater's ratings are their own record).",
};
const page = (item: object) => ({
  type: "object",
  required: ["items"],
  properties: {
    items: { type: "array", items: item },
    cursor: { type: "string", description: "Absent on the last page." },
  },
});
const ImportResult = {
  type: "object",
  required: ["created", "exists", "invalid", "failed", "outcomes"],
  properties: {
    created: { type: "integer" },
    exists: { type: "integer" },
    invalid: { type: "integer" },
    failed: { type: "integer" },
    extraColumns: {
      type: "array",
      items: { type: "string" },
      description: "A table body's headers kept as extra columns (neither a field nor a criterion).",
    },
    notes: {
      type: "array",
      items: { type: "string" },
      description: 'What a person should know, such as "kept as extra columns: Owner, Notes".',
    },
    outcomes: {
      type: "array",
      description: "One per initiative, in input order.",
      items: {
        type: "object",
        required: ["status"],
        properties: {
          index: { type: "integer", description: "0-based index in a JSON body." },
          row: { type: "integer", description: "CSV line of the initiative's first row." },
          id: { type: "string" },
          status: { type: "string", enum: ["created", "exists", "invalid", "failed"] },
          errors: { type: "array", items: { type: "object" } },
        },
      },
    },
  },
};

/**
 * The OpenAPI paths and schemas of `/v1/portfolios`, merged into the document when the app serves them.
 *
 * @param limits - the request limits
 * @returns paths, component schemas and the bearer security scheme
 */
export function createPortfolioOpenApi(limits: Limits) {
  const options = { target: "draft-2020-12", typeMode: "input", errorMode: "ignore" } as const;
  const strip = (schema: object) => {
    const { $schema: _schema, ...rest } = schema as { $schema?: unknown };
    return rest;
  };
  const security = [{ apiKey: [] }];
  const tag = ["portfolios"];
  const workshop = createWorkshopOpenApi();
  return {
    securitySchemes: {
      apiKey: {
        type: "http",
        scheme: "bearer",
        description:
          "An API key from CXPRISM_API_KEYS (stored as its SHA-256 with a tenant and a role: owner, rater bound to one rater id, or viewer), or an invite key made by `POST /v1/portfolios/{portfolio}/invites` (bound to that portfolio).",
      },
    },
    schemas: {
      CreatePortfolio: strip(toJsonSchema(CreatePortfolioSchema, options)),
      UpdatePortfolio: strip(toJsonSchema(UpdatePortfolioSchema, options)),
      PutRatings: strip(toJsonSchema(PutRatingsSchema, options)),
      Portfolio: PortfolioJson,
      StoredInitiative,
      ImportResult,
      ...workshop.schemas,
    },
    paths: {
      ...workshop.paths,
      "/v1/portfolios": {
        get: {
          tags: tag,
          security,
          operationId: "listPortfolios",
          summary: "List portfolios",
          parameters: paging,
          responses: {
            "200": {
              description: "One page of the tenant's portfolios.",
              content: json(page(ref("Portfolio"))),
            },
            ...problemResponses(...READ_PROBLEMS, "validation-failed"),
          },
        },
        post: {
          tags: tag,
          security,
          operationId: "createPortfolio",
          summary: "Create a portfolio (owner)",
          parameters: [idempotencyKey],
          description: "With a model, or the default model when none is given.",
          requestBody: { required: true, content: json(ref("CreatePortfolio")) },
          responses: {
            "201": { description: "Created.", headers: etag, content: json(ref("Portfolio")) },
            ...problemResponses(...WRITE_PROBLEMS, "conflict"),
          },
        },
      },
      "/v1/portfolios/{portfolio}": {
        get: {
          tags: tag,
          security,
          operationId: "getPortfolio",
          summary: "Read a portfolio",
          parameters: [portfolioParam],
          responses: {
            "200": {
              description: "The portfolio with its model.",
              headers: etag,
              content: json(ref("Portfolio")),
            },
            ...problemResponses(...READ_PROBLEMS),
          },
        },
        patch: {
          tags: tag,
          security,
          operationId: "updatePortfolio",
          summary: "Edit a portfolio (owner)",
          parameters: [portfolioParam, ifMatch],
          requestBody: { required: true, content: json(ref("UpdatePortfolio")) },
          responses: {
            "200": { description: "Edited.", headers: etag, content: json(ref("Portfolio")) },
            ...problemResponses(...WRITE_PROBLEMS, "precondition-failed", "precondition-required"),
          },
        },
        delete: {
          tags: tag,
          security,
          operationId: "deletePortfolio",
          summary: "Delete a portfolio and everything in it (owner)",
          parameters: [
            portfolioParam,
            { ...ifMatch, required: false, description: "When given, deletes only at that version." },
          ],
          responses: {
            "204": { description: "Deleted." },
            ...problemResponses(...READ_PROBLEMS, "forbidden", "precondition-failed"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/initiatives": {
        get: {
          tags: tag,
          security,
          operationId: "listInitiatives",
          summary: "List initiatives",
          parameters: [portfolioParam, ...paging],
          responses: {
            "200": { description: "One page, in id order.", content: json(page(ref("StoredInitiative"))) },
            ...problemResponses(...READ_PROBLEMS, "validation-failed"),
          },
        },
        post: {
          tags: tag,
          security,
          operationId: "addInitiative",
          summary: "Add an initiative (owner)",
          parameters: [portfolioParam, idempotencyKey],
          description: `Plain \`ratings\` are stored as the rater \`import\` (or the \`rater\` query parameter of an import); \`raters\` as one record per rater. A portfolio holds at most ${limits.maxPortfolioInitiatives} initiatives: one more is refused with 422 naming the limit.`,
          requestBody: { required: true, content: json(ref("Initiative")) },
          responses: {
            "201": { description: "Added.", headers: etag, content: json(ref("StoredInitiative")) },
            ...problemResponses(...WRITE_PROBLEMS, "conflict"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/initiatives/import": {
        post: {
          tags: tag,
          security,
          operationId: "importInitiatives",
          summary: "Import initiatives from JSON, CSV or .xlsx (owner)",
          parameters: [
            portfolioParam,
            idempotencyKey,
            sheetParameter,
            {
              name: "partial",
              in: "query",
              required: false,
              description:
                "`false` (default): all or nothing, one 422 listing every problem (invalid rows, ids the portfolio already has) before anything is written. `true`: valid new initiatives are created and every row gets its outcome.",
              schema: { type: "string", enum: ["true", "false"] },
            },
            {
              name: "rater",
              in: "query",
              required: false,
              description:
                "The rater id the imported plain ratings are stored under (default `import`); remove them later with `DELETE .../ratings/{rater}`.",
              schema: { type: "string", minLength: 1, maxLength: 120 },
            },
          ],
          description: `Up to ${limits.maxInitiatives} initiatives, as JSON or as the wide table of docs/table-format.md (read by the same core reader as the CLI). By default all or nothing; with \`?partial=true\` valid new ones are created and each gets an outcome (created, exists, invalid with its problems, or failed when the store did not take it). A portfolio holds at most ${limits.maxPortfolioInitiatives} initiatives: an import that would pass the cap is refused whole with 422 naming the limit, how many the portfolio has and how many more it takes.`,
          requestBody: {
            required: true,
            content: {
              ...json({
                type: "object",
                required: ["initiatives"],
                properties: { initiatives: { type: "array", items: ref("Initiative") } },
              }),
              "text/csv": {
                schema: { type: "string" },
                example: "id,name,rater,cx_impact\nrouting,Intelligent routing,ann,4\n",
              },
              ...xlsxTableBody,
            },
          },
          responses: {
            "200": { description: "One outcome per initiative.", content: json(ref("ImportResult")) },
            ...problemResponses(...WRITE_PROBLEMS),
          },
        },
      },
      "/v1/portfolios/{portfolio}/initiatives/{initiative}": {
        get: {
          tags: tag,
          security,
          operationId: "getInitiative",
          summary: "Read an initiative",
          parameters: [portfolioParam, initiativeParam],
          responses: {
            "200": { description: "The initiative.", headers: etag, content: json(ref("StoredInitiative")) },
            ...problemResponses(...READ_PROBLEMS),
          },
        },
        patch: {
          tags: tag,
          security,
          operationId: "updateInitiative",
          summary: "Edit an initiative (owner)",
          parameters: [portfolioParam, initiativeParam, ifMatch],
          description: "Fields of the initiative to change (not its id or ratings).",
          requestBody: { required: true, content: json({ type: "object" }) },
          responses: {
            "200": { description: "Edited.", headers: etag, content: json(ref("StoredInitiative")) },
            ...problemResponses(...WRITE_PROBLEMS, "precondition-failed", "precondition-required"),
          },
        },
        delete: {
          tags: tag,
          security,
          operationId: "deleteInitiative",
          summary: "Delete an initiative and its ratings (owner)",
          parameters: [portfolioParam, initiativeParam],
          responses: {
            "204": { description: "Deleted." },
            ...problemResponses(...READ_PROBLEMS, "forbidden"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/ratings": {
        get: {
          tags: tag,
          security,
          operationId: "listRatings",
          summary: "Every rater's ratings and comments (blind gate applies)",
          parameters: [portfolioParam],
          responses: {
            "200": {
              description: "One item per rater and initiative.",
              content: json({
                type: "object",
                properties: {
                  items: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        initiativeId: { type: "string" },
                        rater: { type: "string" },
                        weight: { type: "number" },
                        ratings: { type: "object" },
                        comment: { type: "string" },
                      },
                    },
                  },
                },
              }),
            },
            ...problemResponses(...READ_PROBLEMS, "forbidden"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/ratings/{rater}": {
        get: {
          tags: tag,
          security,
          operationId: "getRaterRatings",
          summary: "Read one rater's ratings and comments",
          description:
            "A rater key always reads its own; other raters' ratings pass the blind gate (403 `reason: blind` while rating).",
          parameters: [portfolioParam, pathParam("rater", "The rater id.")],
          responses: {
            "200": {
              description: "Ratings and comments by initiative id.",
              content: json({
                type: "object",
                properties: {
                  rater: { type: "string" },
                  ratings: { type: "object" },
                  comments: { type: "object" },
                },
              }),
            },
            ...problemResponses(...READ_PROBLEMS, "forbidden"),
          },
        },
        put: {
          tags: tag,
          security,
          operationId: "putRatings",
          summary: "Write one rater's ratings (owner, or the rater's own key)",
          parameters: [
            portfolioParam,
            pathParam("rater", "The rater id; a rater key may only write its own."),
          ],
          description:
            "Ratings by initiative id, then criterion id. Each initiative's ratings replace this rater's earlier ones; other raters are never touched. An initiative given only empty ratings (`{}` or nulls) loses this rater's record: it is no longer rated by them.",
          requestBody: { required: true, content: json(ref("PutRatings")) },
          responses: {
            "200": {
              description: "Stored.",
              content: json({
                type: "object",
                properties: {
                  rater: { type: "string" },
                  weight: { type: "number" },
                  initiatives: { type: "integer" },
                  updatedAt: { type: "string" },
                },
              }),
            },
            ...problemResponses(...WRITE_PROBLEMS),
          },
        },
        delete: {
          tags: tag,
          security,
          operationId: "deleteRaterRatings",
          summary: "Remove every rating of one rater (owner, or the rater's own key)",
          parameters: [
            portfolioParam,
            pathParam("rater", "The rater id, e.g. `import` for ratings that came with an import."),
          ],
          responses: {
            "204": { description: "Removed (also when the rater had no ratings)." },
            ...problemResponses(...READ_PROBLEMS, "forbidden"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/results": {
        get: {
          tags: tag,
          security,
          operationId: "getPortfolioResults",
          summary: "Score the portfolio",
          description:
            "Scored once per change of the portfolio: polls in between are answered from a cache. Send the ETag back in If-None-Match to get 304 while nothing changed.",
          parameters: [portfolioParam, missingParam, resultsIfNoneMatch],
          responses: {
            "200": {
              description: "The core's results with raters aggregated by the model's rule.",
              headers: resultsHeaders,
              content: json({
                type: "object",
                properties: {
                  portfolio: { type: "object" },
                  model: { type: "object" },
                  raters: {
                    type: "integer",
                    minimum: 0,
                    description:
                      "How many distinct raters have ratings in the portfolio (ratings that came with an import count under their rater). Each result's own `raters` is 0 for an initiative nobody rated.",
                  },
                  results: { type: "array", items: ref("Result") },
                },
              }),
            },
            "304": {
              description: "Not modified: nothing changed since the ETag sent.",
              headers: resultsHeaders,
            },
            ...problemResponses(...READ_PROBLEMS, "forbidden", "validation-failed"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/matrix.svg": {
        get: {
          tags: tag,
          security,
          operationId: "getPortfolioMatrix",
          summary: "The prism matrix as SVG",
          parameters: [portfolioParam, missingParam],
          responses: {
            "200": { description: "An SVG document.", content: { "image/svg+xml": {} } },
            ...problemResponses(...READ_PROBLEMS, "forbidden", "validation-failed"),
            ...problemResponses(...READ_PROBLEMS, "validation-failed"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/report.pdf": {
        get: {
          tags: tag,
          security,
          operationId: "getPortfolioReportPdf",
          summary: "The board pack as PDF",
          description:
            "The portfolio's board pack (see `POST /v1/report`), titled with its name; query `lang`, `date` " +
            "(YYYY-MM-DD) and `paper` (`a4` or `letter`). The Node server only: Workers answer 406.",
          parameters: [portfolioParam, missingParam],
          responses: {
            "200": { description: "The file.", content: { "application/pdf": {} } },
            ...problemResponses(...READ_PROBLEMS, "validation-failed", "not-acceptable"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/report.pptx": {
        get: {
          tags: tag,
          security,
          operationId: "getPortfolioReportPptx",
          summary: "The board pack as PPTX",
          description:
            "The portfolio's board pack (see `POST /v1/report`), titled with its name; query `lang`, `date` " +
            "(YYYY-MM-DD) and `paper` (`a4` or `letter`). The Node server only: Workers answer 406.",
          parameters: [portfolioParam, missingParam],
          responses: {
            "200": {
              description: "The file.",
              content: { "application/vnd.openxmlformats-officedocument.presentationml.presentation": {} },
            },
            ...problemResponses(...READ_PROBLEMS, "validation-failed", "not-acceptable"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/export.csv": {
        get: {
          tags: tag,
          security,
          operationId: "exportPortfolioCsv",
          summary: "Export as wide CSV",
          parameters: [portfolioParam],
          description:
            "One row per rater of each initiative; `cxprism score` reads it, and the import route takes it back.",
          responses: {
            "200": { description: "CSV.", content: { "text/csv": {} } },
            ...problemResponses(...READ_PROBLEMS, "forbidden"),
            ...problemResponses(...READ_PROBLEMS),
          },
        },
      },
    },
  };
}
