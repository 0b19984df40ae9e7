import { describe, expect, it } from "vitest";
import { closenessToIdeal, createPriorityRule } from "../pipeline/priority.js";
import { type DataPoint, isoPriorityRegion } from "./iso-priority.js";

const onSquareEdge = ([f, v]: DataPoint): boolean =>
  Math.abs(f) < 1e-9 || Math.abs(v) < 1e-9 || Math.abs(f - 100) < 1e-9 || Math.abs(v - 100) < 1e-9;

const rules = {
  closeness: closenessToIdeal,
  "geometric-mean": createPriorityRule({
    priority: "geometric-mean",
    axisWeights: { value: 2, feasibility: 1 },
  }),
  "weighted-mean": createPriorityRule({
    priority: "weighted-mean",
    axisWeights: { value: 1, feasibility: 3 },
  }),
  "value only": createPriorityRule({ priority: "weighted-mean", axisWeights: { value: 1, feasibility: 0 } }),
};

describe("isoPriorityRegion", () => {
  it("traces a quarter circle of radius (1 - level/100) * 100 * sqrt 2 for closeness", () => {
    const polygon = isoPriorityRegion(closenessToIdeal, 80);
    const radius = 0.2 * 100 * Math.SQRT2;
    expect(polygon[0]).toEqual([100, 100]);
    for (const [f, v] of polygon.slice(1)) expect(Math.hypot(100 - f, 100 - v)).toBeCloseTo(radius, 6);
  });

  it("clips a circle wider than the square to the square, with exact corners where they meet", () => {
    // Level 20: radius 113.1, past the bottom and left edges; it crosses x = 0 at value 100 - sqrt(r^2 - 100^2).
    const polygon = isoPriorityRegion(closenessToIdeal, 20);
    const radius = 0.8 * 100 * Math.SQRT2;
    const crossing = 100 - Math.sqrt(radius * radius - 100 * 100);
    expect(polygon.some(([f, v]) => Math.abs(f) < 1e-9 && Math.abs(v - crossing) < 1e-6)).toBe(true);
    expect(polygon.some(([f, v]) => Math.abs(v) < 1e-9 && Math.abs(f - crossing) < 1e-6)).toBe(true);
  });

  it.each(Object.entries(rules))("puts every vertex on the iso-line or the square's edge (%s)", (_, rule) => {
    for (const level of [10, 30, 50, 70, 90]) {
      const polygon = isoPriorityRegion(rule, level);
      expect(polygon.length).toBeGreaterThan(2);
      for (const point of polygon.slice(1)) {
        const priority = rule(point[1], point[0]);
        if (onSquareEdge(point)) expect(priority).toBeGreaterThanOrEqual(level - 1e-6);
        else expect(priority).toBeCloseTo(level, 6);
      }
    }
  });

  it("draws the weighted-mean boundary as a straight line: a v + (1 - a) f = level", () => {
    // axisWeights 1:3, so a = 0.25; level 50 meets the top edge (v = 100) at f = (50 - 25) / 0.75.
    const polygon = isoPriorityRegion(rules["weighted-mean"], 50);
    for (const [f, v] of polygon.slice(1))
      if (!onSquareEdge([f, v])) expect(0.25 * v + 0.75 * f).toBeCloseTo(50, 6);
    expect(polygon[1]![0]).toBeCloseTo(100 / 3, 6);
  });

  it.each([
    ["above the best possible priority", 100.5, 0],
    ["at the worst possible priority", 0, 4],
  ])("handles a level %s", (_, level, corners) => {
    const polygon = isoPriorityRegion(closenessToIdeal, level);
    if (corners === 0) expect(polygon).toEqual([]);
    else
      for (const corner of [
        [0, 100],
        [0, 0],
        [100, 0],
      ])
        expect(polygon).toContainEqual(corner);
  });

  it("is deterministic", () => {
    expect(isoPriorityRegion(rules["geometric-mean"], 40)).toEqual(
      isoPriorityRegion(rules["geometric-mean"], 40),
    );
  });
});
