import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { kendallTau, spearmanRho } from "./rank-correlation.js";

describe("rank correlations", () => {
  it("without ties: one swapped neighbour pair in four (by hand: rho = 1 - 6 * 2 / (4 * 15), tau = 4 / 6)", () => {
    expect(spearmanRho([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(2 / 3, 12);
  });

  it("with ties: mid-rank Spearman and tau-b, as scipy.stats 1.17 (spearmanr, kendalltau) computes them", () => {
    const a = [1, 2, 2, 3, 4, 4, 5];
    const b = [2, 1, 3, 3, 5, 4, 4];
    expect(spearmanRho(a, b)).toBeCloseTo(0.8333333333, 9);
    expect(kendallTau(a, b)).toBeCloseTo(0.6842105263, 9);
  });

  it.each([
    ["reversed", [1, 2, 3], [3, 2, 1], -1, -1],
    ["identical", [5, 1, 3], [50, 10, 30], 1, 1],
  ])("%s orders give %d", (_name, a, b, rho, tau) => {
    expect(spearmanRho(a, b)).toBeCloseTo(rho, 12);
    expect(kendallTau(a, b)).toBeCloseTo(tau, 12);
  });

  it.each([
    ["a ranking that ties everything", [1, 1, 1], [1, 2, 3]],
    ["fewer than two items", [1], [1]],
  ])("is undefined (null) for %s", (_name, a, b) => {
    expect(spearmanRho(a, b)).toBeNull();
    expect(kendallTau(a, b)).toBeNull();
  });

  test.prop([
    fc
      .array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 20 })
      .chain((a) =>
        fc.tuple(
          fc.constant(a),
          fc.array(fc.integer({ min: 0, max: 5 }), { minLength: a.length, maxLength: a.length }),
        ),
      ),
  ])("both stay in [-1, 1] and are symmetric", ([a, b]) => {
    for (const f of [spearmanRho, kendallTau]) {
      const value = f(a, b);
      if (value === null) continue;
      expect(Math.abs(value)).toBeLessThanOrEqual(1);
      expect(f(b, a)).toBeCloseTo(value, 12);
    }
  });
});
