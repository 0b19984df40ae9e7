import type { Result } from "@cxprism/core";
import stringWidth from "string-width";
import { paint, QUADRANT_STYLE } from "./colour.js";

/**
 * Makes text safe for one terminal line: line breaks, tabs and control characters (an escape sequence in a
 * name could repaint the terminal) become single spaces.
 *
 * @param text - any text
 * @returns the text on one line
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, " ").trim();
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

/** The mark beside an axis score that includes a missing rating scored at its scale midpoint. */
export const MIDPOINT_MARK = "*";

/** The footnote under a table with {@link MIDPOINT_MARK}s. */
export const MIDPOINT_FOOTNOTE = `${MIDPOINT_MARK} includes a missing rating scored at the scale midpoint (--missing neutral); --format json lists them in warnings`;

/** Which axes of a result include a rating scored at the midpoint (its `missing-rating` warnings). */
function midpointAxes(result: Result): { value: boolean; feasibility: boolean } {
  const axes = { value: false, feasibility: false };
  for (const warning of result.warnings) {
    if (warning.code !== "missing-rating" || warning.criterion === undefined) continue;
    if (Object.hasOwn(result.contributions.value, warning.criterion)) axes.value = true;
    else axes.feasibility = true;
  }
  return axes;
}

/** Options for {@link renderResultsTable}. */
export interface TableOptions {
  /** Colour the quadrant column (on a terminal without `NO_COLOR`). */
  readonly colour: boolean;
}

/**
 * Renders results as an aligned table: rank, name, value, feasibility, priority, quadrant. Names are padded
 * by their display width (string-width), so names in any script, wide CJK or emoji line up. An axis score
 * that includes a midpoint (a missing rating under `--missing neutral`) carries {@link MIDPOINT_MARK}, and
 * the table ends with {@link MIDPOINT_FOOTNOTE}.
 *
 * @param results - results in rank order
 * @param options - colour or not
 * @returns the table, one line per result plus a header, ending with a newline
 */
export function renderResultsTable(results: readonly Result[], options: TableOptions): string {
  const names = results.map((result) => oneLine(result.name));
  const nameWidth = names.reduce(
    (widest, name) => Math.max(widest, stringWidth(name)),
    stringWidth("initiative"),
  );
  const midpoints = results.map(midpointAxes);
  const marked = midpoints.some((axes) => axes.value || axes.feasibility);
  const gap = marked ? " " : "";
  const mark = (on: boolean): string => (marked ? (on ? MIDPOINT_MARK : " ") : "");
  const header = `rank  ${padEnd("initiative", nameWidth)}  value${gap}  feasibility${gap}  priority  quadrant`;
  const lines = [options.colour ? paint("bold", header) : header];
  results.forEach((result, k) => {
    const label = oneLine(result.quadrantLabel);
    lines.push(
      [
        String(result.rank).padStart(4),
        padEnd(names[k]!, nameWidth),
        result.value.toFixed(1).padStart(5) + mark(midpoints[k]!.value),
        result.feasibility.toFixed(1).padStart(11) + mark(midpoints[k]!.feasibility),
        result.priority.toFixed(1).padStart(8),
        options.colour ? paint(QUADRANT_STYLE[result.quadrant], label) : label,
      ].join("  "),
    );
  });
  if (marked) lines.push("", MIDPOINT_FOOTNOTE);
  return `${lines.join("\n")}\n`;
}

/**
 * Renders results as a GitHub-flavoured Markdown table (pipes in names escaped).
 *
 * @param results - results in rank order
 * @returns the table, ending with a newline
 */
export function renderResultsMarkdown(results: readonly Result[]): string {
  // Markdown renders inline HTML: a name such as `<img onerror=...>` must show as text, never as markup.
  const cell = (text: string) =>
    oneLine(text)
      .replaceAll("\\", "\\\\")
      .replaceAll("|", "\\|")
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;");
  const midpoints = results.map(midpointAxes);
  // Escaped, so Markdown shows the mark rather than reading it as emphasis.
  const mark = (on: boolean): string => (on ? `\\${MIDPOINT_MARK}` : "");
  const lines = [
    "| rank | initiative | value | feasibility | priority | quadrant |",
    "| ---: | --- | ---: | ---: | ---: | --- |",
    ...results.map(
      (result, k) =>
        `| ${result.rank} | ${cell(result.name)} | ${result.value.toFixed(1)}${mark(midpoints[k]!.value)} | ${result.feasibility.toFixed(1)}${mark(midpoints[k]!.feasibility)} | ${result.priority.toFixed(1)} | ${cell(result.quadrantLabel)} |`,
    ),
  ];
  if (midpoints.some((axes) => axes.value || axes.feasibility)) lines.push("", `\\${MIDPOINT_FOOTNOTE}`);
  return `${lines.join("\n")}\n`;
}
