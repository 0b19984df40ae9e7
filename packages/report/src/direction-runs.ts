/** A stretch of text in one direction. */
export interface DirectionRun {
  readonly text: string;
  readonly rtl: boolean;
}

const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LTR = /[\p{L}\p{N}]/u;

/**
 * Splits text into runs of one direction for a left-to-right line: a right-to-left run starts and ends on a
 * Hebrew or Arabic letter and takes in the spaces and punctuation between such letters (Unicode's bidi rule
 * N1 for neutrals between two strong right-to-left characters). Each run is then shaped and ordered on its
 * own by the font engine, which reverses a right-to-left run into visual order.
 *
 * @param text - logical-order text
 * @returns the runs, in logical order, concatenating to the text
 */
export function directionRuns(text: string): DirectionRun[] {
  const chars = [...text];
  const strong = chars.map((char) => (STRONG_RTL.test(char) ? "r" : STRONG_LTR.test(char) ? "l" : "n"));
  const rtl = chars.map(() => false);
  let lastRtl = -1;
  for (let i = 0; i < chars.length; i++) {
    if (strong[i] === "l") lastRtl = -1;
    else if (strong[i] === "r") {
      if (lastRtl >= 0) for (let j = lastRtl; j <= i; j++) rtl[j] = true;
      rtl[i] = true;
      lastRtl = i;
    }
  }
  const runs: DirectionRun[] = [];
  chars.forEach((char, i) => {
    const last = runs.at(-1);
    if (last !== undefined && last.rtl === rtl[i])
      runs[runs.length - 1] = { text: last.text + char, rtl: rtl[i]! };
    else runs.push({ text: char, rtl: rtl[i]! });
  });
  return runs;
}

/**
 * Puts the words of each right-to-left run in visual order (last word first), leaving left-to-right text as
 * it is. pdfkit lays a line out word by word and the font engine shapes and mirrors each right-to-left word
 * on its own, so reversing the word order of the run gives the right visual order on a left-to-right line.
 *
 * @param text - logical-order text
 * @returns the text with right-to-left runs' words in visual order
 */
export function visualWordOrder(text: string): string {
  return directionRuns(text)
    .map((run) => (run.rtl ? run.text.split(" ").reverse().join(" ") : run.text))
    .join("");
}

/**
 * Lays out a right-to-left text that may wrap: breaks it into lines in logical order (the first words on the
 * first line), then puts each line's words in visual order. Reversing the whole text first and letting the
 * layout engine wrap it would put the last words on the first line.
 *
 * @param text - logical-order right-to-left text
 * @param width - the line width
 * @param measure - the width of a piece of text as drawn
 * @returns the lines, joined by `\n`, each in visual word order
 * @example
 * wrapRightToLeft("a b c", 3, (text) => text.length); // "b a\nc"
 */
export function wrapRightToLeft(text: string, width: number, measure: (text: string) => number): string {
  const lines: string[][] = [];
  for (const word of text.split(" ")) {
    const line = lines.at(-1);
    if (line !== undefined && measure([...line, word].join(" ")) <= width) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => line.reverse().join(" ")).join("\n");
}
