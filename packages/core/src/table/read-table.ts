import { CxprismError, type Problem } from "../errors.js";
import type { Model } from "../schema/model.js";
import { type ColumnPortfolio, validateColumns } from "../validate/columns.js";
import {
  type MissingPolicy,
  type Portfolio,
  type Requirement,
  validatePortfolio,
} from "../validate/portfolio.js";
import { isBlankRow } from "./cells.js";
import { extraColumnNames, mapTableHeader, type TableFormulaEntry, type TableLayout } from "./header.js";
import { isAboutAbsentColumn, placeTableProblem } from "./locate.js";
import type { TableProblem } from "./problems.js";
import { createColumnReader, type TableColumns } from "./read-columns.js";
import { createRowReader, type TableRowReader, type TableRows } from "./read-rows.js";

/** One row of a table as a byte-level parser (CSV, xlsx) gives it: string cells and the spreadsheet row. */
export interface TableRow {
  /** The row number a spreadsheet shows in its margin (the first row is 1). */
  readonly row: number;
  readonly cells: readonly string[];
}

/** Options for reading a table of initiatives. */
export interface TableOptions {
  /** The model whose criteria the rating columns hold. */
  readonly model: Model;
  /** `error` (default): a missing rating is a problem; `neutral`: it scores the scale midpoint. */
  readonly missing?: MissingPolicy | undefined;
  /** Whether a comma is the decimal separator (CSV files delimited by `;`). Default false. */
  readonly decimalComma?: boolean | undefined;
  /** Longest accepted header cell, in characters (default: no limit). */
  readonly maxHeaderLength?: number | undefined;
  /**
   * The core's formula entry (`import * as formula from "@cxprism/core/formula"`): needed only for a model
   * with formula criteria, so that other tables never load mathjs.
   */
  readonly formula?: TableFormulaEntry | undefined;
  /**
   * Fields every initiative must have (planning: `cost`), reported with the other problems. Checked on tables
   * read as objects (`readRows`, `readInitiativeTable`), which is how a table to plan is read.
   */
  readonly require?: readonly Requirement[] | undefined;
}

/** A table whose header has been read: the layout, the header's problems, and readers for the rows. */
export interface TableStart {
  readonly layout: TableLayout;
  /** Problems of the header (reading the rows goes on regardless, so every problem is found at once). */
  readonly problems: readonly TableProblem[];
  /** The headers kept as extra columns, to list once for the user. */
  readonly extraColumns: readonly string[];
  /** A reader of the rows into initiative objects. */
  readRows(): TableRowReader<TableRows>;
  /** A reader of the rows into columns (only for a layout without a `rater` column). */
  readColumns(): TableRowReader<TableColumns>;
}

/** The outcome of checking a read table with the core. */
export type TableCheck<P> =
  | {
      readonly success: true;
      readonly portfolio: P;
      /** The initiatives as read (after formula criteria were derived), when read as objects. */
      readonly initiatives: readonly unknown[];
    }
  | { readonly success: false; readonly problems: TableProblem[] };

/**
 * Reads a table's header (the first row with any content) and prepares readers for its rows: the streaming
 * half of {@link readInitiativeTable}, for a face that feeds rows as its parser yields them.
 *
 * @param header - the header row
 * @param options - the model, the missing-rating policy and the number format
 * @returns the layout, the header's problems and row readers
 */
export function startTable(header: TableRow, options: TableOptions): TableStart {
  const { layout, problems } = mapTableHeader(header.cells, header.row, options.model, options);
  const readOptions = { decimalComma: options.decimalComma ?? false };
  return {
    layout,
    problems,
    extraColumns: extraColumnNames(layout),
    readRows: () => createRowReader(layout, options.model, readOptions),
    readColumns: () => createColumnReader(layout, options.model, readOptions),
  };
}

/**
 * Checks what a table reader read with the core (deriving formula criteria first, then validating), and
 * gathers every problem in one list: the header's, the rows' and the core's, each placed at its row and
 * column. A criterion without a column is reported once at the header, never again on every row.
 *
 * @param start - the table's start (its header problems)
 * @param read - what its reader read
 * @param options - the model and the missing-rating policy
 * @returns the validated portfolio, or every problem in row order
 */
