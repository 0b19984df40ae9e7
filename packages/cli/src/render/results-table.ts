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

/** Options for {@link renderResultsTable}. */
export interface TableOptions {
  /** Colour the quadrant column (on a terminal without `NO_COLOR`). */
  readonly colour: boolean;
}

/**
 * Renders results as an aligned table: rank, name, value, feasibility, priority, quadrant. Names are padded
 * by their display width (string-width), so names in any script, wide CJK or emoji line up.
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
  const header = `rank  ${padEnd("initiative", nameWidth)}  value  feasibility  priority  quadrant`;
  const lines = [options.colour ? paint("bold", header) : header];
  results.forEach((result, k) => {
    const label = oneLine(result.quadrantLabel);
    lines.push(
      [
        String(result.rank).padStart(4),
        padEnd(names[k]!, nameWidth),
        result.value.toFixed(1).padStart(5),
        result.feasibility.toFixed(1).padStart(11),
        result.priority.toFixed(1).padStart(8),
        options.colour ? paint(QUADRANT_STYLE[result.quadrant], label) : label,
      ].join("  "),
    );
  });
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
  const lines = [
    "| rank | initiative | value | feasibility | priority | quadrant |",
    "| ---: | --- | ---: | ---: | ---: | --- |",
    ...results.map(
      (result) =>
        `| ${result.rank} | ${cell(result.name)} | ${result.value.toFixed(1)} | ${result.feasibility.toFixed(1)} | ${result.priority.toFixed(1)} | ${cell(result.quadrantLabel)} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
