import { toJsonSchema } from "@valibot/to-json-schema";
import { CreateInviteSchema, StartRoundSchema, UpdateWorkshopSchema } from "../routes/portfolios-workshop.js";
import { problemResponses } from "./problem-responses.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });

const READ = ["unauthorized", "forbidden", "not-found", "service-unavailable"] as const;
const WRITE = [
  ...READ,
  "malformed-body",
  "unsupported-media-type",
  "validation-failed",
  "body-too-large",
] as const;
const param = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
const portfolio = param("portfolio", "The portfolio id.");
const ifMatch = {
  name: "If-Match",
  in: "header",
  required: true,
  description: 'The workshop ETag of your last read (`"v3"`); 412 with the current version when it is stale.',
  schema: { type: "string" },
};
const etag = { ETag: { description: 'The workshop version, e.g. `"v3"`.', schema: { type: "string" } } };

const Workshop = {
  type: "object",
  required: ["phase", "named", "round", "reopened", "version", "you"],
  properties: {
    phase: { type: "string", enum: ["rating", "revealed", "closed"] },
    named: { type: "boolean", description: "Whether the discussion shows raters' names." },
    round: { type: "integer", minimum: 1 },
    reopened: {
      type: "array",
      items: { type: "string" },
      description: "Initiatives open in a re-vote round.",
    },
    version: { type: "integer", minimum: 0 },
    you: {
      type: "object",
      properties: { role: { type: "string", enum: ["owner", "rater", "viewer"] }, rater: { type: "string" } },
    },
  },
};
const Invite = {
  type: "object",
  required: ["id", "portfolioId", "role", "label", "createdAt"],
  properties: {
    id: { type: "string" },
    portfolioId: { type: "string" },
    role: { type: "string", enum: ["rater", "viewer"] },
    rater: { type: "string" },
    label: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    revokedAt: { type: "string", format: "date-time" },
  },
};

/**
 * The OpenAPI paths and schemas of a portfolio's workshop: phase, progress, invites and rounds.
 *
 * @returns paths and component schemas, merged into the portfolio paths
 */
