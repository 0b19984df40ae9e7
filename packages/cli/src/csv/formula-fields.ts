import type { Model } from "@cxprism/core";
import { type HeaderLayout, type HeaderProblem, normaliseHeader } from "./header.js";

/** A CSV column that holds a numeric field a formula criterion reads. */
export interface FormulaFieldColumn {
  /** The field name as the formula spells it, e.g. `contacts_per_year`. */
  readonly name: string;
  /** The column's 0-based position in a record. */
  readonly column: number;
}

/** What a formula may name besides fields: the core's formula entry (which loads mathjs) provides both. */
export interface FormulaNames {
  readonly FORMULA_FUNCTIONS: readonly string[];
  readonly BUILT_IN_FIELDS: Readonly<Record<string, unknown>>;
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
export function formulaFieldNames(model: Model, formula: FormulaNames): string[] {
  const notFields = new Set<string>([...formula.FORMULA_FUNCTIONS, ...Object.keys(formula.BUILT_IN_FIELDS)]);
  const names = new Set<string>();
  for (const criterion of model.criteria) {
    if (criterion.formula === undefined) continue;
    for (const [name] of criterion.formula.matchAll(NAME)) if (!notFields.has(name)) names.add(name);
  }
  return [...names];
}

/**
 * The extra columns that hold a field a formula reads, matched like criterion columns (ignoring case, spaces
 * and punctuation: `Contacts per year` holds `contacts_per_year`).
 *
 * @param layout - the mapped header
 * @param fields - the field names the model's formulas read ({@link formulaFieldNames})
 * @returns one entry per formula field that has a column
 */
export function formulaFieldColumns(layout: HeaderLayout, fields: readonly string[]): FormulaFieldColumn[] {
  if (fields.length === 0) return [];
  const columns: FormulaFieldColumn[] = [];
  for (const name of fields) {
    const key = normaliseHeader(name);
    const column = layout.extras.find((extra) => normaliseHeader(layout.names[extra]!) === key);
    if (column !== undefined) columns.push({ name, column });
  }
  return columns;
}

/**
 * A column for a formula criterion is a mistake: the formula computes the rating, so a rating typed by hand
 * would be silently replaced or contradict it.
 *
 * @param layout - the mapped header
 * @param model - the model
 * @returns one problem per formula criterion that has a column
 */
export function formulaCriterionColumns(layout: HeaderLayout, model: Model): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  model.criteria.forEach((criterion, index) => {
    const column = layout.criteria[index]!;
    if (criterion.formula === undefined || column === -1) return;
    problems.push({
      column: layout.names[column],
      message: `expected no column for ${criterion.id}: its formula ${JSON.stringify(criterion.formula)} computes it, received a column`,
    });
  });
  return problems;
}
