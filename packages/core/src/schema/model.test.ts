import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { issueToProblem } from "../validate/issues.js";
import { ModelSchema } from "./model.js";

function problems(input: unknown): string[] {
  const result = v.safeParse(ModelSchema, input);
  return result.success ? [] : result.issues.map((issue) => formatProblem(issueToProblem(issue, ["model"])));
}

const criterion = (id: string, axis: "value" | "feasibility", extra: object = {}) => ({
  id,
  label: id.toUpperCase(),
  axis,
  weight: 1,
  scale: { min: 1, max: 5 },
  ...extra,
});

describe("ModelSchema", () => {
  it("accepts the default model unchanged", () => {
    expect(v.parse(ModelSchema, defaultModel)).toEqual(defaultModel);
  });

  it("fills defaults for a minimal model", () => {
    const model = v.parse(ModelSchema, {
      id: "mini",
      name: "Mini",
      criteria: [criterion("a", "value"), criterion("b", "feasibility")],
    });
    expect(model).toMatchObject({
      aggregation: "weighted-sum",
      priority: "closeness",
      thresholds: { value: 50, feasibility: 50 },
      quadrantLabels: { "likely-win": "Likely win" },
      raterAggregation: "mean",
    });
    expect(model.criteria[0]!.direction).toBe("benefit");
  });

  it.each<[string, unknown, string[]]>([
    [
      "duplicate criterion ids",
      { id: "m", name: "M", criteria: [criterion("a", "value"), criterion("a", "feasibility")] },
      ['model.criteria[1].id: expected a unique criterion id; "a" appears more than once'],
    ],
    [
      "a rubric with the wrong number of levels",
      {
        id: "m",
        name: "M",
        criteria: [criterion("a", "value", { levels: ["low", "high"] }), criterion("b", "feasibility")],
      },
      ["model.criteria[0].levels: expected 5 levels, one per scale point value; received 2"],
    ],
    [
      "a scale with max below min",
      {
        id: "m",
        name: "M",
        criteria: [criterion("a", "value", { scale: { min: 5, max: 1 } }), criterion("b", "feasibility")],
      },
      ["model.criteria[0].scale: expected a scale whose max is greater than its min"],
    ],
    [
      "a negative weight and a bad id",
      {
        id: "m",
        name: "M",
        criteria: [criterion("Bad-Id", "value", { weight: -1 }), criterion("b", "feasibility")],
      },
      [
        'model.criteria[0].id: expected a lower-case id of letters, digits and _ starting with a letter, received "Bad-Id"',
        "model.criteria[0].weight: expected a weight of at least 0, received -1",
        "model.criteria: expected at least one value criterion with a weight above 0 (all weights on an axis are zero or it has no criteria)",
      ],
    ],
    [
      "label scale with repeated labels",
      {
        id: "m",
        name: "M",
        criteria: [criterion("a", "value", { scale: { labels: ["S", "s"] } }), criterion("b", "feasibility")],
      },
      ["model.criteria[0].scale.labels: expected labels that differ ignoring case"],
    ],
    [
      "no feasibility criterion",
      { id: "m", name: "M", criteria: [criterion("a", "value"), criterion("b", "value")] },
      [
        "model.criteria: expected at least one feasibility criterion with a weight above 0 (all weights on an axis are zero or it has no criteria)",
      ],
    ],
    [
      "an unknown aggregation",
      {
        id: "m",
        name: "M",
        aggregation: "topsis",
        criteria: [criterion("a", "value"), criterion("b", "feasibility")],
      },
      ['model.aggregation: expected one of "weighted-sum", "weighted-product", "min", received "topsis"'],
    ],
  ])("rejects %s", (_, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });
});

describe("the default model cx-ai-prism", () => {
  it("has the value and feasibility criteria of DESIGN.md, each on 1-5 with a rubric sentence per level", () => {
    const byAxis = (axis: string) => defaultModel.criteria.filter((c) => c.axis === axis).map((c) => c.id);
    expect(byAxis("value")).toEqual([
      "cx_impact",
      "cost_to_serve",
      "revenue_retention",
      "employee_experience",
      "strategic_fit",
    ]);
    expect(byAxis("feasibility")).toEqual([
      "tech_maturity",
      "data_readiness",
      "integration_effort",
      "org_readiness",
      "acceptance",
      "time_to_value",
    ]);
    for (const c of defaultModel.criteria) {
      expect(c.scale).toEqual({ min: 1, max: 5 });
      expect(c.levels).toHaveLength(5);
      for (const level of c.levels!) expect(level.length).toBeGreaterThan(5);
    }
    const costs = defaultModel.criteria.filter((c) => c.direction === "cost").map((c) => c.id);
    expect(costs).toEqual(["integration_effort", "time_to_value"]);
  });

  it("weights each axis to a total of 1", () => {
    for (const axis of ["value", "feasibility"]) {
      const total = defaultModel.criteria
        .filter((c) => c.axis === axis)
        .reduce((sum, c) => sum + c.weight, 0);
      expect(total).toBeCloseTo(1, 12);
    }
  });
});
