import { describe, expect, it } from "vitest";
import { CliError } from "../errors.js";
import { readAmount, readGoals, readPlanFormat } from "./plan.js";

describe("readAmount", () => {
  it.each([
    ["2000000", 2_000_000],
    ["2_000_000", 2_000_000],
    ["1.5e6", 1_500_000],
    ["0", 0],
    ["12.25", 12.25],
    [" 40 ", 40],
  ])("%j -> %d", (text, amount) => {
    expect(readAmount("budget", text, true)).toBe(amount);
  });

  it.each([
    ["-5", 'expected a number of at least 0, received "-5"'],
    ["", 'expected a number of at least 0, received ""'],
    ["2,000,000", "without thousands separators (such as 1500000, 1_500_000 or 1.5e6)"],
    ["500.000", 'received "500.000", which is ambiguous'],
    ["1e400", "expected a number of at least 0"],
    ["NaN", "expected a number of at least 0"],
    ["Infinity", "expected a number of at least 0"],
    ["_5", "expected a number of at least 0"],
  ])("%j is a usage error", (text, message) => {
    expect(() => readAmount("budget", text, true)).toThrow(message);
    try {
      readAmount("budget", text, true);
    } catch (error) {
      expect((error as CliError).code).toBe("usage");
    }
  });

  it("is undefined when absent and optional, a usage error when required", () => {
    expect(readAmount("capacity", undefined, false)).toBeUndefined();
    expect(() => readAmount("budget", undefined, true)).toThrow(
      "--budget: expected an amount, received nothing",
    );
  });
});

describe("readGoals", () => {
  it.each([
    ["fcr,csat", ["fcr", "csat"]],
    ["FCR; csat | nps", ["fcr", "csat", "nps"]],
    ["fcr,fcr", ["fcr"]],
  ])("%j -> %j", (text, goals) => {
    expect(readGoals(text)).toEqual(goals);
  });

  it.each([["fcr,joy"], [""], [",,"]])("%j is a usage error", (text) => {
    expect(() => readGoals(text)).toThrow(CliError);
  });
});

describe("readPlanFormat", () => {
  it.each([
    ["json", undefined, true, "json"],
    [undefined, "plan.md", false, "md"],
    [undefined, "Plan.MARKDOWN", false, "md"],
    [undefined, "roadmap.svg", true, "svg"],
    [undefined, "plan.json", true, "json"],
    [undefined, undefined, true, "md"],
    [undefined, undefined, false, "json"],
    [undefined, "plan.txt", true, "json"],
  ] as const)("--format %s --out %s on a terminal %s -> %s", (format, out, tty, expected) => {
    expect(readPlanFormat(format, out, tty)).toBe(expected);
  });
});
