import type { Model } from "@cxprism/core";
import {
  formatProbability,
  type MethodComparison,
  type MonteCarloResult,
  type WeightInterval,
  type WeightStability,
} from "@cxprism/core/confidence";
import stringWidth from "string-width";
import { paint, QUADRANT_STYLE } from "./colour.js";
import { oneLine } from "./results-table.js";

/** Options for the sensitivity tables. */
export interface SensitivityTableOptions {
  /** Colour headers and quadrants (on a terminal without `NO_COLOR`). */
  readonly colour: boolean;
}

/**
 * Renders rows as aligned columns; `right` marks the columns aligned right.
 *
 * @param rows - the header row, then the body
 * @param right - per column, whether it is aligned right
 * @param colour - bold header or not
 * @param paintCell - colours a body cell
 * @returns one line per row
 */
export function renderColumns(
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
  colour: boolean,
  paintCell?: (row: number, column: number, text: string) => string,
): string[] {
  const widths = rows[0]!.map((_, k) =>
    rows.reduce((widest, row) => Math.max(widest, stringWidth(row[k]!)), 0),
  );
  return rows.map((row, r) => {
    const line = row
      .map((cell, k) => {
        const padding = " ".repeat(widths[k]! - stringWidth(cell));
        const shown = r > 0 && paintCell !== undefined ? paintCell(r - 1, k, cell) : cell;
        return right[k] ? padding + shown : k === row.length - 1 ? shown : shown + padding;
      })
      .join("  ")
      .trimEnd();
    return r === 0 && colour ? paint("bold", line) : line;
  });
}

/**
 * Renders the Monte Carlo probability table: per initiative in base rank order, P(top-k), P(rank 1), the
 * probability of keeping its quadrant, the priority median and its 90% interval; then the settings and the
 * one-line summaries.
 *
 * @param result - the result of `runMonteCarlo`
 * @param model - the model, for quadrant labels
 * @param options - colour or not
 * @returns the section, ending with a newline
 */
