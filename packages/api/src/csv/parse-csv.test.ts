import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv.js";

describe("parseCsv", () => {
  it("drops a BOM, reads CRLF, quoted delimiters, quotes and line breaks, and skips blank rows", () => {
    const parsed = parseCsv('\uFEFFname,description\r\n"A, B","say ""hi""\r\nagain"\r\n\r\nC,plain\r\n');
    expect(parsed).toEqual({
      success: true,
      delimiter: ",",
      rows: [
        { row: 1, cells: ["name", "description"] },
        { row: 2, cells: ["A, B", 'say "hi"\r\nagain'] },
        { row: 4, cells: ["C", "plain"] },
      ],
    });
  });

  it.each([
    ['name,d\n"A","x\ny"\nC,p\n', [1, 2, 3]],
    ['name,d\r\n"A","x\r\ny"\r\nC,p\r\n', [1, 2, 3]],
    ["\n\nname\nA\n", [3, 4]],
    ["name;a\nA;1\n;\n;;\n", [1, 2]],
  ])("gives each row of %j the number a spreadsheet shows", (text, rows) => {
    const parsed = parseCsv(text);
    expect(parsed.success && parsed.rows.map((row) => row.row)).toEqual(rows);
  });

  it("keeps names in any script, and quotes inside unquoted fields", () => {
    const parsed = parseCsv(
      'name\tcategory\nÄänipalvelun ohjaus\tмаршрутизация\nتحليل المشاعر\t客服\nChatbot "Aino"\tx\n',
    );
    expect(parsed.success && parsed.rows.map((row) => row.cells[0])).toEqual([
      "name",
      "Äänipalvelun ohjaus",
      "تحليل المشاعر",
      'Chatbot "Aino"',
    ]);
  });

  it("keeps rows of different lengths for the reader to report", () => {
    const parsed = parseCsv("a,b,c\n1,2\n");
    expect(parsed.success && parsed.rows[1]!.cells).toEqual(["1", "2"]);
  });

  it.each([
    ['name\n"unclosed\n', /closing quote/, 2],
    ['name,x\n"a\nb",1\n"c,2\n', /closing quote/, 3],
  ])("reports a syntax error in %j with its row", (text, message, row) => {
    const parsed = parseCsv(text);
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.message).toMatch(message);
      expect(parsed.row).toBe(row);
    }
  });
});
