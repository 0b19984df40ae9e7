import { CsvError, parse } from "csv-parse/browser/esm/sync";

/** A delimiter cxprism detects in a CSV header line. */
export type CsvDelimiter = "," | ";" | "\t";

/** One parsed record with the source line it ends on. */
export interface CsvRecord {
  /** 1-based line of the source where the record starts (the header is line 1 unless blank lines precede it). */
  readonly line: number;
  readonly cells: readonly string[];
}

/** The outcome of {@link parseCsv}. */
export type CsvParse =
  | { readonly success: true; readonly delimiter: CsvDelimiter; readonly records: readonly CsvRecord[] }
  | { readonly success: false; readonly line: number | undefined; readonly message: string };

/**
 * Picks the delimiter of a CSV text from its first line: whichever of `,`, `;` and tab occurs most often
 * outside quotes (`,` on a tie or when none occurs), so a one-column file still parses.
 *
 * @param text - the CSV text
 * @returns the detected delimiter
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === "," || char === ";" || char === "\t")) counts[char]++;
  }
  let best: CsvDelimiter = ",";
  for (const delimiter of [";", "\t"] as const) if (counts[delimiter] > counts[best]) best = delimiter;
  return best;
}

/**
 * Parses CSV text into records of trimmed cells: delimiter detected, UTF-8 BOM dropped, CRLF or LF line ends,
 * RFC 4180 quoting (quoted fields may hold delimiters, quotes and line breaks), blank lines skipped. Rows may
 * have different lengths; the caller reports that with the row.
 *
 * Uses csv-parse's browser build, which needs no `node:*` module and so runs in Workers as well as Node.
 *
 * @param text - the CSV text
 * @returns the records, or the first syntax error with its line
 */
export function parseCsv(text: string): CsvParse {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  try {
    const rows = parse(source, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
    return {
      success: true,
      delimiter,
      records: startLines(rows).map((line, index) => ({ line, cells: rows[index]!.record })),
    };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    return { success: false, line, message: csvErrorMessage(error) };
  }
}

/**
 * csv-parse reports the line a record ends on, and counts every CRLF inside quotes as two lines for the rest
 * of the file. Undoing both gives each record the line it starts on, where a reader looks first.
 */
function startLines(rows: readonly { info: { lines: number }; record: string[] }[]): number[] {
  let overcount = 0;
  return rows.map(({ info, record }) => {
    let breaks = 0;
    let crlf = 0;
    for (const cell of record) {
      for (const match of cell.matchAll(/\r\n|\n/g)) {
        breaks++;
        if (match[0].length === 2) crlf++;
      }
    }
    const start = info.lines - overcount - crlf - breaks;
    overcount += crlf;
    return start;
  });
}

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "expected a closing quote, received the end of the file";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "expected a delimiter or a line break after a closing quote, received another character";
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "expected only spaces after a closing quote, received other characters";
    default:
      return `expected well-formed CSV: ${error.message}`;
  }
}
