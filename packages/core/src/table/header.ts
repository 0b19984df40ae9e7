import type { Model } from "../schema/model.js";
import type { MissingPolicy } from "../validate/portfolio.js";
import { editDistance } from "../validate/suggest.js";
import { unprotectCell } from "./cells.js";
import type { TableProblem } from "./problems.js";

/** The initiative fields a table column can hold, besides one column per criterion. */
export const TABLE_FIELDS = [
  "id",
  "name",
  "category",
  "description",
  "cost",
  "run_cost",
  "benefit",
  "effort",
  "kpis",
  "depends_on",
  "capabilities",
  "rater",
] as const;

/** One of {@link TABLE_FIELDS}. */
export type TableField = (typeof TABLE_FIELDS)[number];

/** A column that holds a number a formula criterion reads (`contacts_per_year`). */
export interface FormulaFieldColumn {
  /** The field name as the formula spells it. */
  readonly name: string;
  /** The column's 0-based position in a row. */
  readonly column: number;
}

/** How the columns of a table map onto initiatives. Column positions are 0-based. */
export interface TableLayout {
  /** The spreadsheet row of the header. */
  readonly headerRow: number;
  /** Every header cell as written (trimmed), by position. */
  readonly names: readonly string[];
  /** The column of each initiative field present. */
  readonly fields: Readonly<Partial<Record<TableField, number>>>;
  /** The model's criterion ids, in model order. */
  readonly criterionIds: readonly string[];
  /** The column of each model criterion, in model order; -1 when the table has none. */
  readonly criteria: readonly number[];
  /** Columns kept as `extra`, by position. */
  readonly extras: readonly number[];
  /** Extra columns that feed a formula criterion. */
  readonly formulaFields: readonly FormulaFieldColumn[];
}

/**
 * What the table reader needs of the core's formula entry (`@cxprism/core/formula`) for a model with formula
 * criteria. Passed in rather than imported, so that reading a table without formulas never loads mathjs.
 */
export interface TableFormulaEntry {
  readonly FORMULA_FUNCTIONS: readonly string[];
  readonly BUILT_IN_FIELDS: Readonly<Record<string, unknown>>;
  deriveFormulaCriteria(initiatives: unknown, options: { model: Model }): { initiatives: unknown[] };
}

/** Options for {@link mapTableHeader}. */
export interface HeaderOptions {
  /** The core's formula entry; needed only for a model with formula criteria. */
  readonly formula?: TableFormulaEntry | undefined;
  /** With `error`, a weighted criterion without a column is a problem of the header. */
  readonly missing?: MissingPolicy | undefined;
  /** Longest accepted header cell, in characters (default: no limit). */
  readonly maxHeaderLength?: number | undefined;
}

/**
 * Reduces a header to what matters for matching: NFKC, lower case, letters and digits only, so that
 * `Data readiness`, `data_readiness` and `DATA-READINESS` all become `datareadiness`.
 *
 * @param text - a header cell, criterion id or label
 * @returns the matching key
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Words that carry no meaning when comparing headers word by word. */
const FILLER_WORDS = new Set(["and", "&", "of", "the", "to", "ja", "und", "et"]);

function wordsOf(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !FILLER_WORDS.has(word))
    .sort()
    .join(" ");
}

/**
 * The criterion a header that matches nothing was probably meant to be: within a third of its length in edit
 * distance (`cx_impcat`, `Data readyness`) of a criterion's id or label, or the same words in another order
 * or without a filler word (`Customer & regulatory acceptance`).
 */
function closeCriterion(header: string, model: Model): number | undefined {
  const key = normaliseHeader(header);
  const words = wordsOf(header);
  if (key.length < 3) return undefined;
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: number | undefined;
  let bestDistance = limit + 1;
  model.criteria.forEach((criterion, index) => {
    for (const name of [criterion.id, criterion.label]) {
      if (words !== "" && wordsOf(name) === words) {
        best = index;
        bestDistance = -1;
        return;
      }
      const distance = editDistance(key, normaliseHeader(name));
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    }
  });
  return best;
}

// A name not glued to a digit or a dot, so the exponent of `1e5` is not taken for a field.
const NAME = /(?<![\w.])[A-Za-z_]\w*/g;

/**
 * The field names the model's formula criteria read, besides the built-in `cost`, `run_cost`, `benefit` and
 * `effort` (which have their own columns) and the formula functions. Read from the formula text without
 * compiling it: a formula the core refuses is reported by the core, with its position.
 *
 * @param model - the model
 * @param formula - the formula functions and built-in fields (from `@cxprism/core/formula`)
 * @returns the field names, each once, in order of first use
 */
export function formulaFieldNames(
  model: Model,
  formula: Pick<TableFormulaEntry, "FORMULA_FUNCTIONS" | "BUILT_IN_FIELDS">,
): string[] {
  const notFields = new Set<string>([...formula.FORMULA_FUNCTIONS, ...Object.keys(formula.BUILT_IN_FIELDS)]);
  const names = new Set<string>();
  for (const criterion of model.criteria) {
    if (criterion.formula === undefined) continue;
    for (const [name] of criterion.formula.matchAll(NAME)) if (!notFields.has(name)) names.add(name);
  }
  return [...names];
}

/**
 * Maps a header row onto initiative fields, the model's criteria (by id or label, ignoring case, spaces and
 * punctuation), formula fields and extra columns, and finds every problem of the header at once:
 * - a column repeated (a criterion, a field or an extra header twice);
 * - no `name` column;
 * - a header close to a criterion's id or label (a typo, or the words in another order): an error that
 *   names the criterion, never an extra column, so the ratings under it are never silently dropped;
 * - a column for a formula criterion (the formula computes it);
 * - with `missing: "error"`, a weighted criterion without a column (reported once, here, not on every row).
 *
 * A criterion match wins over a field name, so a model may have a criterion called `cost`. Columns with an
 * empty header are ignored (spreadsheets export trailing delimiters).
 *
 * @param header - the header cells as written
 * @param headerRow - the header's spreadsheet row (usually 1)
 * @param model - the model whose criteria the columns are matched against
 * @param options - the missing-rating policy and a header length limit
 * @returns the layout and the header's problems
 */
