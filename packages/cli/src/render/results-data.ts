import { type Model, type Portfolio, RESULT_QUADRANTS, type Result } from "@cxprism/core";
import { renderCsvRecord, resultOf, type ScoreColumns } from "@cxprism/core/table";

/** The extra columns of a file, and a lookup of each result's values for them. */
export interface ExtraColumns {
  /** The extra column headers as written in the input, in input order. */
  readonly names: readonly string[];
  /** The extra values of a result's initiative, by header. */
  readonly of: (result: Result) => Readonly<Record<string, string>> | undefined;
}

/** How many records go into one write: large enough to amortise the write, small enough to stream. */
const BATCH = 2000;

/**
 * Renders results as CSV, in batches so a million rows never become one string: `rank, id, name, category,
 * value, feasibility, priority, quadrant` (scores to 2 decimals), then the input's extra columns.
 *
 * @param results - results in rank order
 * @param extras - the extra columns to pass through
 * @returns the CSV text, batch by batch, the header first
 */
export function* renderResultsCsv(results: readonly Result[], extras: ExtraColumns): Generator<string> {
  const fixed = ["rank", "id", "name", "category", "value", "feasibility", "priority", "quadrant"];
  let text = `${renderCsvRecord([...fixed, ...extras.names])}\n`;
  for (let k = 0; k < results.length; k++) {
    const result = results[k]!;
    const cells = [
      String(result.rank),
      result.id,
      result.name,
      result.category,
      result.value.toFixed(2),
      result.feasibility.toFixed(2),
      result.priority.toFixed(2),
      result.quadrant,
    ];
    if (extras.names.length > 0) {
      const extra = extras.of(result);
      for (const name of extras.names) cells.push(extra?.[name] ?? "");
    }
    text += `${renderCsvRecord(cells)}\n`;
    if ((k + 1) % BATCH === 0) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}

/**
 * Renders `{"model": ..., "results": [...]}`: the model with its defaults applied and every core Result field
 * (unrounded), plus `extra` (the input's extra columns) when the file had any. Batched like
 * {@link renderResultsCsv}; the whole is one JSON document.
 *
 * @param model - the model used
 * @param results - results in rank order
 * @param extras - the extra columns to pass through
 * @returns the JSON text, batch by batch
 */
export function* renderResultsJson(
  model: Model,
  results: readonly Result[],
  extras: ExtraColumns,
): Generator<string> {
  let text = `{"model":${JSON.stringify(model)},"results":[`;
  for (let k = 0; k < results.length; k++) {
    const result = results[k]!;
    const extra = extras.names.length > 0 ? extras.of(result) : undefined;
    text += (k === 0 ? "\n" : ",\n") + JSON.stringify(extra === undefined ? result : { ...result, extra });
    if ((k + 1) % BATCH === 0) {
      yield text;
      text = "";
    }
  }
  yield `${text}\n]}\n`;
}

/** Scored initiatives to write, by index (input order): what the streaming renderers read. */
export interface ScoredRows {
  /** The validated portfolio (its per-initiative objects are not read). */
  readonly portfolio: Omit<Portfolio, "initiatives">;
  id(i: number): string;
  name(i: number): string;
  category(i: number): string;
  /** The initiative's value for an extra column, by header as written. */
  extra(i: number, column: string): string | undefined;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * `score.toFixed(2)` for a score in [0, 100], without toFixed's exact decimal expansion: the hundredths
 * rounded from `score * 100`, unless that product lies so near a half that its own rounding error could
 * decide it (then toFixed itself decides).
 */
export function fixed2(score: number): string {
  const hundredths = score * 100;
  const rounded = Math.round(hundredths);
  if (!(score >= 0 && score <= 100) || Math.abs(hundredths - rounded) > 0.499999) return score.toFixed(2);
  const whole = Math.floor(rounded / 100);
  const cents = rounded - whole * 100;
  return `${whole}.${cents < 10 ? "0" : ""}${cents}`;
}

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Renders scores straight from {@link ScoreColumns} as CSV, exactly as {@link renderResultsCsv} renders the
 * equivalent results, but without a Result per row: a million rows cost a million lines, not a million
 * objects kept alive.
 *
 * @param rows - the scored initiatives
 * @param columns - their scores
 * @param order - the indices to write, in output order (rank order, possibly filtered)
 * @param extraNames - the extra column headers as written in the input
 * @returns the CSV text, batch by batch, the header first
 */
export function* renderScoredCsv(
  rows: ScoredRows,
  columns: ScoreColumns,
  order: Uint32Array,
  extraNames: readonly string[],
): Generator<string> {
  const fixed = ["rank", "id", "name", "category", "value", "feasibility", "priority", "quadrant"];
  let text = `${renderCsvRecord([...fixed, ...extraNames])}\n`;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    // Numbers and quadrant ids never need quotes.
    text += `${columns.rank[i]},${csvField(rows.id(i))},${csvField(rows.name(i))},${csvField(rows.category(i))},${fixed2(columns.value[i]!)},${fixed2(columns.feasibility[i]!)},${fixed2(columns.priority[i]!)},${RESULT_QUADRANTS[columns.quadrant[i]!]}`;
    for (const name of extraNames) text += `,${csvField(rows.extra(i, name) ?? "")}`;
    text += "\n";
    if ((k + 1) % BATCH === 0) {
      yield text;
      text = "";
    }
  }
  if (text !== "") yield text;
}

/**
 * Renders scores as {@link renderResultsJson} renders the equivalent results, building each row's Result
 * (with `resultOf`) only to write it.
 *
 * @param rows - the scored initiatives
 * @param columns - their scores
 * @param order - the indices to write, in output order (rank order, possibly filtered)
 * @param extraNames - the extra column headers as written in the input
 * @returns the JSON text, batch by batch
 */
export function* renderScoredJson(
  rows: ScoredRows,
  columns: ScoreColumns,
  order: Uint32Array,
  extraNames: readonly string[],
): Generator<string> {
  let text = `{"model":${JSON.stringify(rows.portfolio.model)},"results":[`;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const result = resultOf(rows.portfolio, columns, i, {
      id: rows.id(i),
      name: rows.name(i),
      category: rows.category(i),
    });
    let extra: Record<string, string> | undefined;
    if (extraNames.length > 0) {
      extra = {};
      for (const name of extraNames) extra[name] = rows.extra(i, name) ?? "";
    }
    const json = JSON.stringify(extra === undefined ? result : { ...result, extra });
    text += (k === 0 ? "\n" : ",\n") + json;
    if ((k + 1) % BATCH === 0) {
      yield text;
      text = "";
    }
  }
  yield `${text}\n]}\n`;
}
