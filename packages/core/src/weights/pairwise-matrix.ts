import { CxprismError, type Problem, type ProblemPath } from "../errors.js";
import type { Model } from "../schema/model.js";
import { describeValue } from "../validate/issues.js";
import { pairwiseCriterionIds } from "./pairwise-criteria.js";

/**
 * A reciprocal pairwise-comparison matrix on Saaty's 1-9 scale: `values[i][j]` says how many times more
 * important `ids[i]` is than `ids[j]` (3 = moderately more, 1/3 = moderately less). `null` marks a judgment
 * nobody made; the diagonal is 1 and `values[j][i] = 1 / values[i][j]` wherever a judgment exists.
 */
export interface PairwiseMatrix {
  /** The compared criteria (or alternatives), in matrix order. */
  readonly ids: readonly string[];
  /** The judgments, row-major; `null` where missing. */
  readonly values: readonly (readonly (number | null)[])[];
}

/** The outcome of {@link safeParsePairwiseTable} and {@link safeCheckPairwiseMatrix}. */
export type PairwiseParse =
  | { readonly success: true; readonly matrix: PairwiseMatrix }
  | { readonly success: false; readonly problems: readonly Problem[] };

/** Options for reading a pairwise table. */
export interface PairwiseTableOptions {
  /** Prepended to every problem path (e.g. `["body", "matrix"]`); default none. */
  readonly path?: ProblemPath | undefined;
  /**
   * The model whose criteria the ids name, by id or by label: the matrix then carries criterion ids, and an
   * id that names no criterion (once another does) is a problem reported with the judgments' problems, as
   * `pairwiseCriterionIds` decides. Without a model the ids are kept as written.
   */
  readonly model?: Model | undefined;
}

/** Saaty's scale runs from 1/9 to 9; a judgment written to two decimals (0.11 for 1/9) may sit 1 % below. */
const LOWEST = 1 / 9;
const HIGHEST = 9;
const ROUNDING = 0.01;
/**
 * `a_ij * a_ji` may miss 1 by this share when judgments are written as rounded decimals (0.13 for 1/8 is
 * 4 % off). Neighbouring scale values differ by at least 12.5 % (8 vs 9), so a real mismatch is never hidden.
 */
const RECIPROCAL_TOLERANCE = 0.05;

/**
 * Reads a pairwise table given as text cells, the way it sits in a CSV: the first row is a corner cell then
 * the criterion ids, each later row is an id then its judgments. A cell is a whole number (`3`), a fraction
 * (`1/3`), a decimal (`0.333`) or empty (judgment missing); a missing cell is filled with the reciprocal of
 * its mirror when that one is given, so giving only the upper triangle is enough. The diagonal must be 1 or
 * empty. Where both mirror cells are given, the upper-triangle cell is kept and the lower one must be its
 * reciprocal (within rounding).
 *
 * Every problem is reported at once, at `[...path, row, column]` (0-based indices into `table`, the header
 * being row 0): a table that is not square, a row label that differs from the header label of the same
 * position, duplicate ids, with a `model` headers that name none of its criteria, unreadable cells,
 * judgments outside 1/9..9, a diagonal other than 1, and non-reciprocal pairs, in row and column order. Fully
 * empty trailing rows (a final newline) are ignored.
 *
 * @param table - the cells, row by row
 * @param options - a path prefix for problems
 * @returns `{success: true, matrix}` or `{success: false, problems}`
 */
export function safeParsePairwiseTable(
  table: readonly (readonly string[])[],
  options: PairwiseTableOptions = {},
): PairwiseParse {
  const prefix = options.path ?? [];
  const problems: Problem[] = [];
  const rows = trimTrailingEmptyRows(table);
  const header = rows[0];
  if (header === undefined || header.length < 2) {
    return failure([
      {
        path: [...prefix, 0],
        message: `expected a header row of a corner cell then at least one criterion id, received ${header === undefined ? "no rows" : `${header.length} cell(s)`}`,
      },
    ]);
  }
  const ids = header.slice(1).map((cell) => cell.trim());
  const n = ids.length;
  const seen = new Map<string, number>();
  ids.forEach((id, k) => {
    if (id === "") {
      problems.push({
        path: [...prefix, 0, k + 1],
        message: "expected a criterion id, received an empty cell",
      });
    } else if (seen.has(id)) {
      problems.push({
        path: [...prefix, 0, k + 1],
        message: `expected a unique criterion id, received ${describeValue(id)}, already in column ${seen.get(id)}`,
      });
    } else seen.set(id, k + 1);
  });
  if (rows.length - 1 !== n) {
    problems.push({
      path: [...prefix, Math.min(rows.length, n + 1)],
      message: `expected a square matrix: ${n} row(s) of judgments, one per header id, received ${rows.length - 1}`,
    });
  }
  const grid: (number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row = rows[i + 1];
    const cells: (number | null)[] = new Array(n).fill(null);
    grid.push(cells);
    if (row === undefined) continue;
    if (row.length !== n + 1) {
      problems.push({
        path: [...prefix, i + 1],
        message: `expected ${n + 1} cells (a label then ${n} judgments), received ${row.length}`,
      });
    }
    const label = (row[0] ?? "").trim();
    if (label !== ids[i]) {
      problems.push({
        path: [...prefix, i + 1, 0],
        message: `expected row label ${describeValue(ids[i])} (rows in the same order as the header), received ${describeValue(label)}`,
      });
    }
    for (let j = 0; j < n; j++) {
      const text = row[j + 1];
      if (text === undefined) continue;
      const value = parseJudgment(text);
      if (value === undefined) {
        problems.push({
          path: [...prefix, i + 1, j + 1],
          message: `expected a judgment such as 3, 1/3 or 0.333, or an empty cell, received ${describeValue(text)}`,
        });
      } else cells[j] = value;
    }
  }
  const headerProblems = new Set(
    problems
      .filter((p) => p.path.length === prefix.length + 2 && p.path[prefix.length] === 0)
      .map((p) => p.path[prefix.length + 1]),
  );
  const criteria = criterionIds(
    ids,
    options.model,
    (k) => [...prefix, 0, k + 1],
    (k) => headerProblems.has(k + 1),
  );
  const checked = checkGrid(ids, grid, (i, j) => [...prefix, i + 1, j + 1]);
  for (const problem of [...criteria.problems, ...checked.problems]) problems.push(problem);
  if (problems.length > 0) return failure(sortByPlace(problems, prefix.length));
  return { success: true, matrix: { ids: criteria.ids, values: checked.values } };
}

