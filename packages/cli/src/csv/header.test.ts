import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { mapHeader, missingCriterionColumns, normaliseHeader } from "./header.js";

describe("normaliseHeader", () => {
  it.each([
    ["Data readiness", "datareadiness"],
    ["data_readiness", "datareadiness"],
    ["DATA-READINESS", "datareadiness"],
    [" Cost-to-serve reduction ", "costtoservereduction"],
    ["Äänipalvelu", "äänipalvelu"],
    ["ｄａｔａ", "data"], // full-width letters fold under NFKC
  ])("%j -> %j", (text, key) => {
    expect(normaliseHeader(text)).toBe(key);
  });
});

const ids = defaultModel.criteria.map((criterion) => criterion.id);

describe("mapHeader", () => {
  it("matches criteria by id and by label, ignoring case, spaces and punctuation", () => {
    const { layout, problems } = mapHeader(
      ["Name", "CUSTOMER EXPERIENCE IMPACT", "cost-to-serve", "Data readiness", "owner"],
      defaultModel,
    );
    expect(problems).toEqual([]);
    expect(layout.fields.name).toBe(0);
    expect(layout.criteria[ids.indexOf("cx_impact")]).toBe(1);
    expect(layout.criteria[ids.indexOf("cost_to_serve")]).toBe(2);
    expect(layout.criteria[ids.indexOf("data_readiness")]).toBe(3);
    expect(layout.criteria[ids.indexOf("acceptance")]).toBe(-1);
    expect(layout.extras).toEqual([4]);
  });

  it.each([
    [["ID", "Name", "Depends On", "KPIs", "Rater"], { id: 0, name: 1, depends_on: 2, kpis: 3, rater: 4 }],
    [["name", "depends-on", "COST"], { name: 0, depends_on: 1, cost: 2 }],
  ])("maps field columns %j", (header, fields) => {
    expect(mapHeader(header, defaultModel).layout.fields).toEqual(fields);
  });

  it("ignores columns with an empty header (trailing delimiters)", () => {
    const { layout, problems } = mapHeader(["name", "", " "], defaultModel);
    expect(problems).toEqual([]);
    expect(layout.extras).toEqual([]);
  });

  it.each([
    [
      ["name", "cx_impact", "Customer experience impact"],
      "Customer experience impact",
      "criterion cx_impact",
    ],
    [["name", "Name"], "Name", "one name column"],
    [["name", "owner", "owner"], "owner", 'received "owner" twice'],
  ])("reports a duplicate column in %j", (header, column, text) => {
    const { problems } = mapHeader(header, defaultModel);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.column).toBe(column);
    expect(problems[0]!.message).toContain(text);
  });

  it("reports a missing name column with the columns it found", () => {
    const { problems } = mapHeader(["id", "owner"], defaultModel);
    expect(problems).toEqual([
      { column: undefined, message: 'expected a "name" column, received the columns "id", "owner"' },
    ]);
  });

  it("lets a criterion win over a field of the same name", () => {
    const model = {
      ...defaultModel,
      criteria: [
        ...defaultModel.criteria,
        { ...defaultModel.criteria[0]!, id: "cost", label: "Cost", weight: 0 },
      ],
    };
    const { layout } = mapHeader(["name", "cost"], model);
    expect(layout.fields.cost).toBeUndefined();
    expect(layout.criteria.at(-1)).toBe(1);
  });
});

describe("missingCriterionColumns", () => {
  it("names each weighted criterion without a column", () => {
    const { layout } = mapHeader(
      ["name", ...ids.filter((id) => id !== "acceptance" && id !== "cx_impact")],
      defaultModel,
    );
    const problems = missingCriterionColumns(layout, defaultModel);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining("criterion cx_impact"),
      expect.stringContaining("criterion acceptance"),
    ]);
  });

  it("ignores a criterion of weight 0", () => {
    const model = {
      ...defaultModel,
      criteria: defaultModel.criteria.map((c) => ({ ...c, weight: c.id === "acceptance" ? 0 : c.weight })),
    };
    const { layout } = mapHeader(["name", ...ids.filter((id) => id !== "acceptance")], model);
    expect(missingCriterionColumns(layout, model)).toEqual([]);
  });
});
