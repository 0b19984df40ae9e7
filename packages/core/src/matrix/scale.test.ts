import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createAreaScale, createLinearScale, niceTicks } from "./scale.js";

describe("createLinearScale", () => {
  it.each([
    [[0, 100], [40, 540], 0, 40],
    [[0, 100], [40, 540], 50, 290],
    [[0, 100], [40, 540], 100, 540],
    [[0, 100], [500, 100], 25, 400], // reversed range, as an SVG y axis
    [[0, 100], [0, 10], 150, 15], // extrapolates
  ] as const)("maps domain %j to range %j: %d -> %d", (domain, range, value, expected) => {
    expect(createLinearScale(domain, range)(value)).toBeCloseTo(expected, 10);
  });

  it("maps every value of an empty domain to the middle of the range", () => {
    const scale = createLinearScale([5, 5], [0, 200]);
    expect(scale(5)).toBe(100);
    expect(scale(-1e9)).toBe(100);
  });

  it("inverts an empty range to the middle of the domain", () => {
    expect(createLinearScale([0, 100], [7, 7]).invert(7)).toBe(50);
  });

  it("keeps the configured domain and range", () => {
    const scale = createLinearScale([0, 100], [500, 100]);
    expect(scale.domain).toEqual([0, 100]);
    expect(scale.range).toEqual([500, 100]);
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true })])("invert undoes the map", (value) => {
    const scale = createLinearScale([0, 100], [600, 80]);
    expect(scale.invert(scale(value))).toBeCloseTo(value, 6);
  });
});

describe("createAreaScale", () => {
  it("makes area, not radius, proportional to the value", () => {
    const radius = createAreaScale(400, 20);
    const area = (value: number) => Math.PI * radius(value) ** 2;
    expect(area(100) / area(400)).toBeCloseTo(0.25, 12);
    expect(radius(400)).toBe(20);
  });

  it.each([
    ["zero max", 0],
    ["infinite max", Number.POSITIVE_INFINITY],
    ["NaN max", Number.NaN],
  ])("draws every marker at half the radius for a %s", (_, max) => {
    expect(createAreaScale(max, 20)(123)).toBe(10);
  });

  it("maps negative values to radius 0", () => {
    expect(createAreaScale(10, 20)(-5)).toBe(0);
  });
});

describe("niceTicks", () => {
  it.each([
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [0, 100, 10, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]],
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 1000, 4, [0, 200, 400, 600, 800, 1000]],
    [3, 3, 5, [3]],
    [0, 100, 0, []],
    [0, Number.NaN, 5, []],
  ])("niceTicks(%d, %d, %d) = %j", (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });
});
