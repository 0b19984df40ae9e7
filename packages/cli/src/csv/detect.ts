/** The delimiters cxprism reads: comma, semicolon (Excel in much of Europe) and tab. */
export type Delimiter = "," | ";" | "\t";

const CANDIDATES: readonly Delimiter[] = [",", ";", "\t"];

/**
 * Picks the delimiter of a CSV from the start of the file: the candidate that occurs most often outside
 * quotes in the first record (the header). Ties and a single-column file fall back to `,`.
 *
 * @param sample - the start of the file (the first chunk read is enough)
 * @returns the delimiter
 */
export function detectDelimiter(sample: string): Delimiter {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const candidate of CANDIDATES) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
}
