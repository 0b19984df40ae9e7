import { describe, expect, it } from "vitest";
import { isDateFormat, serialToIso, spreadsheetNumber } from "./cell-values.js";

describe("spreadsheetNumber", () => {
  it.each([
    ["0.30000000000000004", "0.3"], // 0.1 + 0.2, as Excel stores it and shows 0.3
    ["120000", "120000"],
    ["80000.5", "80000.5"],
    ["3.5E+2", "350"],
    ["1E-7", "1e-7"],
    ["-2.0000000000000004", "-2"],
    ["", ""],
    ["#N/A", "#N/A"],
  ])("%s reads as %s", (stored, shown) => {
    expect(spreadsheetNumber(stored)).toBe(shown);
  });
});

describe("serialToIso", () => {
  // Serials from Excel's own documentation of the 1900 date system (DATEVALUE: 1 is 1900-01-01) and the
  // well-known 45000 = 2023-03-15; 60 is Excel's 29 February 1900, kept for Lotus 1-2-3 compatibility.
  it.each([
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [60, false, "1900-02-29"],
    [61, false, "1900-03-01"],
    [45000, false, "2023-03-15"],
    [46356, false, "2026-11-30"],
    [46356.5, false, "2026-11-30T12:00:00"],
    [0.375, false, "09:00:00"],
    [0, true, "1904-01-01"],
    [44998.99999999, false, "2023-03-14"],
  ])("%s (1904: %s) is %s", (serial, date1904, iso) => {
    expect(serialToIso(serial, date1904)).toBe(iso);
  });
});

describe("isDateFormat", () => {
  it.each([
    [14, undefined, true],
    [22, undefined, true],
    [0, undefined, false],
    [2, undefined, false],
    [164, "yyyy\\-mm\\-dd", true],
    [165, "[$-409]d-mmm-yy;@", true],
    [166, '0.00" days"', false],
    [167, "[Red]#,##0;[Blue]-#,##0", false],
    [168, "[h]:mm", true],
    [169, "_(* #,##0_);_(* (#,##0)", false],
  ])("format %s %s is a date: %s", (id, code, date) => {
    expect(isDateFormat(id, code)).toBe(date);
  });
});
