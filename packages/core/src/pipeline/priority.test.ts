import { describe, expect, it } from "vitest";
import { closenessToIdeal, createPriorityRule } from "./priority.js";

describe("closenessToIdeal", () => {
  it.each([
    [100, 100, 100],
    [0, 0, 0],
    [100, 0, 100 * (1 - 1 / Math.SQRT2)],
    [50, 50, 50],
    [0, 100, 100 * (1 - 1 / Math.SQRT2)],
  ])("value %d, feasibility %d -> %d", (value, feasibility, expected) => {
    expect(closenessToIdeal(value, feasibility)).toBeCloseTo(expected, 12);
  });
});

describe("createPriorityRule", () => {
  const equal = { value: 1, feasibility: 1 };
  it.each([
    ["closeness", equal, 80, 20, closenessToIdeal(80, 20)],
    ["geometric-mean", equal, 80, 20, 40],
    ["geometric-mean", { value: 3, feasibility: 1 }, 100, 0, 0],
    ["weighted-mean", equal, 80, 20, 50],
    ["weighted-mean", { value: 3, feasibility: 1 }, 80, 20, 65],
  ] as const)(
    "%s with axis weights %o at (%d, %d) -> %d",
    (priority, axisWeights, value, feasibility, expected) => {
      expect(createPriorityRule({ priority, axisWeights })(value, feasibility)).toBeCloseTo(expected, 9);
    },
  );
});
