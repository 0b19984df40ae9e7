import * as v from "valibot";
import type { Problem, ProblemPath } from "../errors.js";
import { scaleBounds, scaleMidpoint } from "../pipeline/normalise.js";
import { aggregateRaterValues } from "../pipeline/raters.js";
import { findDependencyCycle } from "../plan/dependencies.js";
import { type Criterion, isLabelScale } from "../schema/criterion.js";
import { type Initiative, InitiativeSchema, type Ratings } from "../schema/initiative.js";
import type { Model, ModelInput } from "../schema/model.js";
import type { ScoreWarning } from "../schema/result.js";
import { describeValue, issueToProblem } from "./issues.js";
import { validateModel } from "./model.js";
import { readPlainInitiative } from "./plain-initiative.js";
import { slugify } from "./slug.js";
import { suggestNearest } from "./suggest.js";

/** What to do when an initiative has no rating for a criterion that carries weight. */
export type MissingPolicy = "error" | "neutral";

/** Options for {@link validatePortfolio} and `score`. */
export interface ScoreOptions {
  /**
   * The scoring model (a {@link ModelInput}, checked here: unknown input such as parsed JSON is fine); the
   * built-in `cx-ai-prism` when absent.
   */
  readonly model?: unknown;
  /**
   * `error` (default): a missing rating is a problem. `neutral`: it scores the scale midpoint and the result
   * carries a `missing-rating` warning.
   */
  readonly missing?: MissingPolicy | undefined;
  /**
   * What the initiatives must satisfy for what comes next, checked with the ratings in the same pass:
   * planning needs a `cost` on every initiative, an `effort` with a capacity, and `acyclic` dependencies.
   */
  readonly require?: readonly Requirement[] | undefined;
}

/**
 * A requirement beyond scoring: see {@link ScoreOptions.require}. `cost` and `effort`: every initiative has
 * one; `acyclic`: `dependsOn` forms no cycle.
 */
export type Requirement = "cost" | "effort" | "acyclic";

/** Why each field is needed, for the problem that says it is missing. */
const REQUIRED_BECAUSE: Readonly<Record<"cost" | "effort", string>> = {
  cost: "expected a one-off cost of at least 0 to plan within a budget, received nothing",
  effort: "expected an effort in person-months to plan within a capacity, received nothing",
};

/** A validated initiative: its id is settled. */
export interface ValidInitiative extends Initiative {
  readonly id: string;
}

/**
 * Initiatives checked against a model and laid out for scoring: every rating resolved to a raw number on its
 * criterion's scale (a label's position for label scales), raters already combined.
 *
 * The typed arrays may be views of one buffer (`validatePortfolio` lays the per-initiative ones out in one):
 * copy an array before transferring its buffer.
 */
export interface Portfolio {
  /** The model with every default applied. */
  readonly model: Model;
  /** The initiatives in input order. */
  readonly initiatives: readonly ValidInitiative[];
  /** Raw ratings, row-major: `ratings[i * criteria.length + c]`; NaN only for an unrated zero-weight criterion. */
  readonly ratings: Float64Array;
  /**
   * How many raters rated each initiative: 1 when ratings were given once, the number of `raters` otherwise,
   * and 0 when no rating was given at all (the initiative is then `unrated`).
   */
  readonly raterCounts: Uint32Array;
  /** The largest range between raters on any criterion, as a share of that criterion's scale (0 = agree). */
  readonly disagreement: Float64Array;
  /** Each initiative's id position in code-point order (the last tie-breaker when ranking). */
  readonly idOrder: Uint32Array;
  /** Warnings per initiative, aligned with `initiatives`. */
  readonly warnings: readonly (readonly ScoreWarning[])[];
  /**
   * Per initiative, the axes with no rating at all (every weighted criterion scored at its midpoint):
   * {@link UNRATED_VALUE} | {@link UNRATED_FEASIBILITY}; 0 when both axes have a rating. Such an initiative
   * is `unrated` and ranks last.
   */
  readonly unrated: Uint8Array;
}

/** Bit of {@link Portfolio.unrated}: the value axis has no rating. */
export const UNRATED_VALUE = 1;
/** Bit of {@link Portfolio.unrated}: the feasibility axis has no rating. */
export const UNRATED_FEASIBILITY = 2;

