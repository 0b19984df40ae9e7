import type { TableRow } from "../table/read-table.js";
import { columnLetters, columnOfReference, quoteSheetName } from "../table/spreadsheet.js";
import { isDateFormat, serialToIso, spreadsheetNumber } from "./cell-values.js";
import { decodeUtf8 } from "./utf8.js";
import { findElements, readAttributes, richText } from "./xml.js";
import { inflateZipEntry, listZip, type ZipEntry, ZipError } from "./zip.js";

/** Bounds on the work of reading one workbook: past any of them the workbook is refused with a message. */
export interface XlsxLimits {
  /** Most bytes any one part (a sheet, the shared strings) may unpack to. */
  readonly maxPartBytes: number;
  /** Most bytes the parts read may unpack to together. */
  readonly maxTotalBytes: number;
  /** Most rows with content in the sheet. */
  readonly maxRows: number;
  /** Most non-empty cells in the sheet. */
  readonly maxCells: number;
}

/**
 * Default limits, for a command-line read of a large workbook: a sheet of 1,048,576 rows (Excel's own
 * maximum) of a few columns fits; anything that unpacks past 256 MiB is refused as a zip bomb or a sheet too
 * large to read in memory.
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 320 * 1024 * 1024,
  maxRows: 1_048_576,
  maxCells: 20_000_000,
};

/** Options for {@link readXlsxRows}. */
export interface XlsxReadOptions {
  /** The sheet to read, by its tab name (case-insensitive); the first sheet when absent. */
  readonly sheet?: string | undefined;
  /** Work limits; each one left out takes its {@link DEFAULT_XLSX_LIMITS} value. */
  readonly limits?: Partial<XlsxLimits> | undefined;
}

/**
 * What kind of problem stopped reading a workbook: the bytes are no readable workbook, it is over a work
 * limit, it has merged cells, or the sheet asked for is not there (or holds no cells).
 */
export type XlsxProblemKind = "not-xlsx" | "limit" | "merged-cells" | "sheet";

/** A problem that stops reading a workbook, placed at its cells when it has a place (`Sheet1!B1:C1`). */
export interface XlsxProblem {
  readonly kind: XlsxProblemKind;
  /** The sheet and range, as a spreadsheet's name box shows them: `Sheet1!B1:C1`. */
  readonly cells?: string | undefined;
  readonly message: string;
}

/** What {@link readXlsxRows} returns. */
export type XlsxTable =
  | {
      readonly success: true;
      /** The name of the sheet read. */
      readonly sheet: string;
      /** Every sheet's name, in tab order. */
      readonly sheets: readonly string[];
      /** The rows with content, each at the row number the spreadsheet shows (empty rows left out). */
      readonly rows: readonly TableRow[];
    }
  | { readonly success: false; readonly problems: readonly XlsxProblem[] };

const NOT_XLSX = "expected an .xlsx workbook (Excel 2007 or later, or saved as .xlsx)";

/**
 * Whether bytes start like a zip archive (every .xlsx does): for telling an uploaded workbook from a CSV.
 *
 * @param bytes - the file's first bytes
 * @returns true for the zip signature `PK\x03\x04`
 */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Says what a file that is not an .xlsx is, when its first bytes tell. */
function describeNotXlsx(bytes: Uint8Array, entries?: Map<string, ZipEntry>): string {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return `${NOT_XLSX}, received an Excel 97-2003 .xls workbook or a password-protected one: save it as .xlsx without a password`;
  if (entries?.has("content.xml") === true)
    return `${NOT_XLSX}, received an OpenDocument spreadsheet (.ods): save it as .xlsx`;
  if (bytes.length === 0) return `${NOT_XLSX}, received an empty file`;
  return `${NOT_XLSX}, received a file that is not one`;
}

class WorkbookError extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(problem.message);
  }
}

/**
 * Reads one sheet of an .xlsx workbook into rows of text cells, as the core's table reader
 * (`readInitiativeTable`) takes them: each cell's text is what a CSV export would hold (numbers without float
 * noise, `TRUE`/`FALSE`, dates in date-formatted cells as ISO dates, formula cells by their last computed
 * value), each row at the number the spreadsheet shows in its margin, rows without content left out.
 * Merged cells are refused, each range named (a merged header hides which column is which; a merged data
 * cell leaves all but one of its rows empty). The work is bounded: every part is unpacked with its bytes
 * counted against {@link XlsxLimits}, so a zip bomb is refused early, and so is a sheet with too many rows or
 * cells. Any file that is not a readable workbook gets one message, never an exception.
 *
 * @example
 * const table = readXlsxRows(bytes, { sheet: "Ratings" });
 * if (table.success) readInitiativeTable(table.rows, { model: defaultModel });
 *
 * @param bytes - the whole .xlsx file
 * @param options - the sheet to read and the work limits
 * @returns the sheet's rows, or the problems that stopped reading it
 */