/**
 * The ids a matrix computes with: criterion ids when a model is given and the ids name its criteria, else
 * the ids as written; with the problems of ids that name none (skipping those `reported` already).
 */
function criterionIds(
  ids: readonly string[],
  model: Model | undefined,
  pathOf: (k: number) => ProblemPath,
  reported: (k: number) => boolean,
): { readonly ids: string[]; readonly problems: Problem[] } {
  if (model === undefined) return { ids: [...ids], problems: [] };
  const criteria = pairwiseCriterionIds(model, ids);
  if (criteria.success) return { ids: [...criteria.ids], problems: [] };
  return {
    ids: [...ids],
    problems: criteria.problems
      .filter(({ index }) => !reported(index))
      .map(({ index, message }) => ({ path: pathOf(index), message })),
  };
}

/** Problems in reading order: by row, then column (a problem of a whole row before its cells). */
function sortByPlace(problems: readonly Problem[], offset: number): Problem[] {
  const key = (problem: Problem, k: number) => {
    const part = problem.path[offset + k];
    return typeof part === "number" ? part : -1;
  };
  return [...problems].sort((a, b) => key(a, 0) - key(b, 0) || key(a, 1) - key(b, 1));
}

/**
 * Like {@link safeParsePairwiseTable}, but throws.
 *
 * @param table - the cells, row by row (header row, then one row per id)
 * @param options - a path prefix for problems
 * @returns the reciprocal matrix
 * @throws {@link CxprismError} `invalid-input` with every problem and its cell
 * @example
 * const matrix = parsePairwiseTable([
 *   ["", "cx_impact", "cost_to_serve"],
 *   ["cx_impact", "1", "3"],
 *   ["cost_to_serve", "1/3", "1"],
 * ]);
 * ahpWeights(matrix).weights; // { cx_impact: 0.75, cost_to_serve: 0.25 }
 */
export function parsePairwiseTable(
  table: readonly (readonly string[])[],
  options: PairwiseTableOptions = {},
): PairwiseMatrix {
  const outcome = safeParsePairwiseTable(table, options);
  if (!outcome.success) throw new CxprismError("invalid-input", outcome.problems);
  return outcome.matrix;
}

/**
 * Checks a numeric pairwise matrix (as sent to an API): unique non-empty ids, a square matrix of their size,
 * judgments within 1/9..9 or `null`, a diagonal of 1 (or `null`), reciprocal pairs. Returns it completed
 * (mirrors of given judgments filled, the lower triangle made the exact reciprocal of the upper).
 * Problems are at `[...path, "values", i, j]` or `[...path, "ids", k]`.
 *
 * @param matrix - the candidate matrix
 * @param options - a path prefix for problems
 * @returns `{success: true, matrix}` or `{success: false, problems}`
 */
