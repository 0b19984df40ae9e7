import * as v from "valibot";
import type { Problem } from "../errors.js";
import { isLabelScale } from "../schema/criterion.js";
import { type InitiativeInput, InitiativeSchema } from "../schema/initiative.js";
import { KPI_IDS } from "../schema/kpi.js";
import type { ScoreWarning } from "../schema/result.js";
import { describeValue, issueToProblem } from "./issues.js";
import {
  type Context,
  checkIds,
  describeScale,
  fillMissing,
  hasRating,
  inInputOrder,
  isFilled,
  NO_WARNINGS,
  ordinalsOf,
  type Portfolio,
  type PortfolioValidation,
  prepareContext,
  REPORTED,
  readRating,
  type ScoreOptions,
  type ValidInitiative,
} from "./portfolio.js";
import { slugify } from "./slug.js";
import { suggestNearest } from "./suggest.js";

/**
 * Initiatives as columns, one entry per initiative in each array: the memory-light input of
 * {@link validateColumns} for very large portfolios (a CSV of a million rows). Row `i` stands for the
 * initiative object `{ id: ids[i], name: names[i], category: categories[i], ..., ratings: { [c]: ... } }`; an
 * absent column is an absent field, an `undefined` entry an absent value. Ratings given once per initiative
 * only (no `raters`).
 */
export interface InitiativeColumns {
  /** How many initiatives. */
  readonly size: number;
  /** `undefined` where the id is to be derived from the name. */
  readonly ids?: readonly (string | undefined)[] | undefined;
  readonly names: readonly string[];
  readonly categories?: readonly (string | undefined)[] | undefined;
  readonly descriptions?: readonly (string | undefined)[] | undefined;
  readonly costs?: readonly (number | string | undefined)[] | undefined;
  /** Lists may be shared between rows: they are read, never changed. */
  readonly kpis?: readonly (readonly string[] | undefined)[] | undefined;
  readonly dependsOn?: readonly (readonly string[] | undefined)[] | undefined;
  readonly capabilities?: readonly (readonly string[] | undefined)[] | undefined;
  /** Extra columns by name, each with one value per initiative (`undefined`: the row has no such key). */
  readonly extra?: Readonly<Record<string, readonly (string | undefined)[]>> | undefined;
  /**
   * One column per rating key (a criterion id), in the key order the equivalent objects would have: the
   * numeric ratings, NaN where not rated.
   */
  readonly ratings: Readonly<Record<string, Float64Array>>;
  /**
   * Ratings that are not plain numbers, by key and row: labels of label scales and anything else to check
   * (text that is not a number, `NaN` as a value). Such a cell overrides the number in `ratings`.
   */
  readonly ratingCells?: Readonly<Record<string, ReadonlyMap<number, unknown>>> | undefined;
}

/**
 * A portfolio validated from columns: {@link Portfolio} without its per-initiative objects, which
 * {@link ColumnPortfolio.initiative} builds on demand. Scores with `scoreColumns` as a {@link Portfolio}
 * does; {@link portfolioFromColumns} gives the full {@link Portfolio}.
 */
export interface ColumnPortfolio extends Omit<Portfolio, "initiatives"> {
  /** How many initiatives. */
  readonly size: number;
  /** Settled ids, in input order. */
  readonly ids: readonly string[];
  /** Validated (trimmed) names. */
  readonly names: readonly string[];
  /** Validated categories (`""` when none). */
  readonly categories: readonly string[];
  /** The columns as given, for their other fields (extra columns, lists). */
  readonly columns: InitiativeColumns;
  /**
   * The validated initiative `i`, as {@link validatePortfolio} would hold it.
   *
   * @param i - the initiative's index
   */
  initiative(i: number): ValidInitiative;
}

/** The outcome of {@link validateColumns}. */
export type ColumnsValidation =
  | { readonly success: true; readonly portfolio: ColumnPortfolio }
  | Extract<PortfolioValidation, { success: false }>;

