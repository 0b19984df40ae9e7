// .xlsx workbooks through the built CLI, wherever a CSV of initiatives is accepted: the workbooks were written
// by LibreOffice Calc (test/table/fixtures/xlsx/make-fixtures.sh).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const XLSX = "test/table/fixtures/xlsx";
const temp = mkdtempSync(join(tmpdir(), "cxprism-xlsx-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("cxprism reads .xlsx workbooks", () => {
  it("scores a named sheet, with its dates and numbers as the spreadsheet shows them", () => {
    const run = runCli(["score", `${XLSX}/named-sheet.xlsx`, "--sheet", "Ratings", "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("note: kept as extra columns: decided, share\n");
    const { results } = JSON.parse(run.stdout) as {
      results: { name: string; rank: number; extra: Record<string, string> }[];
    };
    expect(results.map((result) => [result.rank, result.name, result.extra])).toEqual([
      [1, "Billing chatbot", { decided: "2026-11-30", share: "0.3" }],
      [2, "Agent assist", { decided: "1999-12-31", share: "0.1" }],
      [3, "Routing", { decided: "", share: "1e-7" }],
    ]);
  });

  it("scores the same as the CSV the workbook was made from", () => {
    const fromCsv = runCli(["score", "test/table/fixtures/excel-eu.csv", "--format", "json"]);
    const fromXlsx = runCli(["score", `${XLSX}/excel-eu.xlsx`, "--format", "json"]);
    expect(fromXlsx.code, fromXlsx.stderr).toBe(0);
    expect(JSON.parse(fromXlsx.stdout)).toEqual(JSON.parse(fromCsv.stdout));
  });

  it("places problems at the cell, as the name box shows it, with the header as written", () => {
    const run = runCli(["validate", `${XLSX}/mixed-problems.xlsx`]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `${XLSX}/mixed-problems.xlsx:'mixed-problems'!O1:Notes: expected column names to be unique, received "Notes" twice`,
      `${XLSX}/mixed-problems.xlsx:'mixed-problems'!H3:tech_maturity: expected a number from 1 to 5, received 7`,
      `${XLSX}/mixed-problems.xlsx:'mixed-problems'!4:4: expected at most 15 cells (one per header column), received 16`,
      `${XLSX}/mixed-problems.xlsx:'mixed-problems'!A4:id: expected a unique id, received "a", already used by row 2`,
      "4 problems",
    ]);
  });

  it("refuses merged header cells, naming them", () => {
    const run = runCli(["validate", `${XLSX}/merged-header.xlsx`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${XLSX}/merged-header.xlsx:Sheet1!B1:C1: expected one header in each column, received the merged header cells B1:C1: unmerge them and give each column its own header\n1 problem\n`,
    );
  });

  it("names an unknown sheet, and refuses --sheet for a CSV as a usage error", () => {
    const unknown = runCli(["score", `${XLSX}/named-sheet.xlsx`, "--sheet", "Scores"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'expected a sheet named "Scores", received a workbook whose sheets are "Notes", "Ratings"',
    );
    const csv = runCli(["score", "examples/contact-center.csv", "--sheet", "Ratings"]);
    expect(csv.code).toBe(2);
    expect(csv.stderr.split("\n")[0]).toBe(
      "cxprism score: --sheet: expected an .xlsx workbook, received examples/contact-center.csv, which is read as CSV",
    );
  });

  it("gives a file that is not a workbook one line, never a stack trace", () => {
    const fake = join(temp, "notes.xlsx");
    writeFileSync(fake, "name,cx_impact\nChatbot,4\n");
    const run = runCli(["score", fake]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `${fake}: expected an .xlsx workbook (Excel 2007 or later, or saved as .xlsx), received a file that is not one\n1 problem\n`,
    );
  });

  it("plots, plans and simulates from a workbook", () => {
    const svg = join(temp, "matrix.svg");
    const plot = runCli(["plot", `${XLSX}/named-sheet.xlsx`, "--sheet", "Ratings", "-o", svg]);
    expect(plot.code, plot.stderr).toBe(0);
    expect(readFileSync(svg, "utf8")).toContain("Billing chatbot");
    const plan = runCli(["plan", `${XLSX}/business-case.xlsx`, "--budget", "200000", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(0);
    const sensitivity = runCli([
      "sensitivity",
      `${XLSX}/named-sheet.xlsx`,
      "--sheet",
      "ratings",
      "--iterations",
      "200",
      "--seed",
      "1",
    ]);
    expect(sensitivity.code, sensitivity.stderr).toBe(0);
    expect(sensitivity.stdout).toContain("Billing chatbot");
  });

  describe("on stdin, told from a CSV by the zip signature", () => {
    const piped = (name: string) => readFileSync(`${XLSX}/${name}`);

    it("scores a workbook piped into `score -`, its named sheet or its first", () => {
      const fromFile = runCli([
        "score",
        `${XLSX}/named-sheet.xlsx`,
        "--sheet",
        "Ratings",
        "--format",
        "json",
      ]);
      const run = runCli(["score", "-", "--sheet", "Ratings", "--format", "json"], {
        input: piped("named-sheet.xlsx"),
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe("note: kept as extra columns: decided, share\n");
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(fromFile.stdout));
      const first = runCli(["score", "-", "--format", "json"], { input: piped("excel-eu.xlsx") });
      const csv = runCli(["score", "test/table/fixtures/excel-eu.csv", "--format", "json"]);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual(JSON.parse(csv.stdout));
    });

    it("places a piped workbook's problems at the cell of stdin", () => {
      const run = runCli(["validate", "-"], { input: piped("mixed-problems.xlsx") });
      expect(run.code).toBe(1);
      expect(run.stderr.trimEnd().split("\n")).toEqual([
        `stdin:'mixed-problems'!O1:Notes: expected column names to be unique, received "Notes" twice`,
        `stdin:'mixed-problems'!H3:tech_maturity: expected a number from 1 to 5, received 7`,
        `stdin:'mixed-problems'!4:4: expected at most 15 cells (one per header column), received 16`,
        `stdin:'mixed-problems'!A4:id: expected a unique id, received "a", already used by row 2`,
        "4 problems",
      ]);
      const unknown = runCli(["validate", "-", "--sheet", "Scores"], { input: piped("named-sheet.xlsx") });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('stdin: expected a sheet named "Scores"');
    });

    it("plots and plans from a piped workbook", () => {
      const plot = runCli(["plot", "-", "--sheet", "Ratings", "-o", "-"], {
        input: piped("named-sheet.xlsx"),
      });
      expect(plot.code, plot.stderr).toBe(0);
      expect(plot.stdout).toContain("Billing chatbot");
      const fromFile = runCli([
        "plan",
        `${XLSX}/business-case.xlsx`,
        "--budget",
        "200000",
        "--format",
        "json",
      ]);
      const plan = runCli(["plan", "-", "--budget", "200000", "--format", "json"], {
        input: piped("business-case.xlsx"),
      });
      expect(plan.code, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout)).toEqual(JSON.parse(fromFile.stdout));
    });

    it("still streams a CSV on stdin, and refuses --sheet for it as a usage error", () => {
      const csv = readFileSync("test/table/fixtures/excel-eu.csv");
      const run = runCli(["score", "-", "--format", "json"], { input: csv });
      const fromFile = runCli(["score", "test/table/fixtures/excel-eu.csv", "--format", "json"]);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(fromFile.stdout));
      const sheet = runCli(["score", "-", "--sheet", "Ratings"], { input: csv });
      expect(sheet.code).toBe(2);
      expect(sheet.stderr.split("\n")[0]).toBe(
        "cxprism score: --sheet: expected an .xlsx workbook, received stdin, which is read as CSV",
      );
    });
  });
});
