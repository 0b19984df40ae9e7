import type { ResultQuadrant } from "@cxprism/core";

/** ANSI styles used by the table; each is [open, close]. */
const STYLES = {
  green: ["\u001b[32m", "\u001b[39m"],
  yellow: ["\u001b[33m", "\u001b[39m"],
  cyan: ["\u001b[36m", "\u001b[39m"],
  dim: ["\u001b[2m", "\u001b[22m"],
  bold: ["\u001b[1m", "\u001b[22m"],
} as const;

/** A style name of {@link paint}. */
export type Style = keyof typeof STYLES;

/** The colour of each quadrant in the table. */
export const QUADRANT_STYLE: Readonly<Record<ResultQuadrant, Style>> = {
  "likely-win": "green",
  "calculated-risk": "yellow",
  "marginal-gain": "cyan",
  unlikely: "dim",
  unrated: "dim",
};

/**
 * Whether to colour output for a stream: never with `NO_COLOR` set (https://no-color.org), always with
 * `FORCE_COLOR` set to anything but `0`, otherwise only on a terminal that is not `dumb`.
 *
 * @param stream - where the output goes
 * @param env - the environment
 * @returns whether to colour
 */
export function shouldColour(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/**
 * Wraps text in an ANSI style.
 *
 * @param style - the style
 * @param text - the text
 * @returns the styled text
 */
export function paint(style: Style, text: string): string {
  const [open, close] = STYLES[style];
  return `${open}${text}${close}`;
}
