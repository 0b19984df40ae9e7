import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../command.js";
import { readNumberFlag } from "./options.js";
import { scoreCommand } from "./score.js";

describe("readNumberFlag", () => {
  it.each([
    ["1500000", 1_500_000],
    ["1_500_000", 1_500_000],
    ["1.5e6", 1_500_000],
    ["0.125", 0.125],
    [".5", 0.5],
  ])("reads %j as %d", (text, number) => {
    expect(readNumberFlag("budget", text, { min: 0 })).toBe(number);
  });

  it.each(["500.000", "500,000", "1.500.000"])("refuses %j as ambiguous", (text) => {
    expect(() => readNumberFlag("budget", text, { min: 0 })).toThrow(
      `--budget: expected a number of at least 0 without thousands separators (such as 1500000, 1_500_000 or 1.5e6), received "${text}", which is ambiguous`,
    );
  });

  it("says what range a negative or fractional value misses", () => {
    expect(() => readNumberFlag("top", "-1", { min: 1, whole: true })).toThrow(
      '--top: expected a whole number of at least 1, received "-1"',
    );
    expect(() => readNumberFlag("seed", "1.5", { min: 0, max: 9, whole: true })).toThrow(
      '--seed: expected a whole number from 0 to 9, received "1.5"',
    );
  });
});

describe("negative option values", () => {
  it("reach the option's reader instead of parseArgs' 'ambiguous' error", () => {
    expect(parseCommandArgs(scoreCommand, ["f.csv", "--top", "-1"]).values.top).toBe("-1");
  });
});