export function safeCheckPairwiseMatrix(
  matrix: PairwiseMatrix,
  options: PairwiseTableOptions = {},
): PairwiseParse {
  const prefix = options.path ?? [];
  const problems: Problem[] = [];
  const n = matrix.ids.length;
  const seen = new Set<string>();
  matrix.ids.forEach((id, k) => {
    if (typeof id !== "string" || id.trim() === "" || seen.has(id)) {
      problems.push({
        path: [...prefix, "ids", k],
        message: `expected a unique, non-empty id, received ${describeValue(id)}`,
      });
    }
    seen.add(id);
  });
  if (n === 0)
    problems.push({ path: [...prefix, "ids"], message: "expected at least one id, received none" });
  if (matrix.values.length !== n) {
    problems.push({
      path: [...prefix, "values"],
      message: `expected a square matrix of ${n} rows (one per id), received ${matrix.values.length}`,
    });
  }
  const grid: (number | null)[][] = [];
  for (let i = 0; i < Math.min(n, matrix.values.length); i++) {
    const row = matrix.values[i]!;
    if (row.length !== n) {
      problems.push({
        path: [...prefix, "values", i],
        message: `expected ${n} judgments (one per id), received ${row.length}`,
      });
    }
    const cells: (number | null)[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const value = row[j];
      cells[j] = null;
      if (value === null || value === undefined) continue;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        problems.push({
          path: [...prefix, "values", i, j],
          message: `expected a finite number or null, received ${describeValue(value)}`,
        });
      } else cells[j] = value;
    }
    grid.push(cells);
  }
  // Rows missing from a matrix that is not square are checked as unjudged, so that every other problem shows.
  while (grid.length < n) grid.push(new Array(n).fill(null));
  const idProblems = new Set(
    problems.filter((p) => p.path[prefix.length] === "ids").map((p) => p.path[prefix.length + 1]),
  );
  const criteria = criterionIds(
    matrix.ids,
    options.model,
    (k) => [...prefix, "ids", k],
    (k) => idProblems.has(k),
  );
  const checked = checkGrid([...matrix.ids], grid, (i, j) => [...prefix, "values", i, j]);
  for (const problem of [...criteria.problems, ...checked.problems]) problems.push(problem);
  if (problems.length > 0) return failure(problems);
  return { success: true, matrix: { ids: criteria.ids, values: checked.values } };
}

/**
 * Reads one judgment cell: `3`, `1/3`, `0.333`, `.5` (spaces allowed around `/`).
 *
 * @param text - the cell
 * @returns the number, `null` for an empty cell, `undefined` when unreadable
 */
export function parseJudgment(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^(\d+(?:\.\d*)?|\.\d+)(?:\s*\/\s*(\d+(?:\.\d*)?|\.\d+))?$/.exec(trimmed);
  if (match === null) return undefined;
  const numerator = Number(match[1]);
  const value = match[2] === undefined ? numerator : numerator / Number(match[2]);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Range, diagonal and reciprocity checks shared by both readers; fills mirrors of given judgments. Cells
 * that could not be read are `null` in `grid` and take no part.
 */
function checkGrid(
  ids: readonly string[],
  grid: (number | null)[][],
  pathOf: (i: number, j: number) => ProblemPath,
): { readonly problems: Problem[]; readonly values: (number | null)[][] } {
  const n = ids.length;
  const problems: Problem[] = [];
  const at = (i: number, j: number) => `(row ${ids[i]}, column ${ids[j]})`;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = grid[i]![j]!;
      if (value === null) continue;
      if (i === j) {
        if (Math.abs(value - 1) > 1e-9) {
          problems.push({
            path: pathOf(i, j),
            message: `expected 1 on the diagonal ${at(i, j)}, received ${value}`,
          });
        }
      } else if (!(value >= LOWEST * (1 - ROUNDING) && value <= HIGHEST * (1 + 1e-9))) {
        problems.push({
          path: pathOf(i, j),
          message: `expected a judgment from 1/9 to 9 (Saaty's scale) ${at(i, j)}, received ${formatJudgment(value)}`,
        });
        grid[i]![j] = null;
      }
    }
  }
  const values: (number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row: (number | null)[] = new Array(n).fill(null);
    row[i] = 1;
    values.push(row);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const upper = grid[i]![j]!;
      const lower = grid[j]![i]!;
      if (upper !== null && lower !== null && Math.abs(upper * lower - 1) > RECIPROCAL_TOLERANCE) {
        problems.push({
          path: pathOf(j, i),
          message: `expected ${formatJudgment(1 / upper)}, the reciprocal of ${formatJudgment(upper)} ${at(i, j)}, received ${formatJudgment(lower)} ${at(j, i)}`,
        });
      }
      const value = upper ?? (lower === null ? null : 1 / lower);
      values[i]![j] = value;
      values[j]![i] = value === null ? null : 1 / value;
    }
  }
  return { problems, values };
}

/**
 * Writes a judgment the way people write them: whole numbers as is, reciprocals of whole numbers as `1/k`,
 * anything else to three decimals.
 *
 * @param value - the judgment
 * @returns e.g. `3`, `1/3`, `2.414`
 */
export function formatJudgment(value: number): string {
  if (Math.abs(value - Math.round(value)) < 1e-9) return String(Math.round(value));
  const inverse = 1 / value;
  if (Math.abs(inverse - Math.round(inverse)) < 1e-9) return `1/${Math.round(inverse)}`;
  return String(Math.round(value * 1000) / 1000);
}

function trimTrailingEmptyRows(table: readonly (readonly string[])[]): readonly (readonly string[])[] {
  let end = table.length;
  while (end > 0 && table[end - 1]!.every((cell) => cell.trim() === "")) end--;
  return table.slice(0, end);
}

function failure(problems: Problem[]): PairwiseParse {
  return { success: false, problems };
}
