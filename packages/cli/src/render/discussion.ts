import type { Model } from "@cxprism/core";
import type { DisagreementReport, RatingSpread } from "@cxprism/core/confidence";
import stringWidth from "string-width";
import { paint } from "./colour.js";
import { oneLine } from "./results-table.js";

/** Options for {@link renderDiscussionTable}. */
export interface DiscussionTableOptions {
  /** Colour the header and the quadrant-changing rows. */
  readonly colour: boolean;
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

function formatRating(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "");
}

/**
 * What a disputed rating can move, in words: `quadrant Calculated risk <-> Likely win, rank 2 <-> 1`, or the
 * priority range when neither quadrant nor rank changes.
 *
 * @param spread - a flagged spread (with its impact)
 * @param model - the model, for quadrant labels
 * @returns the text of the "can move" column
 */
export function describeImpact(spread: RatingSpread, model: Model): string {
  const impact = spread.impact;
  if (impact === null) return "";
  const parts: string[] = [];
  if (impact.quadrantChanges)
    parts.push(
      `quadrant ${model.quadrantLabels[impact.quadrantAtLowest]} <-> ${model.quadrantLabels[impact.quadrantAtHighest]}`,
    );
  if (impact.rankSwing > 0) parts.push(`rank ${impact.rankAtLowest} <-> ${impact.rankAtHighest}`);
  if (parts.length === 0)
    parts.push(
      `priority ${impact.priorityAtLowest.toFixed(1)} <-> ${impact.priorityAtHighest.toFixed(1)} only`,
    );
  return parts.join(", ");
}

/**
 * Renders the workshop's discussion list after the ranking: each rating the raters disagree on by at least
 * the threshold, those that can change the initiative's quadrant first, then by rank swing; and Kendall's W
 * for how far the raters' own rankings agree.
 *
 * @param report - the result of `analyseDisagreement`
 * @param model - the model, for criterion and quadrant labels
 * @param options - colour or not
 * @returns the section, starting with a blank line and ending with a newline
 */
export function renderDiscussionTable(
  report: DisagreementReport,
  model: Model,
  options: DiscussionTableOptions,
): string {
  const label = new Map(model.criteria.map((criterion) => [criterion.id, criterion.label]));
  const lines = [""];
  const list = report.discuss;
  const title =
    list.length === 0
      ? `Raters: no rating differs by ${describeThreshold(report)} or more between raters (${report.spreads.length} rating(s) given by several raters).`
      : `Discuss: ${list.length} rating(s) where raters differ by ${describeThreshold(report)} or more, those that can move a quadrant or rank first`;
  lines.push(options.colour ? paint("bold", title) : title);
  if (list.length > 0) {
    const rows = list.map((spread) => [
      oneLine(spread.name),
      oneLine(label.get(spread.criterion) ?? spread.criterion),
      `${formatRating(spread.min)}..${formatRating(spread.max)} (${spread.ratings.length} raters)`,
      formatRating(spread.range),
      describeImpact(spread, model),
    ]);
    const header = ["initiative", "criterion", "ratings", "range", "can move"];
    const widths = header.map((cell, k) =>
      rows.reduce((widest, row) => Math.max(widest, stringWidth(row[k]!)), stringWidth(cell)),
    );
    const render = (row: readonly string[]) =>
      row
        .map((cell, k) => (k === 3 ? cell.padStart(widths[k]!) : k === 4 ? cell : padEnd(cell, widths[k]!)))
        .join("  ")
        .trimEnd();
    lines.push(render(header));
    rows.forEach((row, k) => {
      const line = render(row);
      lines.push(options.colour && list[k]!.impact?.quadrantChanges ? paint("yellow", line) : line);
    });
  }
  const agreement = report.agreement;
  if (agreement !== null && agreement.w !== null)
    lines.push(
      `Agreement of the raters' own rankings: Kendall's W ${agreement.w.toFixed(2)} (${agreement.raters} raters, ${agreement.items} initiatives; 1 = identical, 0 = none)`,
    );
  return `${lines.join("\n")}\n`;
}

function describeThreshold(report: DisagreementReport): string {
  const thresholds = new Set(report.spreads.map((spread) => spread.threshold));
  if (thresholds.size === 1) return `${formatRating([...thresholds][0]!)} point(s)`;
  return "half the scale";
}

/**
 * The disagreement for `--format json`: the discussion list (flagged spreads, sorted, with their impact), every
 * spread (each with its `discuss` flag) and Kendall's W.
 *
 * @param report - the result of `analyseDisagreement`
 * @returns a plain object for `JSON.stringify`
 */
export function discussionJson(report: DisagreementReport): Record<string, unknown> {
  return { discuss: report.discuss, agreement: report.agreement, spreads: report.spreads };
}

/**
 * Adds fields to a JSON object written in chunks, without holding it whole: every chunk is passed on except
 * the closing brace at the very end, which comes after the new fields.
 *
 * @param chunks - the chunks of one JSON object, the last ending with `}` and optional whitespace
 * @param fields - the fields to add at the end of the object
 * @returns the chunks of the extended object
 */
export function* appendJsonFields(
  chunks: Iterable<string>,
  fields: Readonly<Record<string, unknown>>,
): Generator<string> {
  let pending: string | undefined;
  for (const chunk of chunks) {
    if (pending !== undefined) yield pending;
    pending = chunk;
  }
  const match = pending === undefined ? null : /\}\s*$/.exec(pending);
  if (pending === undefined || match === null) throw new Error("expected a JSON object ending with }");
  let extra = "";
  for (const [key, value] of Object.entries(fields))
    extra += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  yield `${pending.slice(0, match.index)}${extra}}\n`;
}
