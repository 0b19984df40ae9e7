import { describe, expect, it } from "vitest";
import { formatCompact, formatNumber, roundDownNice } from "./format.js";

describe("formatNumber", () => {
  it.each([
    [12.3456, 2, "12.35"],
    [12.3, 2, "12.3"],
    [12, 2, "12"],
    [-0.001, 2, "0"],
    [-1.005, 1, "-1"],
    [0.0449, 3, "0.045"],
  ])("formatNumber(%d, %d) = %s", (n, decimals, expected) => {
    expect(formatNumber(n, decimals)).toBe(expected);
  });
});

describe("formatCompact", () => {
  it.each([
    [950, "950"],
    [1234, "1.23k"],
    [25_000, "25k"],
    [250_000, "250k"],
    [3_400_000, "3.4M"],
    [1_500_000_000, "1.5B"],
    [0.5, "0.5"],
  ])("formatCompact(%d) = %s", (n, expected) => {
    expect(formatCompact(n)).toBe(expected);
  });
});

describe("roundDownNice", () => {
  it.each([
    [730, 500],
    [499, 200],
    [1, 1],
    [0.37, 0.2],
    [1_000_000, 1_000_000],
    [0, 0],
  ])("roundDownNice(%d) = %d", (n, expected) => {
    expect(roundDownNice(n)).toBeCloseTo(expected, 12);
  });
});
