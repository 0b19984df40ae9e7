import { type InitiativeInput, type Model, type ProblemPath, type RatingInput, slugify } from "@cxprism/core";
import { type CsvDelimiter, type CsvRecord, parseCsv } from "./parse-csv.js";

/** A place in a CSV file: 1-based line and column, and the column's header. */
export interface CsvLocation {
  readonly row: number;
  readonly column?: number;
  readonly field?: string;
}

/** One problem found while reading a CSV, with its place. */
export interface CsvProblem extends CsvLocation {
  /** What was expected and what was received. */
  readonly message: string;
}

/** The outcome of {@link initiativesFromCsv}. */
export type CsvMapping =
  | {
      readonly success: true;
      readonly initiatives: InitiativeInput[];
      /** Finds the CSV place of a core problem path such as `["initiatives", 2, "ratings", "cx_impact"]`. */
      readonly locate: (path: ProblemPath) => CsvLocation | undefined;
    }
  | { readonly success: false; readonly syntax: boolean; readonly problems: readonly CsvProblem[] };

/** Options for {@link initiativesFromCsv}. */
export interface CsvMappingOptions {
  /** Longest accepted header cell, in characters. */
  readonly maxHeaderLength: number;
  /** Most initiatives (distinct rows, or distinct ids with a `rater` column). */
  readonly maxInitiatives: number;
}

/** The fixed columns of the wide CSV format, by their normalised header. */
const FIXED_COLUMNS = {
  id: "id",
  name: "name",
  category: "category",
  description: "description",
  cost: "cost",
  kpis: "kpis",
  dependson: "dependsOn",
  rater: "rater",
} as const;
type FixedField = (typeof FIXED_COLUMNS)[keyof typeof FIXED_COLUMNS];

type ColumnRole =
  | { readonly kind: "fixed"; readonly field: FixedField }
  | { readonly kind: "criterion"; readonly id: string }
  | { readonly kind: "extra"; readonly key: string }
  | { readonly kind: "ignored" };

/**
 * Normalises a header for matching: case, spaces and punctuation ignored, so `Data readiness`,
 * `data_readiness` and `DATA-READINESS` all match the criterion `data_readiness` (id or label).
 *
 * @param header - a header cell
 * @returns the letters and digits of the header, lower case
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Reads the wide CSV format into initiatives for a model.
 *
 * Columns: `name` (required); optional `id` (slug of the name when absent), `category`, `description`, `cost`,
 * `kpis` and `depends_on` (`|`- or `;`-separated), `rater`; one column per criterion, matched by id or label
 * ignoring case and punctuation; any other column is carried through in `extra`. With a `rater` column, rows
 * sharing an id (or a name, when ids are absent) are one initiative rated by several people. Delimiter `,`,
 * `;` or tab is detected; with `;`, decimal commas (`3,5`) are read as decimal points. Empty cells are
 * "not rated".
 *
 * @param text - the CSV text (a UTF-8 BOM is dropped)
 * @param model - the model whose criteria name the rating columns
 * @param options - limits
 * @returns the initiatives with a way back from problem paths to CSV places, or every CSV-level problem
 */
export function initiativesFromCsv(text: string, model: Model, options: CsvMappingOptions): CsvMapping {
  const parsed = parseCsv(text);
  if (!parsed.success)
    return {
      success: false,
      syntax: true,
      problems: [{ row: parsed.line ?? 1, message: parsed.message }],
    };
  const [header, ...rows] = parsed.records;
  if (header === undefined)
    return {
      success: false,
      syntax: false,
      problems: [{ row: 1, message: "expected a header row and at least one initiative, received nothing" }],
    };
  const problems: CsvProblem[] = [];
  const roles = assignColumns(header, model, options, problems);
  if (!roles.some((role) => role.kind === "fixed" && role.field === "name"))
    problems.push({ row: header.line, field: "name", message: "expected a name column, received none" });
  if (rows.length === 0)
    problems.push({
      row: header.line,
      message: "expected at least one initiative row, received only the header",
    });
  for (const row of rows) {
    if (row.cells.length !== header.cells.length && !isPaddingOnly(row, header.cells.length))
      problems.push({
        row: row.line,
        message: `expected ${header.cells.length} fields as in the header, received ${row.cells.length}`,
      });
  }
  if (problems.length > 0) return { success: false, syntax: false, problems };
  return buildInitiatives(header, rows, roles, parsed.delimiter, options);
}

