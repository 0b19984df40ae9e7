import { PlanOptionsSchema } from "@cxprism/core/plan";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import { PairwiseMatrixSchema } from "@cxprism/core/weights";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_LIMITS } from "../config/deps.js";
import { createOpenApiDocument } from "./openapi-document.js";

interface Operation {
  requestBody: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { name: string }[];
}

const document = createOpenApiDocument(DEFAULT_LIMITS, "0.1.0") as {
  paths: Record<string, { post: Operation }>;
  components: {
    schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; anyOf?: unknown[] }>;
  };
};

describe("OpenAPI for the analysis routes", () => {
  it.each([
    [
      "/v1/matrix",
      ["application/json", "text/csv", XLSX_MEDIA_TYPE, "multipart/form-data"],
      ["image/svg+xml", "application/vnd.vegalite.v5+json", "image/png"],
      ["200", "400", "406", "413", "415", "422"],
    ],
    [
      "/v1/weights/ahp",
      ["application/json", "text/csv", XLSX_MEDIA_TYPE, "multipart/form-data"],
      ["application/json"],
      ["200", "400", "413", "415", "422"],
    ],
    ["/v1/weights/rank", ["application/json"], ["application/json"], ["200", "400", "413", "415", "422"]],
    [
      "/v1/sensitivity",
      ["application/json", "text/csv", XLSX_MEDIA_TYPE, "multipart/form-data"],
      ["application/json"],
      ["200", "400", "413", "415", "422"],
    ],
    [
      "/v1/plan",
      ["application/json", "text/csv", XLSX_MEDIA_TYPE, "multipart/form-data"],
      ["application/json", "text/markdown", "image/svg+xml"],
      ["200", "400", "406", "413", "415", "422"],
    ],
  ])(
    "documents POST %s: request types, response types and every status",
    (path, requestTypes, responseTypes, statuses) => {
      const operation = document.paths[path]!.post;
      expect(Object.keys(operation.requestBody.content)).toEqual(requestTypes);
      expect(Object.keys(operation.responses["200"]!.content!)).toEqual(responseTypes);
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses, "default"]);
    },
  );

  it("generates the request schemas from the core's valibot schemas", () => {
    const { schemas } = document.components;
    const ahp = schemas.AhpRequest!.anyOf as { properties: { matrix: { properties: object } } }[];
    expect(Object.keys(ahp[0]!.properties.matrix.properties)).toEqual(
      Object.keys(PairwiseMatrixSchema.entries),
    );
    const planOptions = schemas.PlanRequest!.properties!.options as { properties: object };
    expect(Object.keys(planOptions.properties)).toEqual([
      ...Object.keys(PlanOptionsSchema.entries),
      "missing",
    ]);
    expect(Object.keys(schemas.SensitivityRequest!.properties!.options!.properties as object)).toEqual(
      expect.arrayContaining(["iterations", "seed", "concentration", "uncertainty", "noise", "topK"]),
    );
  });

  it("documents /v1/score's discussion and states the sensitivity caps", () => {
    expect(document.components.schemas.ScoreResponse!.properties!.discussion).toEqual({
      $ref: "#/components/schemas/Discussion",
    });
    const description = (document.paths["/v1/sensitivity"]!.post as unknown as { description: string })
      .description;
    expect(description).toContain("iterations x initiatives at most 500000 and at most 500 initiatives");
  });

  it("lists every new route and schema on /docs", async () => {
    const html = await (await createApp().request("/docs")).text();
    for (const text of [
      "/v1/matrix",
      "/v1/weights/ahp",
      "/v1/weights/rank",
      "/v1/sensitivity",
      "/v1/plan",
      'id="schema-AhpRequest"',
      'id="schema-SensitivityResponse"',
      'id="schema-Plan"',
      'id="schema-Discussion"',
      'id="problem-not-acceptable"',
    ])
      expect(html).toContain(text);
  });
});
