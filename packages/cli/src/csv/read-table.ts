import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { detectDelimiter, type TableDelimiter } from "@cxprism/core/table";
import { CliError } from "../errors.js";
import { createCsvRecordParser, QUOTE_NOT_CLOSED } from "./csv-records.js";
import { isXlsxPath } from "./read-xlsx.js";

/**
 * A small table read whole, from a CSV or a workbook's sheet: its cells row by row (row k is spreadsheet row
 * k + 1), and the CSV's delimiter or the sheet's name.
 */
export interface CsvTable {
  /** The name to show in messages: the path as given, or `stdin`. */
  readonly file: string;
  readonly rows: readonly (readonly string[])[];
  /** The CSV's delimiter; undefined for a workbook. */
  readonly delimiter: TableDelimiter | undefined;
  /** The sheet read, for a workbook. */
  readonly sheet?: string | undefined;
}

/** Options for {@link readCsvTable}. */
export interface SmallTableOptions {
  /** For a workbook: the sheet to read by its tab name (default the first); refused for a CSV. */
  readonly sheet?: string | undefined;
  /** What the table holds, for the message about an empty file ("rows of judgments"). */
  readonly expected?: string | undefined;
}

const DECIMAL_COMMA = /^\s*[+-]?(\d+,\d*|,\d+)\s*$/;

/**
 * Reads a small table (a pairwise matrix, an application inventory) whole, from a CSV with the dialect
 * handling of `score` (the delimiter `,` `;` or tab detected from the header, a UTF-8 BOM stripped, CRLF,
 * quoted fields; with `;` a decimal comma such as `0,333` becomes a point, as spreadsheets in much of Europe
 * write it) or from one sheet of an .xlsx workbook (by its extension, or on stdin by the zip signature every
 * workbook starts with). Blank lines and empty sheet rows are kept as rows, so that row numbers stay those a
 * spreadsheet shows.
 *
 * @param path - the file, or `-` for stdin
 * @param stdin - the process's stdin
 * @param options - the sheet of a workbook
 * @returns the rows, and the delimiter or the sheet
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` for text that is not CSV or bytes
 *   that are no readable workbook, `usage` for `--sheet` with a CSV
 */
export async function readCsvTable(
  path: string,
  stdin: NodeJS.ReadableStream,
  options: SmallTableOptions = {},
): Promise<CsvTable> {
  const file = path === "-" ? "stdin" : path;
  let bytes: Buffer;
  try {
    bytes = path === "-" ? await readAll(stdin) : await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new CliError("io", `${path}: cannot read the file (${reason})`);
  }
  if (isXlsxPath(path) || (await isWorkbook(bytes))) return readSheet(file, bytes, options.sheet);
  if (options.sheet !== undefined)
    throw new CliError(
      "usage",
      `--sheet: expected an .xlsx workbook, received ${file}, which is read as CSV`,
    );
  const text = new TextDecoder("utf-8").decode(bytes);
  if (bytes.includes(0) || text.includes("\uFFFD")) {
    const problem = {
      file,
      message:
        'expected a CSV file in UTF-8 text, received binary or non-UTF-8 data (save the spreadsheet as "CSV UTF-8")',
    };
    throw new CliError("invalid-input", problem.message, [problem]);
  }
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") {
    const problem = {
      file,
      message: `expected a header row and ${options.expected ?? "rows"}, received an empty file`,
    };
    throw new CliError("invalid-input", problem.message, [problem]);
  }
  const delimiter = detectDelimiter(body);
  let rows: string[][] = [];
  const parser = createCsvRecordParser(delimiter, (cells) => rows.push(cells));
  parser.push(body);
  const problem = parser.end();
  if (problem !== undefined) {
    const placed = { file, row: problem.record, message: QUOTE_NOT_CLOSED };
    throw new CliError("invalid-input", placed.message, [placed]);
  }
  if (delimiter === ";")
    rows = rows.map((row) => row.map((cell) => (DECIMAL_COMMA.test(cell) ? cell.replace(",", ".") : cell)));
  return { file, rows, delimiter };
}

/**
 * Whether bytes start with the zip signature every .xlsx starts with (how a workbook on stdin is told from a
 * CSV); the workbook reader loads only for bytes that start with `P`.
 */
export async function isWorkbook(bytes: Uint8Array): Promise<boolean> {
  return bytes[0] === 0x50 && (await import("@cxprism/core/xlsx")).looksLikeXlsx(bytes);
}

/** What stdin holds, as {@link peekStdin} tells: a workbook's bytes, or a CSV still to be streamed. */
export type StdinInput =
  | { readonly kind: "workbook"; readonly bytes: Buffer }
  | { readonly kind: "csv"; readonly stream: Readable };

/**
 * Tells a workbook on stdin from a CSV by its first bytes (the zip signature), without reading a CSV whole: a
 * workbook is read whole (a zip archive is read whole anyway); a CSV comes back as a stream that replays the
 * bytes peeked and then the rest, so a large one still streams.
 *
 * @param stdin - the process's stdin
 * @returns the workbook's bytes, or the CSV's stream
 */
export async function peekStdin(stdin: NodeJS.ReadableStream): Promise<StdinInput> {
  const chunks = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const next = async (): Promise<Buffer | undefined> => {
    const chunk = await chunks.next();
    if (chunk.done === true) return undefined;
    return typeof chunk.value === "string" ? Buffer.from(chunk.value) : chunk.value;
  };
  const head: Buffer[] = [];
  let ended = false;
  // The signature is four bytes; a pipe may deliver fewer in its first chunk.
  while (head.reduce((size, chunk) => size + chunk.length, 0) < 4) {
    const chunk = await next();
    if (chunk === undefined) {
      ended = true;
      break;
    }
    head.push(chunk);
  }
  const first = Buffer.concat(head);
  if (await isWorkbook(first)) {
    const all: Buffer[] = [first];
    for (let chunk = ended ? undefined : await next(); chunk !== undefined; chunk = await next())
      all.push(chunk);
    return { kind: "workbook", bytes: Buffer.concat(all) };
  }
  async function* replay(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    for (let chunk = await next(); chunk !== undefined; chunk = await next()) yield chunk;
  }
  return { kind: "csv", stream: Readable.from(replay(), { objectMode: false }) };
}

/** One sheet of a workbook as dense rows (row k is spreadsheet row k + 1; empty rows as no cells). */
async function readSheet(file: string, bytes: Uint8Array, sheet: string | undefined): Promise<CsvTable> {
  const { readXlsxRows } = await import("@cxprism/core/xlsx");
  const table = readXlsxRows(bytes, { sheet });
  if (!table.success)
    throw new CliError(
      "invalid-input",
      `${file}: cannot read the workbook`,
      table.problems.map((problem) => ({ file, cell: problem.cells, message: problem.message })),
    );
  const rows: string[][] = [];
  for (const { row, cells } of table.rows) {
    while (rows.length < row - 1) rows.push([]);
    rows.push([...cells]);
  }
  return { file, rows, delimiter: undefined, sheet: table.sheet };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
