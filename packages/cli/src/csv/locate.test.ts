import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { mapHeader } from "./header.js";
import type { RowMap } from "./initiative-builder.js";
import { formatFileProblem, locateProblem } from "./locate.js";

const { layout } = mapHeader(
  ["ID", "Name", "KPIs", "Depends on", "Rater", "Data readiness", "owner", "cost"],
  defaultModel,
);
const rowMap: RowMap = { layout, firstRows: [2, 3, 5], raterRows: [[2, 4], [3], [5, 6, 7]] };
const nameOnly: RowMap = {
  layout: mapHeader(["Name", "cx_impact"], defaultModel).layout,
  firstRows: [2],
  raterRows: undefined,
};

describe("locateProblem", () => {
  it.each([
    [["initiatives", 1, "ratings", "data_readiness"], rowMap, 3, "Data readiness"],
    [["initiatives", 2, "raters", 2, "ratings", "data_readiness"], rowMap, 7, "Data readiness"],
    [["initiatives", 0, "raters", 1, "rater"], rowMap, 4, "Rater"],
    [["initiatives", 2, "raters", "data_readiness"], rowMap, 5, "Data readiness"],
    [["initiatives", 2, "raters"], rowMap, 5, "Rater"],
    [["initiatives", 1, "kpis", 0], rowMap, 3, "KPIs"],
    [["initiatives", 1, "dependsOn", 2], rowMap, 3, "Depends on"],
    [["initiatives", 1, "id"], rowMap, 3, "ID"],
    [["initiatives", 1, "name"], rowMap, 3, "Name"],
    [["initiatives", 1, "cost"], rowMap, 3, "cost"],
    [["initiatives", 1, "extra", "owner"], rowMap, 3, "owner"],
    [["initiatives", 1], rowMap, 3, undefined],
    [["initiatives", 0, "id"], nameOnly, 2, "Name"], // an id derived from the name
  ] as const)("%j -> row %i, column %j", (path, map, row, column) => {
    expect(locateProblem("f.csv", { path, message: "m" }, map)).toEqual({
      file: "f.csv",
      row,
      column,
      message: "m",
    });
  });

  it("keeps the JSON path of a problem outside the initiatives", () => {
    expect(locateProblem("f.csv", { path: ["missing"], message: "m" }, rowMap)).toEqual({
      file: "f.csv",
      message: "missing: m",
    });
  });

  it("turns references to other initiatives into rows", () => {
    const located = locateProblem(
      "f.csv",
      {
        path: ["initiatives", 2, "id"],
        message: 'expected a unique id, received "a", already used by initiatives[1]',
      },
      rowMap,
    );
    expect(located.message).toBe('expected a unique id, received "a", already used by row 3');
  });
});

describe("formatFileProblem", () => {
  it.each([
    [{ file: "f.csv", row: 3, column: "Data readiness", message: "m" }, "f.csv:3:Data readiness: m"],
    [{ file: "f.csv", row: 2, message: "m" }, "f.csv:2: m"],
    [{ file: "f.csv", message: "m" }, "f.csv: m"],
  ])("%j -> %j", (problem, line) => {
    expect(formatFileProblem(problem)).toBe(line);
  });
});