/** The outcome of {@link validatePortfolio}: a portfolio, or every problem found. */
export type PortfolioValidation =
  | { readonly success: true; readonly portfolio: Portfolio }
  | {
      readonly success: false;
      readonly code: "invalid-model" | "invalid-input" | "invalid-options";
      readonly problems: readonly Problem[];
    };

/**
 * Validates a model (when given) and initiatives against it, collecting every problem rather than stopping at
 * the first. Paths start at `model` or `initiatives`, e.g. `["initiatives", 3, "ratings", "data_readiness"]`.
 *
 * Rules: ids must be unique (an absent id is a slug of the name); a rating key must be a criterion id of the
 * model (the nearest id is suggested); a rating must be a finite number within a numeric scale (numeric strings
 * are accepted) or one of a label scale's labels (any case); an initiative gives `ratings` or `raters`, not
 * both; `dependsOn` names initiatives in the same list. Missing ratings of weighted criteria follow `missing`.
 *
 * @param initiatives - the candidate initiatives (unknown input: it is checked here)
 * @param options - the model and the missing-rating policy
 * @returns `{success: true, portfolio}` or `{success: false, code, problems}`
 */
export function validatePortfolio(initiatives: unknown, options: ScoreOptions = {}): PortfolioValidation {
  const prepared = prepareContext(options);
  if ("success" in prepared) return prepared;
  const context = prepared;
  const model = context.model;
  if (!Array.isArray(initiatives)) {
    return failure("invalid-input", [
      {
        path: ["initiatives"],
        message: `expected an array of initiatives, received ${describeValue(initiatives)}`,
      },
    ]);
  }
  const require = options.require ?? [];
  const parsed: (ValidInitiative | undefined)[] = initiatives.map((input, index) => {
    let initiative = readPlainInitiative(input);
    if (initiative === undefined) {
      const result = v.safeParse(InitiativeSchema, input);
      if (!result.success) {
        for (const issue of result.issues)
          context.problems.push(issueToProblem(issue, ["initiatives", index]));
        return undefined;
      }
      initiative = result.output;
    }
    for (const field of require)
      if (field !== "acyclic" && initiative[field] === undefined)
        context.problems.push({ path: ["initiatives", index, field], message: REQUIRED_BECAUSE[field] });
    if (initiative.id !== undefined) return initiative as ValidInitiative;
    const id = slugify(initiative.name);
    if (id === "") {
      context.problems.push({
        path: ["initiatives", index, "id"],
        message: `expected an id, or a name with letters or digits to derive one from, received name ${describeValue(initiative.name)}`,
      });
    }
    return { ...initiative, id };
  });
  const n = initiatives.length;
  const ids = new Array<string | undefined>(n);
  for (let index = 0; index < n; index++) ids[index] = parsed[index]?.id;
  const sortedIds = checkIds(
    ids,
    (index) => parsed[index]!.name,
    (index) => parsed[index]!.dependsOn,
    context.problems,
  );
  if (require.includes("acyclic")) checkAcyclic(parsed, context.problems);
  const m = model.criteria.length;
  // The portfolio's typed arrays are views of one buffer: on Node 20 a typed array of more than 64 bytes is
  // its own allocation outside V8's heap (about 0.7 us each, a tenth of validating 30 initiatives), a view on
  // an existing buffer a small object. The ratings come first, where 8-byte numbers need no padding.
  const buffer = new ArrayBuffer(8 * n * m + 17 * n);
  // NaN until read: what readRow leaves where nothing is rated.
  const ratings = new Float64Array(buffer, 0, n * m).fill(Number.NaN);
  const disagreement = new Float64Array(buffer, 8 * n * m, n);
  const raterCounts = new Uint32Array(buffer, 8 * n * m + 8 * n, n).fill(1);
  const idOrder = new Uint32Array(buffer, 8 * n * m + 12 * n, n);
  const unrated = new Uint8Array(buffer, 8 * n * m + 16 * n, n);
  // Most initiatives have no warning: they share one empty list, and the paths of problems are built only
  // when there is a problem to report.
  const warnings: (readonly ScoreWarning[])[] = new Array(n).fill(NO_WARNINGS);
  for (let index = 0; index < n; index++) {
    const initiative = parsed[index];
    if (initiative === undefined) continue;
    const offset = index * m;
    if (initiative.raters !== undefined) {
      if (initiative.ratings !== undefined) {
        context.problems.push({
          path: ["initiatives", index, "ratings"],
          message: "expected either ratings or raters, received both",
        });
        continue;
      }
      raterCounts[index] = initiative.raters.length;
      disagreement[index] = readRaters(initiative, context, index, ratings.subarray(offset, offset + m));
    } else {
      readRow(initiative.ratings ?? {}, context, index, undefined, ratings, offset);
    }
    if (isFilled(ratings, offset, m)) continue;
    const row = ratings.subarray(offset, offset + m);
    if (!hasRating(row)) raterCounts[index] = 0;
    const itemWarnings: ScoreWarning[] = [];
    const field = initiative.raters === undefined ? "ratings" : "raters";
    unrated[index] = fillMissing(row, context, ["initiatives", index, field], itemWarnings);
    if (itemWarnings.length > 0) warnings[index] = itemWarnings;
  }
  if (context.problems.length > 0) return failure("invalid-input", inInputOrder(context.problems));
  return {
    success: true,
    portfolio: {
      model,
      initiatives: parsed as ValidInitiative[],
      ratings,
      raterCounts,
      disagreement,
      idOrder: ordinalsOf(sortedIds, idOrder),
      warnings,
      unrated,
    },
  };
}

