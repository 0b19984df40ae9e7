import {
  type AhpResult,
  describeJudgmentAdvice,
  RANDOM_INDEX_TABLES,
  type RankedCriterionWeights,
  type RankWeightMethod,
} from "@cxprism/core/weights";
import stringWidth from "string-width";
import { paint } from "./colour.js";
import { oneLine } from "./results-table.js";

/** Options for the weight tables. */
export interface WeightsTableOptions {
  /** Colour the verdict (on a terminal without `NO_COLOR`). */
  readonly colour: boolean;
}

/** The widest weight bar, in terminal columns. */
const BAR_WIDTH = 30;

/**
 * Renders weights by id as an aligned table, heaviest first (ties by id), each with a bar scaled to the
 * heaviest weight.
 *
 * @param weights - weight by criterion id (summing to 1)
 * @returns the table, ending with a newline
 */
export function renderWeightTable(weights: Readonly<Record<string, number>>): string {
  const entries = sortWeights(weights);
  const width = entries.reduce(
    (widest, [id]) => Math.max(widest, stringWidth(oneLine(id))),
    stringWidth("criterion"),
  );
  const heaviest = entries.reduce((heaviest, [, weight]) => Math.max(heaviest, weight), 0);
  const lines = [`${"criterion".padEnd(width)}  weight`];
  for (const [id, weight] of entries) {
    const name = oneLine(id);
    const bar = heaviest > 0 ? "█".repeat(Math.round((weight / heaviest) * BAR_WIDTH)) : "";
    lines.push(`${name}${" ".repeat(width - stringWidth(name))}  ${weight.toFixed(4)}  ${bar}`.trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Renders an AHP result: the weights, lambda-max, CI, CR with the random index and its source, Saaty's
 * verdict, and the judgments that contribute most to inconsistency with the value each would need.
 *
 * @param result - the result of `ahpWeights`
 * @param options - colour or not
 * @returns the report, ending with a newline
 */
export function renderAhpTable(result: AhpResult, options: WeightsTableOptions): string {
  const n = result.ids.length;
  const ri =
    result.randomIndex === null
      ? `no RI for n = ${n} in ${RANDOM_INDEX_TABLES[result.randomIndexTable].source}`
      : `RI ${formatIndex(result.randomIndex)}${result.randomIndexBasis === "interpolated" ? " interpolated" : ""} for n = ${n}, ${RANDOM_INDEX_TABLES[result.randomIndexTable].source}`;
  const verdictText = {
    acceptable: "acceptable (CR <= 0.10)",
    revise: "revise the judgments (CR above 0.10)",
    unknown: "unknown (no random index for this size)",
  }[result.verdict];
  const verdict = !options.colour
    ? verdictText
    : paint(result.verdict === "acceptable" ? "green" : "yellow", verdictText);
  const lines = [
    renderWeightTable(result.weights).trimEnd(),
    "",
    `method      ${result.method}`,
    `lambda-max  ${result.lambdaMax.toFixed(4)}`,
    `CI          ${result.consistencyIndex.toFixed(4)}`,
    `CR          ${result.consistencyRatio === null ? "n/a" : result.consistencyRatio.toFixed(4)} (${ri})`,
    `verdict     ${verdict}`,
  ];
  if (result.missing > 0)
    lines.push(
      `missing     ${result.missing} judgment(s), ${
        result.completion === "optimal"
          ? "completed to minimise lambda-max (Bozoki, Fulop & Ronyai 2010)"
          : "completed from the weights (Harker 1987)"
      }`,
    );
  if (result.worstJudgments.length > 0) {
    lines.push(
      "",
      result.verdict === "revise"
        ? "Most inconsistent judgments (and the value each would need):"
        : "Judgments a nearer scale value would make more consistent:",
    );
    for (const advice of result.worstJudgments) {
      const after =
        advice.consistencyRatioIfChanged === null
          ? ""
          : `; CR ${advice.consistencyRatioIfChanged.toFixed(4)} after the change`;
      lines.push(`  ${oneLine(describeJudgmentAdvice(advice))}${after}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function formatIndex(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

/**
 * The machine-readable AHP result: `{weights, lambdaMax, ci, cr, ...}`, which `score --weights` reads.
 *
 * @param result - the result of `ahpWeights`
 * @returns a plain object for `JSON.stringify`
 */
export function ahpJson(result: AhpResult): Record<string, unknown> {
  return {
    weights: result.weights,
    method: result.method,
    completion: result.completion,
    lambdaMax: result.lambdaMax,
    ci: result.consistencyIndex,
    cr: result.consistencyRatio,
    randomIndex: result.randomIndex,
    randomIndexTable: result.randomIndexTable,
    randomIndexBasis: result.randomIndexBasis,
    verdict: result.verdict,
    missing: result.missing,
    worstJudgments: result.worstJudgments.map((advice) => ({
      ...advice,
      advice: describeJudgmentAdvice(advice),
    })),
  };
}

/**
 * The machine-readable rank weights: `{weights, method, ranking, axes}` by criterion id, which
 * `score --weights` reads: `ranking` as given (inner arrays are ties), `axes` each axis' order, as the weights
 * were computed.
 *
 * @param ranked - the weights and each axis' ranking
 * @param method - the surrogate-weight formula
 * @returns a plain object for `JSON.stringify`
 */
export function rankWeightsJson(
  ranked: RankedCriterionWeights,
  method: RankWeightMethod,
): Record<string, unknown> {
  return { weights: ranked.weights, method, ranking: ranked.ranking, axes: ranked.axes };
}

function sortWeights(weights: Readonly<Record<string, number>>): [string, number][] {
  // Rounded so that tied weights (a tie in a ranking) never order by floating-point noise.
  const settled = (w: number) => Math.round(w * 1e12);
  return Object.entries(weights).sort(
    ([a, x], [b, y]) => settled(y) - settled(x) || (a < b ? -1 : a > b ? 1 : 0),
  );
}
