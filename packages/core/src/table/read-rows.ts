import { isLabelScale } from "../schema/criterion.js";
import type { InitiativeInput, RatingValue } from "../schema/initiative.js";
import type { Model } from "../schema/model.js";
import { slugify } from "../validate/slug.js";
import { editDistance } from "../validate/suggest.js";
import { isBlankRow, parseTableNumber, splitTableList, textCell, unprotectCell } from "./cells.js";
import type { TableField, TableLayout } from "./header.js";
import type { TableProblem } from "./problems.js";

/** Where each initiative came from, so a problem with `initiatives[i]` can be shown at its row and column. */
export interface TableOrigins {
  readonly layout: TableLayout;
  /** The first spreadsheet row of each initiative. */
  readonly firstRows: readonly number[];
  /** With a `rater` column: the row of each rater of each initiative, in rater order. */
  readonly raterRows: readonly (readonly number[])[] | undefined;
}

/** Initiative objects read from table rows, with their rows and the problems found while reading. */
export interface TableRows {
  readonly kind: "initiatives";
  /** In input order; extra columns are in each initiative's `extra`. */
  readonly initiatives: InitiativeInput[];
  readonly origins: TableOrigins;
  /** Problems of the rows themselves (the core's validation finds the rest). */
  readonly problems: TableProblem[];
  /** How many data rows were read (blank rows not counted). */
  readonly rows: number;
}

/** Options for reading rows. */
export interface RowReadOptions {
  /** Whether a comma is the decimal separator (CSV files delimited by `;`). */
  readonly decimalComma: boolean;
}

/** Accumulates rows: `add` each data row, then `finish`. */
export interface TableRowReader<Read> {
  /**
   * @param cells - the cells of one data row
   * @param row - its spreadsheet row
   */
  add(cells: readonly string[], row: number): void;
  /** @returns everything read */
  finish(): Read;
}

/** Numeric columns and the initiative keys they fill. */
const MONEY_FIELDS = [
  ["cost", "cost"],
  ["run_cost", "runCost"],
  ["benefit", "benefit"],
  ["effort", "effort"],
] as const satisfies readonly (readonly [TableField, keyof InitiativeInput])[];

/** Above this many initiatives, names are not compared pairwise for likely typos. */
const NAME_CHECK_LIMIT = 5000;

/**
 * A problem for a row with more cells than the header has columns; cells past the header that are empty
 * (trailing delimiters) are no problem.
 */
export function tooManyCells(cells: readonly string[], width: number, row: number): TableProblem | undefined {
  if (cells.length <= width) return undefined;
  for (let i = width; i < cells.length; i++)
    if (cells[i]!.trim() !== "")
      return {
        row,
        message: `expected at most ${width} cells (one per header column), received ${cells.length}`,
      };
  return undefined;
}

/** A rating column of a table: the criterion it rates, its index, and whether its cells are numbers. */
export interface RatingColumn {
  readonly id: string;
  readonly column: number;
  readonly numeric: boolean;
}

/**
 * The model's criteria that the table has a column for, in model order.
 *
 * @param layout - the mapped header
 * @param model - the model whose criteria the rating columns hold
 * @returns one entry per criterion with a column
 */
export function ratingColumnsOf(layout: TableLayout, model: Model): RatingColumn[] {
  return model.criteria.flatMap((criterion, index) => {
    const column = layout.criteria[index]!;
    return column === -1 ? [] : [{ id: criterion.id, column, numeric: !isLabelScale(criterion.scale) }];
  });
}

/**
 * Creates the reader of table rows into initiative objects for a header layout. Without a `rater` column
 * each row is one initiative. With one, rows sharing an id (or, without an id, a name) are one initiative
 * rated by several people: the first row gives its name, category, description and lists, every row adds a
 * rater. Rater problems are found here, all in the same pass:
 * - an empty rater cell;
 * - a second row for the same initiative and rater (never counted as another rater);
 * - an initiative rated by fewer raters than the others whose name is close to another initiative's (a
 *   misspelt name such as `Biling chatbot` would otherwise become a new initiative with one rater).
 *
 * Cells are trimmed. An empty rating cell is "not rated" (`null`); a rating on a numeric scale is read as a
 * number (decimal comma when asked); anything that is not a number is passed on as text, so the core reports
 * it with what its scale expects. Blank rows (empty cells only) are skipped.
 *
 * @param layout - the mapped header
 * @param model - the model whose criteria the rating columns hold
 * @param options - number format
 * @returns the reader
 */
