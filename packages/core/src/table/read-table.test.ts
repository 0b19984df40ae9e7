import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { capTableProblems } from "./problems.js";
import { readInitiativeTable, type TableRow } from "./read-table.js";

const IDS = defaultModel.criteria.map((criterion) => criterion.id);

/** Rows from lines of `;`-separated cells, numbered from 1 as a spreadsheet shows them. */
function rows(...lines: string[]): TableRow[] {
  return lines.map((line, index) => ({ row: index + 1, cells: line.split(";") }));
}

const header = (...more: string[]) => ["name", ...IDS, ...more].join(";");
const threes = IDS.map(() => "3").join(";");

describe("readInitiativeTable", () => {
  it("reads a clean table into a validated portfolio, lists extra columns once", () => {
    const table = readInitiativeTable(rows(header("Owner", "Notes"), `Chatbot;${threes};Anna;first`), {
      model: defaultModel,
      decimalComma: true,
    });
    expect(table.problems).toEqual([]);
    expect(table.extraColumns).toEqual(["Owner", "Notes"]);
    expect(table.portfolio!.initiatives[0]!.extra).toEqual({ Owner: "Anna", Notes: "first" });
  });

  it.each([
    ["cx_impcat", "cx_impact"],
    ["Data readyness", "data_readiness"],
    ["Customer & regulatory acceptance", "acceptance"],
  ])(
    "refuses a header close to a criterion (%s) and names the criterion, under every missing mode",
    (typo, id) => {
      const cells = ["name", ...IDS.map((other) => (other === id ? typo : other))].join(";");
      for (const missing of ["error", "neutral"] as const) {
        const table = readInitiativeTable(rows(cells, `Chatbot;${IDS.map(() => "high").join(";")}`), {
          model: defaultModel,
          missing,
        });
        expect(table.portfolio).toBeUndefined();
        const headerProblems = table.problems.filter((problem) => problem.row === 1);
        expect(headerProblems).toHaveLength(1);
        expect(headerProblems[0]).toMatchObject({ column: IDS.indexOf(id) + 2, header: typo });
        expect(headerProblems[0]!.message).toContain(`did you mean criterion ${id}`);
        // ...and in the same pass, every malformed cell of the other columns.
        expect(table.problems.filter((problem) => problem.row === 2)).toHaveLength(IDS.length - 1);
        expect(table.extraColumns).toEqual([]);
      }
    },
  );

  it("reports header, cell and missing-column problems in one pass, missing columns once", () => {
    const withoutData = ["name", ...IDS.filter((id) => id !== "data_readiness"), "name"].join(";");
    const cells = IDS.filter((id) => id !== "data_readiness").map((id) =>
      id === "cx_impact" ? "high" : "3",
    );
    const table = readInitiativeTable(rows(withoutData, `A;${cells.join(";")};A`, `B;${cells.join(";")};B`), {
      model: defaultModel,
    });
    expect(
      table.problems.map((problem) => [problem.row, problem.header, problem.message.slice(0, 40)]),
    ).toEqual([
      [1, "name", "expected one name column, received a sec"],
      [1, undefined, "expected a column for criterion data_rea"],
      [2, "cx_impact", "expected a number from 1 to 5, received "],
      [3, "cx_impact", "expected a number from 1 to 5, received "],
    ]);
  });

  it("reads numbers with a decimal comma and an exponent when asked", () => {
    const table = readInitiativeTable(
      rows(header("cost"), `A;${IDS.map(() => "3,5e0").join(";")};1500000,5`),
      {
        model: defaultModel,
        decimalComma: true,
      },
    );
    expect(table.problems).toEqual([]);
    expect(table.portfolio!.initiatives[0]!.cost).toBe(1500000.5);
    expect(table.portfolio!.ratings[0]).toBe(3.5);
  });

  it("skips blank rows and the trailing rows of bare delimiters a spreadsheet leaves", () => {
    const empty = IDS.map(() => "").join(";");
    const table = readInitiativeTable(
      rows(header(), `A;${threes}`, "", `B;${threes}`, `;${empty}`, `;${empty}`),
      {
        model: defaultModel,
      },
    );
    expect(table.problems).toEqual([]);
    expect(table.origins.firstRows).toEqual([2, 4]);
  });

  it("refuses a row longer than the header unless the extra cells are empty", () => {
    const table = readInitiativeTable(rows(header(), `A;${threes};;`, `B;${threes};x`), {
      model: defaultModel,
    });
    expect(table.problems).toEqual([
      {
        row: 3,
        message: `expected at most ${IDS.length + 1} cells (one per header column), received ${IDS.length + 2}`,
      },
    ]);
  });

  describe("rater files", () => {
    const raterHeader = header("rater");
    it("refuses a second row for the same initiative and rater, never counting it as another rater", () => {
      const table = readInitiativeTable(
        rows(raterHeader, `Chatbot;${threes};Anna`, `Chatbot;${threes};Ben`, `Chatbot;${threes};anna `),
        { model: defaultModel },
      );
      expect(table.problems).toEqual([
        {
          row: 4,
          column: IDS.length + 2,
          header: "rater",
          message:
            'expected one row per initiative and rater, received a second row for rater "anna" of "Chatbot" (the first is row 2)',
        },
      ]);
    });

    it("refuses a one-rater initiative whose name is close to another's, with did you mean", () => {
      const table = readInitiativeTable(
        rows(
          raterHeader,
          `Billing chatbot;${threes};Anna`,
          `Billing chatbot;${threes};Ben`,
          `Biling chatbot;${threes};Cem`,
          `Routing;${threes};Anna`,
          `Routing;${threes};Ben`,
          `Routing;${threes};Cem`,
        ),
        { model: defaultModel },
      );
      expect(table.problems).toHaveLength(1);
      expect(table.problems[0]).toMatchObject({ row: 4, column: 1, header: "name" });
      expect(table.problems[0]!.message).toContain('did you mean "Billing chatbot" of row 2?');
    });

    it("reports a blank cell of one rater at that rater's row under missing error, and not under neutral", () => {
      const gap = IDS.map((id) => (id === "data_readiness" ? "" : "3")).join(";");
      const lines = rows(raterHeader, `Chatbot;${threes};Anna`, `Chatbot;${gap};Ben`);
      expect(readInitiativeTable(lines, { model: defaultModel }).problems).toEqual([
        {
          row: 3,
          column: IDS.indexOf("data_readiness") + 2,
          header: "data_readiness",
          message:
            'expected a number from 1 to 5 (or missing: "neutral" to score the midpoint), received nothing',
        },
      ]);
      expect(readInitiativeTable(lines, { model: defaultModel, missing: "neutral" }).problems).toEqual([]);
    });

    it("refuses an empty rater cell", () => {
      const table = readInitiativeTable(rows(raterHeader, `Chatbot;${threes};`), { model: defaultModel });
      expect(table.problems[0]).toMatchObject({
        row: 2,
        header: "rater",
        message: "expected a rater name, received nothing",
      });
    });
  });

  it("reports an empty table and a table with a header only", () => {
    expect(readInitiativeTable([], { model: defaultModel }).problems).toEqual([
      { message: "expected a header row and initiative rows, received an empty table" },
    ]);
    expect(readInitiativeTable(rows(header()), { model: defaultModel }).problems).toEqual([
      { row: 2, message: "expected at least one initiative row after the header, received none" },
    ]);
  });
});

describe("capTableProblems", () => {
  it("keeps the first problems in row order and says how many more there are", () => {
    const problems = [3, 1, 2].map((row) => ({ row, message: `p${row}` }));
    expect(capTableProblems(problems, 2)).toEqual([
      { row: 1, message: "p1" },
      { row: 2, message: "p2" },
      { message: "and 1 more problem" },
    ]);
    expect(capTableProblems(problems)).toHaveLength(3);
  });
});
