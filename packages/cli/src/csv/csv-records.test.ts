import { fc, test } from "@fast-check/vitest";
import { CsvError, parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type CsvSyntaxProblem, createCsvRecordParser } from "./csv-records.js";

/** Parses `text` pushed in pieces cut at `cuts` (character offsets). */
function parsePieces(text: string, cuts: readonly number[] = [], delimiter = ",") {
  const records: string[][] = [];
  const parser = createCsvRecordParser(delimiter, (cells) => records.push(cells));
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, text.length]) {
    parser.push(text.slice(start, point));
    start = point;
  }
  const problem = parser.end();
  return { records, problem };
}

/** Decodes `bytes` cut at `cuts` as the CLI does (a streaming UTF-8 decoder, which drops a BOM), then parses. */
function parseBytes(bytes: Uint8Array, cuts: readonly number[], delimiter = ",") {
  const records: string[][] = [];
  const parser = createCsvRecordParser(delimiter, (cells) => records.push(cells));
  const decoder = new TextDecoder("utf-8");
  let start = 0;
  for (const point of [...cuts, bytes.length]) {
    parser.push(decoder.decode(bytes.subarray(start, point), { stream: true }));
    start = point;
  }
  parser.push(decoder.decode());
  return { records, problem: parser.end() };
}

/** csv-parse with the options the CLI used before this parser: the reference it must agree with. */
function csvParse(text: string, delimiter = ","): { records: string[][]; problem?: CsvSyntaxProblem } {
  try {
    return {
      records: parse(text, {
        delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      }) as string[][],
    };
  } catch (error) {
    if (!(error instanceof CsvError) || error.code !== "CSV_QUOTE_NOT_CLOSED") throw error;
    const { records, column } = error as CsvError & { records: number; column: number };
    return { records: [], problem: { code: "quote-not-closed", record: records + 1, field: column } };
  }
}

describe("createCsvRecordParser", () => {
  it.each([
    [
      "plain cells",
      "a,b\nc,d\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "no line break at the end",
      "a,b\nc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "a delimiter at the end of a line is an empty last cell",
      "a,\n,\n",
      [
        ["a", ""],
        ["", ""],
      ],
    ],
    ["quoted delimiters and line breaks", '"a,1","b\nc"\nd\n', [["a,1", "b\nc"], ["d"]]],
    ["doubled quotes inside a quoted field", '"say ""hi""",""""\n', [['say "hi"', '"']]],
    ["an empty quoted field", '"",x\n""', [["", "x"], [""]]],
    [
      "CRLF line ends",
      "a,b\r\nc,d\r\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "CR line ends",
      "a,b\rc,d\r",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["a lone CR is text in an LF file", "a\nb\rc\n", [["a"], ["b\rc"]]],
    ["a lone LF is text in a CRLF file", "a\r\nb\nc\r\n", [["a"], ["b\nc"]]],
    ["blank lines kept as rows of one empty cell", "a\n\n\nb\n\n", [["a"], [""], [""], ["b"], [""]]],
    ["a quote inside an unquoted field is text", 'Chatbot "Aino",2\n', [['Chatbot "Aino"', "2"]]],
    ["text after a closing quote keeps the quotes", '"Aino" bot,2\n', [['"Aino" bot', "2"]]],
    ["a space before a quote makes it text", ' "a,b"\n', [[' "a', 'b"']]],
    ["a quote closing before an LF in a CRLF file is text", 'a\r\n"b"\nc",d\r\n', [["a"], ['"b"\nc"', "d"]]],
    ["no text at all", "", []],
  ])("reads %s", (_, text, records) => {
    expect(parsePieces(text)).toEqual({ records, problem: undefined });
    expect(csvParse(text).records).toEqual(records);
  });

  it.each([
    [";", 'a;"b;c";1,5\n', [["a", "b;c", "1,5"]]],
    ["\t", 'a\t"b\tc"\t\n', [["a", "b\tc", ""]]],
  ])("splits on %j", (delimiter, text, records) => {
    expect(parsePieces(text, [], delimiter).records).toEqual(records);
  });

  it("reports a quote not closed by the end of the text, with its record and field", () => {
    expect(parsePieces('h1,h2\na,b\n\nc,"d\ne,f\n')).toEqual({
      records: [["h1", "h2"], ["a", "b"], [""]],
      problem: { code: "quote-not-closed", record: 4, field: 1 },
    });
  });

  it.each([
    ["a doubled quote", '"x""y",1\n', 3, [['x"y', "1"]]],
    ["a closing quote and its CRLF", '"x"\r\nb\r\n', 3, [["x"], ["b"]]],
    ["a closing quote and its CRLF, after the quote", '"x"\r\nb\r\n', 4, [["x"], ["b"]]],
    ["a CRLF", "a\r\nb\r\n", 2, [["a"], ["b"]]],
    ["the first CRLF, before the line ending is known", "a\r\nb\nc\r\n", 2, [["a"], ["b\nc"]]],
    ["a CRLF inside a quoted field", '"a\r\nb"\r\n', 3, [["a\r\nb"]]],
  ])("reads the same when a piece ends inside %s", (_, text, cut, records) => {
    expect(parsePieces(text, [cut]).records).toEqual(records);
  });

  it.each([
    ["a two-byte character", "Ä", 1],
    ["a three-byte character", "€", 2],
    ["a four-byte character", "😀", 3],
    ["the BOM", "\uFEFF", 1],
  ])("reads the same when a piece of bytes ends inside %s", (_, character, offset) => {
    const text = `\uFEFFname\n"${character}x${character}",${character}\n`;
    const bytes = new TextEncoder().encode(text);
    const cut = text.startsWith(character) ? offset : 3 + 5 + 1 + offset;
    const expected = [["name"], [`${character}x${character}`, character]];
    if (character === "\uFEFF") expected[1] = ["\uFEFFx\uFEFF", "\uFEFF"];
    expect(parseBytes(bytes, [cut]).records).toEqual(expected);
  });

  it("parses a quoted field far longer than the pieces it comes in without re-reading it each time", () => {
    const long = "x".repeat(2_000_000);
    const cuts = Array.from({ length: 2_000 }, (_, k) => 1 + k * 1_000);
    expect(parsePieces(`"${long}",1\n`, cuts).records).toEqual([[long, "1"]]);
  });

  const alphabet = fc.constantFrom("a", "é", "😀", ",", ";", '"', '"', "\r", "\n", "\r\n", " ");
  test.prop(
    [
      fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join("")),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.constantFrom(",", ";"),
    ],
    { numRuns: 2000 },
  )("reads every text as csv-parse does, however it is cut", (text, cuts, delimiter) => {
    const expected = csvParse(text, delimiter);
    const actual = parsePieces(text, cuts, delimiter);
    if (expected.problem !== undefined) expect(actual.problem).toEqual(expected.problem);
    else expect(actual).toEqual({ records: expected.records, problem: undefined });
  });
});
