import { describe, expect, it } from "vitest";
import { initiativeJsonSchema, modelJsonSchema } from "./json-schema.js";

describe("JSON Schemas generated from the valibot schemas", () => {
  it("describes a model: required fields, enums, defaults and ranges", () => {
    const schema = modelJsonSchema() as {
      required: string[];
      properties: Record<
        string,
        { enum?: string[]; default?: unknown; items?: { properties: Record<string, unknown> } }
      >;
    };
    expect(schema.required).toEqual(["id", "name", "criteria"]);
    expect(schema.properties.aggregation).toMatchObject({
      enum: ["weighted-sum", "weighted-product", "min"],
      default: "weighted-sum",
    });
    expect(schema.properties.priority?.enum).toEqual(["closeness", "geometric-mean", "weighted-mean"]);
    expect(schema.properties.criteria?.items?.properties.weight).toEqual({ type: "number", minimum: 0 });
  });

  it("describes an initiative, with ratings as numbers, labels or null", () => {
    const schema = initiativeJsonSchema() as {
      required: string[];
      properties: { ratings: { additionalProperties: unknown }; kpis: { items: { enum: string[] } } };
    };
    expect(schema.required).toEqual(["name"]);
    expect(schema.properties.ratings.additionalProperties).toEqual({
      anyOf: [{ type: "number" }, { type: "string", maxLength: 64 }, { type: "null" }],
    });
    expect(schema.properties.kpis.items.enum).toContain("csat");
  });

  it("returns a fresh object each time", () => {
    expect(modelJsonSchema()).not.toBe(modelJsonSchema());
  });
});
