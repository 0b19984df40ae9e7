/**
 * Text measurement without a DOM.
 *
 * Label placement needs each label's width before anything is drawn, in a core that runs where no DOM or
 * canvas exists (Workers, Node). So widths are estimated from a table of advance widths, in em:
 *
 * - Printable ASCII uses the advance widths of Bitstream Vera / DejaVu Sans, the widest of the common sans
 *   faces in the matrix's font stack (Helvetica and Arial are about 10% narrower). Erring wide keeps a label's
 *   box around its drawn text whatever font the viewer ends up with, at the cost of a little white space.
 * - Accented Latin letters are measured by their base letter (NFD decomposition; combining marks are 0 wide).
 * - Cyrillic, Greek, Armenian, Georgian, Hebrew and Arabic use per-block averages, with the wide Cyrillic
 *   letters (Ж, Ш, Щ, Ю, Ы, М, ...) at their own width; Arabic and Hebrew vowel marks are 0 wide.
 * - CJK ideographs, kana, Hangul and full-width forms are 1 em; emoji and other astral characters 1.15 em.
 * - Zero-width characters (joiners, variation selectors, bidi controls) are 0; anything else is 0.7 em.
 *
 * Bold text is 10% wider. Kerning and ligatures are ignored (they only ever narrow a Latin run, and Arabic
 * ligatures are narrower than the sum of their letters), which again errs wide.
 */

// DejaVu Sans advance widths for code points 32..126, in units of 1/2048 em.
const ASCII_WIDTHS = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577,
  1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401,
  2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569,
  569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,
  1303, 1716,
] as const;

const WIDE_CYRILLIC = new Set("ЖШЩЮЫМЙжшщюыфФ");
const BOLD_FACTOR = 1.1;
// Joined Arabic letters average about 0.47 em in DejaVu Sans and 0.5 em in Noto Sans Arabic.
const ARABIC = 0.55;

/** Options of {@link estimateTextWidth}. */
export interface TextWidthOptions {
  /** Bold text is estimated 10% wider. */
  readonly bold?: boolean;
}

/**
 * Estimates the advance width of a single code point, in em (see the module comment for the table).
 *
 * @param codePoint - a Unicode code point
 * @returns the width in em (0 for combining marks and zero-width characters)
 */
export function codePointWidth(codePoint: number): number {
  if (codePoint >= 32 && codePoint <= 126) return ASCII_WIDTHS[codePoint - 32]! / 2048;
  if (isZeroWidth(codePoint)) return 0;
  if (codePoint === 0xa0) return ASCII_WIDTHS[0]! / 2048;
  if (codePoint < 0x250) {
    // Latin-1 and Latin Extended: measure the base letter of a decomposable character.
    const base = String.fromCodePoint(codePoint).normalize("NFD").codePointAt(0)!;
    return base !== codePoint && base >= 32 && base <= 126 ? ASCII_WIDTHS[base - 32]! / 2048 : 0.72;
  }
  if (codePoint >= 0x370 && codePoint <= 0x3ff) return 0.68; // Greek
  if (codePoint >= 0x400 && codePoint <= 0x52f) {
    const char = String.fromCodePoint(codePoint);
    if (WIDE_CYRILLIC.has(char)) return 1.0;
    return char === char.toLowerCase() ? 0.64 : 0.74;
  }
  if (codePoint >= 0x530 && codePoint <= 0x58f) return 0.7; // Armenian
  if (codePoint >= 0x590 && codePoint <= 0x5ff) return 0.64; // Hebrew (marks handled above)
  if (codePoint >= 0x600 && codePoint <= 0x6ff) return ARABIC; // harakat handled above
  if (codePoint >= 0x750 && codePoint <= 0x77f) return ARABIC; // Arabic supplement
  if (codePoint >= 0xfb50 && codePoint <= 0xfdff) return ARABIC; // Arabic presentation forms A
  if (codePoint >= 0xfe70 && codePoint <= 0xfeff) return ARABIC; // Arabic presentation forms B
  if (codePoint >= 0x10a0 && codePoint <= 0x10ff) return 0.7; // Georgian
  if (isWide(codePoint)) return 1;
  if (codePoint > 0xffff) return 1.15;
  return 0.7;
}

/**
 * Estimates how wide a text is drawn, without a DOM, erring wide (see the module comment).
 *
 * @param text - the text (any script)
 * @param fontSize - the font size in pixels
 * @param options - `bold`
 * @returns the estimated width in pixels
 * @example
 * estimateTextWidth("Agent assist", 12); // about 80
 */
export function estimateTextWidth(text: string, fontSize: number, options: TextWidthOptions = {}): number {
  let em = 0;
  for (const char of text) em += codePointWidth(char.codePointAt(0)!);
  return em * fontSize * (options.bold === true ? BOLD_FACTOR : 1);
}

