import { columnLetters, quoteSheetName, type TableProblem } from "@cxprism/core/table";

/**
 * A problem placed in a file: `FILE:ROW:COLUMN: message` (ROW and COLUMN when known), or in a workbook
 * `FILE:SHEET!CELL:COLUMN: message` as a spreadsheet's name box shows the place (`Sheet1!C7`, `Sheet1!7:7`).
 */
export interface FileProblem {
  readonly file: string;
  /** In a workbook: the sheet and cell, range or row (`Sheet1!C7`); takes the place of `row`. */
  readonly cell?: string | undefined;
  /** The spreadsheet row (the header is row 1). */
  readonly row?: number | undefined;
  /** The column's header as written in the file, or a JSON path for JSON files. */
  readonly column?: string | undefined;
  readonly message: string;
}

/**
 * A problem the core's table reader placed, in a file: the column shown by its header as written (or by its
 * number when the header is empty).
 *
 * @param file - the file name to show
 * @param problem - the placed problem
 * @param sheet - the sheet's name, for a workbook: the place is then shown as its cell (`Sheet1!C7`)
 * @returns the problem in the file
 */
export function fileProblem(file: string, problem: TableProblem, sheet?: string): FileProblem {
  const column =
    problem.header !== undefined && problem.header !== ""
      ? problem.header
      : problem.column === undefined
        ? undefined
        : `column ${problem.column}`;
  if (sheet === undefined) return { file, row: problem.row, column, message: problem.message };
  const { row } = problem;
  const place =
    row === undefined
      ? ""
      : problem.column === undefined
        ? `${row}:${row}`
        : `${columnLetters(problem.column)}${row}`;
  return {
    file,
    cell: place === "" ? quoteSheetName(sheet) : `${quoteSheetName(sheet)}!${place}`,
    row,
    column,
    message: problem.message,
  };
}

/**
 * Renders a problem as one line: `portfolio.csv:7:Data readiness: expected a number from 1 to 5, received "high"`.
 *
 * @param problem - the problem
 * @returns the line
 */
export function formatFileProblem(problem: FileProblem): string {
  const place = [problem.file];
  if (problem.cell !== undefined) place.push(problem.cell);
  else if (problem.row !== undefined) place.push(String(problem.row));
  if (problem.column !== undefined) place.push(problem.column);
  return `${place.join(":")}: ${problem.message}`;
}
