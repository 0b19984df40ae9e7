import type { MissingPolicy, Model, Problem } from "@cxprism/core";
import * as formula from "@cxprism/core/formula";
import {
  capTableProblems,
  type InitiativeTable,
  placeTableProblem,
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
  /** Longest accepted header cell, in characters. */
  readonly maxHeaderLength: number;
  /** Most initiatives (distinct rows, or distinct initiatives with a `rater` column). */
  readonly maxInitiatives: number;
}

/**
 * A problem the core's table reader placed, as a problem item: the spreadsheet row, the 1-based column and
 * its header as written (`field`).
 *
 * @param problem - the placed problem
 * @returns the item
 */
export function tableItem(problem: TableProblem): ProblemItem {
  return {
    ...(problem.row === undefined ? {} : { row: problem.row }),
    ...(problem.column === undefined ? {} : { column: problem.column }),
    ...(problem.header === undefined ? {} : { field: problem.header }),
    detail: problem.message,
  };
}

/**
 * Places a core problem found after reading (planning, simulation) at its row and column of the table.
 *
 * @param origins - where each initiative came from
 * @returns the function from a core problem to a problem item
 */
export function tableLocator(origins: TableOrigins): (problem: Problem) => ProblemItem {
  return (problem) => tableItem(placeTableProblem(problem, origins));
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
    // The API bundles the formula entry anyway (formula criteria in /v1/plan and scoring).
    formula,
  });
}

/**
 * Throws a table's problems as one 422, in row order and capped with "and N more".
 *
 * @param problems - every problem found
 * @throws {@link ApiError} `validation-failed`
 */
export function throwTableProblems(problems: readonly TableProblem[]): never {
  const errors = capTableProblems(problems).map(tableItem);
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
  const table = parseCsvTable(text, options);
  const problems = [...table.problems];
  if (table.initiatives.length > options.maxInitiatives)
    problems.push({
      message: `expected at most ${options.maxInitiatives} initiatives, received ${table.initiatives.length}`,
    });
  if (problems.length > 0 || table.portfolio === undefined) throwTableProblems(problems);
  return { ...table, portfolio: table.portfolio };
}