/** Reports one dependency cycle among the initiatives (prerequisites that are not initiatives are reported elsewhere). */
function checkAcyclic(parsed: readonly (ValidInitiative | undefined)[], problems: Problem[]): void {
  const indexOf = new Map<string, number>();
  parsed.forEach((initiative, index) => {
    if (initiative !== undefined && !indexOf.has(initiative.id)) indexOf.set(initiative.id, index);
  });
  const prerequisites = parsed.map((initiative) =>
    (initiative?.dependsOn ?? []).flatMap((id) => {
      const index = indexOf.get(id);
      return index === undefined ? [] : [index];
    }),
  );
  const cycle = findDependencyCycle(prerequisites);
  if (cycle.length === 0) return;
  const ids = [...cycle, cycle[0]!].map((index) => parsed[index]!.id);
  problems.push({
    path: ["initiatives", cycle[0]!, "dependsOn"],
    message: `expected dependsOn without cycles, received the cycle ${ids.join(" -> ")}`,
  });
}

/** Marks a rating already reported as invalid, so it is not reported as missing too. */
export const REPORTED = Number.POSITIVE_INFINITY;

/** The warnings of an initiative that has none (shared: {@link Portfolio.warnings} is read-only). */
export const NO_WARNINGS: readonly ScoreWarning[] = Object.freeze([]);

/** What validation needs throughout: the parsed model, the policy, and the problems found so far. */
export interface Context {
  readonly model: Model;
  readonly missing: MissingPolicy;
  readonly criterionIndex: ReadonlyMap<string, number>;
  readonly problems: Problem[];
}

/**
 * Checks the options (the missing policy, then the model) and starts a validation context.
 *
 * @param options - the model and the missing-rating policy
 * @returns the context, or the failure that stops validation before any initiative is read
 */
export function prepareContext(
  options: ScoreOptions,
): Context | Extract<PortfolioValidation, { success: false }> {
  const missing = options.missing ?? "error";
  if (missing !== "error" && missing !== "neutral") {
    return failure("invalid-options", [
      { path: ["missing"], message: `expected "error" or "neutral", received ${describeValue(missing)}` },
    ]);
  }
  const checked = validateModel(options.model);
  if (!checked.success) return failure("invalid-model", [...checked.problems]);
  return createContext(checked.model, missing);
}

function createContext(model: Model, missing: MissingPolicy): Context {
  return { model, missing, criterionIndex: criterionIndexOf(model), problems: [] };
}

/**
 * Each model's criterion positions by id, built once per model: the API validates every request against the
 * default model. Kept with the ids it was built from, so that a model whose criteria were changed in place
 * gets a new one.
 */
const criterionIndexes = new WeakMap<
  Model,
  { readonly ids: readonly string[]; readonly index: Map<string, number> }
>();

function criterionIndexOf(model: Model): ReadonlyMap<string, number> {
  const cached = criterionIndexes.get(model);
  const criteria = model.criteria;
  if (
    cached !== undefined &&
    cached.ids.length === criteria.length &&
    criteria.every((criterion, c) => criterion.id === cached.ids[c])
  )
    return cached.index;
  const ids = criteria.map((criterion) => criterion.id);
  const index = new Map(ids.map((id, c) => [id, c]));
  criterionIndexes.set(model, { ids, index });
  return index;
}

