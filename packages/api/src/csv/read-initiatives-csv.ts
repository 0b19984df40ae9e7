import type { MissingPolicy, Model, Problem, Requirement } from "@cxprism/core";
import * as formula from "@cxprism/core/formula";
import {
  capTableProblems,
  columnLetters,
  type InitiativeTable,
  placeTableProblem,
  quoteSheetName,
  readInitiativeTable,
  type TableOrigins,
  type TableProblem,
} from "@cxprism/core/table";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { parseCsv } from "./parse-csv.js";

/** Options for {@link readInitiativesCsv}. */
export interface CsvTableOptions {
  readonly model: Model;
  readonly missing: MissingPolicy | undefined;
  /** Fields every initiative must have (`/v1/plan`: cost), reported with the other problems. */
  readonly require?: readonly Requirement[] | undefined;
  /** Longest accepted header cell, in characters. */
  readonly maxHeaderLength: number;
  /** Most initiatives (distinct rows, or distinct initiatives with a `rater` column). */
  readonly maxInitiatives: number;
}

/**
 * A problem the core's table reader placed, as a problem item: the spreadsheet row, the 1-based column and
 * its header as written (`field`); in a workbook's sheet also the cell (`Sheet1!C7`, `Sheet1!4:4` for a row).
 *
 * @param problem - the placed problem
 * @param sheet - the sheet's name, for an .xlsx body
 * @returns the item
 */
export function tableItem(problem: TableProblem, sheet?: string): ProblemItem {
  const { row, column } = problem;
  const place =
    sheet === undefined || row === undefined
      ? undefined
      : `${quoteSheetName(sheet)}!${column === undefined ? `${row}:${row}` : `${columnLetters(column)}${row}`}`;
  return {
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
    ...(problem.header === undefined ? {} : { field: problem.header }),
    ...(place === undefined ? {} : { cell: place }),
    detail: problem.message,
  };
}

/**
 * Places a core problem found after reading (planning, simulation) at its row and column of the table.
 *
 * @param origins - where each initiative came from
 * @param sheet - the sheet's name, for an .xlsx body
 * @returns the function from a core problem to a problem item
 */
export function tableLocator(origins: TableOrigins, sheet?: string): (problem: Problem) => ProblemItem {
  return (problem) => tableItem(placeTableProblem(problem, origins), sheet);
}

/**
 * Parses CSV text and reads it with the core's table reader: only the bytes are parsed here (csv-parse);
 * header matching, cells, raters and validation are the core's, exactly as in the CLI.
 *
 * @param text - the CSV text
 * @param options - the model, the missing-rating policy and the header length limit
 * @returns the table with every problem placed at its row and column
 * @throws {@link ApiError} `malformed-body` (400) for CSV syntax
 */
export function parseCsvTable(
  text: string,
  options: Omit<CsvTableOptions, "maxInitiatives">,
): InitiativeTable {
  const parsed = parseCsv(text);
  if (!parsed.success)
    throw new ApiError(
      "malformed-body",
      `expected CSV, received a syntax error${parsed.row === undefined ? "" : ` in row ${parsed.row}`}: ${parsed.message}`,
      { errors: [{ ...(parsed.row === undefined ? {} : { row: parsed.row }), detail: parsed.message }] },
    );
  return readInitiativeTable(parsed.rows, {
    model: options.model,
    missing: options.missing,
    decimalComma: parsed.delimiter === ";",
    maxHeaderLength: options.maxHeaderLength,
    require: options.require,
    // The API bundles the formula entry anyway (formula criteria in /v1/plan and scoring).
    formula,
  });
}

/**
 * Throws a table's problems as one 422, in row order and capped with "and N more".
 *
 * @param problems - every problem found
 * @param sheet - the sheet's name, for an .xlsx body
 * @throws {@link ApiError} `validation-failed`
 */
export function throwTableProblems(problems: readonly TableProblem[], sheet?: string): never {
  const errors = capTableProblems(problems).map((problem) => tableItem(problem, sheet));
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  throw new ApiError("validation-failed", `The table has ${count}; each is listed in errors.`, { errors });
}

/**
 * Reads a wide CSV of initiatives with the core's table reader ({@link parseCsvTable}) and requires it to be
 * valid: every problem comes back at once, each at its spreadsheet row and column.
 *
 * @param text - the CSV text
 * @param options - the model, the missing-rating policy and limits
 * @returns the table, validated
 * @throws {@link ApiError} `malformed-body` (400) for CSV syntax, `validation-failed` (422) with every problem
 */
export function readInitiativesCsv(
  text: string,
  options: CsvTableOptions,
): InitiativeTable & { readonly portfolio: NonNullable<InitiativeTable["portfolio"]> } {
  return requireValidTable(parseCsvTable(text, options), options.maxInitiatives);
}

/**
 * Requires a table read by the core (from a CSV or a workbook's sheet) to be valid and within the initiative
 * limit: every problem comes back at once, each at its spreadsheet row and column.
 *
 * @param table - the table read
 * @param maxInitiatives - the most initiatives accepted
 * @param sheet - the sheet's name, for an .xlsx body
 * @returns the table, validated
 * @throws {@link ApiError} `validation-failed` (422) with every problem
 */
export function requireValidTable(
  table: InitiativeTable,
  maxInitiatives: number,
  sheet?: string,
): InitiativeTable & { readonly portfolio: NonNullable<InitiativeTable["portfolio"]> } {
  const options = { maxInitiatives };
  const problems = [...table.problems];
  if (table.initiatives.length > options.maxInitiatives)
    problems.push({
      message: `expected at most ${options.maxInitiatives} initiatives, received ${table.initiatives.length}`,
    });
  if (problems.length > 0 || table.portfolio === undefined) throwTableProblems(problems, sheet);
  return { ...table, portfolio: table.portfolio };
}
