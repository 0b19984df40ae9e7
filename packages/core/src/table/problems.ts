/**
 * One problem found in a table, placed where a spreadsheet shows it: the row number in the margin, the
 * column's position and its header as written.
 */
export interface TableProblem {
  /** The spreadsheet row (the header is usually row 1); absent for a problem of the whole table. */
  readonly row?: number | undefined;
  /** The 1-based column, when the problem is in one column. */
  readonly column?: number | undefined;
  /** The column's header as written, when the problem is in one column. */
  readonly header?: string | undefined;
  /** What was expected and what was received. */
  readonly message: string;
}

/** How many problems {@link capTableProblems} keeps by default. */
export const DEFAULT_PROBLEM_LIMIT = 100;

/**
 * Orders problems as a reader goes through the table (by row, problems of the whole table first; stable
 * within a row) and keeps at most `limit` of them, ending with one "and N more problems" line when some
 * were left out, so a broken file of a million rows reports briefly but never pretends to be fine.
 *
 * @param problems - every problem found
 * @param limit - most problems to keep (default {@link DEFAULT_PROBLEM_LIMIT})
 * @returns the problems to show
 */
export function capTableProblems(
  problems: readonly TableProblem[],
  limit: number = DEFAULT_PROBLEM_LIMIT,
): TableProblem[] {
  const sorted = [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (sorted.length <= limit) return sorted;
  const more = sorted.length - limit;
  return [...sorted.slice(0, limit), { message: `and ${more} more problem${more === 1 ? "" : "s"}` }];
}
