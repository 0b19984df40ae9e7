import { describe, expect, it } from "vitest";
import { createPairComparison, firstOvertake, type PairComparison } from "./overtake.js";

/** A comparison whose g(t) = c0 + c1 t + c2 t^2 for every pair. */
function polynomial(c0: number, c1: number, c2: number): PairComparison {
  return { scratch: new Float64Array(3), coefficients: (_i, _j, out) => out.set([c0, c1, c2]) };
}

describe("firstOvertake", () => {
  it.each([
    ["a linear crossing going up", [0.5, -1, 0], 0.2, 1, 0.5],
    ["no crossing going down", [0.5, -1, 0], 0.2, 0, 0],
    ["the nearer of two roots going up", [0.21, -1, 1], 0.1, 1, 0.3],
    ["the nearer of two roots going down", [0.21, -1, 1], 0.8, 0, 0.7],
    ["a tangent (double root) never changes the order", [0.25, -1, 1], 0.1, 1, 1],
    ["an identical pair never swaps", [0, 0, 0], 0.4, 1, 1],
    ["a base tie favoured going up holds", [-0.2, 1, 0], 0.2, 1, 1],
    ["a base tie broken the other way going down fails at once", [-0.2, 1, 0], 0.2, 0, 0.2],
    ["coefficients at rounding-noise size are zero", [1e-15, -1e-15, 0], 0.5, 1, 1],
    ["a tie exactly at the end is not a change", [1, -1, 0], 0.5, 1, 1],
    ["an earlier edge bounds the walk", [0.5, -1, 0], 0.2, 0.4, 0.4],
  ] as const)("%s", (_, [c0, c1, c2], t0, end, expected) => {
    expect(firstOvertake(polynomial(c0, c1, c2), 0, 1, t0, end)).toBeCloseTo(expected, 12);
  });
});

describe("createPairComparison", () => {
  // Two initiatives whose moving (value) axis is 0.2 + 0.6 t and 0.8 - 0.6 t, fixed feasibility 0.5 and 0.5.
  const intercept = Float64Array.of(0.2, 0.8);
  const slope = Float64Array.of(0.6, -0.6);
  const fixed = Float64Array.of(0.5, 0.5);
  const base = Float64Array.of(0, 0);

  it.each([
    ["closeness", { value: 1, feasibility: 1 }],
    ["weighted-mean", { value: 1, feasibility: 1 }],
    ["geometric-mean", { value: 1, feasibility: 1 }],
  ] as const)(
    "%s: equal feasibility, so the pair swaps where the values cross (t = 1/2)",
    (priority, axisWeights) => {
      const pair = createPairComparison({ priority, axisWeights }, 0, intercept, slope, fixed, base);
      expect(firstOvertake(pair, 1, 0, 0, 1)).toBeCloseTo(0.5, 12);
    },
  );

  it("geometric-mean with a zero value exponent: priority ignores the moving axis", () => {
    const pair = createPairComparison(
      { priority: "geometric-mean", axisWeights: { value: 0, feasibility: 1 } },
      0,
      intercept,
      slope,
      fixed,
      Float64Array.of(60, 50),
    );
    expect(firstOvertake(pair, 0, 1, 0.1, 1)).toBe(1);
  });
});
