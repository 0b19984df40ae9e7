import { defaultModel, type Model } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { mapHeader } from "./header.js";
import { createInitiativeBuilder } from "./initiative-builder.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const ratingCells = ["4", "5", "3", "3", "5", "4", "3", "4", "3", "3", "3"];
const ratings = Object.fromEntries(ids.map((id, k) => [id, Number(ratingCells[k])]));

function build(
  header: string[],
  records: string[][],
  options = { decimalComma: false },
  model: Model = defaultModel,
) {
  const { layout } = mapHeader(header, model);
  const builder = createInitiativeBuilder(layout, model, options);
  records.forEach((record, k) => {
    builder.add(record, k + 2);
  });
  return builder.finish();
}

describe("createInitiativeBuilder", () => {
  it("turns a row into an initiative: fields, lists, numbers and extra columns", () => {
    const built = build(
      ["id", "name", "category", "description", "cost", "kpis", "depends_on", "owner", ...ids],
      [
        [
          "va",
          " Virtual assistant ",
          "self-service",
          "Answers",
          "120000",
          "csat | aht",
          "ks;ir",
          "Maria",
          ...ratingCells,
        ],
      ],
    );
    expect(built.problems).toEqual([]);
    expect(built.initiatives).toEqual([
      {
        id: "va",
        name: "Virtual assistant",
        category: "self-service",
        description: "Answers",
        cost: 120000,
        kpis: ["csat", "aht"],
        dependsOn: ["ks", "ir"],
        extra: { owner: "Maria" },
        ratings,
      },
    ]);
    expect(built.rowMap.firstRows).toEqual([2]);
  });

  it.each([
    ["", null],
    ["3,5", 3.5],
    ["3.5", 3.5],
    ["high", "high"], // passed on: the core says what the scale expects
  ])("reads rating %j with a decimal comma as %j", (cell, value) => {
    const built = build(["name", "cx_impact"], [["A", cell]], { decimalComma: true });
    expect(built.initiatives[0]!.ratings).toEqual({ cx_impact: value });
  });

  it("keeps a decimal comma as text when the delimiter is not `;`", () => {
    const built = build(["name", "cx_impact"], [["A", "3,5"]]);
    expect(built.initiatives[0]!.ratings).toEqual({ cx_impact: "3,5" });
  });

  it("leaves a label scale's cells as text", () => {
    const model: Model = {
      ...defaultModel,
      criteria: [
        { ...defaultModel.criteria[0]!, id: "effort", label: "Effort", scale: { labels: ["S", "M", "L"] } },
      ],
    };
    const built = build(["name", "effort"], [["A", "1"]], { decimalComma: false }, model);
    expect(built.initiatives[0]!.ratings).toEqual({ effort: "1" });
  });

  it("skips blank rows but counts them as rows a spreadsheet shows", () => {
    const built = build(["name", "cx_impact"], [["A", "3"], [""], ["B", "4"]]);
    expect(built.initiatives.map((initiative) => initiative.name)).toEqual(["A", "B"]);
    expect(built.rowMap.firstRows).toEqual([2, 4]);
    expect(built.rows).toBe(2);
  });

  it("reports a row with more fields than the header has columns", () => {
    const built = build(["name", "cx_impact"], [["A", "3", "extra"]]);
    expect(built.problems).toEqual([
      { row: 2, column: undefined, message: "expected at most 2 fields (one per header column), received 3" },
    ]);
  });

  it("treats a short row's missing cells as empty", () => {
    const built = build(["name", "cx_impact", "cost_to_serve"], [["A", "3"]]);
    expect(built.initiatives[0]!.ratings).toEqual({ cx_impact: 3, cost_to_serve: null });
  });

  it("groups rows by id into raters when there is a rater column", () => {
    const built = build(
      ["id", "name", "rater", "cx_impact"],
      [
        ["va", "Virtual assistant", "Maria", "4"],
        ["ks", "Knowledge search", "Maria", "3"],
        ["va", "Virtual assistant", "Jussi", "2"],
      ],
    );
    expect(built.initiatives).toEqual([
      {
        id: "va",
        name: "Virtual assistant",
        raters: [
          { rater: "Maria", ratings: { cx_impact: 4 } },
          { rater: "Jussi", ratings: { cx_impact: 2 } },
        ],
      },
      { id: "ks", name: "Knowledge search", raters: [{ rater: "Maria", ratings: { cx_impact: 3 } }] },
    ]);
    expect(built.rowMap.raterRows).toEqual([[2, 4], [3]]);
  });

  it("groups raters by the name's slug when there is no id column", () => {
    const built = build(
      ["name", "rater", "cx_impact"],
      [
        ["Äänipalvelu", "A", "4"],
        ["äänipalvelu", "B", "2"],
      ],
    );
    expect(built.initiatives).toHaveLength(1);
    expect(built.initiatives[0]!.raters).toHaveLength(2);
  });
});
