import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import type { ModelInput } from "../schema/model.js";
import { validatePortfolio } from "../validate/portfolio.js";
import { compareMethods, decisionProblemOf, RANKING_METHODS } from "./compare-methods.js";

function portfolioOf(initiatives: unknown, model?: ModelInput) {
  const validation = validatePortfolio(initiatives, model === undefined ? {} : { model });
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  return validation.portfolio;
}

/** Two criteria of equal global weight, one per axis, rated 1-9. */
const TWO: ModelInput = {
  id: "two",
  name: "Two criteria",
  criteria: [
    { id: "v", label: "V", axis: "value", weight: 1, scale: { min: 1, max: 9 } },
    { id: "f", label: "F", axis: "feasibility", weight: 1, scale: { min: 1, max: 9 } },
  ],
};

describe("compareMethods", () => {
  it("ranks the built-in catalogue by every method, with a correlation for every pair", () => {
    const comparison = compareMethods(portfolioOf(catalogInitiatives()));
    expect(comparison.rankings.map((ranking) => ranking.method)).toEqual([...RANKING_METHODS]);
    const n = comparison.ids.length;
    for (const ranking of comparison.rankings) {
      expect(ranking.ranks).toHaveLength(n);
      expect(new Set(ranking.order).size).toBe(n);
    }
    expect(comparison.agreement).toHaveLength((RANKING_METHODS.length * (RANKING_METHODS.length - 1)) / 2);
    for (const pair of comparison.agreement) {
      expect(pair.spearman!).toBeGreaterThan(0);
      expect(pair.kendall!).toBeLessThanOrEqual(pair.spearman! + 1e-12);
    }
    const weights = Object.values(comparison.weights).reduce((a, b) => a + b, 0);
    expect(weights).toBeCloseTo(1, 12);
    expect(comparison.topK).toBe(5);
  });

  it("names the initiatives whose top-k membership depends on the method, and VIKOR's compromise", () => {
    // A is strong on value only, B on feasibility only, C balanced: the sum puts A first, the product (which
    // punishes a low rating) the balanced C.
    const comparison = compareMethods(
      portfolioOf(
        [
          { id: "a", name: "A", ratings: { v: 9, f: 1 } },
          { id: "b", name: "B", ratings: { v: 1, f: 8 } },
          { id: "c", name: "C", ratings: { v: 5, f: 4 } },
          { id: "d", name: "D", ratings: { v: 2, f: 2 } },
        ],
        TWO,
      ),
      { topK: 1 },
    );
    const ranking = (method: string) => comparison.rankings.find((r) => r.method === method)!;
    expect(ranking("weighted-sum").order[0]).toBe("a");
    expect(ranking("weighted-product").order[0]).toBe("c");
    const firstSomewhere = comparison.ids.filter((id) =>
      comparison.rankings.some((r) => r.ranks[comparison.ids.indexOf(id)] === 1),
    );
    expect(firstSomewhere).toEqual(expect.arrayContaining(["a", "c"]));
    // Each of them is first under some method and not under another, so each is listed; D never leads.
    expect(comparison.shortlistChanges.map((change) => change.id)).toEqual(firstSomewhere);
    const a = comparison.shortlistChanges.find((change) => change.id === "a")!;
    expect(a.inside).toContain("weighted-sum");
    expect(a.outside).toContain("weighted-product");
    expect(comparison.vikor.compromise.length).toBeGreaterThan(0);
  });

  it("uses each axis' share: weights within an axis times axisWeights", () => {
    const problem = decisionProblemOf(
      portfolioOf([{ name: "x", ratings: { v: 1, f: 1 } }], {
        ...TWO,
        axisWeights: { value: 3, feasibility: 1 },
      }),
    );
    expect(problem.criteria.map((c) => c.weight)).toEqual([0.75, 0.25]);
  });

  it("rejects a shortlist below 1 and v outside [0, 1], both at once", () => {
    const portfolio = portfolioOf([{ name: "x", ratings: { v: 1, f: 1 } }], TWO);
    expect(() => compareMethods(portfolio, { topK: 0, v: 2 })).toThrow(CxprismError);
    try {
      compareMethods(portfolio, { topK: 0, v: 2 });
    } catch (error) {
      expect((error as CxprismError).problems.map((p) => p.path)).toEqual([["topK"], ["v"]]);
    }
  });

  it("handles an empty portfolio", () => {
    const comparison = compareMethods(portfolioOf([], TWO));
    expect(comparison.rankings.every((r) => r.order.length === 0)).toBe(true);
    expect(comparison.shortlistChanges).toEqual([]);
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })), {
      minLength: 2,
      maxLength: 10,
    }),
  ])("on two criteria of equal weight every method agrees on dominance", (rows) => {
    const initiatives = rows.map(([v, f], i) => ({ id: `i${i}`, name: `I${i}`, ratings: { v, f } }));
    const comparison = compareMethods(portfolioOf(initiatives, TWO));
    rows.forEach(([v1, f1], i) => {
      rows.forEach(([v2, f2], j) => {
        const dominates = v1 >= v2 && f1 >= f2 && (v1 > v2 || f1 > f2);
        if (!dominates) return;
        for (const ranking of comparison.rankings) {
          expect(ranking.ranks[i]!, `${ranking.method}: i${i} dominates i${j}`).toBeLessThanOrEqual(
            ranking.ranks[j]!,
          );
        }
      });
    });
  });
});
