import type { MissingPolicy } from "@cxprism/core";
import type { OptionSpec } from "../command.js";
import { CliError } from "../errors.js";

/** `--model FILE`, shared by `score` and `validate`. */
export const MODEL_OPTION: OptionSpec = {
  type: "string",
  short: "m",
  value: "FILE",
  description: "a model JSON file (default: the built-in cx-ai-prism model; see `cxprism model`)",
};

/** `--missing error|neutral`, shared by `score` and `validate`. */
export const MISSING_OPTION: OptionSpec = {
  type: "string",
  value: "POLICY",
  description: "a missing rating is an `error` (default) or scores the scale midpoint (`neutral`)",
};

/** `--sheet NAME`, for every command that reads a table of initiatives. */
export const SHEET_OPTION: OptionSpec = {
  type: "string",
  value: "NAME",
  description: "for an .xlsx workbook: the sheet to read, by its tab name (default: the first sheet)",
};

/**
 * Reads an option that must be one of a few words.
 *
 * @param name - the option name, for the message
 * @param value - the value given, or undefined
 * @param choices - the accepted words
 * @param fallback - the value when the option is absent
 * @returns the chosen word
 * @throws {@link CliError} `usage` for any other word
 */
export function readChoice<T extends string>(
  name: string,
  value: string | boolean | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(
    "usage",
    `--${name}: expected one of ${choices.join(", ")}, received ${JSON.stringify(value)}`,
  );
}

/**
 * Reads `--missing`.
 *
 * @param value - the value given
 * @returns the policy (default `error`)
 */
export function readMissing(value: string | boolean | undefined): MissingPolicy {
  return readChoice("missing", value, ["error", "neutral"] as const, "error");
}

/**
 * Reads a string option (parseArgs has already checked its type).
 *
 * @param value - the value given
 * @returns the string, or undefined when absent
 */
export function readString(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const FLAG_NUMBER = /^[+-]?(\d+(_\d+)*(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;
// `500.000` and `500,000`: a thousands separator in one locale, a decimal separator in another.
const AMBIGUOUS = /^[+-]?[1-9]\d{0,2}([.,]\d{3})+$/;

/** What a number flag accepts. */
export interface NumberFlag {
  /** The least value accepted. */
  readonly min: number;
  /** The greatest value accepted (default: no limit). */
  readonly max?: number;
  /** Whether only whole numbers are accepted. */
  readonly whole?: boolean;
}

/**
 * Reads a number flag the same way for every command: `1500000`, `1_500_000` and `1.5e6` are accepted,
 * negatives parse (and are then checked against the range); `500.000` and `500,000` are refused as ambiguous,
 * since a point or comma before three digits is a thousands separator in one locale and a decimal one in
 * another.
 *
 * @param name - the option name, for the message
 * @param value - the value given
 * @param flag - the accepted range
 * @returns the number
 * @throws {@link CliError} `usage` naming the option, what was expected and what was received
 */
export function readNumberFlag(name: string, value: string | boolean, flag: NumberFlag): number {
  const text = typeof value === "string" ? value.trim() : "";
  const range =
    flag.max === undefined
      ? `${flag.whole ? "a whole number" : "a number"} of at least ${flag.min}`
      : `${flag.whole ? "a whole number" : "a number"} from ${flag.min} to ${flag.max}`;
  if (AMBIGUOUS.test(text))
    throw new CliError(
      "usage",
      `--${name}: expected ${range} without thousands separators (such as 1500000, 1_500_000 or 1.5e6), received ${JSON.stringify(value)}, which is ambiguous`,
    );
  const number = FLAG_NUMBER.test(text) ? Number(text.replaceAll("_", "")) : Number.NaN;
  if (
    !Number.isFinite(number) ||
    number < flag.min ||
    (flag.max !== undefined && number > flag.max) ||
    (flag.whole === true && !Number.isInteger(number))
  )
    throw new CliError("usage", `--${name}: expected ${range}, received ${JSON.stringify(value)}`);
  return number;
}
