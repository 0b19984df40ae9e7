import { describe, expect, it } from "vitest";
import { classifyQuadrant } from "./quadrant.js";

describe("classifyQuadrant", () => {
  const thresholds = { value: 50, feasibility: 50 };
  it.each([
    [80, 80, "likely-win"],
    [80, 20, "calculated-risk"],
    [20, 80, "marginal-gain"],
    [20, 20, "unlikely"],
    [50, 50, "likely-win"],
    [49.999, 50, "marginal-gain"],
  ] as const)(
    "value %d, feasibility %d -> %s (a score at the threshold counts as high)",
    (value, feasibility, quadrant) => {
      expect(classifyQuadrant(value, feasibility, thresholds)).toBe(quadrant);
    },
  );

  it("honours other thresholds", () => {
    expect(classifyQuadrant(60, 60, { value: 70, feasibility: 40 })).toBe("marginal-gain");
  });
});
