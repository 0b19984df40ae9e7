import { readFile } from "node:fs/promises";
import { detectDelimiter, type TableDelimiter } from "@cxprism/core/table";
import { CsvError, parse } from "csv-parse/sync";
import { CliError } from "../errors.js";

/** A small CSV read whole: its cells row by row (row k is spreadsheet row k + 1) and its delimiter. */
export interface CsvTable {
  /** The name to show in messages: the path as given, or `stdin`. */
  readonly file: string;
  readonly rows: readonly (readonly string[])[];
  readonly delimiter: TableDelimiter;
}

const DECIMAL_COMMA = /^\s*[+-]?(\d+,\d*|,\d+)\s*$/;

/**
 * Reads a small CSV (a pairwise matrix, a few dozen cells) with the dialect handling of `score`: the delimiter
 * (`,` `;` or tab) detected from the header, a UTF-8 BOM stripped, CRLF, quoted fields. In a file delimited by
 * `;` a decimal comma (`0,333`) becomes a point, as spreadsheets in much of Europe write it. Blank lines are
 * kept as rows so that row numbers stay those a spreadsheet shows.
 *
 * @param path - the file, or `-` for stdin
 * @param stdin - the process's stdin
 * @returns the rows and the delimiter
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` for text that is not CSV
 */
export async function readCsvTable(path: string, stdin: NodeJS.ReadableStream): Promise<CsvTable> {
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
    const problem = { file, message: "expected a header row and rows of judgments, received an empty file" };
    throw new CliError("invalid-input", problem.message, [problem]);
  }
  const delimiter = detectDelimiter(body);
  let rows: string[][];
  try {
    rows = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const problem = {
      file,
      message: `expected well-formed CSV, received data the CSV parser rejects (${error.message})`,
    };
    throw new CliError("invalid-input", problem.message, [problem]);
  }
  if (delimiter === ";")
    rows = rows.map((row) => row.map((cell) => (DECIMAL_COMMA.test(cell) ? cell.replace(",", ".") : cell)));
  return { file, rows, delimiter };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
