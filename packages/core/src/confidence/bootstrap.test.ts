import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { aggregateRaterValues } from "../pipeline/raters.js";
import type { ModelInput } from "../schema/model.js";
import { type Portfolio, validatePortfolio } from "../validate/portfolio.js";
import { combineRaters, RaterBootstrap } from "./bootstrap.js";
import { createRandom } from "./random.js";

describe("combineRaters", () => {
  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 })), {
      minLength: 1,
      maxLength: 12,
    }),
    fc.constantFrom("mean" as const, "median" as const, "geometric-mean" as const),
  ])("gives exactly what core's aggregateRaterValues gives", (pairs, method) => {
    const values = pairs.map(([value]) => value / 2);
    const weights = pairs.map(([, weight]) => weight);
    const expected = aggregateRaterValues(values, weights, method, 0.5);
    const actual = combineRaters(
      Float64Array.from(values),
      Float64Array.from(weights),
      values.length,
      method,
      0.5,
    );
    expect(actual).toBe(expected);
  });

  it.each([
    ["mean", 3],
    ["median", 3],
    ["geometric-mean", Math.sqrt(5)],
  ] as const)("%s of 1 and 5 (weights 1, 1) ignores a third rater of weight 0", (method, expected) => {
    // The weights split exactly in half, so the median is the midpoint; the geometric mean on a 1-based
    // scale is sqrt(1 * 5).
    const combined = combineRaters(Float64Array.of(1, 5, 3), Float64Array.of(1, 1, 0), 3, method, 1);
    expect(combined).toBeCloseTo(expected, 12);
  });
});

const model: ModelInput = {
  id: "two",
  name: "Two criteria",
  criteria: [
    { id: "impact", label: "Impact", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
    { id: "ease", label: "Ease", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
  ],
};

function portfolioOf(initiatives: unknown): Portfolio {
  const validation = validatePortfolio(initiatives, { model, missing: "neutral" });
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  return validation.portfolio;
}

describe("RaterBootstrap", () => {
  const portfolio = portfolioOf([
    {
      name: "Split",
      raters: [
        { rater: "ann", ratings: { impact: 1, ease: 3 } },
        { rater: "bob", ratings: { impact: 5, ease: null } },
      ],
    },
    { name: "Single", ratings: { impact: 2, ease: 2 } },
  ]);
  const bootstrap = new RaterBootstrap(portfolio);

  it("covers only initiatives with two or more raters", () => {
    expect(bootstrap.covers(0)).toBe(true);
    expect(bootstrap.covers(1)).toBe(false);
  });

  it("draws each resampled mean with its binomial probability: 1 (1/4), 3 (1/2), 5 (1/4)", () => {
    const random = createRandom(5);
    const out = new Float64Array(2);
    const counts = new Map<number, number>();
    const draws = 40_000;
    const ease = new Set<number>();
    for (let k = 0; k < draws; k++) {
      bootstrap.resample(0, random, out);
      counts.set(out[0]!, (counts.get(out[0]!) ?? 0) + 1);
      ease.add(out[1]!);
    }
    // Only ann rated ease: when bob is drawn twice the portfolio's combined value (3) stands in.
    expect([...ease]).toEqual([3]);
    expect([...counts.keys()].sort()).toEqual([1, 3, 5]);
    expect(counts.get(1)! / draws).toBeCloseTo(0.25, 1);
    expect(counts.get(3)! / draws).toBeCloseTo(0.5, 1);
    expect(counts.get(5)! / draws).toBeCloseTo(0.25, 1);
  });
});
