import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { mapTableHeader } from "./header.js";
import { placeTableProblem } from "./locate.js";
import type { TableOrigins } from "./read-rows.js";

const header = ["ID", "Name", "KPIs", "Depends on", "Rater", "Data readiness", "owner", "cost"];
const { layout } = mapTableHeader(header, 1, defaultModel, { missing: "neutral" });
const origins: TableOrigins = { layout, firstRows: [2, 3, 5], raterRows: [[2, 4], [3], [5, 6, 7]] };
const nameOnly: TableOrigins = {
  layout: mapTableHeader(["Name", "cx_impact"], 1, defaultModel, { missing: "neutral" }).layout,
  firstRows: [2],
  raterRows: undefined,
};

describe("placeTableProblem", () => {
  it.each([
    [["initiatives", 1, "ratings", "data_readiness"], origins, 3, "Data readiness"],
    [["initiatives", 2, "raters", 2, "ratings", "data_readiness"], origins, 7, "Data readiness"],
    [["initiatives", 0, "raters", 1, "rater"], origins, 4, "Rater"],
    [["initiatives", 2, "raters", "data_readiness"], origins, 5, "Data readiness"],
    [["initiatives", 2, "raters"], origins, 5, "Rater"],
    [["initiatives", 1, "kpis", 0], origins, 3, "KPIs"],
    [["initiatives", 1, "dependsOn", 2], origins, 3, "Depends on"],
    [["initiatives", 1, "id"], origins, 3, "ID"],
    [["initiatives", 1, "name"], origins, 3, "Name"],
    [["initiatives", 1, "cost"], origins, 3, "cost"],
    [["initiatives", 1, "extra", "owner"], origins, 3, "owner"],
    [["initiatives", 1], origins, 3, undefined],
    [["initiatives", 0, "id"], nameOnly, 2, "Name"], // an id derived from the name
  ] as const)("%j -> row %i, column %j", (path, map, row, column) => {
    const names = map.layout.names;
    expect(placeTableProblem({ path, message: "m" }, map)).toEqual({
      row,
      ...(column === undefined ? {} : { column: names.indexOf(column) + 1, header: column }),
      message: "m",
    });
  });

  it("keeps the path of a problem outside the initiatives", () => {
    expect(placeTableProblem({ path: ["missing"], message: "m" }, origins)).toEqual({
      message: "missing: m",
    });
  });

  it("turns references to other initiatives into rows", () => {
    const located = placeTableProblem(
      {
        path: ["initiatives", 2, "id"],
        message: 'expected a unique id, received "a", already used by initiatives[1]',
      },
      origins,
    );
    expect(located.message).toBe('expected a unique id, received "a", already used by row 3');
  });
});
