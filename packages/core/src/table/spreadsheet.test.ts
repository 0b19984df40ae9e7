import { describe, expect, it } from "vitest";
import { columnLetters, columnOfReference, quoteSheetName } from "./spreadsheet.js";

describe("column letters", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("%s is %s and back", (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
    expect(columnOfReference(`${letters}7`)).toBe(column);
  });
});

describe("quoteSheetName", () => {
  it.each([
    ["Sheet1", "Sheet1"],
    ["Bewertungen_Q3", "Bewertungen_Q3"],
    ["Q3 ratings", "'Q3 ratings'"],
    ["Anna's", "'Anna''s'"],
  ])("%s is written %s", (name, written) => {
    expect(quoteSheetName(name)).toBe(written);
  });
});