export function readXlsxRows(bytes: Uint8Array, options: XlsxReadOptions = {}): XlsxTable {
  const limits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  if (!looksLikeXlsx(bytes))
    return { success: false, problems: [{ kind: "not-xlsx", message: describeNotXlsx(bytes) }] };
  let entries: Map<string, ZipEntry>;
  try {
    entries = listZip(bytes);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return {
      success: false,
      problems: [
        { kind: "not-xlsx", message: `${NOT_XLSX}, received a broken zip archive (${error.message})` },
      ],
    };
  }
  try {
    return readWorkbook(bytes, entries, limits, options.sheet);
  } catch (error) {
    if (error instanceof WorkbookError) return { success: false, problems: [error.problem] };
    if (error instanceof ZipError)
      return {
        success: false,
        problems: [{ kind: "not-xlsx", message: `${NOT_XLSX}, received a broken one (${error.message})` }],
      };
    throw error;
  }
}

function readWorkbook(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  limits: XlsxLimits,
  wanted: string | undefined,
): XlsxTable {
  let unpacked = 0;
  const part = (path: string): string | undefined => {
    const entry = entries.get(path);
    if (entry === undefined) return undefined;
    let data: Uint8Array;
    try {
      data = inflateZipEntry(bytes, entry, Math.min(limits.maxPartBytes, limits.maxTotalBytes - unpacked));
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new WorkbookError({
        kind: "limit",
        message: `expected a workbook that unpacks to at most ${mebibytes(limits.maxPartBytes)} a part and ${mebibytes(limits.maxTotalBytes)} in all, received one whose ${path} unpacks to more (a zip bomb, or a sheet too large to read)`,
      });
    }
    unpacked += data.length;
    return decodeUtf8(data);
  };
  const workbookPath = officeDocumentPath(part("_rels/.rels"));
  const workbook = part(workbookPath);
  if (workbook === undefined || !entries.has("[Content_Types].xml"))
    throw new WorkbookError({ kind: "not-xlsx", message: describeNotXlsx(bytes, entries) });
  const base = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const targets = relationshipTargets(part(`${base}_rels/${workbookPath.slice(base.length)}.rels`), base);
  const sheets = [...findElements(workbook, "sheet")].map((element) => {
    const attributes = readAttributes(element.attributes);
    return { name: attributes.get("name") ?? "", path: targets.get(attributes.get("id") ?? "") };
  });
  if (sheets.length === 0)
    throw new WorkbookError({ kind: "sheet", message: `${NOT_XLSX}, received a workbook without sheets` });
  const sheet =
    wanted === undefined
      ? sheets[0]!
      : sheets.find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase());
  const names = sheets.map((candidate) => candidate.name);
  if (sheet === undefined)
    throw new WorkbookError({
      kind: "sheet",
      message: `expected a sheet named "${wanted}", received a workbook whose sheets are ${names.map((name) => `"${name}"`).join(", ")}`,
    });
  const sheetXml = sheet.path === undefined ? undefined : part(sheet.path);
  if (sheetXml === undefined)
    throw new WorkbookError({
      kind: "sheet",
      message: `expected the sheet "${sheet.name}" to hold cells, received a chart sheet or a missing part`,
    });
  const date1904 = [...findElements(workbook, "workbookPr")].some((element) =>
    /^(1|true)$/.test(readAttributes(element.attributes).get("date1904") ?? ""),
  );
  const styles = readDateStyles(part(`${base}styles.xml`));
  const strings = readSharedStrings(part(`${base}sharedStrings.xml`));
  const where = (range: string) => `${quoteSheetName(sheet.name)}!${range}`;
  const rows = readSheetRows(sheetXml, { strings, styles, date1904, limits, where });
  const merges = [...findElements(sheetXml, "mergeCell")].map(
    (element) => readAttributes(element.attributes).get("ref") ?? "",
  );
  if (merges.length > 0)
    return { success: false, problems: merges.map((range) => mergeProblem(range, rows[0]?.row, where)) };
  return { success: true, sheet: sheet.name, sheets: names, rows };
}

/**
 * Merged cells hide data: a merged header leaves every column but its first without a name, a merged cell
 * below leaves all but its first row empty. Each range is refused by name, the header's in its own words.
 */
