import { CxprismError, type Problem } from "../errors.js";
import type { Messages } from "../i18n/messages.js";
import { classifyQuadrant } from "../pipeline/quadrant.js";
import { formatNumber } from "./format.js";
import { type MatrixInput, type MatrixModel, resolveMatrix } from "./options.js";
import { terminalColumns } from "./text-width.js";

/** Options of {@link renderMatrixText}. */
export interface MatrixTextOptions {
  /** Columns of the whole output, key included (default 80, at least 30). */
  readonly width?: number;
  /** Lines of the chart, from its heading to the feasibility ticks; the key follows (default 24, at least 10). */
  readonly height?: number;
  /** Thresholds, quadrant labels and priority rule; defaults to the default model's. */
  readonly model?: MatrixModel;
  /** The language of the heading and quadrant names (default English). */
  readonly messages?: Messages;
}

/** One terminal cell: a character, or `""` for the second half of a wide character. */
type Grid = string[][];

/**
 * Renders the prism matrix for a terminal: a frame in Unicode box drawing with the quadrant thresholds,
 * quadrant labels, each initiative as its number (1 = highest priority) at its value and feasibility, and a
 * key listing number, name, scores and quadrant. Plain text without colours, so a caller can colour it.
 *
 * A number goes in the cell of its scores when that is free, else in the nearest free cell (initiatives of
 * higher priority claim their cells first); a quadrant label is drawn only where no number is.
 *
 * @param results - scored initiatives, e.g. the output of `score`
 * @param options - `width` (default 80), `height` (default 24), `model`
 * @returns lines joined by `\n`, each at most `width` columns, ending with a newline
 * @throws {@link CxprismError} for scores outside 0-100 or a width or height too small
 * @example
 * const text = renderMatrixText(score(catalogInitiatives())); // 80 columns, ready for a terminal
 */