function failure(
  code: "invalid-model" | "invalid-input" | "invalid-options",
  problems: Problem[],
): Extract<PortfolioValidation, { success: false }> {
  return { success: false, code, problems };
}

/** Problems sorted by initiative index (stable), so a reader meets them in the order of their file. */
export function inInputOrder(problems: Problem[]): Problem[] {
  const indexOf = (problem: Problem) => (typeof problem.path[1] === "number" ? problem.path[1] : -1);
  return problems
    .map((problem, k) => ({ problem, k }))
    .sort((a, b) => indexOf(a.problem) - indexOf(b.problem) || a.k - b.k)
    .map(({ problem }) => problem);
}

/**
 * Reports duplicate ids and `dependsOn` entries that name no initiative. Takes ids and accessors rather than
 * initiatives so that the object and the columnar validation share it.
 *
 * @param ids - each initiative's settled id; `undefined` for an initiative that failed its schema
 * @param nameOf - an initiative's validated name (only asked for valid initiatives)
 * @param dependsOnOf - an initiative's validated `dependsOn` (only asked for valid initiatives)
 * @param problems - where problems go
 * @returns the positions of the initiatives with an id, sorted by id (code units), then position
 */
export function checkIds(
  ids: readonly (string | undefined)[],
  nameOf: (index: number) => string,
  dependsOnOf: (index: number) => readonly string[],
  problems: Problem[],
): number[] {
  const n = ids.length;
  const sorted: number[] = [];
  for (let index = 0; index < n; index++)
    if (ids[index] !== undefined && ids[index] !== "") sorted.push(index);
  // Sorted by id, then position: equal ids sit together, the first one first. Cheaper than a hash map of a
  // million ids, and the order ranking needs anyway.
  sortById(sorted, ids);
  let first = sorted[0]!;
  for (let k = 1; k < sorted.length; k++) {
    const index = sorted[k]!;
    const id = ids[index]!;
    if (id !== ids[first]) {
      first = index;
      continue;
    }
    const name = nameOf(index);
    const how = id === name ? "" : id === slugify(name) ? " (derived from the name)" : "";
    problems.push({
      path: ["initiatives", index, "id"],
      message: `expected a unique id, received ${describeValue(id)}${how}, already used by initiatives[${first}]`,
    });
  }
  // The ids to suggest from, in input order: built at the first unknown dependency.
  let known: Map<string, number> | undefined;
  for (let index = 0; index < n; index++) {
    const id = ids[index];
    if (id === undefined) continue;
    const dependencies = dependsOnOf(index);
    for (let k = 0; k < dependencies.length; k++) {
      const dependency = dependencies[k]!;
      if (dependency === id)
        problems.push({
          path: ["initiatives", index, "dependsOn", k],
          message: "expected the id of another initiative, received the initiative's own id",
        });
      else if (!includesId(sorted, ids, dependency)) {
        known ??= firstPositions(ids);
        const hint = suggestNearest(dependency, known.keys());
        problems.push({
          path: ["initiatives", index, "dependsOn", k],
          message: `expected the id of an initiative in this list, received ${describeValue(dependency)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
        });
      }
    }
  }
  return sorted;
}

/**
 * Sorts positions (ascending, of initiatives with an id) by id in code-unit order, then by position. Up to
 * {@link INSERTION_SORT_MAX} positions by binary insertion: each position goes after every id not greater than
 * its own, so equal ids keep their order. That is under half the time of `Array.prototype.sort` with a
 * comparator for the 30 initiatives of an API request, as it compares strings in place instead of calling back
 * into a comparator; its quadratic moves stay cheap at that size. Longer lists use the engine's sort.
 */
function sortById(positions: number[], ids: readonly (string | undefined)[]): void {
  if (positions.length > INSERTION_SORT_MAX) {
    positions.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
    return;
  }
  for (let k = 1; k < positions.length; k++) {
    const position = positions[k]!;
    const id = ids[position]!;
    let low = 0;
    let high = k;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ids[positions[middle]!]! <= id) low = middle + 1;
      else high = middle;
    }
    for (let j = k; j > low; j--) positions[j] = positions[j - 1]!;
    positions[low] = position;
  }
}

/** The longest list {@link sortById} sorts by insertion. */
const INSERTION_SORT_MAX = 64;

/** Whether `id` is one of the ids at `sorted` (ordered by {@link sortById}): a binary search, no hash map. */
function includesId(sorted: readonly number[], ids: readonly (string | undefined)[], id: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[sorted[middle]!]! < id) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && ids[sorted[low]!] === id;
}

/** The first position of each id. */
function firstPositions(ids: readonly (string | undefined)[]): Map<string, number> {
  const first = new Map<string, number>();
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    if (id !== undefined && id !== "" && !first.has(id)) first.set(id, index);
  }
  return first;
}

/**
 * Each initiative's position in id order, from the order {@link checkIds} sorted (every id is valid and
 * unique here): what `idOrdinals` computes, without sorting a second time.
 *
 * @param sorted - what {@link checkIds} returned for a portfolio without problems
 * @returns `ordinal[i]` = how many ids sort before initiative i's
 */
export function ordinalsOf(
  sorted: readonly number[],
  ordinals: Uint32Array = new Uint32Array(sorted.length),
): Uint32Array {
  for (let position = 0; position < sorted.length; position++) ordinals[sorted[position]!] = position;
  return ordinals;
}

/**
 * Reads one set of ratings into `target[offset..offset + m)`, which holds NaN (not rated) on entry. Problems
 * go to the context, each at the rating's key under initiative `index`'s `ratings`, or under its rater
 * `rater`'s.
 */
function readRow(
  ratings: Ratings,
  context: Context,
  index: number,
  rater: number | undefined,
  target: Float64Array,
  offset: number,
): void {
  const { criteria } = context.model;
  const m = criteria.length;
  // Ratings usually name the criteria in the model's order: the criterion after the last one found is tried
  // before the map, and is then the same string, which compares at once.
  let next = 0;
  for (const key in ratings) {
    const value = ratings[key];
    const c = next < m && criteria[next]!.id === key ? next : context.criterionIndex.get(key);
    if (c === undefined) {
      const hint = key.length <= 64 ? suggestNearest(key, context.criterionIndex.keys()) : undefined;
      context.problems.push({
        path: ratingPath(index, rater, key),
        message: `expected a criterion id of model ${context.model.id}, received ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
      });
      continue;
    }
    next = c + 1;
    if (value === null || value === undefined) continue;
    const criterion = criteria[c]!;
    const raw = readRating(criterion, value);
    if (raw === undefined) {
      context.problems.push({
        path: ratingPath(index, rater, key),
        message: `expected ${describeScale(criterion)}, received ${describeValue(value)}`,
      });
      target[offset + c] = REPORTED; // already reported: not "missing" as well
    } else target[offset + c] = raw;
  }
}

/** Where a rating sits: under initiative `index`'s `ratings`, or under its rater `rater`'s. */
function ratingPath(index: number, rater: number | undefined, key: string): ProblemPath {
  return rater === undefined
    ? ["initiatives", index, "ratings", key]
    : ["initiatives", index, "raters", rater, "ratings", key];
}

/** Whether every rating of a row is read (or reported): then there is nothing for {@link fillMissing} to do. */
export function isFilled(ratings: Float64Array, offset: number, m: number): boolean {
  for (let c = offset; c < offset + m; c++) if (Number.isNaN(ratings[c]!)) return false;
  return true;
}

/** Reads every rater's ratings and combines them into `row`; returns the largest normalised range. */
function readRaters(initiative: ValidInitiative, context: Context, index: number, row: Float64Array): number {
  const raters = initiative.raters!;
  const m = row.length;
  const rows = raters.map((rater, r) => {
    const raterRow = new Float64Array(m).fill(Number.NaN);
    readRow(rater.ratings, context, index, r, raterRow, 0);
    return raterRow;
  });
  let widest = 0;
  for (let c = 0; c < m; c++) {
    const criterion = context.model.criteria[c]!;
    const values: number[] = [];
    const weights: number[] = [];
    rows.forEach((raterRow, r) => {
      if (!Number.isNaN(raterRow[c]!) && raterRow[c] !== REPORTED) {
        values.push(raterRow[c]!);
        weights.push(raters[r]!.weight);
      }
    });
    if (context.missing === "error" && criterion.weight > 0 && criterion.formula === undefined) {
      // A blank cell from one rater is missing for that rater only: reported at that rater's rating, so
      // `missing: "error"` never averages over the raters who happened to fill it in.
      rows.forEach((raterRow, r) => {
        if (!Number.isNaN(raterRow[c]!)) return;
        context.problems.push({
          path: ratingPath(index, r, criterion.id),
          message: `expected ${describeScale(criterion)} (or missing: "neutral" to score the midpoint), received nothing`,
        });
        raterRow[c] = REPORTED;
      });
      if (values.length === 0) {
        row[c] = REPORTED;
        continue;
      }
    }
    if (values.length === 0) {
      row[c] = Number.NaN;
      continue;
    }
    const { min, max } = scaleBounds(criterion.scale);
    row[c] = aggregateRaterValues(values, weights, context.model.raterAggregation, min);
    widest = Math.max(
      widest,
      (values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY) -
        values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)) /
        (max - min),
    );
  }
  return widest;
}

