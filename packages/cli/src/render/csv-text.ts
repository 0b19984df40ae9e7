/**
 * Renders one CSV record (RFC 4180): a field is quoted when it holds the delimiter, a quote or a line break.
 *
 * @param cells - the fields
 * @returns the record, without a line ending
 */
export function renderCsvRecord(cells: readonly string[]): string {
  let line = "";
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k]!;
    if (k > 0) line += ",";
    line += /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return line;
}
