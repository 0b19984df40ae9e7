import { detectDelimiter, isBlankRow, type TableDelimiter, type TableRow } from "@cxprism/core/table";
import { CsvError, parse } from "csv-parse/browser/esm/sync";

/** The outcome of {@link parseCsv}. */
export type CsvParse =
  | { readonly success: true; readonly delimiter: TableDelimiter; readonly rows: readonly TableRow[] }
  | { readonly success: false; readonly row: number | undefined; readonly message: string };

/**
 * Parses CSV text into rows of cells, each with the row number a spreadsheet shows (a quoted field with a
 * line break is still one row): delimiter detected (`,` `;` or tab), UTF-8 BOM dropped, CRLF or LF line ends,
 * RFC 4180 quoting, quotes inside unquoted fields (`Chatbot "Aino"`) read as text, rows of any length (the
 * core's table reader reports a row that is too long). Blank rows are left out; their numbers are kept. The
 * same options as the CLI's reader, so both faces see the same cells at the same rows.
 *
 * Uses csv-parse's browser build, which needs no `node:*` module and so runs in Workers as well as Node.
 *
 * @param text - the CSV text
 * @returns the rows and the delimiter, or the syntax error with its row
 */
export function parseCsv(text: string): CsvParse {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  let records: string[][];
  try {
    records = parse(source, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const records = (error as CsvError & { records?: number }).records;
    return {
      success: false,
      row: records === undefined ? undefined : records + 1,
      message: csvErrorMessage(error),
    };
  }
  const rows: TableRow[] = [];
  records.forEach((cells, index) => {
    if (!isBlankRow(cells)) rows.push({ row: index + 1, cells });
  });
  return { success: true, delimiter, rows };
}

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "expected a closing quote for the quoted field that starts in this row, received the end of the file";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "expected a delimiter or the end of the line after a closing quote, received another character";
    default:
      return `expected well-formed CSV, received data the CSV parser rejects (${error.message})`;
  }
}