export function mapTableHeader(
  header: readonly string[],
  headerRow: number,
  model: Model,
  options: HeaderOptions = {},
): { layout: TableLayout; problems: TableProblem[] } {
  const criterionByKey = new Map<string, number>();
  model.criteria.forEach((criterion, index) => {
    criterionByKey.set(normaliseHeader(criterion.id), index);
    criterionByKey.set(normaliseHeader(criterion.label), index);
  });
  const fieldByKey = new Map<string, TableField>(
    TABLE_FIELDS.map((field) => [normaliseHeader(field), field]),
  );
  const formulaFields = new Map(
    options.formula === undefined
      ? []
      : formulaFieldNames(model, options.formula).map((name) => [normaliseHeader(name), name]),
  );
  const names = header.map((cell) => unprotectCell(cell.trim()));
  const fields: Partial<Record<TableField, number>> = {};
  const criteria = model.criteria.map(() => -1);
  const extras: number[] = [];
  const formulaColumns: FormulaFieldColumn[] = [];
  const suggested = new Set<number>();
  const problems: TableProblem[] = [];
  const at = (column: number, message: string): TableProblem => ({
    row: headerRow,
    column: column + 1,
    header: names[column]!,
    message,
  });
  names.forEach((name, column) => {
    if (name === "") return;
    if (options.maxHeaderLength !== undefined && name.length > options.maxHeaderLength) {
      problems.push(
        at(
          column,
          `expected a header of at most ${options.maxHeaderLength} characters, received ${name.length}`,
        ),
      );
      return;
    }
    const key = normaliseHeader(name);
    const criterion = criterionByKey.get(key);
    if (criterion !== undefined) {
      const previous = criteria[criterion]!;
      if (previous === -1) criteria[criterion] = column;
      else
        problems.push(
          at(
            column,
            `expected one column for criterion ${model.criteria[criterion]!.id}, received a second one (the first is "${names[previous]}")`,
          ),
        );
      return;
    }
    const field = fieldByKey.get(key);
    if (field !== undefined) {
      const previous = fields[field];
      if (previous === undefined) fields[field] = column;
      else
        problems.push(
          at(
            column,
            `expected one ${field} column, received a second one (the first is "${names[previous]}")`,
          ),
        );
      return;
    }
    if (extras.some((other) => normaliseHeader(names[other]!) === key)) {
      problems.push(at(column, `expected column names to be unique, received "${name}" twice`));
      return;
    }
    const formulaField = formulaFields.get(key);
    if (formulaField === undefined) {
      const close = closeCriterion(name, model);
      if (close !== undefined) {
        const { id, label } = model.criteria[close]!;
        suggested.add(close);
        problems.push(
          at(
            column,
            `expected a column named after a criterion or a known field, received "${name}" (did you mean criterion ${id}, "${label}"?)`,
          ),
        );
        return;
      }
    } else formulaColumns.push({ name: formulaField, column });
    extras.push(column);
  });
  if (fields.name === undefined)
    problems.push({
      row: headerRow,
      message: `expected a "name" column, received the columns ${
        names
          .filter((name) => name !== "")
          .map((name) => JSON.stringify(name))
          .join(", ") || "(none)"
      }`,
    });
  if (options.formula === undefined && model.criteria.some((criterion) => criterion.formula !== undefined))
    problems.push({
      message: `expected the core's formula entry (@cxprism/core/formula) to read a table for model ${model.id}, which has formula criteria; the caller passed none`,
    });
  model.criteria.forEach((criterion, index) => {
    const column = criteria[index]!;
    if (criterion.formula !== undefined) {
      if (column !== -1)
        problems.push(
          at(
            column,
            `expected no column for ${criterion.id}: its formula ${JSON.stringify(criterion.formula)} computes it, received a column`,
          ),
        );
      return;
    }
    if (
      (options.missing ?? "error") !== "error" ||
      column !== -1 ||
      criterion.weight === 0 ||
      suggested.has(index)
    )
      return;
    problems.push({
      row: headerRow,
      message: `expected a column for criterion ${criterion.id} ("${criterion.label}"), received none (or set missing to "neutral" to score the scale midpoint: --missing neutral, ?missing=neutral)`,
    });
  });
  return {
    layout: {
      headerRow,
      names,
      fields,
      criterionIds: model.criteria.map((criterion) => criterion.id),
      criteria,
      extras,
      formulaFields: formulaColumns,
    },
    problems,
  };
}

/**
 * The headers of the columns kept as `extra` (neither a field nor a criterion), to list once for the user:
 * "kept as extra columns: Owner, Notes".
 *
 * @param layout - the mapped header
 * @returns the headers as written, in column order (formula fields excluded)
 */
export function extraColumnNames(layout: TableLayout): string[] {
  const formula = new Set(layout.formulaFields.map((field) => field.column));
  return layout.extras.filter((column) => !formula.has(column)).map((column) => layout.names[column]!);
}

/**
 * The one line that lists a table's extra columns, worded the same in every face: the CLI prints it as a
 * note, the API answers it in `notes`.
 *
 * @param names - the extra columns' headers as written
 * @returns `kept as extra columns: Owner, Notes`, or undefined when there are none
 */
export function describeExtraColumns(names: readonly string[]): string | undefined {
  return names.length === 0 ? undefined : `kept as extra columns: ${names.join(", ")}`;
}
