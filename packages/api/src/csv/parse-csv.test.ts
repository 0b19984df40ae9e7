import { describe, expect, it } from "vitest";
import { detectDelimiter, parseCsv } from "./parse-csv.js";

describe("detectDelimiter", () => {
  it.each([
    ["name,a,b\n1,2,3", ","],
    ["name;a;b\n1;2,5;3", ";"],
    ["name\ta\tb\n", "\t"],
    ['"a;b;c",d\n', ","], // delimiters inside quotes do not count
    ["name\n", ","], // one column: the default
    ["a;b,c;d\r\n", ";"],
  ])("detects %j as %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("parseCsv", () => {
  it("drops a BOM, reads CRLF, quoted delimiters, quotes and line breaks, and skips blank lines", () => {
    const parsed = parseCsv('\uFEFFname,description\r\n"A, B","say ""hi""\r\nagain"\r\n\r\nC,plain\r\n');
    expect(parsed).toEqual({
      success: true,
      delimiter: ",",
      records: [
        { line: 1, cells: ["name", "description"] },
        { line: 2, cells: ["A, B", 'say "hi"\r\nagain'] },
        { line: 5, cells: ["C", "plain"] },
      ],
    });
  });

  it.each([
    ['name,d\n"A","x\ny"\nC,p\n', [1, 2, 4]],
    ['name,d\r\n"A","x\r\ny"\r\nC,p\r\n', [1, 2, 4]],
    ["\n\nname\nA\n", [3, 4]],
  ])("gives each record of %j the line it starts on", (text, lines) => {
    const parsed = parseCsv(text);
    expect(parsed.success && parsed.records.map((record) => record.line)).toEqual(lines);
  });

  it("keeps names in any script", () => {
    const parsed = parseCsv("name\tcategory\nÄänipalvelun ohjaus\tмаршрутизация\nتحليل المشاعر\t客服\n");
    expect(parsed.success && parsed.records.map((record) => record.cells[0])).toEqual([
      "name",
      "Äänipalvelun ohjaus",
      "تحليل المشاعر",
    ]);
  });

  it("keeps rows of different lengths for the caller to report", () => {
    const parsed = parseCsv("a,b,c\n1,2\n");
    expect(parsed.success && parsed.records[1]!.cells).toEqual(["1", "2"]);
  });

  it.each([
    ['name\n"unclosed\n', /closing quote/],
    ['name,x\n"a"b,1\n', /after a closing quote/],
  ])("reports a syntax error in %j with its line", (text, message) => {
    const parsed = parseCsv(text);
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.message).toMatch(message);
      expect(parsed.line).toBeGreaterThanOrEqual(2);
    }
  });
});
