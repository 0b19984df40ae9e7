// The .xlsx reader on workbooks written by LibreOffice Calc (test/table/fixtures/xlsx/make-fixtures.sh) and on
// hostile archives built here: a zip bomb, a member that lies about its size, files that are no workbook.
import { readFileSync } from "node:fs";
import { defaultModel } from "@cxprism/core";
import { readInitiativeTable, type TableRow } from "@cxprism/core/table";
import { readXlsxRows } from "@cxprism/core/xlsx";
import { parse } from "csv-parse/sync";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

const fixture = (name: string) => readFileSync(new URL(`../table/fixtures/${name}`, import.meta.url));

function rowsOf(bytes: Uint8Array, sheet?: string): readonly TableRow[] {
  const table = readXlsxRows(bytes, { sheet });
  if (!table.success) throw new Error(JSON.stringify(table.problems));
  return table.rows;
}

describe("readXlsxRows on workbooks a spreadsheet wrote", () => {
  it("reads the first sheet unless a sheet is named, by its tab name in any case", () => {
    const bytes = fixture("xlsx/named-sheet.xlsx");
    expect(rowsOf(bytes)).toEqual([{ row: 1, cells: ["Ratings are on the sheet called Ratings"] }]);
    const table = readXlsxRows(bytes, { sheet: "ratings" });
    expect(table.success && [table.sheet, table.sheets]).toEqual(["Ratings", ["Notes", "Ratings"]]);
  });

  it("gives dates as ISO dates, numbers without float noise, and skips the empty rows below the table", () => {
    const rows = rowsOf(fixture("xlsx/named-sheet.xlsx"), "Ratings");
    expect(rows.map((row) => row.row)).toEqual([1, 2, 3, 4]);
    expect(rows.slice(1).map((row) => row.cells.slice(0, 4))).toEqual([
      ["Billing chatbot", "120000", "2026-11-30", "0.3"], // stored 0.30000000000000004
      ["Agent assist", "80000.5", "1999-12-31", "0.1"],
      ["Routing", "50000", "", "1e-7"],
    ]);
  });

  it("names an unknown sheet and lists the sheets there are", () => {
    expect(readXlsxRows(fixture("xlsx/named-sheet.xlsx"), { sheet: "Scores" })).toEqual({
      success: false,
      problems: [
        {
          kind: "sheet",
          message: 'expected a sheet named "Scores", received a workbook whose sheets are "Notes", "Ratings"',
        },
      ],
    });
  });

  it("refuses merged header cells, naming them", () => {
    expect(readXlsxRows(fixture("xlsx/merged-header.xlsx"))).toEqual({
      success: false,
      problems: [
        {
          kind: "merged-cells",
          cells: "Sheet1!B1:C1",
          message:
            "expected one header in each column, received the merged header cells B1:C1: unmerge them and give each column its own header",
        },
      ],
    });
  });

  it.each(["business-case", "excel-eu", "mixed-problems", "rater-mistakes", "typo-headers", "missing-cells"])(
    "%s: the .xlsx reads into the same initiatives and problems as the .csv",
    (name) => {
      const text = fixture(`${name}.csv`)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
      const delimiter = name === "excel-eu" ? ";" : ",";
      const records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][];
      const options = { model: defaultModel, missing: "neutral" as const };
      const fromCsv = readInitiativeTable(
        records.map((cells, index) => ({ row: index + 1, cells })),
        { ...options, decimalComma: delimiter === ";" },
      );
      const fromXlsx = readInitiativeTable(rowsOf(fixture(`xlsx/${name}.xlsx`)), options);
      expect(fromXlsx.initiatives).toEqual(fromCsv.initiatives);
      expect(fromXlsx.problems.map((problem) => [problem.row, problem.header])).toEqual(
        fromCsv.problems.map((problem) => [problem.row, problem.header]),
      );
    },
  );
});

/** A minimal workbook with one sheet whose XML is given, zipped by fflate. */
function workbook(sheetXml: string | Uint8Array): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8("<Types/>"),
    "_rels/.rels": strToU8(
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    "xl/workbook.xml": strToU8(
      '<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": typeof sheetXml === "string" ? strToU8(sheetXml) : sheetXml,
  });
}

