import type { Problem, ProblemPath } from "../errors.js";
import type { Axis } from "../schema/criterion.js";
import { editDistance } from "./suggest.js";

/** What a key resolver needs of a criterion. */
export interface KeyedCriterion {
  readonly id: string;
  readonly label: string;
  readonly axis: Axis;
}

/** What a key resolver needs of a model (a validated `Model` or a model as stored). */
export interface KeyedModel {
  readonly id: string;
  readonly criteria: readonly KeyedCriterion[];
}

/** What {@link CriterionKeyResolver} makes of one key: the criterion it names, or why it names none. */
export type CriterionKeyResolution =
  | { readonly success: true; readonly id: string; readonly criterion: KeyedCriterion }
  | { readonly success: false; readonly message: string };

/** Maps a key written by a person (a criterion's id or its label) to the criterion it names. */
export type CriterionKeyResolver = (key: string) => CriterionKeyResolution;

/**
 * Reduces a key for matching: NFKC, lower case, runs of white space as one space, trimmed; so
 * `Data  Readiness ` matches the label `Data readiness`.
 *
 * @param key - an id, a label or what someone typed
 * @returns the matching form
 */
export function normaliseCriterionKey(key: string): string {
  return key.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * Makes a resolver from criterion keys to ids for a model: a key names a criterion by its id or by its label,
 * ignoring case and differences in white space (see {@link normaliseCriterionKey}). An id written exactly
 * always wins. A key that matches two criteria (one's label is another's id in other case, or two labels
 * written alike) is ambiguous; a key that matches none is unknown, and the message suggests the nearest
 * criterion by edit distance (or lists the model's ids when none is near). Weights, rankings and rating
 * bodies use it, so that wherever an id works, the label works too and is stored as the id.
 *
 * @param model - the model whose criteria the keys name
 * @returns the resolver
 * @example
 * const resolve = createCriterionKeyResolver(defaultModel);
 * resolve("data readiness"); // { success: true, id: "data_readiness", ... }
 * resolve("data readyness"); // { success: false, message: '... (did you mean data_readiness, "Data readiness"?)' }
 */
export function createCriterionKeyResolver(model: KeyedModel): CriterionKeyResolver {
  const byId = new Map(model.criteria.map((criterion) => [criterion.id, criterion]));
  const byKey = new Map<string, KeyedCriterion[]>();
  for (const criterion of model.criteria) {
    for (const name of new Set([
      normaliseCriterionKey(criterion.id),
      normaliseCriterionKey(criterion.label),
    ])) {
      const named = byKey.get(name) ?? [];
      if (!named.includes(criterion)) named.push(criterion);
      byKey.set(name, named);
    }
  }
  return (key) => {
    const exact = byId.get(key);
    if (exact !== undefined) return { success: true, id: exact.id, criterion: exact };
    const normalised = normaliseCriterionKey(key);
    const named = byKey.get(normalised) ?? [];
    if (named.length === 1) return { success: true, id: named[0]!.id, criterion: named[0]! };
    if (named.length > 1)
      return {
        success: false,
        message: `expected a key naming one criterion of model ${model.id}, received "${key}", which names ${named
          .map((criterion) => `${criterion.id} ("${criterion.label}")`)
          .join(
            " and ",
          )} (did you mean one of ${named.map((criterion) => criterion.id).join(", ")}? write the id)`,
      };
    const near = nearestCriterion(normalised, model.criteria);
    return {
      success: false,
      message: `expected a criterion id or label of model ${model.id}, received "${key}" (${
        near === undefined
          ? `did you mean one of ${model.criteria.map((criterion) => criterion.id).join(", ")}?`
          : `did you mean ${near.id}, "${near.label}"?`
      })`,
    };
  };
}

/** The criterion whose id or label is within a third of the key's length in edit distance, the nearest first. */
function nearestCriterion(key: string, criteria: readonly KeyedCriterion[]): KeyedCriterion | undefined {
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: KeyedCriterion | undefined;
  let bestDistance = limit + 1;
  for (const criterion of criteria) {
    for (const name of [criterion.id, criterion.label]) {
      const distance = editDistance(key, normaliseCriterionKey(name));
      if (distance < bestDistance) {
        best = criterion;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/** The outcome of {@link keyByCriterionId}. */
export interface CriterionKeyed<T> {
  /** The values by criterion id, for the keys that name a criterion. */
  readonly values: Record<string, T>;
  /** Each criterion id's key as written, to point a later problem at what the person wrote. */
  readonly keys: ReadonlyMap<string, string>;
  /** An unknown or ambiguous key, or two keys naming one criterion, each at `[...path, key]`. */
  readonly problems: Problem[];
}

/**
 * Re-keys values given by criterion id or label (weights, one initiative's ratings) by criterion id, with
 * {@link createCriterionKeyResolver}'s rules, and finds every key that names no criterion, names two, or names
 * a criterion another key already named.
 *
 * @param resolve - the model's resolver
 * @param entries - the values by key as written
 * @param path - where the entries sit, for problems (`["weights"]`, `["ratings", "chatbot"]`)
 * @returns the values by id and the problems
 */
export function keyByCriterionId<T>(
  resolve: CriterionKeyResolver,
  entries: Readonly<Record<string, T>>,
  path: ProblemPath = [],
): CriterionKeyed<T> {
  const values: Record<string, T> = {};
  const keyOf = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(entries)) {
    const resolved = resolve(key);
    if (!resolved.success) {
      problems.push({ path: [...path, key], message: resolved.message });
      continue;
    }
    const earlier = keyOf.get(resolved.id);
    if (earlier !== undefined) {
      problems.push({
        path: [...path, key],
        message: `expected one entry for criterion ${resolved.id}, received "${key}" and "${earlier}"`,
      });
      continue;
    }
    keyOf.set(resolved.id, key);
    values[resolved.id] = value;
  }
  return { values, keys: keyOf, problems };
}