export function createWorkshopOpenApi() {
  const options = { target: "draft-2020-12", typeMode: "input", errorMode: "ignore" } as const;
  const strip = (schema: object) => {
    const { $schema: _schema, ...rest } = schema as { $schema?: unknown };
    return rest;
  };
  const security = [{ apiKey: [] }];
  const tags = ["portfolios"];
  return {
    schemas: {
      Workshop,
      Invite,
      UpdateWorkshop: strip(toJsonSchema(UpdateWorkshopSchema, options)),
      CreateInvite: strip(toJsonSchema(CreateInviteSchema, options)),
      StartRound: strip(toJsonSchema(StartRoundSchema, options)),
    },
    paths: {
      "/v1/portfolios/{portfolio}/workshop": {
        get: {
          tags,
          security,
          operationId: "getWorkshop",
          summary: "The workshop's phase and round, and who you are",
          parameters: [portfolio],
          responses: {
            "200": { description: "The workshop.", headers: etag, content: json(ref("Workshop")) },
            ...problemResponses(...READ),
          },
        },
        patch: {
          tags,
          security,
          operationId: "updateWorkshop",
          summary: "Change the phase (rating, revealed, closed) or naming (owner)",
          description:
            "While `rating`, raters and viewers cannot read results, the matrix, the export or other raters' ratings (403 with `reason: blind`). Once `closed`, raters cannot change ratings.",
          parameters: [portfolio, ifMatch],
          requestBody: { required: true, content: json(ref("UpdateWorkshop")) },
          responses: {
            "200": { description: "Changed.", headers: etag, content: json(ref("Workshop")) },
            ...problemResponses(...WRITE, "precondition-failed", "precondition-required"),
          },
        },
      },
      "/v1/portfolios/{portfolio}/progress": {
        get: {
          tags,
          security,
          operationId: "getProgress",
          summary: "Who has rated how many initiatives in this round (poll with If-None-Match)",
          description:
            "One GetItem per poll; 304 when nothing changed since the ETag you send. A rater key sees only its own entry. Ratings that came with an import or a new initiative count under their rater (`import` unless the import named another); removing a rater's ratings removes their entry.",
          parameters: [
            portfolio,
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              description: "The ETag of your last poll.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": {
              description: "Progress.",
              headers: {
                ETag: {
                  description: "Changes on every saved rating or phase change.",
                  schema: { type: "string" },
                },
              },
              content: json({
                type: "object",
                properties: {
                  phase: { type: "string" },
                  round: { type: "integer" },
                  reopened: { type: "array", items: { type: "string" } },
                  version: { type: "integer" },
                  raters: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        rater: { type: "string" },
                        rated: { type: "integer" },
                        initiatives: { type: "array", items: { type: "string" } },
                      },
                    },
                  },
                },
              }),
            },
            "304": { description: "Nothing changed." },
            ...problemResponses(...READ),
          },
        },
      },
      "/v1/portfolios/{portfolio}/invites": {
        get: {
          tags,
          security,
          operationId: "listInvites",
          summary: "List invite keys (owner); keys themselves are never shown again",
          parameters: [portfolio],
          responses: {
            "200": {
              description: "Invites, revoked ones included.",
              content: json({
                type: "object",
                properties: { items: { type: "array", items: ref("Invite") } },
              }),
            },
            ...problemResponses(...READ),
          },
        },
        post: {
          tags,
          security,
          operationId: "createInvite",
          summary: "Invite a rater or a viewer (owner): a new key bound to this portfolio",
          description:
            "Only the key's SHA-256 is stored. The answer carries the key once, and `link`: the app's URL fragment that opens the workshop with it. " +
            "A rater invite for the id `import` is refused with 422 at `/rater`: that id holds the ratings that came with an import, and the person's own ratings would merge with them. " +
            "Two invites may share a rater id (a revoked link re-issued): they rate as one rater.",
          parameters: [portfolio],
          requestBody: { required: true, content: json(ref("CreateInvite")) },
          responses: {
            "201": {
              description: "Created.",
              content: json({
                allOf: [
                  ref("Invite"),
                  { type: "object", properties: { key: { type: "string" }, link: { type: "string" } } },
                ],
              }),
            },
            ...problemResponses(...WRITE),
          },
        },
      },
      "/v1/portfolios/{portfolio}/invites/{invite}": {
        delete: {
          tags,
          security,
          operationId: "revokeInvite",
          summary: "Revoke an invite (owner): its key is refused from now on (401, `reason: revoked`)",
          parameters: [portfolio, param("invite", "The invite id.")],
          responses: {
            "200": { description: "Revoked.", content: json(ref("Invite")) },
            ...problemResponses(...READ),
          },
        },
      },
      "/v1/portfolios/{portfolio}/rounds": {
        get: {
          tags,
          security,
          operationId: "listRounds",
          summary: "Ratings kept from earlier rounds (blind gate applies)",
          parameters: [portfolio],
          responses: {
            "200": { description: "Rounds with their ratings.", content: json({ type: "object" }) },
            ...problemResponses(...READ),
          },
        },
        post: {
          tags,
          security,
          operationId: "startRound",
          summary: "Start a re-vote of chosen initiatives (owner)",
          description:
            "Keeps the current ratings of these initiatives as the closing round's, then opens the next round on them, in phase `rating`.",
          parameters: [portfolio, ifMatch],
          requestBody: { required: true, content: json(ref("StartRound")) },
          responses: {
            "201": { description: "The next round.", headers: etag, content: json(ref("Workshop")) },
            ...problemResponses(...WRITE, "precondition-failed", "precondition-required"),
          },
        },
      },
    },
  };
}
