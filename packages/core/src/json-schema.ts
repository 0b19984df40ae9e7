import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { InitiativeSchema, RatingValueSchema } from "./schema/initiative.js";
import { ModelSchema } from "./schema/model.js";

/** A JSON Schema document (draft 07), as plain JSON. */
export type JsonSchema = Record<string, unknown>;

function generate(schema: v.GenericSchema, title: string, description: string): JsonSchema {
  // "ignore": checks that JSON Schema cannot express (unique criterion ids, weights per axis) are left to
  // validation; everything else (types, ranges, patterns, enums, defaults) is carried over.
  const generated = toJsonSchema(schema, {
    errorMode: "ignore",
    overrideSchema: ({ valibotSchema }) =>
      valibotSchema === RatingValueSchema
        ? { anyOf: [{ type: "number" }, { type: "string", maxLength: 64 }, { type: "null" }] }
        : undefined,
  }) as JsonSchema;
  return { ...generated, title, description };
}

/**
 * The JSON Schema of a scoring model, generated from {@link ModelSchema}.
 *
 * @returns a fresh JSON Schema object
 */
export function modelJsonSchema(): JsonSchema {
  return generate(
    ModelSchema,
    "cxprism model",
    "Criteria on the value and feasibility axes and the rules that turn ratings into a ranking.",
  );
}

/**
 * The JSON Schema of one initiative, generated from {@link InitiativeSchema}.
 *
 * @returns a fresh JSON Schema object
 */
export function initiativeJsonSchema(): JsonSchema {
  return generate(InitiativeSchema, "cxprism initiative", "A candidate AI initiative with its ratings.");
}