const KNOWN_KPIS: ReadonlySet<string> = new Set(KPI_IDS);
const NO_ITEMS: readonly string[] = Object.freeze([]);

/** Whether a character code is printable ASCII other than a space: never trimmed away. */
function isSolid(code: number): boolean {
  return code > 32 && code < 127;
}

/** A text column entry that the schema keeps as is: a string, already trimmed, within `max`. */
function isPlainText(text: unknown, min: number, max: number): boolean {
  if (typeof text !== "string" || text.length < min || text.length > max) return false;
  if (text.length === 0) return true;
  // Most cells start and end with printable ASCII: no trim (and its scan of Unicode spaces) needed.
  if (isSolid(text.charCodeAt(0)) && isSolid(text.charCodeAt(text.length - 1))) return true;
  return text.trim() === text;
}

function isTextList(list: readonly unknown[] | undefined, min: number, max: number): boolean {
  if (list === undefined) return true;
  for (let k = 0; k < list.length; k++) if (!isPlainText(list[k], min, max)) return false;
  return true;
}

/**
 * The object that row `i` stands for (see {@link InitiativeColumns}).
 *
 * @param columns - the columns
 * @param i - the row
 * @returns the equivalent initiative input
 */
export function initiativeOfColumns(columns: InitiativeColumns, i: number): InitiativeInput {
  const object: Record<string, unknown> = {};
  const put = (key: string, column: readonly unknown[] | undefined) => {
    if (column !== undefined && column[i] !== undefined) object[key] = column[i];
  };
  put("id", columns.ids);
  object.name = columns.names[i];
  put("category", columns.categories);
  put("description", columns.descriptions);
  put("cost", columns.costs);
  put("kpis", columns.kpis);
  put("dependsOn", columns.dependsOn);
  put("capabilities", columns.capabilities);
  if (columns.extra !== undefined) {
    const extra: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(columns.extra))
      if (values[i] !== undefined) extra[name] = values[i];
    object.extra = extra;
  }
  const ratings: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(columns.ratings)) {
    const cells = columns.ratingCells?.[key];
    ratings[key] = cells?.has(i) ? cells.get(i) : Number.isNaN(values[i]!) ? null : values[i];
  }
  object.ratings = ratings;
  return object as InitiativeInput;
}

/**
 * Validates initiatives given as columns, with the same rules, problems and paths as
 * {@link validatePortfolio} on the equivalent objects (see {@link InitiativeColumns}), but without building
 * one object per initiative: a row whose every field is plainly valid is checked in place; only a row with
 * something to report (or to trim) goes through the initiative schema, so its problems read exactly as they
 * would for the object.
 *
 * @param columns - the initiatives as columns
 * @param options - the model and the missing-rating policy
 * @returns `{success: true, portfolio}` or `{success: false, code, problems}`
 * @example
 * import { scoreColumns, validateColumns } from "@cxprism/core/table";
 *
 * const validation = validateColumns({ size: 2, names: ["A", "B"], ratings: { cx_impact: Float64Array.of(4, 2) } },
 *   { missing: "neutral" });
 * if (validation.success) scoreColumns(validation.portfolio).order; // best first
 */
