import { describe, expect, it } from "vitest";
import type { Criterion } from "../schema/criterion.js";
import { createNormaliser, scaleBounds, scaleMidpoint } from "./normalise.js";

type Case = [string, Pick<Criterion, "scale" | "direction">, number, number];

describe("createNormaliser", () => {
  it.each<Case>([
    ["1-5 benefit at min", { scale: { min: 1, max: 5 }, direction: "benefit" }, 1, 0],
    ["1-5 benefit at max", { scale: { min: 1, max: 5 }, direction: "benefit" }, 5, 1],
    ["1-5 benefit midpoint", { scale: { min: 1, max: 5 }, direction: "benefit" }, 3, 0.5],
    ["1-5 cost reverses", { scale: { min: 1, max: 5 }, direction: "cost" }, 2, 0.75],
    ["0-10 benefit", { scale: { min: 0, max: 10 }, direction: "benefit" }, 7, 0.7],
    ["0-100 % benefit", { scale: { min: 0, max: 100 }, direction: "benefit" }, 35, 0.35],
    ["money range as cost", { scale: { min: 10_000, max: 510_000 }, direction: "cost" }, 135_000, 0.75],
    ["negative range", { scale: { min: -5, max: 5 }, direction: "benefit" }, 0, 0.5],
    ["labels: first", { scale: { labels: ["XS", "S", "M", "L", "XL"] }, direction: "benefit" }, 0, 0],
    ["labels: M", { scale: { labels: ["XS", "S", "M", "L", "XL"] }, direction: "benefit" }, 2, 0.5],
    ["labels as cost: XL", { scale: { labels: ["XS", "S", "M", "L", "XL"] }, direction: "cost" }, 4, 0],
    ["yes/no: yes", { scale: { labels: ["no", "yes"] }, direction: "benefit" }, 1, 1],
  ])("%s", (_, criterion, raw, expected) => {
    expect(createNormaliser(criterion)(raw)).toBeCloseTo(expected, 12);
  });

  it("maps by the declared scale, not by the data: the same rating always gives the same number", () => {
    const normalise = createNormaliser({ scale: { min: 1, max: 5 }, direction: "benefit" });
    expect([4, 4, 4].map(normalise)).toEqual([0.75, 0.75, 0.75]);
  });
});

describe("scaleBounds and scaleMidpoint", () => {
  it.each([
    [{ min: 1, max: 5 }, { min: 1, max: 5 }, 3],
    [{ min: 0, max: 100 }, { min: 0, max: 100 }, 50],
    [{ labels: ["no", "yes"] }, { min: 0, max: 1 }, 0.5],
    [{ labels: ["XS", "S", "M", "L", "XL"] }, { min: 0, max: 4 }, 2],
  ])("%o", (scale, bounds, midpoint) => {
    expect(scaleBounds(scale)).toEqual(bounds);
    expect(scaleMidpoint(scale)).toBe(midpoint);
  });
});
