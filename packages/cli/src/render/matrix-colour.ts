import type { Quadrant } from "@cxprism/core";
import { paint, QUADRANT_STYLE } from "./colour.js";

/** A line of the chart: four columns of value ticks, then the frame. */
const FRAME_LINE = /^(.{4})([│├┌└].*)$/u;
/** A line of the key: the point's number, two spaces, then its name, scores and quadrant label. */
const KEY_LINE = /^\s*(\d+) {2}/;

/**
 * Colours the terminal matrix of `renderMatrixText` by quadrant, as the results table is coloured: each
 * point number in the chart and each line of the key takes its quadrant's colour. The quadrant of a number
 * is read from the key, whose lines end with the quadrant's label.
 *
 * @param text - the plain matrix
 * @param labels - the model's quadrant labels
 * @returns the same text with ANSI colours
 */
export function colourMatrixText(text: string, labels: Readonly<Record<Quadrant, string>>): string {
  const lines = text.split("\n");
  const quadrantOf = new Map<string, Quadrant>();
  // Longest label first, so "Likely win" is not found at the end of "Unlikely win".
  const byLength = (Object.entries(labels) as [Quadrant, string][]).sort((a, b) => b[1].length - a[1].length);
  const coloured = lines.map((line) => {
    const key = KEY_LINE.exec(line);
    if (key === null) return line;
    const quadrant = byLength.find(([, label]) => line.endsWith(label))?.[0];
    if (quadrant === undefined) return line;
    quadrantOf.set(key[1]!, quadrant);
    return paint(QUADRANT_STYLE[quadrant], line);
  });
  return coloured
    .map((line) => {
      const frame = FRAME_LINE.exec(line);
      if (frame === null) return line;
      const body = frame[2]!.replace(/\d+/g, (number) => {
        const quadrant = quadrantOf.get(number);
        return quadrant === undefined ? number : paint(QUADRANT_STYLE[quadrant], number);
      });
      return `${frame[1]}${body}`;
    })
    .join("\n");
}