export function validateColumns(columns: InitiativeColumns, options: ScoreOptions = {}): ColumnsValidation {
  const prepared = prepareContext(options);
  if ("success" in prepared) return prepared;
  const context = prepared;
  const { model, problems } = context;
  const n = columns.size;
  const shape = checkShape(columns);
  if (shape.length > 0) return { success: false, code: "invalid-input", problems: shape };
  const ratingKeys = Object.keys(columns.ratings);
  // A rating key longer than the schema allows fails every row's schema: let the schema say so.
  const keysPlain = ratingKeys.every((key) => key.length <= 64);
  const ids: (string | undefined)[] = new Array(n);
  const names: string[] = new Array(n);
  const categories: string[] = new Array(n);
  /** Rows the schema had to settle (trimmed text): their validated objects. */
  const settled = new Map<number, ValidInitiative>();
  const { categories: categoryColumn, descriptions, costs, kpis, dependsOn, capabilities, extra } = columns;
  const extraColumns = extra === undefined ? [] : Object.values(extra);
  for (let i = 0; i < n; i++) {
    const name = columns.names[i];
    const id = columns.ids?.[i];
    const category = categoryColumn?.[i];
    const cost = costs?.[i];
    let plain =
      keysPlain &&
      isPlainText(name, 1, 200) &&
      (id === undefined || isPlainText(id, 1, 128)) &&
      (category === undefined || isPlainText(category, 0, 120)) &&
      (descriptions?.[i] === undefined || isPlainText(descriptions[i], 0, 4000)) &&
      (cost === undefined || (typeof cost === "number" && Number.isFinite(cost) && cost >= 0)) &&
      isTextList(dependsOn?.[i], 1, 128) &&
      isTextList(capabilities?.[i], 0, 120);
    const kpiList = kpis?.[i];
    if (plain && kpiList !== undefined)
      for (let k = 0; k < kpiList.length; k++) if (!KNOWN_KPIS.has(kpiList[k]!)) plain = false;
    for (let e = 0; plain && e < extraColumns.length; e++) {
      const value = extraColumns[e]![i];
      if (value !== undefined && (typeof value !== "string" || value.length > 4000)) plain = false;
    }
    let validName: string;
    let validId: string | undefined;
    if (plain) {
      validName = name!;
      names[i] = validName;
      categories[i] = category ?? "";
      validId = id;
    } else {
      const result = v.safeParse(InitiativeSchema, initiativeOfColumns(columns, i));
      if (!result.success) {
        for (const issue of result.issues) problems.push(issueToProblem(issue, ["initiatives", i]));
        ids[i] = undefined;
        names[i] = "";
        categories[i] = "";
        continue;
      }
      const output = result.output;
      validName = output.name;
      names[i] = validName;
      categories[i] = output.category;
      validId = output.id;
      settled.set(i, { ...output, id: validId ?? slugify(validName) });
    }
    const settledId = validId ?? slugify(validName);
    if (settledId === "")
      problems.push({
        path: ["initiatives", i, "id"],
        message: `expected an id, or a name with letters or digits to derive one from, received name ${describeValue(validName)}`,
      });
    ids[i] = settledId;
  }
  const dependsOnOf = (i: number): readonly string[] =>
    settled.get(i)?.dependsOn ?? dependsOn?.[i] ?? NO_ITEMS;
  const sortedIds = checkIds(ids, (i) => names[i]!, dependsOnOf, problems);
  const m = model.criteria.length;
  const ratings = new Float64Array(n * m);
  const warnings: (readonly ScoreWarning[])[] = new Array(n);
  const unrated = new Uint8Array(n);
  const bounds = model.criteria.map((criterion) =>
    isLabelScale(criterion.scale)
      ? { min: Number.NaN, max: Number.NaN }
      : { min: criterion.scale.min, max: criterion.scale.max },
  );
  ratings.fill(Number.NaN);
  // Column by column (a typed-array pass each); problems are pushed key by key, and the stable sort by row
  // below restores the object order: within a row, keys in order, then the missing ratings.
  for (const key of ratingKeys) {
    const index = context.criterionIndex.get(key);
    if (index === undefined) {
      for (let i = 0; i < n; i++) if (ids[i] !== undefined) reportUnknownKey(context, i, key);
      continue;
    }
    const values = columns.ratings[key]!;
    const given = columns.ratingCells?.[key];
    const cells = given === undefined || given.size === 0 ? undefined : given;
    const { min, max } = bounds[index]!;
    const criterion = model.criteria[index]!;
    for (let i = 0; i < n; i++) {
      let value: unknown = values[i]!;
      // A number within a numeric scale needs no more checking (NaN bounds: a label scale never matches).
      if (cells === undefined && (value as number) >= min && (value as number) <= max) {
        if (ids[i] !== undefined) ratings[i * m + index] = value as number;
        continue;
      }
      if (ids[i] === undefined) continue;
      if (cells?.has(i)) {
        value = cells.get(i);
        if (value === null || value === undefined) continue;
      } else if (Number.isNaN(value)) continue;
      const raw = readRating(criterion, value);
      if (raw === undefined) {
        problems.push({
          path: ["initiatives", i, "ratings", key],
          message: `expected ${describeScale(criterion)}, received ${describeValue(value)}`,
        });
        ratings[i * m + index] = REPORTED;
      } else ratings[i * m + index] = raw;
    }
  }
  const raterCounts = new Uint32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    warnings[i] = NO_WARNINGS;
    if (ids[i] === undefined || isFilled(ratings, i * m, m)) continue;
    const row = ratings.subarray(i * m, i * m + m);
    if (!hasRating(row)) raterCounts[i] = 0;
    const rowWarnings: ScoreWarning[] = [];
    unrated[i] = fillMissing(row, context, ["initiatives", i, "ratings"], rowWarnings);
    if (rowWarnings.length > 0) warnings[i] = rowWarnings;
  }
  if (problems.length > 0) return { success: false, code: "invalid-input", problems: inInputOrder(problems) };
  const validIds = ids as string[];
  return {
    success: true,
    portfolio: {
      model,
      size: n,
      ids: validIds,
      names,
      categories,
      columns,
      ratings,
      raterCounts,
      disagreement: new Float64Array(n),
      idOrder: ordinalsOf(sortedIds),
      warnings,
      unrated,
      initiative(i) {
        const known = settled.get(i);
        if (known !== undefined) return known;
        const input = initiativeOfColumns(columns, i);
        return {
          ...input,
          id: validIds[i]!,
          name: names[i]!,
          category: categories[i]!,
          description: columns.descriptions?.[i] ?? "",
          kpis: [...(columns.kpis?.[i] ?? [])] as ValidInitiative["kpis"],
          dependsOn: [...(columns.dependsOn?.[i] ?? [])],
          capabilities: [...(columns.capabilities?.[i] ?? [])],
          extra: (input.extra ?? {}) as Record<string, string>,
        } as ValidInitiative;
      },
    },
  };
}