export function createRowReader(
  layout: TableLayout,
  model: Model,
  options: RowReadOptions,
): TableRowReader<TableRows> {
  const { fields, names } = layout;
  const width = names.length;
  const raterColumn = fields.rater;
  const ratingColumns = ratingColumnsOf(layout, model);
  const initiatives: InitiativeInput[] = [];
  const firstRows: number[] = [];
  const raterRows: number[][] | undefined = raterColumn === undefined ? undefined : [];
  const byKey = new Map<string, number>();
  const raterRowOf = new Map<string, number>();
  const raterNames = new Set<string>();
  const problems: TableProblem[] = [];
  let rows = 0;
  const at = (row: number, column: number | undefined, message: string): TableProblem =>
    column === undefined ? { row, message } : { row, column: column + 1, header: names[column]!, message };

  function readRatings(cells: readonly string[]): Record<string, RatingValue> {
    const ratings: Record<string, RatingValue> = {};
    for (const { id, column, numeric } of ratingColumns) {
      const raw = cells[column] ?? "";
      // Fast path for the common one-digit rating: no trim, no regular expression.
      const digit = raw.length === 1 ? raw.charCodeAt(0) - 48 : -1;
      if (numeric && digit >= 0 && digit <= 9) {
        ratings[id] = digit;
        continue;
      }
      const text = raw.trim();
      if (text === "") ratings[id] = null;
      else if (numeric) ratings[id] = parseTableNumber(text, options.decimalComma) ?? text;
      else ratings[id] = unprotectCell(text);
    }
    return ratings;
  }

  function readInitiative(cells: readonly string[]): InitiativeInput {
    const initiative: InitiativeInput = { name: textCell(cells, fields.name) };
    const text = (field: TableField) => textCell(cells, fields[field]);
    const id = text("id");
    if (id !== "") initiative.id = id;
    if (fields.category !== undefined) initiative.category = text("category");
    if (fields.description !== undefined) initiative.description = text("description");
    // Not a number: passed on as text so the core reports what it expected.
    const number = (raw: string) => (parseTableNumber(raw, options.decimalComma) ?? raw) as number;
    for (const [field, key] of MONEY_FIELDS) {
      const amount = text(field);
      if (amount !== "") initiative[key] = number(amount);
    }
    if (layout.formulaFields.length > 0) {
      const values: Record<string, number> = {};
      for (const { name, column } of layout.formulaFields) {
        const raw = textCell(cells, column);
        if (raw !== "") values[name] = number(raw);
      }
      initiative.fields = values;
    }
    if (fields.kpis !== undefined) initiative.kpis = splitTableList(text("kpis")) as InitiativeInput["kpis"];
    if (fields.depends_on !== undefined) initiative.dependsOn = splitTableList(text("depends_on"));
    if (fields.capabilities !== undefined) initiative.capabilities = splitTableList(text("capabilities"));
    if (layout.extras.length > 0) {
      const extra: Record<string, string> = {};
      for (const column of layout.extras) extra[names[column]!] = textCell(cells, column);
      initiative.extra = extra;
    }
    return initiative;
  }

  function addRater(cells: readonly string[], row: number): void {
    const name = textCell(cells, fields.name);
    const key = textCell(cells, fields.id) || slugify(name);
    const rater = textCell(cells, raterColumn);
    if (rater === "") {
      problems.push(at(row, raterColumn, "expected a rater name, received nothing"));
      return;
    }
    raterNames.add(rater.toLowerCase());
    const pair = `${key}\u0000${rater.toLowerCase()}`;
    const earlier = key === "" ? undefined : raterRowOf.get(pair);
    if (earlier !== undefined) {
      problems.push(
        at(
          row,
          raterColumn,
          `expected one row per initiative and rater, received a second row for rater "${rater}" of "${name}" (the first is row ${earlier})`,
        ),
      );
      return;
    }
    if (key !== "") raterRowOf.set(pair, row);
    const rating = { rater, ratings: readRatings(cells) };
    const known = key === "" ? undefined : byKey.get(key);
    if (known === undefined) {
      const initiative = readInitiative(cells);
      initiative.raters = [rating];
      if (key !== "") byKey.set(key, initiatives.length);
      initiatives.push(initiative);
      firstRows.push(row);
      raterRows!.push([row]);
    } else {
      initiatives[known]!.raters!.push(rating);
      raterRows![known]!.push(row);
    }
  }

  /**
   * An initiative with fewer raters than another whose name is within a third of its length in edit
   * distance is most likely a misspelling of it. Only in files with several raters: in a one-rater file
   * every initiative has one rater and close names (`Chatbot v1`, `Chatbot v2`) are legitimate.
   */
  function checkLikelyTypos(): void {
    if (raterRows === undefined || raterNames.size < 2 || initiatives.length > NAME_CHECK_LIMIT) return;
    const keys = initiatives.map((initiative) => initiative.name.trim().toLowerCase());
    initiatives.forEach((initiative, index) => {
      const count = raterRows[index]!.length;
      const limit = Math.max(1, Math.floor(keys[index]!.length / 3));
      let best: number | undefined;
      let bestDistance = limit + 1;
      keys.forEach((other, j) => {
        if (j === index || raterRows[j]!.length <= count || initiatives[j]!.id !== undefined) return;
        const distance = editDistance(keys[index]!, other);
        if (distance > 0 && distance < bestDistance) {
          best = j;
          bestDistance = distance;
        }
      });
      if (best === undefined || initiative.id !== undefined) return;
      const raters = initiative.raters!.map((rater) => rater.rater).join(", ");
      problems.push(
        at(
          firstRows[index]!,
          fields.name,
          `expected the name of an initiative the other raters rated, received "${initiative.name}" rated only by ${raters} (did you mean "${initiatives[best]!.name}" of row ${firstRows[best]}?)`,
        ),
      );
    });
  }

  return {
    add(cells, row) {
      if (isBlankRow(cells)) return;
      rows++;
      const long = tooManyCells(cells, width, row);
      if (long !== undefined) problems.push(long);
      if (raterRows !== undefined) {
        addRater(cells, row);
        return;
      }
      const initiative = readInitiative(cells);
      initiative.ratings = readRatings(cells);
      initiatives.push(initiative);
      firstRows.push(row);
    },
    finish() {
      checkLikelyTypos();
      return { kind: "initiatives", initiatives, origins: { layout, firstRows, raterRows }, problems, rows };
    },
  };
}
