import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { CxprismError, formatPath } from "@cxprism/core";
import { type Inventory, inventoryFromRows, parseInventory } from "@cxprism/core/plan";
import type { FileProblem } from "../csv/locate.js";
import { readCsvTable } from "../csv/read-table.js";
import { CliError } from "../errors.js";

/**
 * Reads the application inventory for capability overlap: JSON (an array of `{name, capabilities,
 * runCost?}`, checked by the core's `parseInventory`) when the file ends in `.json`, otherwise a table (a CSV
 * read as `score` reads one, or the first sheet of an .xlsx workbook) with columns `app` or `name`,
 * `capabilities` (`;`- or `|`-separated) or `capability`, and `run_cost` (the core's `inventoryFromRows`).
 * Problems are placed at `FILE:ROW:COLUMN` (table) or `FILE: JSON path` (JSON).
 *
 * @param file - the path of the inventory
 * @returns the inventory
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` with every problem
 */
export async function loadInventory(file: string): Promise<Inventory> {
  if (!file.toLowerCase().endsWith(".json")) return inventoryFromTable(file);
  let text: string;
  try {
    text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  } catch (error) {
    throw new CliError(
      "io",
      `${file}: cannot read the inventory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return inventoryFromJson(file, text);
}

function invalid(file: string, problems: FileProblem[]): CliError {
  return new CliError("invalid-input", `${file}: the inventory is not valid`, problems);
}

function inventoryFromJson(file: string, text: string): Inventory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, [
      {
        file,
        message: `expected an inventory as JSON (an array of {name, capabilities}), received text that is not JSON (${(error as Error).message})`,
      },
    ]);
  }
  try {
    return parseInventory(json);
  } catch (error) {
    if (!(error instanceof CxprismError)) throw error;
    throw invalid(
      file,
      error.problems.map((problem) => ({
        file,
        // Paths start at "inventory"; within the file they start at its root.
        message: `${formatPath(problem.path.slice(1))}: ${problem.message}`,
      })),
    );
  }
}

async function inventoryFromTable(file: string): Promise<Inventory> {
  const { rows: records } = await readCsvTable(file, Readable.from([]), { expected: "application rows" });
  const [header = [], ...body] = records;
  const names = header.map((cell) => cell.trim());
  // Blank lines are skipped, but rows keep their spreadsheet numbers for messages.
  const rows: { record: Record<string, string>; row: number }[] = [];
  body.forEach((cells, k) => {
    if (cells.every((cell) => cell.trim() === "")) return;
    const record: Record<string, string> = {};
    names.forEach((name, column) => {
      if (name !== "") record[name] = cells[column] ?? "";
    });
    rows.push({ record, row: k + 2 });
  });
  if (rows.length === 0)
    throw invalid(file, [
      { file, row: 2, message: "expected at least one application row after the header, received none" },
    ]);
  try {
    return inventoryFromRows(rows.map((row) => row.record));
  } catch (error) {
    if (!(error instanceof CxprismError)) throw error;
    throw invalid(
      file,
      error.problems.map((problem): FileProblem => {
        const [root, index, column] = problem.path;
        if (root === "rows" && typeof index === "number")
          return {
            file,
            row: rows[index]?.row,
            column: typeof column === "string" ? column : undefined,
            message: problem.message,
          };
        // Whole-inventory problems (two applications whose names differ only in case, too many).
        return { file, message: `${formatPath(problem.path.slice(1))}: ${problem.message}` };
      }),
    );
  }
}