/** A row longer than the header only by empty trailing cells (a trailing delimiter) is accepted. */
function isPaddingOnly(row: CsvRecord, width: number): boolean {
  return row.cells.length > width && row.cells.slice(width).every((cell) => cell === "");
}

function assignColumns(
  header: CsvRecord,
  model: Model,
  options: CsvMappingOptions,
  problems: CsvProblem[],
): ColumnRole[] {
  const criteria = new Map<string, string>();
  for (const criterion of model.criteria) {
    criteria.set(normaliseHeader(criterion.id), criterion.id);
    criteria.set(normaliseHeader(criterion.label), criterion.id);
  }
  const firstColumn = new Map<string, number>();
  return header.cells.map((cell, index): ColumnRole => {
    const column = index + 1;
    if (cell.length > options.maxHeaderLength) {
      problems.push({
        row: header.line,
        column,
        message: `expected a header of at most ${options.maxHeaderLength} characters, received ${cell.length}`,
      });
      return { kind: "ignored" };
    }
    const key = normaliseHeader(cell);
    if (key === "") return { kind: "ignored" };
    const fixed = FIXED_COLUMNS[key as keyof typeof FIXED_COLUMNS];
    const criterion = criteria.get(key);
    const role: ColumnRole =
      fixed !== undefined
        ? { kind: "fixed", field: fixed }
        : criterion !== undefined
          ? { kind: "criterion", id: criterion }
          : { kind: "extra", key: cell };
    const identity = role.kind === "fixed" ? role.field : role.kind === "criterion" ? role.id : key;
    const previous = firstColumn.get(identity);
    if (previous !== undefined) {
      problems.push({
        row: header.line,
        column,
        field: cell,
        message: `expected each column once, received "${cell}" which repeats column ${previous}`,
      });
      return { kind: "ignored" };
    }
    firstColumn.set(identity, column);
    return role;
  });
}

/** Where each initiative (and each of its raters) came from. */
interface Origin {
  readonly rows: number[];
}

function buildInitiatives(
  header: CsvRecord,
  rows: readonly CsvRecord[],
  roles: readonly ColumnRole[],
  delimiter: CsvDelimiter,
  options: CsvMappingOptions,
): CsvMapping {
  const hasRater = roles.some((role) => role.kind === "fixed" && role.field === "rater");
  const initiatives: InitiativeInput[] = [];
  const origins: Origin[] = [];
  const byKey = new Map<string, number>();
  const problems: CsvProblem[] = [];
  for (const row of rows) {
    const fields = readFields(row, roles, delimiter);
    if (!hasRater) {
      initiatives.push(fields.initiative);
      origins.push({ rows: [row.line] });
      continue;
    }
    const raterName = fields.rater ?? "";
    if (raterName === "") {
      const column = roles.findIndex((role) => role.kind === "fixed" && role.field === "rater") + 1;
      problems.push({
        row: row.line,
        column,
        field: "rater",
        message: "expected a rater name, received nothing",
      });
      continue;
    }
    const key = fields.initiative.id ?? slugify(fields.initiative.name);
    const rating: RatingInput = { rater: raterName, ratings: fields.initiative.ratings ?? {} };
    const existing = byKey.get(key);
    if (existing === undefined) {
      const { ratings: _ratings, ...rest } = fields.initiative;
      byKey.set(key, initiatives.length);
      initiatives.push({ ...rest, raters: [rating] });
      origins.push({ rows: [row.line] });
    } else {
      (initiatives[existing]!.raters as RatingInput[]).push(rating);
      origins[existing]!.rows.push(row.line);
    }
  }
  if (initiatives.length > options.maxInitiatives)
    problems.push({
      row: rows[rows.length - 1]!.line,
      message: `expected at most ${options.maxInitiatives} initiatives, received ${initiatives.length}`,
    });
  if (problems.length > 0) return { success: false, syntax: false, problems };
  return { success: true, initiatives, locate: createLocator(header, roles, origins) };
}