function mergeProblem(
  range: string,
  headerRow: number | undefined,
  where: (range: string) => string,
): XlsxProblem {
  const [first = 0, last = first] = Array.from(range.matchAll(/\d+/g), (match) => Number(match[0]));
  const inHeader = headerRow !== undefined && first <= headerRow && headerRow <= last;
  return {
    kind: "merged-cells",
    cells: where(range),
    message: inHeader
      ? `expected one header in each column, received the merged header cells ${range}: unmerge them and give each column its own header`
      : `expected one value in each cell, received the merged cells ${range}: unmerge them and fill in each cell`,
  };
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

/** The workbook part's path from the package relationships (`xl/workbook.xml` in every writer seen). */
function officeDocumentPath(rels: string | undefined): string {
  for (const element of findElements(rels ?? "", "Relationship")) {
    const attributes = readAttributes(element.attributes);
    if (attributes.get("Type")?.endsWith("/officeDocument") === true)
      return (attributes.get("Target") ?? "").replace(/^\//, "");
  }
  return "xl/workbook.xml";
}

/** Relationship ids to part paths, resolved against the folder of the part that owns them. */
function relationshipTargets(rels: string | undefined, base: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const element of findElements(rels ?? "", "Relationship")) {
    const attributes = readAttributes(element.attributes);
    const target = attributes.get("Target") ?? "";
    targets.set(
      attributes.get("Id") ?? "",
      target.startsWith("/") ? target.slice(1) : resolvePath(base, target),
    );
  }
  return targets;
}

function resolvePath(base: string, target: string): string {
  const parts = base.split("/").filter((segment) => segment !== "");
  for (const segment of target.split("/"))
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  return parts.join("/");
}

/** Which cell styles (by index into `cellXfs`) show dates. */
function readDateStyles(xml: string | undefined): ReadonlySet<number> {
  const dateStyles = new Set<number>();
  if (xml === undefined) return dateStyles;
  const codes = new Map<number, string>();
  for (const element of findElements(xml, "numFmt")) {
    const attributes = readAttributes(element.attributes);
    codes.set(Number(attributes.get("numFmtId")), attributes.get("formatCode") ?? "");
  }
  const cellXfs = findElements(xml, "cellXfs").next();
  if (cellXfs.done === true) return dateStyles;
  let index = 0;
  for (const element of findElements(cellXfs.value.inner, "xf")) {
    const id = Number(readAttributes(element.attributes).get("numFmtId") ?? "0");
    if (isDateFormat(id, codes.get(id))) dateStyles.add(index);
    index++;
  }
  return dateStyles;
}

function readSharedStrings(xml: string | undefined): readonly string[] {
  if (xml === undefined) return [];
  return Array.from(findElements(xml, "si"), (element) => richText(element.inner));
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly styles: ReadonlySet<number>;
  readonly date1904: boolean;
  readonly limits: XlsxLimits;
  readonly where: (range: string) => string;
}

function readSheetRows(xml: string, context: SheetContext): TableRow[] {
  const { strings, styles, date1904, limits, where } = context;
  const rows: TableRow[] = [];
  let cellCount = 0;
  let previousRow = 0;
  const data = findElements(xml, "sheetData").next();
  if (data.done === true) return rows;
  for (const rowElement of findElements(data.value.inner, "row")) {
    const declared = Number(readAttributes(rowElement.attributes).get("r"));
    const row = Number.isInteger(declared) && declared > previousRow ? declared : previousRow + 1;
    previousRow = row;
    const cells: string[] = [];
    let previousColumn = 0;
    for (const cellElement of findElements(rowElement.inner, "c")) {
      const attributes = readAttributes(cellElement.attributes);
      const reference = attributes.get("r");
      const column =
        (reference === undefined ? undefined : columnOfReference(reference)) ?? previousColumn + 1;
      previousColumn = column;
      const text = cellText(cellElement.inner, attributes, { strings, styles, date1904 }, () =>
        where(`${columnLetters(column)}${row}`),
      );
      if (text === "") continue;
      if (++cellCount > limits.maxCells)
        throw new WorkbookError({
          kind: "limit",
          message: `expected at most ${limits.maxCells} non-empty cells in the sheet, received more`,
        });
      while (cells.length < column - 1) cells.push("");
      cells[column - 1] = text;
    }
    if (cells.length === 0) continue;
    if (rows.length === limits.maxRows)
      throw new WorkbookError({
        kind: "limit",
        message: `expected at most ${limits.maxRows} rows with content in the sheet, received more`,
      });
    rows.push({ row, cells });
  }
  return rows;
}

/** One cell's text, by its type (`t`): shared, inline or formula strings, booleans, errors, numbers, dates. */
function cellText(
  inner: string,
  attributes: ReadonlyMap<string, string>,
  context: Pick<SheetContext, "strings" | "styles" | "date1904">,
  place: () => string,
): string {
  const type = attributes.get("t") ?? "n";
  if (type === "inlineStr") {
    const inline = findElements(inner, "is").next();
    return inline.done === true ? "" : richText(inline.value.inner);
  }
  const valueElement = findElements(inner, "v").next();
  if (valueElement.done === true) return "";
  const value = valueElement.value.inner;
  switch (type) {
    case "s": {
      const text = context.strings[Number(value)];
      if (text === undefined)
        throw new WorkbookError({
          kind: "not-xlsx",
          cells: place(),
          message: `${NOT_XLSX}, received a broken one: the cell refers to shared string ${value}, which the workbook does not have`,
        });
      return text;
    }
    case "str":
    case "e":
      return richText(`<t>${value}</t>`);
    case "b":
      return value.trim() === "1" ? "TRUE" : "FALSE";
    case "d":
      return value.trim();
    default: {
      const style = Number(attributes.get("s") ?? "0");
      const text = value.trim();
      return context.styles.has(style) && text !== ""
        ? serialToIso(Number(text), context.date1904)
        : spreadsheetNumber(text);
    }
  }
}