/**
 * Whether a text reads right to left: its first strong directional character is Hebrew or Arabic (the rule
 * of Unicode's bidi algorithm, P2-P3, for choosing a paragraph's direction).
 *
 * @param text - the text
 * @returns `true` for right-to-left text such as Arabic or Hebrew names
 */
export function isRightToLeft(text: string): boolean {
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (isStrongRightToLeft(c)) return true;
    if (/\p{L}/u.test(char)) return false;
  }
  return false;
}

/**
 * Shortens a text to fit a width, ending it with an ellipsis, by the same estimate as
 * {@link estimateTextWidth}.
 *
 * @param text - the text
 * @param maxWidth - the widest it may be drawn, in pixels
 * @param fontSize - the font size in pixels
 * @param options - `bold`
 * @returns the text unchanged if it fits, else its longest prefix that fits followed by `…`
 */
export function truncateToWidth(
  text: string,
  maxWidth: number,
  fontSize: number,
  options: TextWidthOptions = {},
): string {
  if (estimateTextWidth(text, fontSize, options) <= maxWidth) return text;
  const ellipsis = "…";
  const budget = maxWidth - estimateTextWidth(ellipsis, fontSize, options);
  const chars = [...text];
  let width = 0;
  let kept = 0;
  const factor = fontSize * (options.bold === true ? BOLD_FACTOR : 1);
  for (const char of chars) {
    const next = width + codePointWidth(char.codePointAt(0)!) * factor;
    if (next > budget) break;
    width = next;
    kept++;
  }
  return `${chars.slice(0, kept).join("").trimEnd()}${ellipsis}`;
}

/**
 * How many terminal columns a text takes: East Asian wide and full-width characters (and emoji) take two,
 * combining marks and zero-width characters none, everything else one (the rule of `wcwidth`).
 *
 * @param text - the text
 * @returns its width in terminal columns
 */
export function terminalColumns(text: string): number {
  let columns = 0;
  for (const char of text) {
    const c = char.codePointAt(0)!;
    columns += isZeroWidth(c) ? 0 : isWide(c) || c >= 0x1f300 ? 2 : 1;
  }
  return columns;
}

function isZeroWidth(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) || // combining diacritics
    (c >= 0x591 && c <= 0x5c7 && c !== 0x5be && c !== 0x5c0 && c !== 0x5c3 && c !== 0x5c6) || // Hebrew points
    (c >= 0x610 && c <= 0x61a) ||
    (c >= 0x64b && c <= 0x65f) || // Arabic harakat
    c === 0x670 ||
    (c >= 0x6d6 && c <= 0x6ed) ||
    (c >= 0x200b && c <= 0x200f) || // zero-width space, joiners, marks
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings
    (c >= 0x2066 && c <= 0x2069) || // bidi isolates
    (c >= 0xfe00 && c <= 0xfe0f) || // variation selectors
    c === 0xfeff ||
    c < 32 ||
    (c >= 0x7f && c < 0xa0)
  );
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || // Hangul Jamo
    (c >= 0x2e80 && c <= 0x303e) || // CJK radicals, punctuation
    (c >= 0x3041 && c <= 0x33ff) || // kana, CJK symbols
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xa000 && c <= 0xa4cf) || // Yi
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) || // full-width forms
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

function isStrongRightToLeft(c: number): boolean {
  return (
    (c >= 0x590 && c <= 0x8ff) || // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic extended
    (c >= 0xfb1d && c <= 0xfdff) ||
    (c >= 0xfe70 && c <= 0xfefe) ||
    (c >= 0x10800 && c <= 0x10fff) ||
    (c >= 0x1e800 && c <= 0x1efff)
  );
}

/**
 * Breaks text into lines no wider than `maxWidth` (estimated as {@link estimateTextWidth} does): at spaces
 * where it can, and inside a word only when the word alone is too wide (a long German compound), with a
 * hyphen at the break. Nothing is dropped: every character of the text is on some line.
 *
 * @param text - the text
 * @param maxWidth - the widest line, in the units of `fontSize`
 * @param fontSize - the font size
 * @param options - `bold`
 * @returns the lines (at least one)
 */
export function wrapToWidth(
  text: string,
  maxWidth: number,
  fontSize: number,
  options: TextWidthOptions = {},
): string[] {
  const fits = (line: string): boolean => estimateTextWidth(line, fontSize, options) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((part) => part !== "")) {
    const joined = line === "" ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== "") lines.push(line);
    line = word;
    while (!fits(line)) {
      const chars = [...line];
      let cut = chars.length - 1;
      while (cut > 1 && !fits(`${chars.slice(0, cut).join("")}-`)) cut--;
      lines.push(`${chars.slice(0, cut).join("")}-`);
      line = chars.slice(cut).join("");
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}
