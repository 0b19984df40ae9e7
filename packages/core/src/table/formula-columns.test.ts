import { describe, expect, it } from "vitest";
import * as formulaEntry from "../entries/formula.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { Model } from "../schema/model.js";
import { formulaFieldNames, mapTableHeader } from "./header.js";
import { placeTableProblem } from "./locate.js";
import { createRowReader } from "./read-rows.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const ratingCells = ids.map(() => "3");

function withFormula(formula: string): Model {
  return {
    ...defaultModel,
    criteria: [
      ...defaultModel.criteria,
      {
        id: "annual_savings",
        label: "Annual savings",
        description: "",
        axis: "value",
        weight: 0.2,
        direction: "benefit",
        scale: { min: 0, max: 1_000_000 },
        formula,
        normalise: "scale",
      },
    ],
  } as Model;
}

describe("formulaFieldNames", () => {
  it.each([
    [
      "contacts_per_year * deflection_rate * cost_per_contact",
      ["contacts_per_year", "deflection_rate", "cost_per_contact"],
    ],
    ["max(benefit - run_cost, 0) * 1e5 / effort", []],
    ["round(a + b * a, 2) + pow(c, 2)", ["a", "b", "c"]],
    ["2.5e-3 * volume", ["volume"]],
  ])("%s reads %j", (formula, names) => {
    expect(formulaFieldNames(withFormula(formula), formulaEntry)).toEqual(names);
  });

  it("is empty for a model without formulas", () => {
    expect(formulaFieldNames(defaultModel, formulaEntry)).toEqual([]);
  });
});

describe("formula columns", () => {
  const model = withFormula("contacts_per_year * deflection_rate");
  const header = ["name", "Contacts per year", "deflection_rate", "owner", ...ids];

  it("finds the columns of formula fields by normalised header", () => {
    const { layout } = mapTableHeader(header, 1, model, { formula: formulaEntry });
    expect(layout.formulaFields).toEqual([
      { name: "contacts_per_year", column: 1 },
      { name: "deflection_rate", column: 2 },
    ]);
  });

  it("reports a column for the formula criterion itself", () => {
    const { problems } = mapTableHeader([...header, "Annual savings"], 1, model, { formula: formulaEntry });
    expect(problems).toEqual([
      {
        row: 1,
        column: header.length + 1,
        header: "Annual savings",
        message:
          'expected no column for annual_savings: its formula "contacts_per_year * deflection_rate" computes it, received a column',
      },
    ]);
  });
});

describe("the row reader on business-case columns", () => {
  const model = withFormula("contacts_per_year * deflection_rate");
  const header = [
    "name",
    "cost",
    "Run cost",
    "benefit",
    "effort",
    "capabilities",
    "contacts_per_year",
    "deflection_rate",
    ...ids,
  ];

  function build(record: string[], decimalComma = false) {
    const { layout } = mapTableHeader(header, 1, model, { formula: formulaEntry });
    const builder = createRowReader(layout, model, { decimalComma });
    builder.add(record, 2);
    return builder.finish();
  }

  it("reads cost, run_cost, benefit, effort, capabilities and formula fields", () => {
    const built = build([
      "VA",
      "120000",
      "30000",
      "90000",
      "6",
      "Chat | Knowledge search;FAQ",
      "1200000",
      "0.05",
      ...ratingCells,
    ]);
    expect(built.problems).toEqual([]);
    const initiative = built.initiatives[0]!;
    expect(initiative).toMatchObject({
      cost: 120000,
      runCost: 30000,
      benefit: 90000,
      effort: 6,
      capabilities: ["Chat", "Knowledge search", "FAQ"],
      fields: { contacts_per_year: 1200000, deflection_rate: 0.05 },
    });
    // Formula columns also pass through as extra columns, for csv and json output.
    expect(initiative.extra).toEqual({ contacts_per_year: "1200000", deflection_rate: "0.05" });
  });

  it("reads a decimal comma and leaves empty cells out", () => {
    const built = build(["VA", "", "", "1000,5", "", "", "", "0,25", ...ratingCells], true);
    const initiative = built.initiatives[0]!;
    expect(initiative.cost).toBeUndefined();
    expect(initiative.runCost).toBeUndefined();
    expect(initiative.benefit).toBeCloseTo(1000.5);
    expect(initiative.fields).toEqual({ deflection_rate: 0.25 });
  });

  it("passes text on, so the core says what it expected", () => {
    const built = build(["VA", "lots", "", "", "six", "", "many", "", ...ratingCells]);
    expect(built.initiatives[0]).toMatchObject({
      cost: "lots",
      effort: "six",
      fields: { contacts_per_year: "many" },
    });
  });

  it.each([
    [["initiatives", 0, "runCost"], "Run cost"],
    [["initiatives", 0, "effort"], "effort"],
    [["initiatives", 0, "fields", "contacts_per_year"], "contacts_per_year"],
  ])("places a problem at %j in column %s", (path, column) => {
    const { layout } = mapTableHeader(header, 1, model, { formula: formulaEntry });
    const located = placeTableProblem(
      { path, message: "m" },
      { layout, firstRows: [7], raterRows: undefined },
    );
    expect(located).toEqual({ row: 7, column: header.indexOf(column) + 1, header: column, message: "m" });
  });
});
