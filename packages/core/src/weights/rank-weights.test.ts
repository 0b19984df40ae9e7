import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import {
  equalWeights,
  RANK_WEIGHT_METHODS,
  rankCriterionWeights,
  rankPositionWeights,
  rankWeights,
} from "./rank-weights.js";

describe("rank-order centroid", () => {
  // Barron & Barrett (1996), Management Science 42(11), Table 1: ROC weights for n = 2..5, to 4 places.
  it.each([
    [2, [0.75, 0.25]],
    [3, [0.6111, 0.2778, 0.1111]],
    [4, [0.5208, 0.2708, 0.1458, 0.0625]],
    [5, [0.4567, 0.2567, 0.1567, 0.09, 0.04]],
  ])("matches Barron & Barrett's table for n = %i", (n, printed) => {
    rankPositionWeights(n).forEach((weight, i) => {
      expect(weight).toBeCloseTo(printed[i]!, 4);
    });
  });
});

describe("rankPositionWeights", () => {
  it.each([
    ["rank-sum", [0.4, 0.3, 0.2, 0.1]],
    // 1/k over the harmonic number H_4 = 25/12.
    ["rank-reciprocal", [0.48, 0.24, 0.16, 0.12]],
    ["equal", [0.25, 0.25, 0.25, 0.25]],
  ] as const)("gives %s for n = 4", (method, expected) => {
    rankPositionWeights(4, method).forEach((weight, i) => {
      expect(weight).toBeCloseTo(expected[i]!, 12);
    });
  });

  test.prop([fc.integer({ min: 1, max: 60 }), fc.constantFrom(...RANK_WEIGHT_METHODS)])(
    "sums to 1 and never increases down the ranking",
    (n, method) => {
      const weights = rankPositionWeights(n, method);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let k = 1; k < n; k++) expect(weights[k]!).toBeLessThanOrEqual(weights[k - 1]! + 1e-15);
    },
  );

  it.each([0, -1, 2.5])("rejects n = %d", (n) => {
    expect(() => rankPositionWeights(n)).toThrow(CxprismError);
  });
});

describe("rankWeights", () => {
  it("assigns weights by id in ranking order", () => {
    const weights = rankWeights(["cx_impact", "cost_to_serve", "strategic_fit"]);
    expect(weights.cx_impact).toBeCloseTo(0.6111, 4);
    expect(weights.strategic_fit).toBeCloseTo(0.1111, 4);
  });

  it("gives tied ids the mean of the positions they span", () => {
    const weights = rankWeights(["a", ["b", "c"], "d"]);
    expect(weights.a).toBeCloseTo(0.5208, 4);
    expect(weights.b).toBeCloseTo((0.2708 + 0.1458) / 2, 4);
    expect(weights.c).toBe(weights.b);
    expect(weights.d).toBeCloseTo(0.0625, 4);
  });

  it.each([
    ["an empty ranking", [], /at least one id/],
    ["a repeated id", ["a", "b", "a"], /expected each id once, received "a" again/],
    ["an empty tie group", ["a", []], /at least one id in a tie group/],
    ["an empty id", ["a", " "], /empty string/],
  ])("rejects %s", (_name, ranking, message) => {
    expect(() => rankWeights(ranking as string[])).toThrow(message);
  });

  it("gives equal weights", () => {
    expect(equalWeights(["a", "b", "c", "d"])).toEqual({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 });
  });
});

describe("rankCriterionWeights", () => {
  it("ranks a mixed ranking per axis, labels read as ids", () => {
    // value: cx_impact > strategic_fit; feasibility: data_readiness = time_to_value, then acceptance
    const ranked = rankCriterionWeights(defaultModel, [
      "Customer experience impact",
      ["data readiness", "time_to_value"],
      "strategic_fit",
      "ACCEPTANCE",
    ]);
    expect(ranked.axes).toEqual({
      value: [["cx_impact"], ["strategic_fit"]],
      feasibility: [["data_readiness", "time_to_value"], ["acceptance"]],
    });
    // ROC for 2: 0.75, 0.25; for 3 with a tie of the first two: (0.6111 + 0.2778) / 2 each, 0.1111
    expect(ranked.weights.cx_impact).toBeCloseTo(0.75, 12);
    expect(ranked.weights.strategic_fit).toBeCloseTo(0.25, 12);
    expect(ranked.weights.data_readiness).toBeCloseTo((11 / 18 + 5 / 18) / 2, 12);
    expect(ranked.weights.acceptance).toBeCloseTo(2 / 18, 12);
  });

  it("names every unknown and repeated criterion at once, with a suggestion", () => {
    try {
      rankCriterionWeights(defaultModel, ["cx_impcat", ["data_readiness", "Data readiness"], "budget"]);
      expect.unreachable();
    } catch (error) {
      expect((error as CxprismError).problems).toEqual([
        {
          path: [0],
          message:
            'expected a criterion id or label of model cx-ai-prism, received "cx_impcat" (did you mean cx_impact, "Customer experience impact"?)',
        },
        {
          path: [1, 1],
          message:
            'expected each criterion once, received data_readiness again (as "Data readiness"; first as "data_readiness")',
        },
        { path: [2], message: expect.stringMatching(/received "budget" \(did you mean one of cx_impact/) },
      ]);
    }
  });
});
