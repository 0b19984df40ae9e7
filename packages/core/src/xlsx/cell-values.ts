/**
 * Cell values as a spreadsheet stores them, turned into the text a CSV export of the same sheet would hold:
 * numbers without binary float noise, dates as ISO dates.
 */

/** Built-in number formats (ECMA-376 part 1, 18.8.30) that show a date or a time. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/**
 * Whether a number format shows a date or time: a built-in date format, or a custom format code with a date
 * or time token (`y`, `m`, `d`, `h`, `s`) outside quoted text, escapes, fill and padding characters and
 * bracketed colours or locales (`[Red]`, `[$-409]`).
 *
 * @param id - the format's id
 * @param code - the custom format code, when the workbook defines one for `id`
 * @returns true for a date or time format
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\.|_.|\*./g, "")
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, "");
  return /[ymdhs]/i.test(bare.split(";")[0] ?? "");
}

/**
 * A number as a spreadsheet shows it in full: Excel keeps 15 significant digits, so a stored
 * `0.30000000000000004` (0.1 + 0.2) reads as `0.3`, as it does in the cell.
 *
 * @param stored - the cell's stored value
 * @returns the number's text, or the stored text when it is not a number
 */
export function spreadsheetNumber(stored: string): string {
  const value = Number(stored);
  if (stored.trim() === "" || !Number.isFinite(value)) return stored;
  return String(Number(value.toPrecision(15)));
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 date system, counted the way Excel does from day 61 on (it counts a 29 February 1900 that never was). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as an ISO 8601 date (`2026-11-30`), with the time when it has one (`2026-11-30T09:30:00`), or
 * a time alone for a serial below 1 (`09:30:00`).
 *
 * @param serial - the stored serial number
 * @param date1904 - whether the workbook counts from 1904 (old Mac workbooks)
 * @returns the ISO text, or the number's text when the serial is no date
 */
export function serialToIso(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return spreadsheetNumber(String(serial));
  if (!date1904 && serial >= 60 && serial < 61) return "1900-02-29";
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  const days = Math.floor(serial) + (seconds === 86_400 ? 1 : 0);
  const time = seconds % 86_400;
  const clock = [Math.floor(time / 3600), Math.floor(time / 60) % 60, time % 60]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  if (days === 0 && !date1904) return clock;
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900 + (days < 60 ? DAY_MS : 0);
  const date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
  return time === 0 ? date : `${date}T${clock}`;
}
