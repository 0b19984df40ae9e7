/** The delimiters a table file may use: comma, semicolon (Excel in much of Europe) and tab. */
export type TableDelimiter = "," | ";" | "\t";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
const LIST_SEPARATOR = /\s*[;|]\s*/;
const CANDIDATES: readonly TableDelimiter[] = [",", ";", "\t"];

/**
 * Reads a number as a spreadsheet writes it. With `decimalComma` (files delimited by `;`, as Excel writes
 * them in much of Europe) `3,5` and `3,5e0` are 3.5; a point is accepted either way. No thousands
 * separators: `1,000` is ambiguous, so it is not a number.
 *
 * @param text - the cell, already trimmed
 * @param decimalComma - whether a comma is the decimal separator
 * @returns the number, or `undefined` when the cell is not one
 */
export function parseTableNumber(text: string, decimalComma: boolean): number | undefined {
  // Fast path: a single digit is by far the most common rating.
  if (text.length === 1) {
    const digit = text.charCodeAt(0) - 48;
    return digit >= 0 && digit <= 9 ? digit : undefined;
  }
  if (NUMBER.test(text)) return Number(text);
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  return undefined;
}

/**
 * Splits a list cell (`fcr|csat`, `fcr; csat`) into its items; an empty cell is an empty list.
 *
 * @param cell - the cell, already trimmed
 * @returns the items, trimmed, without empty ones
 */
export function splitTableList(cell: string): string[] {
  return cell === "" ? [] : cell.split(LIST_SEPARATOR).filter((item) => item !== "");
}

/**
 * Picks the delimiter of a CSV from the start of its text: the candidate that occurs most often outside
 * quotes in the first record (the header). Ties and a single-column file fall back to `,`.
 *
 * @param sample - the start of the text (the header line is enough)
 * @returns the delimiter
 */
export function detectDelimiter(sample: string): TableDelimiter {
  const counts = new Map<TableDelimiter, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as TableDelimiter))
      counts.set(char as TableDelimiter, counts.get(char as TableDelimiter)! + 1);
  }
  let best: TableDelimiter = ",";
  for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}

/**
 * Whether a row holds nothing but empty cells: a blank line, or the row of bare delimiters (`;;;;`) that
 * spreadsheets leave at the end of an export. Such rows are skipped.
 *
 * @param cells - the row's cells
 * @returns true when every cell is empty or spaces
 */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== "" && cell.trim() !== "") return false;
  return true;
}

/**
 * Text a spreadsheet would run as a formula when a CSV is opened (OWASP "CSV injection"): a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR, after any number of `'`. The `'`s are included so that the protection below
 * round-trips text that itself starts with `'=`.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PROTECTED_START = /^'+[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: text that would start a formula gets a leading `'` (OWASP's
 * advice); numbers (`-5`, `+3.5`) stay numbers. {@link unprotectCell} undoes it, so a round trip is lossless.
 *
 * @param text - the cell's text
 * @returns the text, prefixed with `'` when it would start a formula
 */
export function protectCell(text: string): string {
  if (text === "" || !FORMULA_START.test(text)) return text;
  return parseTableNumber(text, false) === undefined ? `'${text}` : text;
}

/**
 * Undoes {@link protectCell}: removes one leading `'` where it comes before `=`, `+`, `-`, `@`, tab or CR
 * (after any further `'`s), and nowhere else.
 *
 * @param text - a cell as read
 * @returns the text as it was before it was protected
 */
export function unprotectCell(text: string): string {
  return text.charCodeAt(0) === 39 && PROTECTED_START.test(text) ? text.slice(1) : text;
}

/**
 * Renders one CSV cell for cxprism's exports: protected ({@link protectCell}) and quoted (RFC 4180) when it
 * holds the delimiter, a quote or a line break. Text that needs neither (most cells: numbers, names) is
 * returned as it is after one look at its characters, which is what keeps a million-row export cheap.
 *
 * @param text - the cell's text
 * @param delimiter - the delimiter (default `,`)
 * @returns the cell as written
 */
export function renderCsvCell(text: string, delimiter: TableDelimiter = ","): string {
  const first = text.charCodeAt(0);
  // ' = + - @ tab CR: the characters a protected cell can start with.
  let plain = !(first === 39 || first === 61 || first === 43 || first === 45 || first === 64 || first === 9);
  const separator = delimiter.charCodeAt(0);
  for (let k = 0; plain && k < text.length; k++) {
    const code = text.charCodeAt(k);
    plain = code !== separator && code !== 34 && code !== 10 && code !== 13;
  }
  if (plain) return text;
  const cell = protectCell(text);
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Renders one CSV record for cxprism's exports: each cell as {@link renderCsvCell} renders it.
 *
 * @param cells - the cells
 * @param delimiter - the delimiter (default `,`)
 * @returns the record, without a line ending
 */
export function renderCsvRecord(cells: readonly string[], delimiter: TableDelimiter = ","): string {
  let line = "";
  for (let k = 0; k < cells.length; k++) {
    if (k > 0) line += delimiter;
    line += renderCsvCell(cells[k]!, delimiter);
  }
  return line;
}

/**
 * A text cell of a row as the readers take it: trimmed and unprotected (see {@link unprotectCell}); `""` for a
 * column the table does not have or a row too short to reach it.
 *
 * @param cells - the row's cells
 * @param column - the column's index, or undefined when the table has no such column
 * @returns the cell's text
 */
export function textCell(cells: readonly string[], column: number | undefined): string {
  return column === undefined ? "" : unprotectCell((cells[column] ?? "").trim());
}
