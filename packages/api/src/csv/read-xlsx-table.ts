import type { MissingPolicy, Model, Requirement } from "@cxprism/core";
import * as formula from "@cxprism/core/formula";
import { type InitiativeTable, readInitiativeTable, type TableRow } from "@cxprism/core/table";
import { ApiError } from "../http/problem.js";

/**
 * Work limits for a workbook in a request body (at most 1 MiB by default): sheet XML compresses about 10-20
 * times, so 32 MiB a part holds any honest 1 MiB workbook, and 50,000 rows hold 5,000 initiatives with
 * several raters each. A zip bomb is refused at 32 MiB of output, in well under a second of CPU.
 */
export const BODY_XLSX_LIMITS = {
  maxPartBytes: 32 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
  maxRows: 50_000,
  maxCells: 2_000_000,
} as const;

/** Options for {@link parseXlsxTable}. */
export interface XlsxTableOptions {
  readonly model: Model;
  readonly missing: MissingPolicy | undefined;
  /** Fields every initiative must have (`/v1/plan`: cost), reported with the other problems. */
  readonly require?: readonly Requirement[] | undefined;
  readonly maxHeaderLength: number;
  /** The sheet's tab name (the `sheet` query parameter); the first sheet when absent. */
  readonly sheet: string | undefined;
}

/**
 * Reads one sheet of an .xlsx body with `@cxprism/core/xlsx` and hands its rows to the core's table reader,
 * exactly as a CSV body's rows are: only the bytes are read here.
 *
 * @param bytes - the body
 * @param options - the model, the missing-rating policy, the header length limit and the sheet
 * @returns the table with every problem placed at its row and column, and the sheet read
 * @throws {@link ApiError} `malformed-body` (400) for bytes that are no workbook, `validation-failed` (422)
 *   for merged cells, an unknown sheet or a workbook over the work limits
 */
export async function parseXlsxTable(
  bytes: Uint8Array,
  options: XlsxTableOptions,
): Promise<InitiativeTable & { readonly sheet: string }> {
  const workbook = await readXlsxBodyRows(bytes, options.sheet);
  const table = readInitiativeTable(workbook.rows, {
    model: options.model,
    missing: options.missing,
    maxHeaderLength: options.maxHeaderLength,
    require: options.require,
    formula,
  });
  return { ...table, sheet: workbook.sheet };
}

/**
 * Reads one sheet of an .xlsx body as rows of text cells (with their spreadsheet row numbers) within
 * {@link BODY_XLSX_LIMITS}: the bytes-to-rows half of {@link parseXlsxTable}, for any table in a workbook.
 *
 * @param bytes - the body or part
 * @param sheet - the sheet's tab name; the first sheet when absent
 * @returns the rows and the sheet read
 * @throws {@link ApiError} `malformed-body` (400) for bytes that are no workbook, `validation-failed` (422)
 *   for merged cells, an unknown sheet or a workbook over the work limits
 */
export async function readXlsxBodyRows(
  bytes: Uint8Array,
  sheet: string | undefined,
): Promise<{ readonly rows: readonly TableRow[]; readonly sheet: string }> {
  // Loaded on the first workbook only: CSV and JSON requests never pay for the inflater.
  const { readXlsxRows } = await import("@cxprism/core/xlsx");
  const workbook = readXlsxRows(bytes, { sheet, limits: BODY_XLSX_LIMITS });
  if (!workbook.success) {
    const errors = workbook.problems.map((problem) => ({
      ...(problem.cells === undefined ? {} : { cell: problem.cells }),
      detail: problem.message,
    }));
    const unreadable = workbook.problems.some((problem) => problem.kind === "not-xlsx");
    throw unreadable
      ? new ApiError("malformed-body", errors[0]!.detail, { errors })
      : new ApiError(
          "validation-failed",
          `The workbook has ${errors.length === 1 ? "1 problem" : `${errors.length} problems`}; each is listed in errors.`,
          { errors },
        );
  }
  return { rows: workbook.rows, sheet: workbook.sheet };
}