/** Whether a row of raw ratings holds any rating (one reported as invalid counts: someone typed it). */
export function hasRating(row: Float64Array): boolean {
  for (let c = 0; c < row.length; c++) if (!Number.isNaN(row[c]!)) return true;
  return false;
}

/**
 * Settles the unrated criteria of one row: the scale midpoint with a `missing-rating` warning (`missing:
 * "neutral"`), or a problem; zero-weight criteria stay NaN. An axis whose weighted criteria all took the
 * midpoint has no rating at all: the row gets an `unrated` warning and the axis's bit in the returned mask.
 *
 * @returns {@link UNRATED_VALUE} | {@link UNRATED_FEASIBILITY} for the axes left without any rating, else 0
 */
export function fillMissing(
  row: Float64Array,
  context: Context,
  path: ProblemPath,
  warnings: ScoreWarning[],
): number {
  const weighted = { value: 0, feasibility: 0 };
  const filled = { value: 0, feasibility: 0 };
  context.model.criteria.forEach((criterion, c) => {
    if (criterion.weight === 0) return;
    weighted[criterion.axis]++;
    if (!Number.isNaN(row[c]!)) return;
    if (context.missing === "neutral") {
      row[c] = scaleMidpoint(criterion.scale);
      filled[criterion.axis]++;
      warnings.push({
        code: "missing-rating",
        criterion: criterion.id,
        message: `no rating for ${criterion.id}: scored the scale midpoint`,
      });
    } else if (criterion.formula !== undefined) {
      context.problems.push({
        path: [...path, criterion.id],
        message: `expected ${describeScale(criterion)} derived from the formula of ${criterion.id}: run deriveFormulaCriteria(initiatives, { model }) before scoring, received nothing`,
      });
    } else {
      context.problems.push({
        path: [...path, criterion.id],
        message: `expected ${describeScale(criterion)} (or missing: "neutral" to score the midpoint), received nothing`,
      });
    }
  });
  let mask = 0;
  if (filled.value > 0 && filled.value === weighted.value) mask |= UNRATED_VALUE;
  if (filled.feasibility > 0 && filled.feasibility === weighted.feasibility) mask |= UNRATED_FEASIBILITY;
  if (mask !== 0) {
    const axes =
      mask === (UNRATED_VALUE | UNRATED_FEASIBILITY)
        ? "either axis"
        : mask === UNRATED_VALUE
          ? "the value axis"
          : "the feasibility axis";
    warnings.push({
      code: "unrated",
      message: `no rating on ${axes}: unrated (scored at the midpoints, ranked last, in no quadrant)`,
    });
  }
  return mask;
}

/** The raw value of one rating, or `undefined` when it is not on the criterion's scale. */
export function readRating(criterion: Criterion, value: unknown): number | undefined {
  const scale = criterion.scale;
  if (typeof value !== "number" && typeof value !== "string") return undefined;
  if (isLabelScale(scale)) {
    if (typeof value !== "string") return undefined;
    const wanted = value.trim().toLowerCase();
    const position = scale.labels.findIndex((label) => label.toLowerCase() === wanted);
    return position === -1 ? undefined : position;
  }
  const number = typeof value === "number" ? value : parseNumber(value);
  return Number.isFinite(number) && number >= scale.min && number <= scale.max ? number : undefined;
}

function parseNumber(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * What a criterion's scale accepts, in words: `a number from 1 to 5` or `one of XS, S, M, L, XL`.
 *
 * @param criterion - the criterion
 * @returns a phrase to follow "expected"
 */
export function describeScale(criterion: Criterion): string {
  const scale = criterion.scale;
  return isLabelScale(scale)
    ? `one of ${scale.labels.join(", ")}`
    : `a number from ${scale.min} to ${scale.max}`;
}
