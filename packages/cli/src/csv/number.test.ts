import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseCellNumber } from "./number.js";

describe("parseCellNumber", () => {
  it.each([
    ["3", false, 3],
    ["0", false, 0],
    ["3.5", false, 3.5],
    ["3.5", true, 3.5],
    ["3,5", true, 3.5],
    ["-2,25", true, -2.25],
    [",5", true, 0.5],
    ["1e3", false, 1000],
    ["+4", false, 4],
  ])("%j (decimal comma %j) -> %j", (text, decimalComma, expected) => {
    expect(parseCellNumber(text, decimalComma)).toBeCloseTo(expected, 12);
  });

  it.each([
    ["3,5", false],
    ["1,000,5", true],
    ["high", false],
    ["x", false],
    ["0x10", false],
    ["Infinity", false],
    ["", false],
    ["1 000", true],
  ])("%j (decimal comma %j) is not a number", (text, decimalComma) => {
    expect(parseCellNumber(text, decimalComma)).toBeUndefined();
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])(
    "reads back any number JavaScript prints",
    (n) => {
      expect(parseCellNumber(String(n), false)).toBe(n === 0 ? 0 : n);
    },
  );

  test.prop([fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 99 })])(
    "reads a decimal comma as the same number as a decimal point",
    (whole, fraction) => {
      const text = `${whole},${String(fraction).padStart(2, "0")}`;
      expect(parseCellNumber(text, true)).toBe(parseCellNumber(text.replace(",", "."), false));
    },
  );
});
