import { CxprismError, type Model, type Problem } from "@cxprism/core";
import { columnLetters, quoteSheetName } from "@cxprism/core/table";
import {
  type AhpResult,
  ahpWeights,
  type Completion,
  type PriorityMethod,
  type RandomIndexTable,
  safeParsePairwiseTable,
} from "@cxprism/core/weights";
import type { CommandIo } from "../command.js";
import type { FileProblem } from "../csv/locate.js";
import { readCsvTable } from "../csv/read-table.js";
import { CliError } from "../errors.js";

/** Options for {@link loadAhpWeights}. */
export interface AhpLoadOptions {
  readonly method: PriorityMethod;
  readonly randomIndex: RandomIndexTable;
  /** How missing judgments are filled (default `harker`). */
  readonly completion?: Completion | undefined;
  /** The model whose criteria the headers name, by id or label; the weights are keyed by id. */
  readonly model: Model;
  /** For a workbook: the sheet to read (default the first). */
  readonly sheet?: string | undefined;
}

/** An AHP result and the file it came from. */
export interface LoadedAhp {
  /** The file name as shown in messages. */
  readonly file: string;
  readonly result: AhpResult;
}

/**
 * Reads a pairwise-comparison table, a CSV or a workbook's sheet (criteria as the header row and the first
 * column, each by id or by label), and derives AHP weights from it, keyed by criterion id (a matrix none of
 * whose headers names a criterion keeps its headers: it compares something else). Every problem of the
 * table is reported at once, each at its spreadsheet row and column.
 *
 * @param path - the CSV or .xlsx path, or `-` for stdin
 * @param options - the priority method and the random-index table
 * @param io - the process streams (stdin for `-`)
 * @returns the weights, lambda-max, CI, CR, verdict and worst judgments
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` with every problem of the table
 */
export async function loadAhpWeights(
  path: string,
  options: AhpLoadOptions,
  io: CommandIo,
): Promise<LoadedAhp> {
  const { file, rows, sheet } = await readCsvTable(path, io.stdin, {
    sheet: options.sheet,
    expected: "rows of judgments",
  });
  const fail = (problems: readonly Problem[]): never => {
    const placed = problems.map((problem) => locatePairwiseProblem(file, problem, rows, sheet));
    throw new CliError("invalid-input", `${file}: the pairwise comparisons are not valid`, placed);
  };
  // Headers are read as the model's criteria in the same pass as the judgments: every problem at once.
  const parsed = safeParsePairwiseTable(rows, { model: options.model });
  if (!parsed.success) return fail(parsed.problems);
  try {
    return {
      file,
      result: ahpWeights(parsed.matrix, {
        method: options.method,
        randomIndex: options.randomIndex,
        completion: options.completion,
      }),
    };
  } catch (error) {
    if (error instanceof CxprismError) return fail(error.problems);
    throw error;
  }
}

/**
 * Places a problem of the core's pairwise reader (a path of 0-based `[row, column]` into the table, the
 * header being row 0) at its spreadsheet row (the header is row 1) and its column's header as written; the
 * first column is shown by its corner cell, or as `row label` when the corner is empty.
 *
 * @param file - the file name to show
 * @param problem - a problem from `safeParsePairwiseTable` or `ahpWeights`
 * @param rows - the table as read
 * @param sheet - for a workbook, the sheet read: the place is then shown as its cell (`Sheet1!C3`)
 * @returns the problem placed in the file
 */
export function locatePairwiseProblem(
  file: string,
  problem: Problem,
  rows: readonly (readonly string[])[],
  sheet?: string,
): FileProblem {
  const [row, column] = problem.path;
  if (typeof row !== "number") return { file, message: problem.message };
  const inSheet = (place: string) =>
    sheet === undefined ? {} : { cell: `${quoteSheetName(sheet)}!${place}` };
  if (typeof column !== "number")
    return { file, ...inSheet(`${row + 1}:${row + 1}`), row: row + 1, message: problem.message };
  const header = rows[0] ?? [];
  const name = (header[column] ?? "").trim();
  const shown = name !== "" ? name : column === 0 ? "row label" : `column ${column + 1}`;
  return {
    file,
    ...inSheet(`${columnLetters(column + 1)}${row + 1}`),
    row: row + 1,
    column: shown,
    message: problem.message,
  };
}
