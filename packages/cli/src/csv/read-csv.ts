import type { Readable } from "node:stream";
import type { MissingPolicy, Model } from "@cxprism/core";
import {
  detectDelimiter,
  isBlankRow,
  startTable,
  type TableColumns,
  type TableDelimiter,
  type TableFormulaEntry,
  type TableRowReader,
  type TableRows,
  type TableStart,
} from "@cxprism/core/table";
import { createCsvRecordParser, QUOTE_NOT_CLOSED } from "./csv-records.js";
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
  /** The core's formula entry, for a model with formula criteria. */
  readonly formula?: TableFormulaEntry | undefined;
  /** Called now and then while reading, with the bytes and data rows read so far. */
  readonly onProgress?: ((bytes: number, rows: number) => void) | undefined;
}

/** The outcome of reading a CSV: the table's start and what its reader read, or byte-level problems only. */
export type CsvReadOutcome<Read> =
  | {
      readonly success: true;
      readonly start: TableStart;
      readonly read: Read;
      readonly delimiter: TableDelimiter;
    }
  | { readonly success: false; readonly problems: FileProblem[] };

/** How much of the file to look at before picking the delimiter. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Reads a CSV of initiatives as a stream (the file is never held whole as text): detects the delimiter from
 * the header, strips a UTF-8 BOM, accepts CRLF and quoted fields with line breaks, and hands the rows to the
 * core's table reader (`startTable`) as objects, one initiative (or rater) per row. Only the bytes are read
 * here: everything from rows of cells onwards is the core's.
 *
 * @param input - the file name to show and its stream
 * @param options - the model, the missing-rating policy and a progress callback
 * @returns the table read, or the problems that stopped reading the bytes
 */
export function readInitiativesCsv(
  input: CsvInput,
  options: ReadCsvOptions,
): Promise<CsvReadOutcome<TableRows>> {
  return readCsv(input, options, (start) => start.readRows());
}

/**
 * Reads a CSV of initiatives like {@link readInitiativesCsv}, but without an object per row where it can: a
 * file without a `rater` column comes back as columns (the input of `validateColumns`), a file with one as
 * initiatives (several rows make one initiative).
 *
 * @param input - the file name to show and its stream
 * @param options - the model, the missing-rating policy and a progress callback
 * @returns the table read, or the problems that stopped reading the bytes
 */
export function readPortfolioCsv(
  input: CsvInput,
  options: ReadCsvOptions,
): Promise<CsvReadOutcome<TableRows | TableColumns>> {
  return readCsv<TableRows | TableColumns>(input, options, (start) =>
    start.layout.fields.rater === undefined ? start.readColumns() : start.readRows(),
  );
}

async function readCsv<Read>(
  input: CsvInput,
  options: ReadCsvOptions,
  createReader: (start: TableStart) => TableRowReader<Read>,
): Promise<CsvReadOutcome<Read>> {
  const { file, stream } = input;
  const fail = (problems: FileProblem[]): CsvReadOutcome<Read> => {
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
  let row = 0;
  let start: TableStart | undefined;
  let reader: TableRowReader<Read> | undefined;
  const parser = createCsvRecordParser(delimiter, (record) => {
    row++;
    if (reader !== undefined) reader.add(record, row);
    else if (!isBlankRow(record)) {
      start = startTable(
        { row, cells: record },
        {
          model: options.model,
          missing: options.missing,
          decimalComma: delimiter === ";",
          formula: options.formula,
        },
      );
      reader = createReader(start);
    }
  });
  // The decoder drops a UTF-8 BOM and keeps a character cut between two chunks whole.
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  const write = (chunk: Buffer) => {
    bytes += chunk.length;
    parser.push(decoder.decode(chunk, { stream: true }));
    options.onProgress?.(bytes, Math.max(0, row - 1));
  };
  for (const chunk of head) write(chunk);
  while (!ended) {
    const next = await chunks.next();
    if (next.done) break;
    write(next.value);
  }
  parser.push(decoder.decode());
  const problem = parser.end();
  if (problem !== undefined) {
    return fail([
      {
        file,
        row: problem.record,
        message: QUOTE_NOT_CLOSED,
      },
    ]);
  }
  if (start === undefined || reader === undefined)
    return fail([{ file, message: "expected a header row and initiative rows, received an empty file" }]);
  return { success: true, start, read: reader.finish(), delimiter };
}
