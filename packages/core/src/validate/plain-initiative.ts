import { hasLoneSurrogate, type Initiative, type Rating } from "../schema/initiative.js";
import { KPI_IDS } from "../schema/kpi.js";

/*
 * InitiativeSchema answers each initiative in about 25 µs, most of it valibot's per-field datasets; scoring the
 * same initiative takes under 10 µs. This module reads the plain shape JSON produces in about a tenth of that
 * and gives up (returns undefined) at the first thing it does not recognise, leaving valibot to decide and to
 * word every problem exactly as before. Its answer for an accepted initiative equals the schema's output,
 * key order included; `plain-initiative.test.ts` pins that on generated inputs.
 */

const KPI_SET: ReadonlySet<string> = new Set(KPI_IDS);
const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** An object literal as JSON.parse makes it: no arrays, no class instances, nothing inherited. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Keys that valibot's `record` drops silently; the schema path handles them. */
function isUnsafeKey(key: string): boolean {
  return key === "__proto__" || key === "prototype" || key === "constructor";
}

/** A trimmed string of `min` to `max` UTF-16 units, or undefined. */
function trimmed(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length >= min && text.length <= max ? text : undefined;
}

function isAmount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/**
 * A copy of a plain object whose keys are all safe, or undefined. The keys are checked first and the object is
 * copied with a spread, which V8 does in one step for the shapes JSON.parse makes; a copy built key by key
 * cost five times as much. A spread copies symbol keys as well, which the schema's `record` drops: an object
 * with any is left to the schema.
 */
function copyOfSafeKeys(value: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key in value) if (isUnsafeKey(key)) return undefined;
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  return { ...value };
}

/** `RatingsSchema`: any values, under keys valibot keeps. */
function ratingsOf(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? copyOfSafeKeys(value) : undefined;
}

/** `RatingSchema`: `{rater, weight?, ratings}`. */
function raterOf(value: unknown): Rating | undefined {
  if (!isPlainObject(value)) return undefined;
  let rater: string | undefined;
  let weight = 1;
  let ratings: Record<string, unknown> | undefined;
  for (const key in value) {
    const field = value[key];
    if (key === "rater") rater = wellFormedTrimmed(field, 1, 120);
    else if (key === "weight") {
      if (!isAmount(field)) return undefined;
      weight = field;
    } else if (key === "ratings") ratings = ratingsOf(field);
    else return undefined;
  }
  if (rater === undefined || ratings === undefined) return undefined;
  return { rater, weight, ratings: ratings as Rating["ratings"] };
}

/** An array whose every item `read` accepts, with `min` to `max` items, or undefined. */
function arrayOf<T>(
  value: unknown,
  read: (item: unknown) => T | undefined,
  min = 0,
  max = Number.POSITIVE_INFINITY,
): T[] | undefined {
  if (!Array.isArray(value) || value.length < min || value.length > max) return undefined;
  const items: T[] = new Array(value.length);
  for (let k = 0; k < value.length; k++) {
    const item = read(value[k]);
    if (item === undefined) return undefined;
    items[k] = item;
  }
  return items;
}

/** An id or rater name: a lone surrogate leaves it to the schema, which names the problem. */
function wellFormedTrimmed(value: unknown, min: number, max: number): string | undefined {
  const text = trimmed(value, min, max);
  return text === undefined || hasLoneSurrogate(text) ? undefined : text;
}

const readId = (value: unknown) => wellFormedTrimmed(value, 1, 128);
const readCapability = (value: unknown) => trimmed(value, 0, 120);
const readKpi = (value: unknown) => (typeof value === "string" && KPI_SET.has(value) ? value : undefined);

function extraOf(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const extra: Record<string, string> = {};
  for (const key in value) {
    const text = value[key];
    if (isUnsafeKey(key) || typeof text !== "string" || text.length > 4000) return undefined;
    extra[key] = text;
  }
  return extra;
}

function fieldsOf(value: unknown): Record<string, number> | undefined {
  if (!isPlainObject(value)) return undefined;
  const fields: Record<string, number> = {};
  for (const key in value) {
    const number = value[key];
    if (isUnsafeKey(key) || !FIELD_NAME.test(key) || typeof number !== "number" || !Number.isFinite(number))
      return undefined;
    fields[key] = number;
  }
  return fields;
}

