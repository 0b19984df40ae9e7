import { InitiativeSchema, ModelSchema } from "@cxprism/core";
import { toJsonSchema } from "@valibot/to-json-schema";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { DEFAULT_LIMITS } from "../config/deps.js";
import { createOpenApiDocument } from "./openapi-document.js";
import { renderDocsHtml } from "./render-docs-html.js";

const document = createOpenApiDocument(DEFAULT_LIMITS, "0.1.0") as {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, Record<string, unknown>>;
  };
};

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, refs);
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") refs.push(item);
      else collectRefs(item, refs);
    }
  return refs;
}

describe("createOpenApiDocument", () => {
  it("is OpenAPI 3.1 with every route the app serves", async () => {
    expect(document.openapi).toBe("3.1.0");
    const app = createApp();
    const served = [
      ...new Set(app.routes.filter((route) => route.method !== "ALL").map((route) => route.path)),
    ];
    expect(Object.keys(document.paths).sort()).toEqual(served.sort());
  });

  it("resolves every $ref to a component schema or a shared response", () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const [, , section, name] = ref.split("/");
      expect(["schemas", "responses"]).toContain(section);
      expect(document.components[section as "schemas" | "responses"][name!]).toBeDefined();
    }
  });

  it.each([
    ["Initiative", InitiativeSchema],
    ["Model", ModelSchema],
  ])("generates the %s component from the core's valibot schema", (name, schema) => {
    const generated = toJsonSchema(schema, {
      target: "draft-2020-12",
      typeMode: "input",
      errorMode: "ignore",
    });
    const { $schema: _ignored, ...expected } = generated as Record<string, unknown>;
    expect(document.components.schemas[name]).toEqual(expected);
  });

  it("states the limits in the request schema", () => {
    const request = document.components.schemas.ScoreRequest as {
      properties: { initiatives: { maxItems: number } };
    };
    expect(request.properties.initiatives.maxItems).toBe(5000);
  });

  it("documents problem responses for the score route", () => {
    expect(Object.keys(document.paths["/v1/score"]!.post!.responses).sort()).toEqual([
      "200",
      "400",
      "413",
      "415",
      "422",
      "default",
    ]);
  });
});

describe("renderDocsHtml", () => {
  const html = renderDocsHtml(document);

  it("lists every operation and schema with anchors", () => {
    for (const path of Object.keys(document.paths)) expect(html).toContain(`<code>${path}</code>`);
    for (const name of Object.keys(document.components.schemas))
      expect(html).toContain(`id="schema-${name}"`);
  });

  it("escapes text from the document", () => {
    const page = renderDocsHtml({
      ...document,
      info: { title: "<script>alert(1)</script>", version: "1", description: "a & b" },
    });
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("a &amp; b");
  });

  it("needs no network: no scripts, no external stylesheets or images", () => {
    expect(html).not.toMatch(/<script|<link|<img|@import/);
  });
});