interface RowFields {
  readonly initiative: InitiativeInput & { ratings?: Record<string, string | null> };
  readonly rater: string | undefined;
}

function readFields(row: CsvRecord, roles: readonly ColumnRole[], delimiter: CsvDelimiter): RowFields {
  const ratings: Record<string, string | null> = {};
  const extra: Record<string, string> = {};
  const fixed: Partial<Record<FixedField, string>> = {};
  roles.forEach((role, index) => {
    const cell = row.cells[index] ?? "";
    if (role.kind === "fixed") fixed[role.field] = cell;
    else if (role.kind === "criterion") ratings[role.id] = cell === "" ? null : readDecimal(cell, delimiter);
    else if (role.kind === "extra" && cell !== "") extra[role.key] = cell;
  });
  const list = (cell: string | undefined) =>
    cell === undefined || cell === ""
      ? []
      : cell
          .split(/[|;]/)
          .map((item) => item.trim())
          .filter((item) => item !== "");
  const cost = fixed.cost === undefined || fixed.cost === "" ? undefined : readDecimal(fixed.cost, delimiter);
  const costNumber = cost === undefined ? undefined : Number(cost);
  const initiative = {
    ...(fixed.id ? { id: fixed.id } : {}),
    name: fixed.name ?? "",
    ...(fixed.category ? { category: fixed.category } : {}),
    ...(fixed.description ? { description: fixed.description } : {}),
    // A cost that is not a number goes through as text, so the core reports it with its place.
    ...(cost === undefined ? {} : { cost: cost !== "" && Number.isFinite(costNumber) ? costNumber! : cost }),
    ...(fixed.kpis ? { kpis: list(fixed.kpis) } : {}),
    ...(fixed.dependsOn ? { dependsOn: list(fixed.dependsOn) } : {}),
    ratings,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  } as RowFields["initiative"];
  return { initiative, rater: fixed.rater };
}

/** `3,5` -> `3.5` when the file is `;`-delimited (a decimal comma); anything else unchanged. */
function readDecimal(cell: string, delimiter: CsvDelimiter): string {
  return delimiter === ";" && /^[+-]?\d*,\d+$/.test(cell) ? cell.replace(",", ".") : cell;
}

function createLocator(
  header: CsvRecord,
  roles: readonly ColumnRole[],
  origins: readonly Origin[],
): (path: ProblemPath) => CsvLocation | undefined {
  const columnOf = (match: (role: ColumnRole) => boolean) => {
    const index = roles.findIndex(match);
    return index === -1 ? undefined : { column: index + 1, field: header.cells[index]! };
  };
  return (path) => {
    const [root, index, first, second, third, fourth] = path;
    if (root !== "initiatives" || typeof index !== "number") return undefined;
    const origin = origins[index];
    if (origin === undefined) return undefined;
    let row = origin.rows[0]!;
    let key: string | number | undefined = first;
    let criterion: string | number | undefined;
    if (first === "ratings") criterion = second;
    else if (first === "raters" && typeof second === "number") {
      row = origin.rows[second] ?? row;
      criterion = third === "ratings" ? fourth : undefined;
      key = third === "ratings" ? "ratings" : "rater";
    }
    if (criterion !== undefined && key === "ratings") {
      const place = columnOf((role) => role.kind === "criterion" && role.id === criterion);
      return place === undefined ? { row, field: String(criterion) } : { row, ...place };
    }
    if (key === "extra" && typeof second === "string") {
      const place = columnOf((role) => role.kind === "extra" && role.key === second);
      return place === undefined ? { row, field: second } : { row, ...place };
    }
    if (typeof key === "string") {
      const place = columnOf((role) => role.kind === "fixed" && role.field === key);
      return place === undefined ? { row, field: key } : { row, ...place };
    }
    return { row };
  };
}
