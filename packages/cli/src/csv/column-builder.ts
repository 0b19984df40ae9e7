import { isLabelScale, type Model } from "@cxprism/core";
import type { InitiativeColumns } from "@cxprism/core/table";
import type { HeaderLayout } from "./header.js";
import type { BuilderOptions, RowMap, RowProblem } from "./initiative-builder.js";
import { parseCellNumber } from "./number.js";

/** Initiatives read from CSV rows as columns (files without a `rater` column): no object per row. */
export interface BuiltColumns {
  readonly kind: "columns";
  /** In input order, one entry per data row; the input of `validateColumns`. */
  readonly columns: InitiativeColumns;
  /** Where each initiative came from. */
  readonly rowMap: RowMap;
  /** Problems found while reading rows (the core finds the rest). */
  readonly problems: RowProblem[];
  /** How many data rows were read (blank rows not counted). */
  readonly rows: number;
}

/** Accumulates CSV records into columns: `add` each data record, then `finish`. */
export interface ColumnBuilder {
  /**
   * @param record - the cells of one data record
   * @param row - its spreadsheet row (the header is row 1)
   */
  add(record: readonly string[], row: number): void;
  /** @returns everything read so far */
  finish(): BuiltColumns;
}

const LIST_SEPARATOR = /\s*[;|]\s*/;
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

function splitList(cell: string): readonly string[] {
  return cell === "" ? NO_ITEMS : Object.freeze(cell.split(LIST_SEPARATOR).filter((item) => item !== ""));
}

/**
 * Creates the mapping from CSV records to initiative columns for a header layout without a `rater` column:
 * each row is one initiative, read exactly as {@link createInitiativeBuilder} reads it (cells trimmed, an
 * empty rating cell not rated, numbers with a decimal comma when asked, anything else passed on as text for
 * the core to report), but kept as one array per field and one Float64Array per rated criterion.
 *
 * @param layout - the mapped header (without a `rater` column)
 * @param model - the model whose criteria the rating columns hold
 * @param options - number format
 * @returns a builder
 */
export function createColumnBuilder(
  layout: HeaderLayout,
  model: Model,
  options: BuilderOptions,
): ColumnBuilder {
  const { fields, names } = layout;
  const width = names.length;
  const ratingColumns = model.criteria.flatMap((criterion, index) => {
    const column = layout.criteria[index]!;
    return column === -1
      ? []
      : [
          {
            id: criterion.id,
            column,
            numeric: !isLabelScale(criterion.scale),
            values: new GrowingColumn(),
            cells: new Map<number, string>(),
          },
        ];
  });
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
  const internList = createInterner(splitList);
  const firstRows: number[] = [];
  const problems: RowProblem[] = [];
  let rows = 0;

  const cell = (record: readonly string[], column: number | undefined): string =>
    column === undefined ? "" : (record[column] ?? "").trim();

  return {
    add(record, row) {
      if (record.length === 1 && record[0]!.trim() === "") return; // a blank line
      const i = rows++;
      if (record.length > width) {
        problems.push({
          row,
          column: undefined,
          message: `expected at most ${width} fields (one per header column), received ${record.length}`,
        });
      }
      firstRows.push(row);
      namesColumn.push(cell(record, fields.name));
      if (ids !== undefined) {
        const id = cell(record, fields.id);
        ids.push(id === "" ? undefined : id);
      }
      if (categories !== undefined) categories.push(internText(cell(record, fields.category)));
      if (descriptions !== undefined) descriptions.push(cell(record, fields.description));
      if (costs !== undefined) {
        const cost = cell(record, fields.cost);
        // Not a number: passed on as text so the core reports what it expected.
        costs.push(cost === "" ? undefined : (parseCellNumber(cost, options.decimalComma) ?? cost));
      }
      if (kpis !== undefined) kpis.push(internList(cell(record, fields.kpis)));
      if (dependsOn !== undefined) dependsOn.push(internList(cell(record, fields.depends_on)));
      if (capabilities !== undefined) capabilities.push(internList(cell(record, fields.capabilities)));
      for (const extra of extras) extra.values.push(cell(record, extra.column));
      for (const rating of ratingColumns) {
        const raw = record[rating.column] ?? "";
        // Fast path for the common one-digit rating: no trim, no regular expression.
        const digit = raw.length === 1 ? raw.charCodeAt(0) - 48 : -1;
        if (rating.numeric && digit >= 0 && digit <= 9) {
          rating.values.push(digit);
          continue;
        }
        const text = raw.trim();
        const number =
          text !== "" && rating.numeric ? parseCellNumber(text, options.decimalComma) : undefined;
        rating.values.push(number ?? Number.NaN);
        if (text !== "" && number === undefined) rating.cells.set(i, text);
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
        rowMap: { layout, firstRows, raterRows: undefined },
        problems,
        rows,
      };
    },
  };
}
