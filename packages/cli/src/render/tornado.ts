import type { Tornado } from "@cxprism/core/confidence";
import stringWidth from "string-width";
import { paint } from "./colour.js";
import { oneLine } from "./results-table.js";

/** Options for {@link renderTornadoChart}. */
export interface TornadoChartOptions {
  /** Colour the bars (on a terminal without `NO_COLOR`). */
  readonly colour: boolean;
}

/** Columns of each half of the chart; a row is 78 columns in all, so the chart fits an 80-column terminal. */
export const HALF_WIDTH = 18;
/** The criterion label's columns; the rating follows in 3 more (` (3)` style is too wide for long labels). */
const LABEL_WIDTH = 18;

/**
 * Shortens text to a number of terminal columns, ending with `…` when cut.
 *
 * @param text - one line of text
 * @param width - the columns available
 * @returns the text, at most `width` columns wide
 */
export function truncateColumns(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (stringWidth(`${out}${char}…`) > width) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * A bar of `cells` columns in half-column steps: full blocks and a half block at the outer end (`▌` growing
 * right, `▐` growing left).
 *
 * @param cells - the length in columns (0 to {@link HALF_WIDTH})
 * @param growsLeft - whether the bar grows leftwards from the axis
 * @returns the bar, `ceil(cells * 2) / 2` columns rounded to half a column
 */
export function renderBar(cells: number, growsLeft: boolean): string {
  const halves = Math.round(Math.max(0, cells) * 2);
  const full = "█".repeat(Math.floor(halves / 2));
  if (halves % 2 === 0) return full;
  return growsLeft ? `▐${full}` : `${full}▌`;
}

function signed(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  return rounded > 0 ? `+${rounded.toFixed(1)}` : rounded < 0 ? rounded.toFixed(1) : "0.0";
}

/**
 * Renders one initiative's tornado as Unicode bars around its base priority: for each weighted criterion,
 * widest swing first, how far priority falls (left) and rises (right) when that one rating moves one step
 * down (`↓`) or up (`↑`). Bars share one scale, the widest swing filling a half; every row fits 80 columns.
 *
 * @param tornado - one entry of `buildTornado`
 * @param options - colour or not
 * @returns the chart with a title line and a key, ending with a newline
 */
export function renderTornadoChart(tornado: Tornado, options: TornadoChartOptions): string {
  const title = `Tornado: ${oneLine(tornado.name)} (priority ${tornado.priority.toFixed(1)}, rank ${tornado.rank})`;
  const lines = [
    options.colour ? paint("bold", title) : title,
    "Priority change when one rating moves one step down (↓) or up (↑):",
  ];
  const scale = tornado.bars.reduce(
    (widest, bar) => Math.max(widest, Math.abs(bar.deltaDown), Math.abs(bar.deltaUp)),
    0,
  );
  for (const bar of tornado.bars) {
    const downIsLeft = bar.deltaDown <= bar.deltaUp;
    const left = downIsLeft ? bar.deltaDown : bar.deltaUp;
    const right = downIsLeft ? bar.deltaUp : bar.deltaDown;
    const cells = (delta: number) => (scale === 0 ? 0 : (Math.abs(delta) / scale) * HALF_WIDTH);
    const leftBar = renderBar(left < 0 ? cells(left) : 0, true);
    const rightBar = renderBar(right > 0 ? cells(right) : 0, false);
    const label = truncateColumns(oneLine(bar.label), LABEL_WIDTH);
    const paddedLeft = " ".repeat(HALF_WIDTH - stringWidth(leftBar)) + leftBar;
    const paddedRight = rightBar + " ".repeat(HALF_WIDTH - stringWidth(rightBar));
    lines.push(
      [
        label + " ".repeat(LABEL_WIDTH - stringWidth(label)),
        formatRating(bar.rating).padStart(3),
        signed(left).padStart(6),
        downIsLeft ? "↓" : "↑",
        `${options.colour ? paint("yellow", paddedLeft) : paddedLeft}│${options.colour ? paint("green", paddedRight) : paddedRight}`,
        downIsLeft ? "↑" : "↓",
        signed(right),
      ]
        .join(" ")
        .trimEnd(),
    );
  }
  if (tornado.bars.length === 0) lines.push("(no weighted criterion: nothing can move the priority)");
  lines.push(
    `(the number after each criterion is its rating; a step is one scale point or label; widest bar ${scale.toFixed(1)} points)`,
  );
  return `${lines.join("\n")}\n`;
}

function formatRating(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "");
}
