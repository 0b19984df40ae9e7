/**
 * Scores the bundled example portfolio with the library and prints the ranking.
 *
 *   pnpm demo                      # examples/contact-center.csv
 *   pnpm demo path/to/your.csv     # your own file, same columns
 */
import { readFileSync } from "node:fs";
import { CxprismError, defaultModel, formatProblem, type InitiativeInput, score } from "@cxprism/core";
import { parse } from "csv-parse/sync";

const file = process.argv[2] ?? new URL("./contact-center.csv", import.meta.url).pathname;
const rows: Record<string, string>[] = parse(readFileSync(file), { columns: true, bom: true, trim: true });
const criteria = defaultModel.criteria.map((criterion) => criterion.id);
const list = (cell: string | undefined) => (cell ? cell.split(/[|;]/).map((item) => item.trim()) : []);

const initiatives = rows.map(
  (row): InitiativeInput => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name ?? "",
    category: row.category ?? "",
    description: row.description ?? "",
    kpis: list(row.kpis) as InitiativeInput["kpis"] & string[],
    dependsOn: list(row.depends_on),
    ratings: Object.fromEntries(criteria.map((id) => [id, row[id] === "" ? null : (row[id] ?? null)])),
  }),
);

try {
  const results = score(initiatives);
  const width = results.reduce((widest, result) => Math.max(widest, result.name.length), 0);
  console.log(`${"rank".padStart(4)}  ${"initiative".padEnd(width)}  value  feas.  prio.  quadrant`);
  for (const result of results) {
    const cells = [result.value, result.feasibility, result.priority].map((n) => n.toFixed(1).padStart(5));
    console.log(
      `${String(result.rank).padStart(4)}  ${result.name.padEnd(width)}  ${cells.join("  ")}  ${result.quadrantLabel}`,
    );
  }
} catch (error) {
  if (!(error instanceof CxprismError)) throw error;
  for (const problem of error.problems) console.error(`${file}: ${formatProblem(problem)}`);
  process.exitCode = 1;
}
