/**
 * The one syntax problem of the relaxed CSV dialect cxprism reads: a quoted field still open at the end of the
 * file (a stray quote elsewhere is read as text, as spreadsheets write it).
 */
export interface CsvSyntaxProblem {
  readonly code: "quote-not-closed";
  /** The record the open quoted field belongs to, counting from 1: the row a spreadsheet shows. */
  readonly record: number;
  /** The field's place in that record, counting from 0. */
  readonly field: number;
}

/** What a user reads about a {@link CsvSyntaxProblem}, placed at its row. */
export const QUOTE_NOT_CLOSED =
  "expected a closing quote for the quoted field that starts in this row, received the end of the file";

/** A streaming CSV parser: text in, records of cells out. */
export interface CsvRecordParser {
  /**
   * Parses the next piece of text (decoded UTF-8, cut anywhere) and hands every record it completes to the
   * callback given to {@link createCsvRecordParser}.
   */
  push(text: string): void;
  /**
   * Ends the input: hands over the last record.
   *
   * @returns the syntax problem that stopped the parse, or undefined
   */
  end(): CsvSyntaxProblem | undefined;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** The record delimiter, found at the first line break outside quotes (as csv-parse does). */
const LineBreak = { Unknown: 0, Lf: 1, CrLf: 2, Cr: 3 } as const;

/** Returned while parsing when the text ends before a record can be decided. */
const INCOMPLETE = -1;

/**
 * Creates a streaming parser for the CSV dialect every table cxprism reads is in: the given one-character
 * delimiter; RFC 4180 quoting with doubled quotes and line breaks inside quoted fields; a quote inside an
 * unquoted field, or text after a closing quote, kept as text (`Chatbot "Aino"`); the line ending (`\n`,
 * `\r\n` or `\r`) taken from the first line break outside quotes; blank lines kept as records of one empty
 * cell, so that record k is the row a spreadsheet shows as k; rows of any length. These are csv-parse's
 * rules with `relax_quotes`, `relax_column_count` and empty lines kept, and the tests hold the two to the
 * same records; this parser works on decoded text and slices each cell from it instead of collecting bytes
 * per field, which makes it several times faster on a large file. A UTF-8 BOM is the decoder's to drop
 * (`TextDecoder` does by default).
 *
 * A record cut by the end of a piece is parsed again from its start when more text has come; the parser waits
 * until the text has doubled before trying again, so a huge quoted field costs linear time.
 *
 * @param delimiter - the cell delimiter: `,`, `;` or tab
 * @param onRecord - called with the cells of each record, in order
 * @returns the parser
 * @example
 * const rows: string[][] = [];
 * const parser = createCsvRecordParser(",", (cells) => rows.push(cells));
 * parser.push('name,cost\n"Agent, assist",1');
 * parser.push("200\n");
 * parser.end(); // rows: [["name", "cost"], ["Agent, assist", "1200"]]
 */
export function createCsvRecordParser(
  delimiter: string,
  onRecord: (cells: string[]) => void,
): CsvRecordParser {
  const delimiterCode = delimiter.charCodeAt(0);
  let pending = "";
  let retryAt = 0;
  let records = 0;
  let lineBreak: number = LineBreak.Unknown;
  let problem: CsvSyntaxProblem | undefined;

  /** The length of the record delimiter at `at` (0 when there is none), or INCOMPLETE. */
  function lineBreakAt(text: string, at: number, final: boolean): number {
    const code = text.charCodeAt(at);
    if (code !== LF && code !== CR) return 0;
    switch (lineBreak) {
      case LineBreak.Lf:
        return code === LF ? 1 : 0;
      case LineBreak.Cr:
        return code === CR ? 1 : 0;
      case LineBreak.CrLf:
        if (code !== CR) return 0;
        if (at + 1 >= text.length) return final ? 0 : INCOMPLETE;
        return text.charCodeAt(at + 1) === LF ? 2 : 0;
      default:
        if (code === LF) {
          lineBreak = LineBreak.Lf;
          return 1;
        }
        if (at + 1 >= text.length && !final) return INCOMPLETE;
        if (text.charCodeAt(at + 1) === LF) {
          lineBreak = LineBreak.CrLf;
          return 2;
        }
        lineBreak = LineBreak.Cr;
        return 1;
    }
  }

  /**
   * Parses the record that starts at `start` and hands it over.
   *
   * @returns where the next record starts, or INCOMPLETE when the text ends first (or a quote is not closed)
   */
  function parseRecord(text: string, start: number, final: boolean): number {
    const length = text.length;
    const cells: string[] = [];
    let at = start;
    for (;;) {
      let prefix = "";
      if (at < length && text.charCodeAt(at) === QUOTE) {
        let from = at + 1;
        let quoted = "";
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) {
            if (final) problem = { code: "quote-not-closed", record: records + 1, field: cells.length };
            return INCOMPLETE;
          }
          if (close + 1 >= length && !final) return INCOMPLETE;
          if (close + 1 < length && text.charCodeAt(close + 1) === QUOTE) {
            quoted += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          quoted += text.slice(from, close);
          at = close + 1;
          break;
        }
        if (at >= length) {
          cells.push(quoted);
          break;
        }
        if (text.charCodeAt(at) === delimiterCode) {
          cells.push(quoted);
          at++;
          continue;
        }
        const end = lineBreakAt(text, at, final);
        if (end === INCOMPLETE) return INCOMPLETE;
        if (end > 0) {
          cells.push(quoted);
          at += end;
          onRecord(cells);
          records++;
          return at;
        }
        // Text after a closing quote: the field goes on unquoted, its quotes kept as text.
        prefix = `"${quoted}"`;
      }
      const from = at;
      let end = 0;
      for (; at < length; at++) {
        const code = text.charCodeAt(at);
        if (code === delimiterCode) break;
        if (code === LF || code === CR) {
          end = lineBreakAt(text, at, final);
          if (end === INCOMPLETE) return INCOMPLETE;
          if (end > 0) break;
        }
      }
      if (at >= length && !final) return INCOMPLETE;
      cells.push(prefix === "" ? text.slice(from, at) : prefix + text.slice(from, at));
      if (at >= length) break;
      if (end > 0) {
        onRecord(cells);
        records++;
        return at + end;
      }
      at++;
    }
    onRecord(cells);
    records++;
    return length;
  }

  /** Parses every whole record of the pending text and keeps the rest. */
  function parsePending(final: boolean): void {
    const text = pending;
    let start = 0;
    while (start < text.length) {
      const next = parseRecord(text, start, final);
      if (next === INCOMPLETE) break;
      start = next;
    }
    pending = start === 0 ? text : text.slice(start);
    retryAt = 2 * pending.length;
  }

  return {
    push(text) {
      if (problem !== undefined || text === "") return;
      pending = pending === "" ? text : pending + text;
      if (pending.length >= retryAt) parsePending(false);
    },
    end() {
      if (problem === undefined) parsePending(true);
      pending = "";
      return problem;
    },
  };
}