/**
 * Reads an initiative the way `InitiativeSchema` does, for the plain valid shapes JSON produces: the same
 * output (trimmed text, defaults filled, keys in the schema's order) without valibot's per-field work.
 * Anything else (an unknown key, a wrong type, an `undefined` value, a value out of range) returns undefined,
 * and the caller runs the schema, which words the problems.
 *
 * @param input - one candidate initiative (unknown input)
 * @returns the schema's output, or undefined to defer to the schema
 */
export function readPlainInitiative(input: unknown): Initiative | undefined {
  if (!isPlainObject(input)) return undefined;
  // One local per field and a switch: a map of readers or a scratch object per call costs as much again.
  let id: string | undefined;
  let name: string | undefined;
  let category = "";
  let description = "";
  let ratings: Record<string, unknown> | undefined;
  let raters: Rating[] | undefined;
  // Undefined until read (a field read wrongly returns at once); the schema's defaults are filled at the end.
  let kpis: string[] | undefined;
  let dependsOn: string[] | undefined;
  let capabilities: string[] | undefined;
  let extra: Record<string, string> | undefined;
  let fields: Record<string, number> | undefined;
  let cost: number | undefined;
  let runCost: number | undefined;
  let benefit: number | undefined;
  let effort: number | undefined;
  for (const key in input) {
    const value = input[key];
    switch (key) {
      case "id":
        id = readId(value);
        if (id === undefined) return undefined;
        break;
      case "name":
        name = trimmed(value, 1, 200);
        if (name === undefined) return undefined;
        break;
      case "category": {
        const text = trimmed(value, 0, 120);
        if (text === undefined) return undefined;
        category = text;
        break;
      }
      case "description": {
        const text = trimmed(value, 0, 4000);
        if (text === undefined) return undefined;
        description = text;
        break;
      }
      case "ratings":
        ratings = ratingsOf(value);
        if (ratings === undefined) return undefined;
        break;
      case "raters":
        raters = arrayOf(value, raterOf, 1, 200);
        if (raters === undefined) return undefined;
        break;
      case "kpis":
        kpis = arrayOf(value, readKpi);
        if (kpis === undefined) return undefined;
        break;
      case "dependsOn":
        dependsOn = arrayOf(value, readId);
        if (dependsOn === undefined) return undefined;
        break;
      case "capabilities":
        capabilities = arrayOf(value, readCapability);
        if (capabilities === undefined) return undefined;
        break;
      case "extra":
        extra = extraOf(value);
        if (extra === undefined) return undefined;
        break;
      case "fields":
        fields = fieldsOf(value);
        if (fields === undefined) return undefined;
        break;
      case "cost":
        if (!isAmount(value)) return undefined;
        cost = value;
        break;
      case "runCost":
        if (!isAmount(value)) return undefined;
        runCost = value;
        break;
      case "benefit":
        if (!isAmount(value)) return undefined;
        benefit = value;
        break;
      case "effort":
        if (!isAmount(value)) return undefined;
        effort = value;
        break;
      default:
        return undefined;
    }
  }
  if (name === undefined) return undefined;
  kpis ??= [];
  dependsOn ??= [];
  capabilities ??= [];
  extra ??= {};
  // Laid out as the schema lays out its output: its own key order, defaults filled, absent optionals left out.
  const initiative: Record<string, unknown> = {};
  if (id !== undefined) initiative.id = id;
  initiative.name = name;
  initiative.category = category;
  initiative.description = description;
  if (ratings !== undefined) initiative.ratings = ratings;
  if (raters !== undefined) initiative.raters = raters;
  if (cost !== undefined) initiative.cost = cost;
  initiative.kpis = kpis;
  initiative.dependsOn = dependsOn;
  initiative.capabilities = capabilities;
  initiative.extra = extra;
  if (runCost !== undefined) initiative.runCost = runCost;
  if (benefit !== undefined) initiative.benefit = benefit;
  if (effort !== undefined) initiative.effort = effort;
  if (fields !== undefined) initiative.fields = fields;
  return initiative as Initiative;
}
