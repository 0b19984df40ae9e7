import type { Model, Result } from "@cxprism/core";
import { renderCsvRecord } from "./csv-text.js";

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
