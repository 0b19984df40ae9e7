import {
  catalogInitiatives,
  defaultModel,
  type Model,
  type Result,
  score,
  validatePortfolio,
} from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { initiativesFromCsv, normaliseHeader } from "./initiatives-from-csv.js";

const OPTIONS = { maxHeaderLength: 200, maxInitiatives: 5000 };
const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);
const read = (text: string, model: Model = defaultModel) => initiativesFromCsv(text, model, OPTIONS);

function initiatives(text: string) {
  const mapping = read(text);
  if (!mapping.success) throw new Error(JSON.stringify(mapping.problems));
  return mapping.initiatives;
}

describe("normaliseHeader", () => {
  it.each([
    ["Data readiness", "datareadiness"],
    ["data_readiness", "datareadiness"],
    ["DATA-READINESS ", "datareadiness"],
    ["Depends on", "dependson"],
    ["Äänipalvelu", "äänipalvelu"],
  ])("%j -> %j", (header, key) => {
    expect(normaliseHeader(header)).toBe(key);
  });
});

describe("initiativesFromCsv", () => {
  it("maps fixed columns, criteria by id and extra columns", () => {
    const csv =
      "id,Name,Category,description,cost,KPIs,depends_on,cx_impact,owner\n" +
      "va,Virtual assistant,self-service,Answers questions,120000,csat|fcr,ks,4,Maria\n" +
      "ks,Knowledge search,agent assist,,,,,3,\n";
    expect(initiatives(csv)).toEqual([
      {
        id: "va",
        name: "Virtual assistant",
        category: "self-service",
        description: "Answers questions",
        cost: 120000,
        kpis: ["csat", "fcr"],
        dependsOn: ["ks"],
        ratings: { cx_impact: "4" },
        extra: { owner: "Maria" },
      },
      { id: "ks", name: "Knowledge search", category: "agent assist", ratings: { cx_impact: "3" } },
    ]);
  });

  it("matches criteria by label ignoring case and punctuation", () => {
    const labels = defaultModel.criteria.map((criterion) => criterion.label.toUpperCase());
    const csv = `name,${labels.map((label) => `"${label}"`).join(",")}\nA,${CRITERIA.map(() => "3").join(",")}\n`;
    expect(Object.keys(initiatives(csv)[0]!.ratings!)).toEqual(CRITERIA);
  });

  it("reads a semicolon file with decimal commas and ;-separated lists in quotes", () => {
    const csv = 'name;cx_impact;cost;kpis\nA;3,5;1200,50;"csat;nps"\n';
    expect(initiatives(csv)).toEqual([
      { name: "A", cost: 1200.5, kpis: ["csat", "nps"], ratings: { cx_impact: "3.5" } },
    ]);
  });

  it("leaves decimal commas alone in a comma file (they are delimiters there)", () => {
    expect(initiatives('name,cx_impact\nA,"3,5"\n')[0]!.ratings).toEqual({ cx_impact: "3,5" });
  });

  it("reads tab-separated files with a BOM and CRLF", () => {
    expect(initiatives("\uFEFFname\tcx_impact\r\nA\t4\r\n")).toEqual([
      { name: "A", ratings: { cx_impact: "4" } },
    ]);
  });

  it("treats empty rating cells as not rated", () => {
    expect(initiatives("name,cx_impact,data_readiness\nA,,2\n")[0]!.ratings).toEqual({
      cx_impact: null,
      data_readiness: "2",
    });
  });

  it("passes a cost that is not a number through, for the core to report", () => {
    expect(initiatives("name,cost\nA,cheap\n")[0]!.cost).toBe("cheap");
  });

  it("groups rows by id (or name) into raters with a rater column", () => {
    const csv = "name,rater,cx_impact\nVoice bot,Ann,4\nVoice bot,Ben,2\nRouting,Ann,3\n";
    expect(initiatives(csv)).toEqual([
      {
        name: "Voice bot",
        raters: [
          { rater: "Ann", ratings: { cx_impact: "4" } },
          { rater: "Ben", ratings: { cx_impact: "2" } },
        ],
      },
      { name: "Routing", raters: [{ rater: "Ann", ratings: { cx_impact: "3" } }] },
    ]);
  });

  it("locates core problems at their row and column, raters included", () => {
    const csv = `name,rater,${CRITERIA.join(",")}\nA,Ann,${CRITERIA.map(() => "3").join(",")}\nA,Ben,${CRITERIA.map((id) => (id === "acceptance" ? "9" : "3")).join(",")}\n`;
    const mapping = read(csv);
    if (!mapping.success) throw new Error("expected a mapping");
    const validation = validatePortfolio(mapping.initiatives);
    expect(validation.success).toBe(false);
    if (validation.success) return;
    expect(validation.problems.map((problem) => mapping.locate(problem.path))).toEqual([
      { row: 3, column: 2 + CRITERIA.indexOf("acceptance") + 1, field: "acceptance" },
    ]);
  });

  it.each([
    [["initiatives", 0, "name"], { row: 2, column: 1, field: "name" }],
    [["initiatives", 0, "kpis", 1], { row: 2, column: 3, field: "kpis" }],
    [["initiatives", 0, "ratings", "cx_impact"], { row: 2, column: 2, field: "cx_impact" }],
    [["initiatives", 0, "ratings", "data_readiness"], { row: 2, field: "data_readiness" }],
    [["initiatives", 1, "id"], { row: 3, field: "id" }],
    [["initiatives", 7, "name"], undefined],
    [["model", "id"], undefined],
  ])("locates %j", (path, place) => {
    const mapping = read("name,cx_impact,kpis\nA,3,csat\nB,3,nps\n");
    expect(mapping.success && mapping.locate(path)).toEqual(place);
  });

  it.each([
    ["", [{ row: 1, message: "expected a header row and at least one initiative, received nothing" }]],
    ["title,cx_impact\nA,3\n", [{ row: 1, field: "name", message: "expected a name column, received none" }]],
    ["name\n", [{ row: 1, message: "expected at least one initiative row, received only the header" }]],
    [
      "name,cx_impact,Cx Impact\nA,3,3\n",
      [
        {
          row: 1,
          column: 3,
          field: "Cx Impact",
          message: 'expected each column once, received "Cx Impact" which repeats column 2',
        },
      ],
    ],
    [
      "name,cx_impact\nA,3,4\nB\n",
      [
        { row: 2, message: "expected 2 fields as in the header, received 3" },
        { row: 3, message: "expected 2 fields as in the header, received 1" },
      ],
    ],
    [
      "name,rater\nA,\n",
      [{ row: 2, column: 2, field: "rater", message: "expected a rater name, received nothing" }],
    ],
    [
      `name,${"h".repeat(201)}\nA,1\n`,
      [{ row: 1, column: 2, message: "expected a header of at most 200 characters, received 201" }],
    ],
  ])("reports CSV problems in %j", (text, problems) => {
    expect(read(text)).toEqual({ success: false, syntax: false, problems });
  });

  it("accepts a trailing delimiter on data rows", () => {
    expect(initiatives("name,cx_impact\nA,3,\n")).toHaveLength(1);
  });

  it("enforces the initiative limit", () => {
    const mapping = initiativesFromCsv("name\nA\nB\nC\n", defaultModel, { ...OPTIONS, maxInitiatives: 2 });
    expect(mapping).toEqual({
      success: false,
      syntax: false,
      problems: [{ row: 4, message: "expected at most 2 initiatives, received 3" }],
    });
  });

  it("reports a syntax error as such", () => {
    expect(read('name\n"open\n')).toMatchObject({ success: false, syntax: true });
  });

  it("round-trips the bundled example portfolio to the same scores as its JSON form", async () => {
    const { readFile } = await import("node:fs/promises");
    const csv = await readFile(new URL("../../../../examples/contact-center.csv", import.meta.url), "utf8");
    const mapping = read(csv);
    if (!mapping.success) throw new Error(JSON.stringify(mapping.problems));
    const ranking = (results: Result[]) => results.map((result) => [result.id, result.rank, result.priority]);
    expect(ranking(score(mapping.initiatives))).toEqual(ranking(score(catalogInitiatives())));
  });
});
