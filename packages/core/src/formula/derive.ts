import * as v from "valibot";
import { CxprismError, type Problem } from "../errors.js";
import { scaleBounds } from "../pipeline/normalise.js";
import type { Criterion } from "../schema/criterion.js";
import { type Initiative, InitiativeSchema } from "../schema/initiative.js";
import type { Model } from "../schema/model.js";
import { describeValue, issueToProblem } from "../validate/issues.js";
import { validateModel } from "../validate/model.js";
import { slugify } from "../validate/slug.js";
import { type CompiledFormula, compileFormula } from "./compile-formula.js";

/**
 * Formula names for an initiative's own money and effort, beside its `fields`:
 * `cost` (one-off), `run_cost` and `benefit` (per year), `effort` (person-months).
 */
export const BUILT_IN_FIELDS = {
  cost: "cost",
  run_cost: "runCost",
  benefit: "benefit",
  effort: "effort",
} as const;

/** Options for {@link deriveFormulaCriteria}. */
export interface DeriveOptions {
  /**
   * The scoring model (a `ModelInput`, checked here); the built-in `cx-ai-prism` (which has no formulas) when
   * absent.
   */
  readonly model?: unknown;
}

/** One derived value: what the formula gave, and the rating it became on the criterion's scale. */
export interface DerivedValue {
  /** The initiative's id (a slug of its name when it has none). */
  readonly initiative: string;
  readonly criterion: string;
  /** The formula's result, e.g. annual savings in money. */
  readonly value: number;
  /** The rating written into the initiative: on the criterion's declared scale. */
  readonly rating: number;
}

/** The outcome of {@link deriveFormulaCriteria}. */
export interface Derivation {
  /** The initiatives with every formula criterion rated, ready for `score(initiatives, { model })`. */
  readonly initiatives: Initiative[];
  /** Every derived value, initiative by initiative, criterion by criterion in model order. */
  readonly values: DerivedValue[];
}

/**
 * Computes every formula criterion of a model for every initiative and writes the result as its rating, so
 * that `score` (which never evaluates formulas, and so never loads mathjs) can rank them. It is the "derive
 * formula criteria" step of the pipeline, kept separate so that a bundle that only scores stays small.
 *
 * A formula reads the initiative's `fields` and its `cost`, `run_cost`, `benefit` and `effort` (see
 * {@link BUILT_IN_FIELDS}); it may use any field name that some initiative has. The value becomes a rating
 * as the criterion's `normalise` says: `scale` (default) clamps it to the declared scale, `data-range` maps
 * the portfolio's lowest to highest value linearly onto the scale (all equal: the scale's midpoint). With
 * `raters`, every rater gets the same derived rating.
 *
 * Problems, all reported together: a formula that does not compile (path `model.criteria[c].formula`, the
 * message gives the character position), a field an initiative lacks, a result that is not a finite number,
 * a rating given by hand for a formula criterion, or a `fields` entry that repeats a built-in name.
 *
 * @param initiatives - the candidate initiatives (unknown input: checked here)
 * @param options - the model
 * @returns the initiatives with derived ratings, and the derived values
 * @throws {@link CxprismError} `invalid-model` or `invalid-input`, with every problem
 * @example
 * const model = { ...defaultModel, criteria: [...defaultModel.criteria, {
 *   id: "annual_savings", label: "Annual savings", axis: "value", weight: 0.2,
 *   scale: { min: 0, max: 2_000_000 }, formula: "contacts_per_year * deflection_rate * cost_per_contact" }] };
 * const { initiatives } = deriveFormulaCriteria(rows, { model });
 * const results = score(initiatives, { model });
 */
