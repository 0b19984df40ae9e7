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
