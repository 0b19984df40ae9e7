import type { TableProblem } from "@cxprism/core/table";

/** A problem placed in a file: `FILE:ROW:COLUMN: message` (ROW and COLUMN when known). */
export interface FileProblem {
  readonly file: string;
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
 * @returns the problem in the file
 */
export function fileProblem(file: string, problem: TableProblem): FileProblem {
  const column =
    problem.header !== undefined && problem.header !== ""
      ? problem.header
      : problem.column === undefined
        ? undefined
        : `column ${problem.column}`;
  return { file, row: problem.row, column, message: problem.message };
}

/**
 * Renders a problem as one line: `portfolio.csv:7:Data readiness: expected a number from 1 to 5, received "high"`.
 *
 * @param problem - the problem
 * @returns the line
 */
export function formatFileProblem(problem: FileProblem): string {
  const place = [problem.file];
  if (problem.row !== undefined) place.push(String(problem.row));
  if (problem.column !== undefined) place.push(problem.column);
  return `${place.join(":")}: ${problem.message}`;
}
