import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { aggregateAxis } from "./axis.js";

const sum = (values: Float64Array) => values.reduce((total, value) => total + value, 0);

function run(method: Parameters<typeof aggregateAxis>[0], x: number[], weights: number[]) {
  const contributions = new Float64Array(x.length);
  const score = aggregateAxis(method, x, weights, contributions);
  return { score, contributions };
}

describe("aggregateAxis", () => {
  it.each([
    ["weighted-sum", "weighted-sum", [1, 0.5, 0], [0.5, 0.3, 0.2], 65, [50, 15, 0]],
    ["weighted-sum, all best", "weighted-sum", [1, 1], [0.4, 0.6], 100, [40, 60]],
    ["weighted-product, all best", "weighted-product", [1, 1], [0.4, 0.6], 100, [40, 60]],
    [
      // 100 * 0.01^0.25 * 0.5^0.25; the shortfall from 100 is split by -w ln x: 0.25 ln 0.01 and 0.25 ln 0.5.
      "weighted-product, a zero rating counts as 1 %: it lowers the axis by 0.01^w, it does not zero it",
      "weighted-product",
      [1, 0, 0.5],
      [0.5, 0.25, 0.25],
      100 * 0.01 ** 0.25 * 0.5 ** 0.25,
      [
        50,
        25 - (100 - 100 * 0.01 ** 0.25 * 0.5 ** 0.25) * (Math.log(0.01) / Math.log(0.005)),
        25 - (100 - 100 * 0.01 ** 0.25 * 0.5 ** 0.25) * (Math.log(0.5) / Math.log(0.005)),
      ],
    ],
    ["min: the weakest criterion decides", "min", [0.8, 0.3, 0.9], [0.2, 0.3, 0.5], 30, [0, 30, 0]],
    [
      "min: ties share the score by weight",
      "min",
      [0.5, 0.5, 1],
      [0.25, 0.5, 0.25],
      50,
      [50 / 3, 100 / 3, 0],
    ],
    ["min ignores zero-weight criteria", "min", [0, 0.6, 0.9], [0, 0.5, 0.5], 60, [0, 60, 0]],
    ["zero weight contributes nothing", "weighted-sum", [0.2, 1], [0, 1], 100, [0, 100]],
  ] as const)("%s", (_, method, x, weights, score, contributions) => {
    const result = run(method, [...x], [...weights]);
    expect(result.score).toBeCloseTo(score, 9);
    [...result.contributions].forEach((c, i) => {
      expect(c).toBeCloseTo(contributions[i]!, 9);
    });
  });

  it("weighted-product is the weighted geometric mean", () => {
    const { score } = run("weighted-product", [0.25, 1], [0.5, 0.5]);
    expect(score).toBeCloseTo(50, 12);
  });

  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const rawWeights = fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), {
    minLength: 1,
    maxLength: 12,
  });
  test.prop([
    rawWeights,
    fc.array(unit, { minLength: 12, maxLength: 12 }),
    fc.constantFrom("weighted-sum", "weighted-product", "min"),
  ])("scores stay in [0, 100] and contributions sum to the score within 1e-9", (raw, xs, method) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);
    const { score, contributions } = run(method as "min", xs.slice(0, weights.length), weights);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100 + 1e-9);
    expect(Math.abs(sum(contributions) - score)).toBeLessThanOrEqual(1e-9);
  });
});
