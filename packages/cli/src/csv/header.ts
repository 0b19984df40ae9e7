import type { Model } from "@cxprism/core";

/** The initiative fields a CSV column can hold, besides one column per criterion. */
export const FIELD_COLUMNS = [
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

/** One of {@link FIELD_COLUMNS}. */
export type FieldColumn = (typeof FIELD_COLUMNS)[number];

/** A problem with the header row: which column, and what was expected. */
export interface HeaderProblem {
  /** The header cell as written, or `undefined` for the header row as a whole. */
  readonly column: string | undefined;
  readonly message: string;
}

/** How the columns of a CSV map onto initiatives. Column numbers are 0-based positions in a record. */
export interface HeaderLayout {
  /** Every header cell as written (trimmed), by position. */
  readonly names: readonly string[];
  /** The column of each initiative field present. */
  readonly fields: Readonly<Partial<Record<FieldColumn, number>>>;
  /** The model's criterion ids, in model order. */
  readonly criterionIds: readonly string[];
  /** The column of each model criterion, in model order; -1 when the file has none. */
  readonly criteria: readonly number[];
  /** Columns kept as `extra`, by position. */
  readonly extras: readonly number[];
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

/**
 * Maps a header row onto initiative fields, the model's criteria (by id or label) and extra columns.
 * A criterion match wins over a field name, so a model may have a criterion called `cost`. Columns with an
 * empty header are ignored (spreadsheets export trailing delimiters).
 *
 * @param header - the header cells as written
 * @param model - the model whose criteria the columns are matched against
 * @returns the layout and every problem found (duplicate columns, no `name` column)
 */
export function mapHeader(
  header: readonly string[],
  model: Model,
): { layout: HeaderLayout; problems: HeaderProblem[] } {
  const criterionByKey = new Map<string, number>();
  model.criteria.forEach((criterion, index) => {
    criterionByKey.set(normaliseHeader(criterion.id), index);
    criterionByKey.set(normaliseHeader(criterion.label), index);
  });
  const fieldByKey = new Map<string, FieldColumn>(
    FIELD_COLUMNS.map((field) => [normaliseHeader(field), field]),
  );
  const names = header.map((cell) => cell.trim());
  const fields: Partial<Record<FieldColumn, number>> = {};
  const criteria = model.criteria.map(() => -1);
  const extras: number[] = [];
  const problems: HeaderProblem[] = [];
  names.forEach((name, column) => {
    if (name === "") return;
    const key = normaliseHeader(name);
    const criterion = criterionByKey.get(key);
    if (criterion !== undefined) {
      const previous = criteria[criterion]!;
      if (previous === -1) criteria[criterion] = column;
      else
        problems.push({
          column: name,
          message: `expected one column for criterion ${model.criteria[criterion]!.id}, received a second one (the first is "${names[previous]}")`,
        });
      return;
    }
    const field = fieldByKey.get(key);
    if (field !== undefined) {
      const previous = fields[field];
      if (previous === undefined) fields[field] = column;
      else
        problems.push({
          column: name,
          message: `expected one ${field} column, received a second one (the first is "${names[previous]}")`,
        });
      return;
    }
    if (extras.some((other) => names[other] === name))
      problems.push({
        column: name,
        message: `expected column names to be unique, received "${name}" twice`,
      });
    else extras.push(column);
  });
  if (fields.name === undefined)
    problems.push({
      column: undefined,
      message: `expected a "name" column, received the columns ${
        names
          .filter((name) => name !== "")
          .map((name) => JSON.stringify(name))
          .join(", ") || "(none)"
      }`,
    });
  return {
    layout: {
      names,
      fields,
      criterionIds: model.criteria.map((criterion) => criterion.id),
      criteria,
      extras,
    },
    problems,
  };
}

/**
 * The weighted criteria a layout has no column for: with `missing: "error"` each is a problem for every row,
 * so the CLI reports them once, against the header.
 *
 * @param layout - the mapped header
 * @param model - the model
 * @returns one problem per weighted criterion without a column
 */
export function missingCriterionColumns(layout: HeaderLayout, model: Model): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  model.criteria.forEach((criterion, index) => {
    // A formula criterion is computed, never typed in a column.
    if (layout.criteria[index] !== -1 || criterion.weight === 0 || criterion.formula !== undefined) return;
    problems.push({
      column: undefined,
      message: `expected a column for criterion ${criterion.id} ("${criterion.label}"), received none (or pass --missing neutral to score the scale midpoint)`,
    });
  });
  return problems;
}
