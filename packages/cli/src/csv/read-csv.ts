import { once } from "node:events";
import type { Readable } from "node:stream";
import type { MissingPolicy, Model } from "@cxprism/core";
import { CsvError, parse } from "csv-parse";
import { type BuiltColumns, createColumnBuilder } from "./column-builder.js";
import { type Delimiter, detectDelimiter } from "./detect.js";
import { formulaCriterionColumns } from "./formula-fields.js";
import { type HeaderLayout, mapHeader, missingCriterionColumns } from "./header.js";
import { type BuilderOptions, type BuiltInitiatives, createInitiativeBuilder } from "./initiative-builder.js";
import type { FileProblem } from "./locate.js";

/** Where a CSV comes from. */
export interface CsvInput {
  /** The name to show in messages: the path as given, or `stdin`. */
  readonly file: string;
  readonly stream: Readable;
}

/** Options for {@link readInitiativesCsv}. */
export interface ReadCsvOptions {
  /** The model whose criteria the rating columns hold. */
  readonly model: Model;
  /** With `error`, a weighted criterion without a column is a problem of the header. */
  readonly missing: MissingPolicy;
  /** The numeric fields the model's formulas read (see `formulaFieldNames`); none when absent. */
  readonly formulaFields?: readonly string[];
  /** Called now and then while reading, with the bytes and data rows read so far. */
  readonly onProgress?: ((bytes: number, rows: number) => void) | undefined;
}

/** The outcome of {@link readInitiativesCsv}: initiatives (with row-level problems), or problems only. */
export type CsvReadOutcome<Built = BuiltInitiatives> =
  | { readonly success: true; readonly built: Built; readonly delimiter: Delimiter }
  | { readonly success: false; readonly problems: FileProblem[] };

/** What {@link readPortfolioCsv} reads: columns, or initiatives for a file with a `rater` column. */
export type PortfolioRows = BuiltColumns | (BuiltInitiatives & { readonly kind: "initiatives" });

/** Turns data records into what a reader returns. */
interface RecordSink<Built> {
  add(record: readonly string[], row: number): void;
  finish(): Built & { readonly rows: number };
}

/** How much of the file to look at before picking the delimiter. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Reads a CSV of initiatives as a stream (the file is never held whole as text): detects the delimiter from
 * the header, strips a UTF-8 BOM, accepts CRLF and quoted fields with line breaks, maps the header onto the
 * model, and turns each row into an initiative. Stops at the header when the header alone makes the rows
 * unreadable (no `name` column, duplicate columns, a criterion without a column).
 *
 * @param input - the file name to show and its stream
 * @param options - the model, the missing-rating policy and a progress callback
 * @returns initiatives and row problems, or the problems that stopped reading
 */
export function readInitiativesCsv(input: CsvInput, options: ReadCsvOptions): Promise<CsvReadOutcome> {
  return readCsv(input, options, createInitiativeBuilder);
}

/**
 * Reads a CSV of initiatives like {@link readInitiativesCsv}, but without an object per row where it can: a
 * file without a `rater` column comes back as columns (the input of `validateColumns`), a file with one as
 * initiatives (several rows make one initiative).
 *
 * @param input - the file name to show and its stream
 * @param options - the model, the missing-rating policy and a progress callback
 * @returns columns or initiatives and row problems, or the problems that stopped reading
 */
export function readPortfolioCsv(
  input: CsvInput,
  options: ReadCsvOptions,
): Promise<CsvReadOutcome<PortfolioRows>> {
  return readCsv<PortfolioRows>(input, options, (layout, model, builderOptions) => {
    if (layout.fields.rater === undefined) return createColumnBuilder(layout, model, builderOptions);
    const builder = createInitiativeBuilder(layout, model, builderOptions);
    return { add: builder.add, finish: () => ({ kind: "initiatives" as const, ...builder.finish() }) };
  });
}