export function renderMatrixText(results: readonly MatrixInput[], options: MatrixTextOptions = {}): string {
  const width = Math.floor(options.width ?? 80);
  const height = Math.floor(options.height ?? 24);
  const {
    points,
    unrated,
    options: resolved,
  } = resolveMatrix(results, {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.messages === undefined ? {} : { messages: options.messages }),
  });
  const frameProblems: Problem[] = [];
  if (!(width >= 30))
    frameProblems.push({ path: ["width"], message: `at least 30 columns; received ${options.width}` });
  if (!(height >= 10))
    frameProblems.push({ path: ["height"], message: `at least 10 lines; received ${options.height}` });
  if (frameProblems.length > 0) throw new CxprismError("invalid-options", frameProblems);
  const { thresholds, quadrantLabels } = resolved;
  const margin = 4; // "100 " before the frame
  const innerWidth = width - margin - 2;
  const innerHeight = height - 4; // heading, top frame, bottom frame, ticks
  const columnOf = (feasibility: number): number => Math.round((feasibility / 100) * (innerWidth - 1));
  const rowOf = (value: number): number => Math.round((1 - value / 100) * (innerHeight - 1));
  const thresholdColumn = columnOf(thresholds.feasibility);
  const thresholdRow = rowOf(thresholds.value);

  const grid: Grid = Array.from({ length: innerHeight }, () => Array.from({ length: innerWidth }, () => " "));
  const taken: boolean[][] = Array.from({ length: innerHeight }, () =>
    Array.from({ length: innerWidth }, () => false),
  );
  for (let row = 0; row < innerHeight; row++) grid[row]![thresholdColumn] = "│";
  for (let column = 0; column < innerWidth; column++)
    grid[thresholdRow]![column] = column === thresholdColumn ? "┼" : "─";

  // A span is free when neither it nor the cell on each side is taken: two numbers side by side ("3", "4")
  // would read as one ("34"). Nor may it cover a divider line: the line would break, and the number would
  // sit in no quadrant.
  const free = (row: number, column: number, length: number): boolean => {
    if (row < 0 || row >= innerHeight || column < 0 || column + length > innerWidth) return false;
    if (row === thresholdRow || (column <= thresholdColumn && thresholdColumn < column + length))
      return false;
    for (let k = -1; k <= length; k++) if (taken[row]![column + k] === true) return false;
    return true;
  };
  const write = (row: number, column: number, text: string): void => {
    let k = 0;
    for (const char of text) {
      grid[row]![column + k] = char;
      taken[row]![column + k] = true;
      if (terminalColumns(char) === 2) {
        grid[row]![column + k + 1] = "";
        taken[row]![column + k + 1] = true;
        k += 2;
      } else k += 1;
    }
  };

  points.forEach((point, index) => {
    const label = String(index + 1);
    // Start on the point's own side of each divider: at the threshold itself it belongs high (>=).
    const high = {
      value: point.input.value >= thresholds.value,
      feasibility: point.input.feasibility >= thresholds.feasibility,
    };
    let row = rowOf(point.input.value);
    if (row === thresholdRow) row += high.value ? -1 : 1;
    let column = columnOf(point.input.feasibility);
    if (high.feasibility && column <= thresholdColumn) column = thresholdColumn + 1;
    else if (!high.feasibility && column + label.length > thresholdColumn)
      column = thresholdColumn - label.length;
    // Rings of growing Chebyshev distance; within a ring the order is fixed, so placement is deterministic.
    for (let distance = 0; distance < innerWidth + innerHeight; distance++) {
      for (let dr = -distance; dr <= distance; dr++) {
        for (let dc = -distance; dc <= distance; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== distance) continue;
          if (free(row + dr, column + dc, label.length)) {
            write(row + dr, column + dc, label);
            return;
          }
        }
      }
    }
  });

  const quadrantSpans = {
    "calculated-risk": { top: true, left: 0, right: thresholdColumn - 1 },
    "likely-win": { top: true, left: thresholdColumn + 1, right: innerWidth - 1 },
    unlikely: { top: false, left: 0, right: thresholdColumn - 1 },
    "marginal-gain": { top: false, left: thresholdColumn + 1, right: innerWidth - 1 },
  } as const;
  for (const [quadrant, span] of Object.entries(quadrantSpans) as [
    keyof typeof quadrantSpans,
    (typeof quadrantSpans)[keyof typeof quadrantSpans],
  ][]) {
    const room = span.right - span.left + 1;
    if (room < 4) continue;
    const text = fitColumns(quadrantLabels[quadrant], room);
    const length = terminalColumns(text);
    const atRight = quadrant === "likely-win" || quadrant === "marginal-gain";
    const column = atRight ? span.right - length + 1 : span.left;
    // The outer row of the quadrant first, then one row inwards.
    const rows = span.top ? [0, 1] : [innerHeight - 1, innerHeight - 2];
    const row = rows.find(
      (r) =>
        r >= 0 &&
        r < innerHeight &&
        r !== thresholdRow &&
        (span.top ? r < thresholdRow : r > thresholdRow) &&
        free(r, column, length),
    );
    if (row !== undefined) write(row, column, text);
  }

  const lines: string[] = [];
  lines.push(fitColumns(resolved.messages.matrix.textAxes(points.length), width));
  const border = (left: string, cross: string, right: string): string =>
    `${left}${"─".repeat(thresholdColumn)}${cross}${"─".repeat(innerWidth - thresholdColumn - 1)}${right}`;
  lines.push(`${"100".padStart(margin - 1)} ${border("┌", "┬", "┐")}`);
  grid.forEach((cells, row) => {
    const tick = row === thresholdRow ? formatNumber(thresholds.value, 0) : "";
    const left = row === thresholdRow ? "├" : "│";
    const right = row === thresholdRow ? "┤" : "│";
    lines.push(`${tick.padStart(margin - 1)} ${left}${cells.join("")}${right}`);
  });
  lines.push(`${"0".padStart(margin - 1)} ${border("└", "┴", "┘")}`);
  const ticks = Array.from({ length: width }, () => " ");
  const put = (column: number, text: string): void => {
    for (let k = 0; k < text.length && column + k < width; k++) ticks[column + k] = text[k]!;
  };
  const frameLeft = margin;
  put(frameLeft, "0");
  const thresholdText = formatNumber(thresholds.feasibility, 0);
  put(frameLeft + 1 + thresholdColumn - Math.floor(thresholdText.length / 2), thresholdText);
  put(frameLeft + innerWidth + 2 - 3, "100");
  lines.push(ticks.join("").trimEnd());

  lines.push("");
  const numberWidth = String(points.length).length;
  const scoreTexts = points.map((point) => {
    const quadrant = classifyQuadrant(point.input.value, point.input.feasibility, thresholds);
    return `V ${formatNumber(point.input.value, 0).padStart(3)}  F ${formatNumber(point.input.feasibility, 0).padStart(3)}  P ${formatNumber(point.priority, 0).padStart(3)}  ${quadrantLabels[quadrant]}`;
  });
  const scoresWidth = scoreTexts.reduce((widest, text) => Math.max(widest, terminalColumns(text)), 0);
  // One name column for every line, so the scores line up; the key is cut at `width` if names get too short.
  const nameRoom = Math.max(8, width - numberWidth - 2 - scoresWidth - 2);
  for (const [index, point] of points.entries()) {
    const scores = scoreTexts[index]!;
    const prefix = `${String(index + 1).padStart(numberWidth)}  `;
    const name = fitColumns(point.input.name, nameRoom);
    const padded = name + " ".repeat(Math.max(0, nameRoom - terminalColumns(name)));
    lines.push(fitColumns(`${prefix}${padded}  ${scores}`, width).trimEnd());
  }
  if (unrated.length > 0) {
    // Not plotted: they have no place on an axis they were never rated on.
    lines.push(
      "",
      fitColumns(
        `${resolved.messages.matrix.unratedTitle(unrated.length)}: ${resolved.messages.matrix.unratedNote}`,
        width,
      ),
    );
    for (const input of unrated) lines.push(fitColumns(`  ${input.name}`, width).trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

/** Shortens a text to at most `columns` terminal columns, ending it with `…` when cut. */
function fitColumns(text: string, columns: number): string {
  if (terminalColumns(text) <= columns) return text;
  let kept = "";
  let used = 0;
  for (const char of text) {
    const next = terminalColumns(char);
    if (used + next > columns - 1) break;
    kept += char;
    used += next;
  }
  return `${kept}…`;
}
