import { readFileSync } from "node:fs";
import { type ModelInput, validateModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";

const page = readFileSync(new URL("../../docs/model-json.md", import.meta.url), "utf8");
const examples = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1]!) as ModelInput,
);

describe("docs/model-json.md", () => {
  it("has an example model", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((model, index) => [index, model] as const))(
    "example %i is a valid model",
    (_, model) => {
      const outcome = validateModel(model);
      expect(outcome.success ? [] : outcome.problems).toEqual([]);
    },
  );

  it("states the defaults the schema applies", () => {
    // Only the required members: everything else takes the schema's default.
    const { id, name, criteria } = examples[0]!;
    const outcome = validateModel({ id, name, criteria });
    if (!outcome.success) throw new Error("the first example must be a valid model");
    const { model } = outcome;
    // The "default" cell of a member's table row: "| `aggregation` | ... | `weighted-sum` | ...".
    const defaultOf = (member: string) => {
      const line = page.split("\n").find((text) => new RegExp(`^\\|\\s*\`${member}\`\\s*\\|`).test(text));
      return line?.split("|")[3]?.trim();
    };
    expect(defaultOf("aggregation")).toBe(`\`${model.aggregation}\``);
    expect(defaultOf("priority")).toBe(`\`${model.priority}\``);
    expect(defaultOf("raterAggregation")).toBe(`\`${model.raterAggregation}\``);
    expect(defaultOf("thresholds")).toBe(`${model.thresholds.value} and ${model.thresholds.feasibility}`);
    expect(defaultOf("axisWeights")).toBe(`${model.axisWeights.value} and ${model.axisWeights.feasibility}`);
    expect(defaultOf("direction")).toBe(`\`${model.criteria[0]!.direction}\``);
  });
});
