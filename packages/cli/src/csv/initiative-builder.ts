import { type InitiativeInput, isLabelScale, type Model, type RatingValue, slugify } from "@cxprism/core";
import { formulaFieldColumns } from "./formula-fields.js";
import type { FieldColumn, HeaderLayout } from "./header.js";
import { parseCellNumber } from "./number.js";

/** A problem found while reading one CSV row. */
export interface RowProblem {
  /** The spreadsheet row (the header is row 1). */
  readonly row: number;
  /** The header of the column as written, when the problem is in one cell. */
  readonly column: string | undefined;
  readonly message: string;
}

/** Where each initiative came from, so a problem with `initiatives[i]` can be shown at its row and column. */
export interface RowMap {
  readonly layout: HeaderLayout;
  /** The first spreadsheet row of each initiative. */
  readonly firstRows: readonly number[];
  /** With a `rater` column: the row of each rater of each initiative, in rater order. */
  readonly raterRows: readonly (readonly number[])[] | undefined;
}

/** Initiatives read from CSV rows, with their rows and the problems that CSV-level reading found. */
export interface BuiltInitiatives {
  /** In input order; extra columns are in each initiative's `extra`. */
  readonly initiatives: InitiativeInput[];
  /** Where each initiative came from. */
  readonly rowMap: RowMap;
  /** Problems found while reading rows (the core finds the rest). */
  readonly problems: RowProblem[];
  /** How many data rows were read (blank rows not counted). */
  readonly rows: number;
}

/** Options for {@link createInitiativeBuilder}. */
export interface BuilderOptions {
  /** Whether a comma is the decimal separator (files delimited by `;`). */
  readonly decimalComma: boolean;
  /** The numeric fields the model's formulas read, each taken from its column when the file has one. */
  readonly formulaFields?: readonly string[];
}

/** Accumulates CSV records into initiatives: `add` each data record, then `finish`. */
export interface InitiativeBuilder {
  /**
   * @param record - the cells of one data record
   * @param row - its spreadsheet row (the header is row 1)
   */
  add(record: readonly string[], row: number): void;
  /** @returns everything read so far */
  finish(): BuiltInitiatives;
}

const LIST_SEPARATOR = /\s*[;|]\s*/;

/** Numeric columns and the initiative keys they fill. */
const MONEY_FIELDS = [
  ["cost", "cost"],
  ["run_cost", "runCost"],
  ["benefit", "benefit"],
  ["effort", "effort"],
] as const satisfies readonly (readonly [FieldColumn, keyof InitiativeInput])[];

function splitList(cell: string): string[] {
  return cell === "" ? [] : cell.split(LIST_SEPARATOR).filter((item) => item !== "");
}

/**
 * Creates the mapping from CSV records to initiatives for a header layout. Without a `rater` column each row
 * is one initiative. With one, rows sharing an id (or, without an id, a name) are one initiative rated by
 * several people: the first row gives its name, category, description and lists, every row adds a rater.
 *
 * Cells are trimmed. An empty rating cell is "not rated" (`null`); a rating on a numeric scale is read as a
 * number (decimal comma when asked); anything that is not a number is passed on as text, so the core reports
 * it with what its scale expects.
 *
 * @param layout - the mapped header
 * @param model - the model whose criteria the rating columns hold
 * @param options - number format
 * @returns a builder
 */
