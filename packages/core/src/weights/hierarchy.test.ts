import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { ahpWeights } from "./ahp.js";
import { hierarchicalWeights, modelHierarchy, synthesisePriorities } from "./hierarchy.js";

describe("hierarchicalWeights", () => {
  it("multiplies axis weights by criterion weights, both views", () => {
    const result = hierarchicalWeights({
      value: { weight: 0.6, children: { cx_impact: 2, cost_to_serve: 1, strategic_fit: 1 } },
      feasibility: { weight: 0.4, children: { data_readiness: 3, tech_maturity: 1 } },
    });
    expect(result.groups).toEqual({ value: 0.6, feasibility: 0.4 });
    expect(result.local).toEqual({
      cx_impact: 0.5,
      cost_to_serve: 0.25,
      strategic_fit: 0.25,
      data_readiness: 0.75,
      tech_maturity: 0.25,
    });
    expect(result.global.cx_impact).toBeCloseTo(0.3, 12);
    expect(result.global.data_readiness).toBeCloseTo(0.3, 12);
    expect(result.global.tech_maturity).toBeCloseTo(0.1, 12);
    expect(result.groupOf.tech_maturity).toBe("feasibility");
  });

  it.each([
    ["a negative weight", { a: { weight: -1, children: { x: 1 } } }, /at least 0, received -1/],
    [
      "a member in two groups",
      { a: { weight: 1, children: { x: 1 } }, b: { weight: 1, children: { x: 1 } } },
      /already in "a"/,
    ],
    ["a group of zero weights", { a: { weight: 1, children: { x: 0 } } }, /member with a weight above 0/],
    ["all groups at zero", { a: { weight: 0, children: { x: 1 } } }, /group with a weight above 0/],
  ])("rejects %s", (_name, groups, message) => {
    expect(() => hierarchicalWeights(groups)).toThrow(message);
  });

  test.prop([
    fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }).map((s) => `g${s}`),
      fc.record({
        weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
        children: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }),
      }),
      { minKeys: 1, maxKeys: 4 },
    ),
  ])("global weights sum to 1 and each group's local weights sum to 1", (raw) => {
    const groups = Object.fromEntries(
      Object.entries(raw).map(([g, { weight, children }]) => [
        g,
        { weight, children: Object.fromEntries(children.map((w, k) => [`${g}-${k}`, w])) },
      ]),
    );
    const result = hierarchicalWeights(groups);
    expect(Object.values(result.global).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const g of Object.keys(groups)) {
      const members = Object.keys(result.groupOf).filter((id) => result.groupOf[id] === g);
      expect(members.reduce((sum, id) => sum + result.local[id]!, 0)).toBeCloseTo(1, 9);
    }
  });

  it("reads a model's own weights in both views", () => {
    const result = modelHierarchy(defaultModel);
    expect(result.groups).toEqual({ value: 0.5, feasibility: 0.5 });
    expect(Object.values(result.global).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe("synthesisePriorities", () => {
  it("reproduces the Wikipedia leader example's overall priorities (Tom .358, Dick .493, Harry .149)", () => {
    const criteria = ahpWeights({
      ids: ["experience", "education", "charisma", "age"],
      values: [
        [1, 4, 3, 7],
        [1 / 4, 1, 1 / 3, 3],
        [1 / 3, 3, 1, 5],
        [1 / 7, 1 / 3, 1 / 5, 1],
      ],
    }).weights;
    const ids = ["tom", "dick", "harry"];
    const local = (values: number[][]) => ahpWeights({ ids, values }).weights;
    const overall = synthesisePriorities(criteria, {
      experience: local([
        [1, 1 / 4, 4],
        [4, 1, 9],
        [1 / 4, 1 / 9, 1],
      ]),
      education: local([
        [1, 3, 1 / 5],
        [1 / 3, 1, 1 / 7],
        [5, 7, 1],
      ]),
      charisma: local([
        [1, 5, 9],
        [1 / 5, 1, 4],
        [1 / 9, 1 / 4, 1],
      ]),
      age: local([
        [1, 1 / 3, 5],
        [3, 1, 9],
        [1 / 5, 1 / 9, 1],
      ]),
    });
    expect(overall.tom).toBeCloseTo(0.358, 3);
    expect(overall.dick).toBeCloseTo(0.493, 3);
    expect(overall.harry).toBeCloseTo(0.149, 3);
  });

  it("rejects a weighted criterion without local priorities", () => {
    expect(() => synthesisePriorities({ a: 1, b: 1 }, { a: { x: 1 } })).toThrow(/local priorities/);
  });
});
