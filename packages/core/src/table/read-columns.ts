import type { Model } from "../schema/model.js";
import type { InitiativeColumns } from "../validate/columns.js";
import { isBlankRow, parseTableNumber, splitTableList, textCell, unprotectCell } from "./cells.js";
import type { TableLayout } from "./header.js";
import type { TableProblem } from "./problems.js";
import {
  type RowReadOptions,
  ratingColumnsOf,
  type TableOrigins,
  type TableRowReader,
  tooManyCells,
} from "./read-rows.js";

/** Initiatives read from table rows as columns (tables without a `rater` column): no object per row. */
export interface TableColumns {
  readonly kind: "columns";
  /** In input order, one entry per data row; the input of `validateColumns`. */
  readonly columns: InitiativeColumns;
  readonly origins: TableOrigins;
  /** Problems of the rows themselves (the core's validation finds the rest). */
  readonly problems: TableProblem[];
  /** How many data rows were read (blank rows not counted). */
  readonly rows: number;
}

/** Distinct list cells (`aht|fcr`) and short texts (categories) are shared up to this many values. */
const INTERN_LIMIT = 4096;
const NO_ITEMS: readonly string[] = Object.freeze([]);

/** A Float64Array that grows by doubling; `values()` copies out exactly the filled part. */
class GrowingColumn {
  private data = new Float64Array(1024);
  private length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  values(): Float64Array {
    const values = this.data.slice(0, this.length);
    this.data = new Float64Array(0);
    return values;
  }
}

/** Shares equal values (a category, a KPI list) between rows, up to {@link INTERN_LIMIT} distinct ones. */
function createInterner<T>(make: (cell: string) => T): (cell: string) => T {
  const known = new Map<string, T>();
  return (cell) => {
    const value = known.get(cell);
    if (value !== undefined) return value;
    const made = make(cell);
    if (known.size < INTERN_LIMIT) known.set(cell, made);
    return made;
  };
}

const splitSharedList = (cell: string): readonly string[] =>
  cell === "" ? NO_ITEMS : Object.freeze(splitTableList(cell));

/**
 * Creates the reader of table rows into initiative columns for a layout without a `rater` column: each row is
 * one initiative, read exactly as {@link createRowReader} reads it (cells trimmed, an empty rating cell not
 * rated, numbers with a decimal comma when asked, anything else passed on as text for the core to report,
 * blank rows skipped), but kept as one array per field and one Float64Array per rated criterion, so that a
 * million rows need no million objects.
 *
 * @param layout - the mapped header (without a `rater` column)
 * @param model - the model whose criteria the rating columns hold
 * @param options - number format
 * @returns the reader
 */
export function createColumnReader(
  layout: TableLayout,
  model: Model,
  options: RowReadOptions,
): TableRowReader<TableColumns> {
  const { fields, names } = layout;
  const width = names.length;
  const ratingColumns = ratingColumnsOf(layout, model).map((rating) => ({
    ...rating,
    values: new GrowingColumn(),
    cells: new Map<number, string>(),
  }));
  const texts = (field: keyof typeof fields) => (fields[field] === undefined ? undefined : ([] as string[]));
  const ids = fields.id === undefined ? undefined : ([] as (string | undefined)[]);
  const namesColumn: string[] = [];
  const categories = texts("category");
  const descriptions = texts("description");
  const costs = fields.cost === undefined ? undefined : ([] as (number | string | undefined)[]);
  const lists = (field: keyof typeof fields) =>
    fields[field] === undefined ? undefined : ([] as (readonly string[])[]);
  const kpis = lists("kpis");
  const dependsOn = lists("depends_on");
  const capabilities = lists("capabilities");
  const extras = layout.extras.map((column) => ({ name: names[column]!, column, values: [] as string[] }));
  const internText = createInterner((cell) => cell);
  const internList = createInterner(splitSharedList);
  const firstRows: number[] = [];
  const problems: TableProblem[] = [];
  let rows = 0;

  return {
    add(cells, row) {
      if (isBlankRow(cells)) return;
      const i = rows++;
      const long = tooManyCells(cells, width, row);
      if (long !== undefined) problems.push(long);
      firstRows.push(row);
      namesColumn.push(textCell(cells, fields.name));
      if (ids !== undefined) {
        const id = textCell(cells, fields.id);
        ids.push(id === "" ? undefined : id);
      }
      if (categories !== undefined) categories.push(internText(textCell(cells, fields.category)));
      if (descriptions !== undefined) descriptions.push(textCell(cells, fields.description));
      if (costs !== undefined) {
        const cost = textCell(cells, fields.cost);
        // Not a number: passed on as text so the core reports what it expected.
        costs.push(cost === "" ? undefined : (parseTableNumber(cost, options.decimalComma) ?? cost));
      }
      if (kpis !== undefined) kpis.push(internList(textCell(cells, fields.kpis)));
      if (dependsOn !== undefined) dependsOn.push(internList(textCell(cells, fields.depends_on)));
      if (capabilities !== undefined) capabilities.push(internList(textCell(cells, fields.capabilities)));
      for (const extra of extras) extra.values.push(textCell(cells, extra.column));
      for (const rating of ratingColumns) {
        const raw = cells[rating.column] ?? "";
        // Fast path for the common one-digit rating: no trim, no regular expression.
        const digit = raw.length === 1 ? raw.charCodeAt(0) - 48 : -1;
        if (rating.numeric && digit >= 0 && digit <= 9) {
          rating.values.push(digit);
          continue;
        }
        const text = raw.trim();
        const number =
          text !== "" && rating.numeric ? parseTableNumber(text, options.decimalComma) : undefined;
        rating.values.push(number ?? Number.NaN);
        if (text !== "" && number === undefined) rating.cells.set(i, unprotectCell(text));
      }
    },
    finish() {
      const columns: InitiativeColumns = {
        size: rows,
        ids,
        names: namesColumn,
        categories,
        descriptions,
        costs,
        kpis,
        dependsOn,
        capabilities,
        ...(extras.length === 0
          ? {}
          : { extra: Object.fromEntries(extras.map((extra) => [extra.name, extra.values])) }),
        ratings: Object.fromEntries(ratingColumns.map((rating) => [rating.id, rating.values.values()])),
        ratingCells: Object.fromEntries(ratingColumns.map((rating) => [rating.id, rating.cells])),
      };
      return {
        kind: "columns",
        columns,
        origins: { layout, firstRows, raterRows: undefined },
        problems,
        rows,
      };
    },
  };
}