async function readCsv<Built>(
  input: CsvInput,
  options: ReadCsvOptions,
  createSink: (layout: HeaderLayout, model: Model, options: BuilderOptions) => RecordSink<Built>,
): Promise<CsvReadOutcome<Built>> {
  const { file, stream } = input;
  const fail = (problems: FileProblem[]): CsvReadOutcome<Built> => {
    stream.destroy();
    return { success: false, problems };
  };
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(10)) break; // the header line is in
  }
  const sample = Buffer.concat(head);
  if (sample.length === 0)
    return fail([{ file, message: "expected a header row and initiative rows, received an empty file" }]);
  const text = new TextDecoder("utf-8").decode(sample, { stream: true });
  if (sample.includes(0) || text.includes("\uFFFD"))
    return fail([
      {
        file,
        message:
          'expected a CSV file in UTF-8 text, received binary or non-UTF-8 data (save the spreadsheet as "CSV UTF-8")',
      },
    ]);
  const delimiter = detectDelimiter(text.startsWith("\uFEFF") ? text.slice(1) : text);

  const parser = parse({
    delimiter,
    bom: true,
    // Spreadsheets and hand edits leave rows short or long (reported per row) and quotes inside unquoted
    // fields (`Chatbot "Aino"`): both are read rather than rejected.
    relax_column_count: true,
    relax_quotes: true,
  });
  let row = 0;
  let builder: RecordSink<Built> | undefined;
  let headerProblems: FileProblem[] | undefined;
  let bytes = 0;
  parser.on("data", (record: string[]) => {
    row++;
    if (builder !== undefined) {
      builder.add(record, row);
      return;
    }
    if (headerProblems !== undefined) return;
    const { layout, problems } = mapHeader(record, options.model);
    if (options.missing === "error" && layout.fields.name !== undefined)
      for (const problem of missingCriterionColumns(layout, options.model)) problems.push(problem);
    for (const problem of formulaCriterionColumns(layout, options.model)) problems.push(problem);
    if (problems.length > 0)
      headerProblems = problems.map((problem) => ({
        file,
        row: 1,
        column: problem.column,
        message: problem.message,
      }));
    else
      builder = createSink(layout, options.model, {
        decimalComma: delimiter === ";",
        formulaFields: options.formulaFields ?? [],
      });
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("end", resolve);
    parser.on("error", reject);
  });
  finished.catch(() => {}); // awaited below; this only keeps an early rejection from being "unhandled"
  try {
    const write = async (chunk: Buffer) => {
      bytes += chunk.length;
      if (!parser.write(chunk)) await once(parser, "drain");
      options.onProgress?.(bytes, Math.max(0, row - 1));
    };
    for (const chunk of head) await write(chunk);
    while (!ended && headerProblems === undefined) {
      const next = await chunks.next();
      if (next.done) break;
      await write(next.value);
    }
    if (headerProblems !== undefined) {
      parser.destroy();
      return fail(headerProblems);
    }
    parser.end();
    await finished;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return fail([{ file, row: row + 1, message: describeCsvError(error) }]);
  }
  if (headerProblems !== undefined) return fail(headerProblems);
  if (builder === undefined)
    return fail([{ file, message: "expected a header row and initiative rows, received an empty file" }]);
  const built = builder.finish();
  if (built.rows === 0)
    return fail([
      { file, row: 2, message: "expected at least one initiative row after the header, received none" },
    ]);
  return { success: true, built, delimiter };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "expected a closing quote for the quoted field that starts in this row, received the end of the file";
    case "INVALID_OPENING_QUOTE":
      return 'expected a quote only at the start of a field (or doubled as "" inside a quoted field), received one inside an unquoted field';
    case "CSV_INVALID_CLOSING_QUOTE":
      return "expected a delimiter or the end of the line after a closing quote, received another character";
    default:
      return `expected well-formed CSV, received data the CSV parser rejects (${error.message})`;
  }
}
