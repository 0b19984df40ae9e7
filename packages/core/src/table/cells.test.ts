import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import {
  detectDelimiter,
  parseTableNumber,
  protectCell,
  renderCsvCell,
  renderCsvRecord,
  type TableDelimiter,
  unprotectCell,
} from "./cells.js";
import { readInitiativeTable } from "./read-table.js";

describe("parseTableNumber", () => {
  it.each([
    ["3", false, 3],
    ["3.5", false, 3.5],
    ["-2", false, -2],
    ["1.5e6", false, 1.5e6],
    ["3,5", true, 3.5],
    ["3,5e0", true, 3.5],
    ["3,5", false, undefined],
    ["1,000", false, undefined],
    ["high", true, undefined],
  ] as const)("%j (decimal comma %s) -> %j", (text, comma, number) => {
    expect(parseTableNumber(text, comma)).toBe(number);
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["name,a,b\n1,2,3", ","],
    ["name;a;b\n1;2,5;3", ";"],
    ["name\ta\tb\n", "\t"],
    ['"a;b;c",d\n', ","],
    ["name\n", ","],
  ])("detects %j as %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("protectCell (OWASP CSV injection) and unprotectCell", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+cmd", "'+cmd"],
    ["-x", "'-x"],
    ["@import", "'@import"],
    ["\tTab", "'\tTab"],
    ["\rCR", "'\rCR"],
    ["'=already", "''=already"],
    ["-5", "-5"], // numbers stay numbers
    ["+3.5", "+3.5"],
    ["Chatbot", "Chatbot"],
    ["it's", "it's"],
    ["'quoted'", "'quoted'"],
  ])("%j is written %j and read back", (text, written) => {
    expect(protectCell(text)).toBe(written);
    expect(unprotectCell(written)).toBe(text);
  });
});

const NAMES = [
  "Äänipalvelun ohjaus",
  "Голосовой помощник",
  "تحليل المشاعر",
  'Chatbot "Aino"',
  "two\nlines",
  "a;b, c",
  "=1+2",
  "@SUM(A1)",
  "-menu",
  "'=quoted formula",
  "+358 helpdesk",
];

describe("renderCsvCell", () => {
  const character = fc.constantFrom(
    "a",
    "1",
    "-",
    "+",
    "=",
    "@",
    "'",
    "\t",
    "\r",
    "\n",
    '"',
    ",",
    ";",
    " ",
    "é",
  );
  test.prop(
    [
      fc.array(character, { maxLength: 8 }).map((parts) => parts.join("")),
      fc.constantFrom<TableDelimiter>(",", ";", "\t"),
    ],
    {
      numRuns: 1000,
    },
  )(
    "protects a cell that would start a formula and quotes one with the delimiter, a quote or a line break",
    (text, delimiter) => {
      const cell = protectCell(text);
      const quoted = cell.includes(delimiter) || /["\r\n]/.test(cell);
      expect(renderCsvCell(text, delimiter)).toBe(quoted ? `"${cell.replaceAll('"', '""')}"` : cell);
    },
  );
});

describe("renderCsvRecord read back by the table reader", () => {
  test.prop(
    [
      fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length }),
      fc.constantFrom<",">(","),
      fc.array(fc.constantFrom("=cmd", "Owner", "Лена", "x;y", '"q"'), { minLength: 1, maxLength: 1 }),
    ],
    { numRuns: 60 },
  )("gives back the same names, categories and extra cells", (names, delimiter, [extra]) => {
    const ids = defaultModel.criteria.map((criterion) => criterion.id);
    const header = renderCsvRecord(["name", "category", ...ids, "Notes"], delimiter);
    const lines = names.map((name) =>
      renderCsvRecord([name, `-${name}`, ...ids.map(() => "3"), extra!], delimiter),
    );
    // A minimal CSV splitter for the test: the faces use csv-parse; here the point is the cells.
    const rows = [header, ...lines].map((line, index) => ({ row: index + 1, cells: splitCsv(line) }));
    const table = readInitiativeTable(rows, { model: defaultModel });
    expect(table.problems).toEqual([]);
    expect(table.portfolio!.initiatives.map((initiative) => initiative.name)).toEqual(
      names.map((n) => n.trim()),
    );
    expect(table.portfolio!.initiatives.map((initiative) => initiative.category)).toEqual(
      names.map((n) => `-${n}`),
    );
    expect(table.portfolio!.initiatives.every((initiative) => initiative.extra.Notes === extra)).toBe(true);
  });
});

/** Splits one RFC 4180 record written with `,`. */
function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
