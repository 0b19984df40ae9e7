import { describe, expect, it } from "vitest";
import { aggregateRaterValues } from "./raters.js";

describe("aggregateRaterValues", () => {
  it.each([
    ["mean", [1, 2, 3, 5], [1, 1, 1, 1], 2.75],
    ["mean, weighted", [1, 5], [3, 1], 2],
    ["median, odd", [5, 1, 3], [1, 1, 1], 3],
    ["median, even splits the middle pair", [1, 2, 4, 5], [1, 1, 1, 1], 3],
    ["median, weighted", [1, 2, 5], [1, 1, 3], 5],
    ["median ignores zero weights", [1, 4, 5], [1, 0, 1], 3],
    ["geometric-mean on 1-based scale", [1, 4], [1, 1], 2],
    ["geometric-mean on 0-based scale shifts to 1", [0, 3], [1, 1], 1],
    ["all weights zero: raters count equally", [2, 4], [0, 0], 3],
  ] as const)("%s", (label, values, weights, expected) => {
    const method = label.split(",")[0]!.split(" ")[0] as "mean" | "median" | "geometric-mean";
    const scaleMin = label.includes("0-based") ? 0 : 1;
    expect(aggregateRaterValues([...values], [...weights], method, scaleMin)).toBeCloseTo(expected, 12);
  });
});