export function createInitiativeBuilder(
  layout: HeaderLayout,
  model: Model,
  options: BuilderOptions,
): InitiativeBuilder {
  const { fields, names } = layout;
  const width = names.length;
  const raterColumn = fields.rater;
  const numeric = model.criteria.map((criterion) => !isLabelScale(criterion.scale));
  const ratingColumns: { id: string; column: number; numeric: boolean }[] = [];
  model.criteria.forEach((criterion, index) => {
    const column = layout.criteria[index]!;
    if (column !== -1) ratingColumns.push({ id: criterion.id, column, numeric: numeric[index]! });
  });
  const initiatives: InitiativeInput[] = [];
  const firstRows: number[] = [];
  const raterRows: number[][] | undefined = raterColumn === undefined ? undefined : [];
  const fieldColumns = formulaFieldColumns(layout, options.formulaFields ?? []);
  const byKey = new Map<string, number>();
  const problems: RowProblem[] = [];
  let rows = 0;

  const cell = (record: readonly string[], column: number | undefined): string =>
    column === undefined ? "" : (record[column] ?? "").trim();

  function readRatings(record: readonly string[]): Record<string, RatingValue> {
    const ratings: Record<string, RatingValue> = {};
    for (const { id, column, numeric } of ratingColumns) {
      const raw = record[column] ?? "";
      // Fast path for the common one-digit rating: no trim, no regular expression.
      const digit = raw.length === 1 ? raw.charCodeAt(0) - 48 : -1;
      if (numeric && digit >= 0 && digit <= 9) {
        ratings[id] = digit;
        continue;
      }
      const text = raw.trim();
      if (text === "") ratings[id] = null;
      else if (numeric) ratings[id] = parseCellNumber(text, options.decimalComma) ?? text;
      else ratings[id] = text;
    }
    return ratings;
  }

  function readInitiative(record: readonly string[]): InitiativeInput {
    const initiative: InitiativeInput = { name: cell(record, fields.name) };
    const text = (field: FieldColumn) => cell(record, fields[field]);
    const id = text("id");
    if (id !== "") initiative.id = id;
    if (fields.category !== undefined) initiative.category = text("category");
    if (fields.description !== undefined) initiative.description = text("description");
    // Not a number: passed on as text so the core reports what it expected.
    const number = (raw: string) => (parseCellNumber(raw, options.decimalComma) ?? raw) as number;
    for (const [field, key] of MONEY_FIELDS) {
      const amount = text(field);
      if (amount !== "") initiative[key] = number(amount);
    }
    if (fieldColumns.length > 0) {
      const values: Record<string, number> = {};
      for (const { name, column } of fieldColumns) {
        const raw = cell(record, column);
        if (raw !== "") values[name] = number(raw);
      }
      initiative.fields = values;
    }
    if (fields.kpis !== undefined) initiative.kpis = splitList(text("kpis")) as InitiativeInput["kpis"];
    if (fields.depends_on !== undefined) initiative.dependsOn = splitList(text("depends_on"));
    if (fields.capabilities !== undefined) initiative.capabilities = splitList(text("capabilities"));
    if (layout.extras.length > 0) {
      const extra: Record<string, string> = {};
      for (const column of layout.extras) extra[names[column]!] = cell(record, column);
      initiative.extra = extra;
    }
    return initiative;
  }

  return {
    add(record, row) {
      if (record.length === 1 && record[0]!.trim() === "") return; // a blank line
      rows++;
      if (record.length > width) {
        problems.push({
          row,
          column: undefined,
          message: `expected at most ${width} fields (one per header column), received ${record.length}`,
        });
      }
      if (raterRows === undefined) {
        const initiative = readInitiative(record);
        initiative.ratings = readRatings(record);
        initiatives.push(initiative);
        firstRows.push(row);
        return;
      }
      const key = cell(record, fields.id) || slugify(cell(record, fields.name));
      const rater = { rater: cell(record, raterColumn), ratings: readRatings(record) };
      const known = key === "" ? undefined : byKey.get(key);
      if (known === undefined) {
        const initiative = readInitiative(record);
        initiative.raters = [rater];
        if (key !== "") byKey.set(key, initiatives.length);
        initiatives.push(initiative);
        firstRows.push(row);
        raterRows.push([row]);
      } else {
        initiatives[known]!.raters!.push(rater);
        raterRows[known]!.push(row);
      }
    },
    finish() {
      return { initiatives, rowMap: { layout, firstRows, raterRows }, problems, rows };
    },
  };
}