function reportUnknownKey(context: Context, i: number, key: string): void {
  const hint = suggestNearest(key, context.criterionIndex.keys());
  context.problems.push({
    path: ["initiatives", i, "ratings", key],
    message: `expected a criterion id of model ${context.model.id}, received ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
  });
}

/** Every column must have one entry per initiative. */
function checkShape(columns: InitiativeColumns): Problem[] {
  const problems: Problem[] = [];
  const check = (path: readonly (string | number)[], length: number | undefined) => {
    if (length !== undefined && length !== columns.size)
      problems.push({
        path: ["initiatives", ...path],
        message: `expected a column of ${columns.size} entries (size), received ${length}`,
      });
  };
  check(["ids"], columns.ids?.length);
  check(["names"], columns.names.length);
  for (const field of ["categories", "descriptions", "costs", "kpis", "dependsOn", "capabilities"] as const)
    check([field], columns[field]?.length);
  for (const [name, values] of Object.entries(columns.extra ?? {})) check(["extra", name], values.length);
  for (const [key, values] of Object.entries(columns.ratings)) check(["ratings", key], values.length);
  return problems;
}

/**
 * The full {@link Portfolio} of a column portfolio: one validated initiative object per row.
 *
 * @param portfolio - the output of {@link validateColumns}
 * @returns the portfolio {@link validatePortfolio} gives for the equivalent objects
 */
export function portfolioFromColumns(portfolio: ColumnPortfolio): Portfolio {
  const {
    size,
    columns: _columns,
    ids: _ids,
    names: _names,
    categories: _categories,
    initiative,
    ...rest
  } = portfolio;
  return {
    ...rest,
    initiatives: Array.from({ length: size }, (_, i) => initiative(i)),
    warnings: portfolio.warnings.map((list) => (list.length === 0 ? [] : list)),
  };
}