export function deriveFormulaCriteria(initiatives: unknown, options: DeriveOptions = {}): Derivation {
  const checked = validateModel(options.model);
  if (!checked.success) throw new CxprismError("invalid-model", [...checked.problems]);
  const model: Model = checked.model;
  if (!Array.isArray(initiatives)) {
    throw new CxprismError("invalid-input", [
      {
        path: ["initiatives"],
        message: `expected an array of initiatives, received ${describeValue(initiatives)}`,
      },
    ]);
  }
  const problems: Problem[] = [];
  const parsed = initiatives.map((input, index) => {
    const result = v.safeParse(InitiativeSchema, input);
    if (result.success) return result.output;
    for (const issue of result.issues) problems.push(issueToProblem(issue, ["initiatives", index]));
    return undefined;
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const valid = parsed as Initiative[];
  const formulas = compileAll(model, valid);
  if ("problems" in formulas) throw new CxprismError("invalid-model", formulas.problems);
  const raw = valid.map((initiative, index) =>
    formulas.map(({ criterion, formula }) => evaluateOne(initiative, index, criterion, formula, problems)),
  );
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const values: DerivedValue[] = [];
  const ratings = formulas.map(({ criterion }, f) =>
    createRatingScale(
      criterion,
      raw.map((row) => row[f]!),
    ),
  );
  const derived = valid.map((initiative, index) => {
    const added: Record<string, number> = {};
    formulas.forEach(({ criterion }, f) => {
      const value = raw[index]![f]!;
      const rating = ratings[f]!(value);
      added[criterion.id] = rating;
      values.push({
        initiative: initiative.id ?? slugify(initiative.name),
        criterion: criterion.id,
        value,
        rating,
      });
    });
    if (initiative.raters !== undefined) {
      return {
        ...initiative,
        raters: initiative.raters.map((rater) => ({ ...rater, ratings: { ...rater.ratings, ...added } })),
      };
    }
    return { ...initiative, ratings: { ...initiative.ratings, ...added } };
  });
  return { initiatives: derived, values };
}

interface FormulaCriterion {
  readonly criterion: Criterion;
  readonly formula: CompiledFormula;
}

function compileAll(
  model: Model,
  initiatives: readonly Initiative[],
): FormulaCriterion[] | { problems: Problem[] } {
  const known = new Set<string>(Object.keys(BUILT_IN_FIELDS));
  for (const initiative of initiatives)
    for (const name of Object.keys(initiative.fields ?? {})) known.add(name);
  const problems: Problem[] = [];
  const compiled: FormulaCriterion[] = [];
  model.criteria.forEach((criterion, c) => {
    if (criterion.formula === undefined) return;
    const result = compileFormula(criterion.formula, known);
    if (result.success) compiled.push({ criterion, formula: result.formula });
    else {
      problems.push({
        path: ["model", "criteria", c, "formula"],
        message: `${result.problem.message} at position ${result.problem.position} of formula ${JSON.stringify(criterion.formula)} of criterion ${criterion.id}`,
      });
    }
  });
  return problems.length > 0 ? { problems } : compiled;
}

function evaluateOne(
  initiative: Initiative,
  index: number,
  criterion: Criterion,
  formula: CompiledFormula,
  problems: Problem[],
): number {
  const fields = initiative.fields ?? {};
  const scope = new Map<string, number>();
  let complete = true;
  for (const [name, key] of Object.entries(BUILT_IN_FIELDS)) {
    if (name in fields) {
      problems.push({
        path: ["initiatives", index, "fields", name],
        message: `expected a field name other than ${Object.keys(BUILT_IN_FIELDS).join(", ")} (give ${name} as the initiative's ${key}), received "${name}"`,
      });
      complete = false;
    }
    const value = initiative[key];
    if (value !== undefined) scope.set(name, value);
  }
  for (const [name, value] of Object.entries(fields)) scope.set(name, value);
  for (const name of formula.fields) {
    if (scope.has(name)) continue;
    const key = BUILT_IN_FIELDS[name as keyof typeof BUILT_IN_FIELDS];
    problems.push({
      path: key === undefined ? ["initiatives", index, "fields", name] : ["initiatives", index, key],
      message: `expected a number for ${name} (the formula of criterion ${criterion.id} reads it), received nothing`,
    });
    complete = false;
  }
  const byHand = [initiative.ratings, ...(initiative.raters ?? []).map((rater) => rater.ratings)];
  if (byHand.some((ratings) => ratings !== undefined && ratings[criterion.id] !== undefined)) {
    problems.push({
      path: ["initiatives", index, initiative.raters === undefined ? "ratings" : "raters"],
      message: `expected no rating for ${criterion.id}: its formula computes it, received a rating`,
    });
    complete = false;
  }
  if (!complete) return Number.NaN;
  const value = formula.evaluate(scope);
  if (value === undefined) {
    problems.push({
      path: ["initiatives", index, "fields"],
      message: `expected the formula ${JSON.stringify(criterion.formula)} of criterion ${criterion.id} to give a finite number, received none (a division by zero, or sqrt or log of a negative number?)`,
    });
    return Number.NaN;
  }
  return value;
}

/** Builds the map from a derived value to a rating on the criterion's declared scale. */
function createRatingScale(criterion: Criterion, values: readonly number[]): (value: number) => number {
  // The model schema gives every formula criterion a numeric scale; scaleBounds keeps this total anyway.
  const { min, max } = scaleBounds(criterion.scale);
  if (criterion.normalise !== "data-range") return (value) => Math.min(max, Math.max(min, value));
  const low = values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  const high = values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  if (!(high > low)) return () => (min + max) / 2;
  return (value) => min + ((value - low) / (high - low)) * (max - min);
}
