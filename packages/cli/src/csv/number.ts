const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a number as a spreadsheet writes it. With `decimalComma` (files delimited by `;`, as Excel writes
 * them in much of Europe) `3,5` is 3.5; a point is accepted either way. No thousands separators: `1,000`
 * is ambiguous, so it is not a number.
 *
 * @param text - the cell, already trimmed
 * @param decimalComma - whether a comma is the decimal separator
 * @returns the number, or `undefined` when the cell is not one
 */
export function parseCellNumber(text: string, decimalComma: boolean): number | undefined {
  // Fast path: a single digit is by far the most common rating.
  if (text.length === 1) {
    const digit = text.charCodeAt(0) - 48;
    return digit >= 0 && digit <= 9 ? digit : undefined;
  }
  if (NUMBER.test(text)) return Number(text);
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  return undefined;
}