export function checkTable(start: TableStart, read: TableRows, options: TableOptions): TableCheck<Portfolio>;
export function checkTable(
  start: TableStart,
  read: TableColumns,
  options: TableOptions,
): TableCheck<ColumnPortfolio>;
export function checkTable(
  start: TableStart,
  read: TableRows | TableColumns,
  options: TableOptions,
): TableCheck<Portfolio | ColumnPortfolio> {
  const problems: TableProblem[] = [...start.problems, ...read.problems];
  if (read.rows === 0)
    problems.push({
      row: start.layout.headerRow + 1,
      message: "expected at least one initiative row after the header, received none",
    });
  const place = (found: readonly Problem[]) => {
    for (const problem of found)
      if (!isAboutAbsentColumn(problem, read.origins))
        problems.push(placeTableProblem(problem, read.origins));
  };
  const failed = (): TableCheck<never> => ({
    success: false,
    problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  });
  if (start.layout.fields.name === undefined || read.rows === 0) return failed();
  const missing = options.missing ?? "error";
  if (read.kind === "columns") {
    const validation = validateColumns(read.columns, { model: options.model, missing });
    if (!validation.success) place(validation.problems);
    if (problems.length > 0 || !validation.success) return failed();
    return { success: true, portfolio: validation.portfolio, initiatives: [] };
  }
  let initiatives: readonly unknown[] = read.initiatives;
  if (
    options.formula !== undefined &&
    options.model.criteria.some((criterion) => criterion.formula !== undefined)
  ) {
    try {
      initiatives = options.formula.deriveFormulaCriteria(read.initiatives, {
        model: options.model,
      }).initiatives;
    } catch (error) {
      if (!(error instanceof CxprismError)) throw error;
      // Problems of the model itself have no place in the table: kept with their model path.
      place(error.problems);
      return failed();
    }
  }
  const validation = validatePortfolio(initiatives, {
    model: options.model,
    missing,
    require: options.require,
  });
  if (!validation.success) place(validation.problems);
  if (problems.length > 0 || !validation.success) return failed();
  return { success: true, portfolio: validation.portfolio, initiatives };
}

/** What {@link readInitiativeTable} returns. */
export interface InitiativeTable {
  /** The initiatives as read (raters merged), before validation. */
  readonly initiatives: readonly unknown[];
  /** Where each initiative came from: pass to `placeTableProblem` for problems found later. */
  readonly origins: TableRows["origins"];
  /** The headers kept as extra columns, to list once ("kept as extra columns: Owner, Notes"). */
  readonly extraColumns: readonly string[];
  /** Every problem of the table, header, rows and core validation together, in row order. */
  readonly problems: readonly TableProblem[];
  /** The validated portfolio, when there are no problems. */
  readonly portfolio: Portfolio | undefined;
}

/**
 * Reads a wide table of initiatives (see docs/table-format.md) from rows of string cells, as a CSV or xlsx
 * parser yields them, and checks it with the core in one pass: every problem of the header, the cells, the
 * raters and the core's validation comes back at once, each at its spreadsheet row and column. Leading blank
 * rows are skipped; the first row with content is the header; blank rows later on are skipped too.
 *
 * @example
 * const table = readInitiativeTable(
 *   [{ row: 1, cells: ["name", "cx_impact"] }, { row: 2, cells: ["Chatbot", "4"] }],
 *   { model: defaultModel, missing: "neutral" },
 * );
 * // table.portfolio is ready for scorePortfolio; table.problems lists what stopped it
 *
 * @param rows - the table's rows, in order
 * @param options - the model, the missing-rating policy and the number format
 * @returns the initiatives, their origins, the problems and (when there are none) the validated portfolio
 */
export function readInitiativeTable(rows: Iterable<TableRow>, options: TableOptions): InitiativeTable {
  let start: TableStart | undefined;
  let reader: TableRowReader<TableRows> | undefined;
  for (const { row, cells } of rows) {
    if (reader !== undefined) reader.add(cells, row);
    else if (!isBlankRow(cells)) {
      start = startTable({ row, cells }, options);
      reader = start.readRows();
    }
  }
  if (start === undefined || reader === undefined)
    return {
      initiatives: [],
      origins: { layout: mapTableHeader([], 1, options.model).layout, firstRows: [], raterRows: undefined },
      extraColumns: [],
      problems: [{ message: "expected a header row and initiative rows, received an empty table" }],
      portfolio: undefined,
    };
  const read = reader.finish();
  const check = checkTable(start, read, options);
  return {
    initiatives: check.success ? check.initiatives : read.initiatives,
    origins: read.origins,
    extraColumns: start.extraColumns,
    problems: check.success ? [] : check.problems,
    portfolio: check.success ? check.portfolio : undefined,
  };
}