/** A sheet of `count` rows of cells, padded out with whitespace to `padding` bytes (it compresses to almost nothing). */
function sheet(rows: number, padding = 0): Uint8Array {
  let xml = "<worksheet><sheetData>";
  for (let r = 1; r <= rows; r++)
    xml += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x${r}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
  const head = strToU8(xml);
  const tail = strToU8("</sheetData></worksheet>");
  const bytes = new Uint8Array(head.length + padding + tail.length).fill(0x20);
  bytes.set(head, 0);
  bytes.set(tail, head.length + padding);
  return bytes;
}

describe("readXlsxRows bounds its work", () => {
  it("reads inline strings and numbers from a workbook another writer made", () => {
    expect(rowsOf(workbook(sheet(2)))).toEqual([
      { row: 1, cells: ["x1", "1"] },
      { row: 2, cells: ["x2", "2"] },
    ]);
  });

  it("refuses a zip bomb: a sheet that unpacks past the limit", () => {
    const bomb = workbook(sheet(1, 8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const table = readXlsxRows(bomb, { limits: { maxPartBytes: 1024 * 1024 } });
    expect(table.success || table.problems[0]!.message).toMatch(
      /^expected a workbook that unpacks to at most 1 MiB a part and 320 MiB in all, received one whose xl\/worksheets\/sheet1.xml unpacks to more \(a zip bomb/,
    );
  });

  it("refuses a bomb whose header declares a small size, counting what it really inflates to", () => {
    const bomb = workbook(sheet(1, 8 * 1024 * 1024));
    const name = strToU8("xl/worksheets/sheet1.xml");
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    // Rewrite the declared size in both the local header and the central directory entry.
    for (let at = 0; at < bomb.length - 46; at++) {
      const signature = view.getUint32(at, true);
      const nameAt = signature === 0x04034b50 ? at + 30 : signature === 0x02014b50 ? at + 46 : -1;
      if (nameAt === -1 || !name.every((byte, i) => bomb[nameAt + i] === byte)) continue;
      view.setUint32(signature === 0x04034b50 ? at + 22 : at + 24, 1000, true);
    }
    const table = readXlsxRows(bomb, { limits: { maxPartBytes: 1024 * 1024 } });
    expect(table.success || table.problems[0]!.message).toMatch(/unpacks to more \(a zip bomb/);
  });

  it("refuses a sheet with more rows or cells than the limits", () => {
    const bytes = workbook(sheet(50));
    expect(readXlsxRows(bytes, { limits: { maxRows: 49 } })).toEqual({
      success: false,
      problems: [
        { kind: "limit", message: "expected at most 49 rows with content in the sheet, received more" },
      ],
    });
    expect(readXlsxRows(bytes, { limits: { maxCells: 99 } })).toEqual({
      success: false,
      problems: [
        { kind: "limit", message: "expected at most 99 non-empty cells in the sheet, received more" },
      ],
    });
  });

  it.each([
    ["a CSV", strToU8("name,cx_impact\nChatbot,4\n"), "a file that is not one"],
    ["an empty file", new Uint8Array(0), "an empty file"],
    [
      "an old .xls",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      "an Excel 97-2003 .xls workbook",
    ],
    ["a zip cut short", fixture("xlsx/missing-cells.xlsx").subarray(0, 2000), "a broken zip archive"],
    ["a zip of something else", zipSync({ "notes.txt": strToU8("hello") }), "a file that is not one"],
    [
      "an OpenDocument spreadsheet",
      zipSync({ mimetype: strToU8("x"), "content.xml": strToU8("<x/>") }),
      ".ods",
    ],
  ])("gives %s one clear message", (_what, bytes, says) => {
    const table = readXlsxRows(bytes);
    expect(table.success).toBe(false);
    if (table.success) return;
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]!.kind).toBe("not-xlsx");
    expect(table.problems[0]!.message).toMatch(
      /^expected an \.xlsx workbook \(Excel 2007 or later, or saved as \.xlsx\), received /,
    );
    expect(table.problems[0]!.message).toContain(says);
  });

  it("gives a member with a broken deflate stream one clear message", () => {
    const bytes = workbook(sheet(3));
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toContain("xl/worksheets/sheet1.xml");
    const broken = Uint8Array.from(bytes);
    // Scribble over the middle of the archive, where the compressed parts are.
    broken.fill(0xff, 200, 400);
    const table = readXlsxRows(broken);
    expect(table.success || table.problems[0]!.message).toMatch(
      /^expected an \.xlsx workbook .*received a broken/,
    );
  });
});
