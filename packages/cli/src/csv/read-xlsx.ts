import type { MissingPolicy, Model } from "@cxprism/core";
import {
  quoteSheetName,
  startTable,
  type TableFormulaEntry,
  type TableRowReader,
  type TableStart,
} from "@cxprism/core/table";
import type { FileProblem } from "./locate.js";

/** Whether a path names an .xlsx workbook (by its extension, as people name them). */
export function isXlsxPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

/** The outcome of reading a workbook's sheet: as a CSV read, with the sheet's name instead of a delimiter. */
export type XlsxReadOutcome<Read> =
  | { readonly success: true; readonly start: TableStart; readonly read: Read; readonly sheet: string }
  | { readonly success: false; readonly problems: FileProblem[] };

/** Options for {@link readInitiativesXlsx}. */
export interface ReadXlsxOptions {
  readonly model: Model;
  readonly missing: MissingPolicy;
  readonly formula?: TableFormulaEntry | undefined;
  /** The sheet's tab name; the first sheet when absent. */
  readonly sheet?: string | undefined;
}

/**
 * Reads one sheet of an .xlsx workbook and hands its rows to the core's table reader: the workbook's bytes
 * are read whole (a zip archive cannot be streamed row by row) by `@cxprism/core/xlsx`, which bounds the work
 * and refuses merged cells by name; everything from rows of cells onwards is the core's, as for a CSV.
 *
 * @param file - the path as given, or `stdin` (shown in messages)
 * @param bytes - the workbook's bytes
 * @param options - the model, the missing-rating policy and the sheet
 * @param createReader - makes the row reader once the header is read (objects or columns)
 * @returns the table read, or the problems that stopped reading the workbook
 */
export async function readInitiativesXlsx<Read>(
  file: string,
  bytes: Uint8Array,
  options: ReadXlsxOptions,
  createReader: (start: TableStart) => TableRowReader<Read>,
): Promise<XlsxReadOutcome<Read>> {
  const { readXlsxRows } = await import("@cxprism/core/xlsx");
  const table = readXlsxRows(bytes, { sheet: options.sheet });
  if (!table.success)
    return {
      success: false,
      problems: table.problems.map((problem) => ({ file, cell: problem.cells, message: problem.message })),
    };
  let start: TableStart | undefined;
  let reader: TableRowReader<Read> | undefined;
  for (const { row, cells } of table.rows) {
    if (reader !== undefined) reader.add(cells, row);
    else {
      start = startTable(
        { row, cells },
        { model: options.model, missing: options.missing, formula: options.formula },
      );
      reader = createReader(start);
    }
  }
  if (start === undefined || reader === undefined)
    return {
      success: false,
      problems: [
        {
          file,
          cell: quoteSheetName(table.sheet),
          message: "expected a header row and initiative rows, received an empty sheet",
        },
      ],
    };
  return { success: true, start, read: reader.finish(), sheet: table.sheet };
}
