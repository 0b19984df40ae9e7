import { describe, expect, it } from "vitest";
import { locatePairwiseProblem } from "./load-pairwise.js";

const rows = [
  ["criterion", "a", "b"],
  ["a", "1", "3"],
  ["b", "3", "1"],
];

describe("locatePairwiseProblem", () => {
  it.each([
    // core path (0-based [row, column] into the table) -> spreadsheet row and the column's header
    [[2, 1], 3, "a"],
    [[1, 2], 2, "b"],
    [[2, 0], 3, "criterion"],
    [[0, 2], 1, "b"],
    [[3], 4, undefined],
    [[], undefined, undefined],
  ])("places %j at row %s, column %s", (path, row, column) => {
    const placed = locatePairwiseProblem("p.csv", { path, message: "m" }, rows);
    expect(placed).toEqual({ file: "p.csv", row, column, message: "m" });
  });

  it.each([
    ["", 0, "row label"],
    ["", 5, "column 6"],
  ])("names an empty header cell %j at column %i as %j", (corner, column, shown) => {
    const placed = locatePairwiseProblem("p.csv", { path: [1, column], message: "m" }, [
      [corner, "a"],
      ["a", "1"],
    ]);
    expect(placed.column).toBe(shown);
  });
});
