/** Spreadsheet conventions the faces share: places as a name box writes them (`C7`, `Sheet1!B1:C1`), and the workbook media type. */

/** The media type of an .xlsx workbook, as request bodies and file pickers name it. */
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The spreadsheet column letters of a 1-based column number (1 is `A`, 27 is `AA`).
 *
 * @param column - the 1-based column
 * @returns the letters
 */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The 1-based column number of a cell reference's letters (`C7` is 3).
 *
 * @param reference - a cell reference such as `C7` (`$` signs allowed)
 * @returns the column, or undefined when the reference has no letters
 */
export function columnOfReference(reference: string): number | undefined {
  const letters = /^\$?([A-Za-z]{1,3})/.exec(reference)?.[1];
  if (letters === undefined) return undefined;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

/**
 * A sheet's name as a formula or the name box refers to it: as it is when it holds only letters, digits, `_`
 * and `.`, else in single quotes (`'Q3 ratings'!C7`).
 *
 * @param name - the sheet's tab name
 * @returns the name to put before `!`
 */
export function quoteSheetName(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replaceAll("'", "''")}'`;
}
