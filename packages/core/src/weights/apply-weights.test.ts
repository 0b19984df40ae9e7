import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { score } from "../pipeline/score.js";
import { applyWeights } from "./apply-weights.js";
import { hierarchicalWeights } from "./hierarchy.js";
import { equalWeights } from "./rank-weights.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);

describe("applyWeights", () => {
  it("returns a new model with the given weights and leaves the input alone", () => {
    const before = JSON.parse(JSON.stringify(defaultModel));
    const model = applyWeights(defaultModel, equalWeights(ids));
    expect(model.criteria.every((criterion) => Math.abs(criterion.weight - 1 / ids.length) < 1e-12)).toBe(
      true,
    );
    expect(defaultModel).toEqual(before);
    expect(model).not.toBe(defaultModel);
  });

  it("changes the ranking the way the weights say", () => {
    // All weight on data readiness (feasibility) and on cost-to-serve (value).
    const weights = Object.fromEntries(
      ids.map((id) => [id, id === "data_readiness" || id === "cost_to_serve" ? 1 : 0]),
    );
    const model = applyWeights(defaultModel, weights);
    const results = score(catalogInitiatives(), { model });
    for (const result of results) {
      expect(
        Object.keys(result.contributions.feasibility).filter(
          (id) => result.contributions.feasibility[id]! > 0,
        ),
      ).toSatisfy((active: string[]) => active.every((id) => id === "data_readiness"));
    }
  });

  it("sets the axis weights from global weights on request", () => {
    const value = ids.filter((id) => defaultModel.criteria.find((c) => c.id === id)!.axis === "value");
    const feasibility = ids.filter((id) => !value.includes(id));
    const hierarchy = hierarchicalWeights({
      value: { weight: 0.7, children: Object.fromEntries(value.map((id) => [id, 1])) },
      feasibility: { weight: 0.3, children: Object.fromEntries(feasibility.map((id) => [id, 1])) },
    });
    const model = applyWeights(defaultModel, hierarchy.global, { axisWeights: "from-weights" });
    expect(model.axisWeights.value).toBeCloseTo(0.7, 12);
    expect(model.axisWeights.feasibility).toBeCloseTo(0.3, 12);
    expect(applyWeights(defaultModel, hierarchy.global).axisWeights).toEqual(defaultModel.axisWeights);
  });

  it.each([
    ["keep", (id: string) => defaultModel.criteria.find((c) => c.id === id)!.weight],
    ["zero", () => 0],
  ] as const)("handles criteria left out with missing: %s", (missing, expected) => {
    const model = applyWeights(defaultModel, { cx_impact: 5, data_readiness: 5 }, { missing });
    for (const criterion of model.criteria) {
      if (criterion.id === "cx_impact" || criterion.id === "data_readiness") expect(criterion.weight).toBe(5);
      else expect(criterion.weight).toBe(expected(criterion.id));
    }
  });

  it("reports unknown ids with a suggestion, bad weights and missing criteria, all at once", () => {
    try {
      applyWeights(defaultModel, { cx_impcat: 1, cost_to_serve: -2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CxprismError);
      const messages = (error as CxprismError).problems.map((p) => p.message).join("\n");
      expect(messages).toMatch(/did you mean cx_impact, "Customer experience impact"/);
      expect(messages).toMatch(/at least 0, received -2/);
      expect(messages).toMatch(/expected a weight for criterion strategic_fit/);
    }
  });

  it("takes criteria by label (any case and spacing) and keys the model by id", () => {
    const model = applyWeights(
      defaultModel,
      { "DATA  readiness": 3, "Customer experience impact": 2, cost_to_serve: 1 },
      { missing: "zero" },
    );
    const weightOf = (id: string) => model.criteria.find((criterion) => criterion.id === id)!.weight;
    expect([weightOf("data_readiness"), weightOf("cx_impact"), weightOf("cost_to_serve")]).toEqual([3, 2, 1]);
  });

  it("refuses a criterion given twice, by id and by label", () => {
    expect(() =>
      applyWeights(defaultModel, { data_readiness: 1, "Data readiness": 2 }, { missing: "keep" }),
    ).toThrow(
      /expected one entry for criterion data_readiness, received "Data readiness" and "data_readiness"/,
    );
  });

  it("rejects weights that leave an axis with nothing", () => {
    const weights = Object.fromEntries(ids.map((id) => [id, id === "cx_impact" ? 1 : 0]));
    expect(() => applyWeights(defaultModel, weights)).toThrow(/feasibility criterion with a weight above 0/);
  });
});