export function renderProbabilityTable(
  result: MonteCarloResult,
  model: Model,
  options: SensitivityTableOptions,
): string {
  const k = result.k;
  const header = [
    "rank",
    "initiative",
    `P(top-${k})`,
    "P(rank 1)",
    "P(quadrant)",
    "priority",
    "90% interval",
  ];
  const rows = result.initiatives.map((initiative) => {
    // An unrated initiative has no quadrant to keep and no priority of its own (the simulation's numbers
    // for it are the midpoints'): its label alone, and dashes.
    const unrated = initiative.baseQuadrant === "unrated";
    const { median, low, high } = initiative.priority;
    return [
      String(initiative.baseRank),
      oneLine(initiative.name),
      formatProbability(initiative.topK),
      formatProbability(initiative.rankProbabilities[0] ?? 0),
      unrated
        ? oneLine(model.quadrantLabels.unrated)
        : `${oneLine(model.quadrantLabels[initiative.baseQuadrant])} ${formatProbability(initiative.quadrants[initiative.baseQuadrant])}`,
      unrated ? "-" : median.toFixed(1),
      unrated ? "-" : `${low.toFixed(1)}..${high.toFixed(1)}`,
    ];
  });
  const concentration = Number.isFinite(result.concentration)
    ? `Dirichlet around the model's, concentration ${result.concentration}`
    : "the model's, unchanged";
  const ratings =
    result.uncertainty === 0 ? "unchanged" : `within ±${result.uncertainty} step(s) (${result.noise})`;
  const lines = [
    `Monte Carlo: ${result.iterations.toLocaleString("en-US")} plausible worlds, seed ${result.seed}.`,
    `  weights: ${concentration}`,
    `  ratings: ${ratings}${result.bootstrapRaters ? "; raters resampled where several rated" : ""}`,
    "",
    ...renderColumns(
      [header, ...rows],
      [true, false, true, true, false, true, false],
      options.colour,
      (r, k, text) =>
        k === 4 && options.colour ? paint(QUADRANT_STYLE[result.initiatives[r]!.baseQuadrant], text) : text,
    ),
    "",
    ...result.initiatives.map((initiative) => oneLine(initiative.summary)),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * An interval of axis shares as text: `12.0%..47.5%`, or `any` when the property never fails.
 *
 * @param interval - a weight interval (shares 0-1)
 * @returns the text
 */
export function formatInterval(interval: WeightInterval): string {
  if (interval.low <= 0 && interval.high >= 1) return "any";
  return `${(interval.low * 100).toFixed(1)}%..${(interval.high * 100).toFixed(1)}%`;
}

/**
 * Renders the weight-stability table: for each criterion, its share of its axis and the range of that share
 * (the other criteria of the axis rescaled proportionally) within which the top-1 and the top-k set stay the
 * same.
 *
 * @param stability - the result of `analyseWeightStability`
 * @param model - the model, for criterion labels
 * @param topName - the name of the top-ranked initiative
 * @param options - colour or not
 * @returns the section, starting with a blank line and ending with a newline
 */
export function renderStabilityTable(
  stability: WeightStability,
  model: Model,
  topName: string,
  options: SensitivityTableOptions,
): string {
  const label = new Map(model.criteria.map((criterion) => [criterion.id, criterion.label]));
  const how =
    stability.method === "exact"
      ? "exact"
      : `numeric, to ${(stability.tolerance * 100).toPrecision(2)}% of the axis`;
  const header = ["criterion", "axis", "share", `top-1 kept`, `top-${stability.k} kept`];
  const rows = stability.criteria.map((criterion) => [
    oneLine(label.get(criterion.criterion) ?? criterion.criterion),
    criterion.axis,
    `${(criterion.share * 100).toFixed(1)}%`,
    formatInterval(criterion.top1),
    formatInterval(criterion.topK),
  ]);
  const lines = [
    "",
    `Weight stability (${how}): the range of each criterion's share of its axis (the axis' other weights`,
    `rescaled) within which ${oneLine(topName)} stays first and the top-${stability.k} set stays the same:`,
    ...renderColumns([header, ...rows], [false, false, true, false, false], options.colour),
  ];
  return `${lines.join("\n")}\n`;
}

/** Short column names for the methods table. */
const METHOD_HEADER: Readonly<Record<MethodComparison["rankings"][number]["method"], string>> = {
  model: "model",
  "weighted-sum": "sum",
  "weighted-product": "product",
  "topsis-vector": "TOPSIS-v",
  "topsis-min-max": "TOPSIS-mm",
  vikor: "VIKOR",
};

/**
 * Renders the method-robustness section: each initiative's rank under every method (in the model's order),
 * Spearman's rho and Kendall's tau-b for every pair of methods, the initiatives whose top-k membership
 * depends on the method, and VIKOR's compromise with its two conditions.
 *
 * @param comparison - the result of `compareMethods`
 * @param names - initiative name by id
 * @param options - colour or not
 * @returns the section, starting with a blank line and ending with a newline
 */
export function renderMethodsTable(
  comparison: MethodComparison,
  names: ReadonlyMap<string, string>,
  options: SensitivityTableOptions,
): string {
  const name = (id: string) => oneLine(names.get(id) ?? id);
  const model = comparison.rankings[0]!;
  const header = ["initiative", ...comparison.rankings.map((ranking) => METHOD_HEADER[ranking.method])];
  const rows = model.order.map((id) => {
    const i = comparison.ids.indexOf(id);
    return [name(id), ...comparison.rankings.map((ranking) => String(ranking.ranks[i]))];
  });
  const agreement = comparison.agreement.map((pair) => [
    `${METHOD_HEADER[pair.methods[0]]} vs ${METHOD_HEADER[pair.methods[1]]}`,
    pair.spearman === null ? "n/a" : pair.spearman.toFixed(3),
    pair.kendall === null ? "n/a" : pair.kendall.toFixed(3),
  ]);
  const k = comparison.topK;
  const changes =
    comparison.shortlistChanges.length === 0
      ? [`Every method puts the same initiatives in the top ${k}.`]
      : [
          `In the top ${k} under some methods only:`,
          ...comparison.shortlistChanges.map(
            (change) =>
              `  ${name(change.id)}: in under ${change.inside.map((m) => METHOD_HEADER[m]).join(", ")}; out under ${change.outside.map((m) => METHOD_HEADER[m]).join(", ")}`,
          ),
        ];
  const { vikor } = comparison;
  const condition = (holds: boolean | null) => (holds === null ? "n/a" : holds ? "met" : "not met");
  const lines = [
    "",
    "Ranks by method (sum and product of the criteria, TOPSIS with vector or min-max normalisation, VIKOR",
    `with v = ${vikor.v}), same criteria and weights:`,
    ...renderColumns(
      [header, ...rows],
      header.map((_, c) => c > 0),
      options.colour,
    ),
    "",
    "Agreement between methods (Spearman's rho, Kendall's tau-b):",
    ...renderColumns([["methods", "rho", "tau"], ...agreement], [false, true, true], options.colour),
    "",
    ...changes,
    `VIKOR compromise: ${vikor.compromise.map(name).join(", ") || "none"} (acceptable advantage ${condition(vikor.acceptableAdvantage)}, acceptable stability ${condition(vikor.acceptableStability)})`,
  ];
  return `${lines.join("\n")}\n`;
}
