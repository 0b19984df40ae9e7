import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { Model } from "../schema/model.js";
import { createCriterionKeyResolver, keyByCriterionId } from "./criterion-key.js";

const resolve = createCriterionKeyResolver(defaultModel);

describe("createCriterionKeyResolver", () => {
  it.each([
    ["data_readiness", "data_readiness"],
    ["Data readiness", "data_readiness"],
    ["  DATA   Readiness ", "data_readiness"],
    ["Customer\tand regulatory acceptance", "acceptance"],
    ["CX_IMPACT", "cx_impact"],
  ])("reads %j as %s", (key, id) => {
    const resolved = resolve(key);
    expect(resolved.success && resolved.id).toBe(id);
  });

  it("names an unknown key and suggests the nearest criterion", () => {
    expect(resolve("Data readyness")).toEqual({
      success: false,
      message:
        'expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
    });
    const far = resolve("budget");
    expect(!far.success && far.message).toMatch(
      /received "budget" \(did you mean one of cx_impact, .*time_to_value\?\)/,
    );
  });

  it("refuses a key that names two criteria, and an exact id still wins", () => {
    const criteria = defaultModel.criteria.map((criterion) =>
      criterion.id === "strategic_fit" ? { ...criterion, label: "Data Readiness" } : criterion,
    );
    const ambiguous = createCriterionKeyResolver({ ...defaultModel, criteria } as Model);
    const resolved = ambiguous("data readiness");
    expect(!resolved.success && resolved.message).toBe(
      'expected a key naming one criterion of model cx-ai-prism, received "data readiness", which names strategic_fit ("Data Readiness") and data_readiness ("Data readiness") (did you mean one of strategic_fit, data_readiness? write the id)',
    );
    expect(ambiguous("data_readiness")).toMatchObject({ success: true, id: "data_readiness" });
  });
});

describe("keyByCriterionId", () => {
  it("re-keys by id and reports every unknown key and repeated criterion at its path", () => {
    const keyed = keyByCriterionId(
      resolve,
      { "Data readiness": 4, cx_impcat: 3, data_readiness: 5, "Strategic fit": 2 },
      ["ratings", "bot"],
    );
    expect(keyed.values).toEqual({ data_readiness: 4, strategic_fit: 2 });
    expect(keyed.problems.map((problem) => problem.path)).toEqual([
      ["ratings", "bot", "cx_impcat"],
      ["ratings", "bot", "data_readiness"],
    ]);
  });
});
