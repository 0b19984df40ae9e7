/**
 * Scores the bundled example portfolio with the library and prints the ranking: csv-parse turns the bytes into
 * rows, the core's table reader does the rest (the same reader as the CLI and the API).
 *
 *   pnpm demo                      # examples/contact-center.csv
 *   pnpm demo path/to/your.csv     # your own file, same columns (`,` `;` or tab)
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defaultModel, scorePortfolio } from "@cxprism/core";
import { detectDelimiter, readInitiativeTable } from "@cxprism/core/table";
import { CsvError, parse } from "csv-parse/sync";

// Under `pnpm demo` the working directory is the repository root; INIT_CWD is where the user typed it.
const given = process.argv[2];
const file =
  given === undefined
    ? new URL("./contact-center.csv", import.meta.url).pathname
    : resolve(process.env.INIT_CWD ?? process.cwd(), given);
const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
const delimiter = detectDelimiter(text);
let records: string[][];
try {
  records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
} catch (error) {
  if (!(error instanceof CsvError)) throw error;
  console.error(`${file}: expected well-formed CSV (${error.message})`);
  process.exit(1);
}
const table = readInitiativeTable(
  records.map((cells, index) => ({ row: index + 1, cells })),
  { model: defaultModel, decimalComma: delimiter === ";" },
);
if (table.portfolio === undefined) {
  for (const problem of table.problems)
    console.error(
      [file, problem.row, problem.header].filter((part) => part !== undefined).join(":") +
        `: ${problem.message}`,
    );
  process.exitCode = 1;
} else {
  const results = scorePortfolio(table.portfolio);
  const width = results.reduce((widest, result) => Math.max(widest, result.name.length), 0);
  console.log(`${"rank".padStart(4)}  ${"initiative".padEnd(width)}  value  feas.  prio.  quadrant`);
  for (const result of results) {
    const cells = [result.value, result.feasibility, result.priority].map((n) => n.toFixed(1).padStart(5));
    console.log(
      `${String(result.rank).padStart(4)}  ${result.name.padEnd(width)}  ${cells.join("  ")}  ${result.quadrantLabel}`,
    );
  }
}
