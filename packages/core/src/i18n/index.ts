import { de } from "./de.js";
import { en } from "./en.js";
import type { Messages } from "./messages.js";

export type { Messages } from "./messages.js";
export { de, en };

/** The languages shipped, by tag. Another language is one more file of the {@link Messages} shape. */
export const LANGUAGES: Readonly<Record<string, Messages>> = { en, de };

/**
 * The messages of a language: `de`, `de-AT` and `DE` all give German; an unknown tag gives `undefined`
 * so a face can say which languages exist.
 *
 * @param lang - a BCP 47 tag, e.g. `en` or `de-CH` (default `en`)
 * @returns the messages, or `undefined` when the language is not shipped
 */
export function messagesFor(lang = "en"): Messages | undefined {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? "";
  return Object.hasOwn(LANGUAGES, primary) ? LANGUAGES[primary] : undefined;
}

/**
 * Formats a number with a language's separators and at most `digits` decimals (trailing zeros dropped),
 * independent of the runtime's locale data: `1234567.891` gives `1,234,567.89` in English and
 * `1.234.567,89` in German.
 *
 * @param amount - the number
 * @param messages - the language
 * @param digits - decimals kept
 * @returns the text
 */
export function formatLocalNumber(amount: number, messages: Messages, digits = 0): string {
  const fixed = Math.abs(amount).toFixed(digits);
  const [whole = "0", fraction = ""] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, messages.number.group);
  const trimmed = fraction.replace(/0+$/, "");
  const sign = amount < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${grouped}${trimmed ? `${messages.number.decimal}${trimmed}` : ""}`;
}

/**
 * A quadrant's name: the model's own label when it set one, otherwise the language's name. Labels equal to
 * the default model's English names count as not set, so a default model reads in the chosen language.
 *
 * @param label - the model's label (or a result's `quadrantLabel`)
 * @param defaultLabel - the default model's label for the same quadrant
 * @param translated - the language's name
 * @returns the name to print
 */
export function quadrantName(label: string | undefined, defaultLabel: string, translated: string): string {
  return label === undefined || label === defaultLabel ? translated : label;
}
