import { type Model, type Portfolio, RESULT_QUADRANTS, type Result, type ScoreWarning } from "@cxprism/core";
import {
  normaliseHeader,
  renderCsvCell,
  renderCsvRecord,
  resultOf,
  type ScoreColumns,
} from "@cxprism/core/table";

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
 * Renders `{"model": ..., "results": [...]}`: the model with its defaults applied and every core Result field
 * (unrounded), plus `extra` (the input's extra columns) when the file had any. Batched (a write per 2,000
 * results); the whole is one JSON document.
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

/** A CSV dialect of `score --format csv`: `excel` (`,`, decimal point) or `excel-eu` (`;`, decimal comma, BOM). */
export type CsvDialect = "excel" | "excel-eu";

/** The dialects `score --csv-dialect` takes. */
export const CSV_DIALECTS: readonly CsvDialect[] = ["excel", "excel-eu"];

/** What a scored CSV row needs beyond {@link ScoredRows}: each initiative's one-off cost. */
export interface ScoredCsvRows extends ScoredRows {
  /** The initiative's one-off cost, if it has one. */
  cost(i: number): number | undefined;
}

/**
 * Renders scores straight from {@link ScoreColumns} as CSV, without a Result per row (a million rows cost a
 * million lines, not a million objects kept alive): `rank, id, name, category, value, feasibility, priority,
 * quadrant` (scores to 2 decimals), `cost`, one column per criterion with the rating scored (raters combined;
 * a label scale's label; blank where a rating was missing and scored at the midpoint; formula criteria left
 * out, since their formula computes them), then the input's extra columns (but for those named like a score
 * column: a file exported before and read back brings its old scores, which the fresh ones replace). `cxprism score` reads the file
 * back to the same ranking: every rating column is headed by its criterion id, and the score columns are
 * extra columns to it. `excel-eu` writes `;` between cells, decimal commas and a UTF-8 BOM, as Excel saves
 * "CSV" where a comma is the decimal separator (Finland, Germany, France...).
 *
 * @param rows - the scored initiatives
 * @param columns - their scores
 * @param order - the indices to write, in output order (rank order, possibly filtered)
 * @param extraNames - the extra column headers as written in the input
 * @param dialect - the CSV dialect (default `excel`)
 * @returns the CSV text, batch by batch, the header first
 */
export function* renderScoredCsv(
  rows: ScoredCsvRows,
  columns: ScoreColumns,
  order: Uint32Array,
  extraNames: readonly string[],
  dialect: CsvDialect = "excel",
): Generator<string> {
  const delimiter = dialect === "excel-eu" ? ";" : ",";
  const number = dialect === "excel-eu" ? (text: string) => text.replace(".", ",") : (text: string) => text;
  const { model, ratings, warnings } = rows.portfolio;
  const m = model.criteria.length;
  const rated = model.criteria.flatMap((criterion, c) => (criterion.formula === undefined ? [c] : []));
  // A rating cell after its delimiter, for each rated criterion: small whole numbers rendered once.
  const small = Array.from(
    { length: 101 },
    (_, v) => delimiter + renderCsvCell(number(String(v)), delimiter),
  );
  const ratingCells = rated.map((c) => {
    const criterion = model.criteria[c]!;
    const labels =
      "labels" in criterion.scale
        ? criterion.scale.labels.map((label) => delimiter + renderCsvCell(label, delimiter))
        : undefined;
    return (i: number, warned: readonly ScoreWarning[]): string => {
      if (
        warned.length > 0 &&
        warned.some((w) => w.code === "missing-rating" && w.criterion === criterion.id)
      )
        return delimiter;
      const raw = ratings[i * m + c]!;
      if (Number.isNaN(raw)) return delimiter;
      if (labels !== undefined && Number.isInteger(raw)) return labels[raw] ?? delimiter;
      if (Number.isInteger(raw) && raw >= 0 && raw <= 100) return small[raw]!;
      return delimiter + renderCsvCell(number(String(raw)), delimiter);
    };
  });
  // A score cell after its delimiter: fixed2 depends on the hundredths only (but near a half), so each of the
  // 10,001 is rendered once.
  const scoreCells: (string | undefined)[] = [];
  const scoreCell = (score: number): string => {
    const hundredths = score * 100;
    const rounded = Math.round(hundredths);
    if (!(score >= 0 && score <= 100) || Math.abs(hundredths - rounded) > 0.499999)
      return delimiter + number(fixed2(score));
    let cell = scoreCells[rounded];
    if (cell === undefined) {
      cell = delimiter + number(fixed2(score));
      scoreCells[rounded] = cell;
    }
    return cell;
  };
  // Categories repeat: each is rendered once.
  const categories = new Map<string, string>();
  const category = (text: string): string => {
    let cell = categories.get(text);
    if (cell === undefined) {
      cell = renderCsvCell(text, delimiter);
      categories.set(text, cell);
    }
    return cell;
  };
  const fixed = ["rank", "id", "name", "category", "value", "feasibility", "priority", "quadrant", "cost"];
  // An exported file read back has the old scores as extra columns: the fresh ones replace them.
  const extras = extraNames.filter((name) => !fixed.includes(normaliseHeader(name)));
  const header = [...fixed, ...rated.map((c) => model.criteria[c]!.id), ...extras];
  yield `${dialect === "excel-eu" ? "\uFEFF" : ""}${renderCsvRecord(header, delimiter)}\n`;
  // Each line is built as one string and a batch joined once (a flat string to encode, not a deep
  // concatenation); rank, scores and quadrant are numbers and ids that need neither protection nor quotes.
  let lines: string[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const cost = rows.cost(i);
    let line = `${columns.rank[i]}${delimiter}${renderCsvCell(rows.id(i), delimiter)}${delimiter}${renderCsvCell(rows.name(i), delimiter)}${delimiter}${category(rows.category(i))}${scoreCell(columns.value[i]!)}${scoreCell(columns.feasibility[i]!)}${scoreCell(columns.priority[i]!)}${delimiter}${RESULT_QUADRANTS[columns.quadrant[i]!]!}${delimiter}${cost === undefined ? "" : renderCsvCell(number(String(cost)), delimiter)}`;
    const warned = warnings[i]!;
    for (const cell of ratingCells) line += cell(i, warned);
    for (const name of extras) line += delimiter + renderCsvCell(rows.extra(i, name) ?? "", delimiter);
    lines.push(line);
    if (lines.length === BATCH) {
      lines.push("");
      yield lines.join("\n");
      lines = [];
    }
  }
  if (lines.length > 0) {
    lines.push("");
    yield lines.join("\n");
  }
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
