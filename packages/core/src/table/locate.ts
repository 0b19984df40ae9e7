import { formatPath, type Problem } from "../errors.js";
import type { TableField } from "./header.js";
import { normaliseHeader } from "./header.js";
import type { TableProblem } from "./problems.js";
import type { TableOrigins } from "./read-rows.js";

/** Initiative fields by the key the core uses in its paths. */
const FIELD_OF_KEY: Readonly<Record<string, TableField>> = {
  id: "id",
  name: "name",
  category: "category",
  description: "description",
  cost: "cost",
  runCost: "run_cost",
  benefit: "benefit",
  effort: "effort",
  kpis: "kpis",
  dependsOn: "depends_on",
  capabilities: "capabilities",
  raters: "rater",
};

/**
 * Places a core problem (`["initiatives", 3, "ratings", "data_readiness"]`) at the spreadsheet row and
 * column it came from. Paths the table cannot explain keep their path in the message.
 *
 * @param problem - a problem from the core's validation, with a path from the root of the initiatives list
 * @param origins - where each initiative came from
 * @returns the problem placed in the table
 */
export function placeTableProblem(problem: Problem, origins: TableOrigins): TableProblem {
  const [root, index, key, ...rest] = problem.path;
  if (root !== "initiatives" || typeof index !== "number" || origins.firstRows[index] === undefined)
    return { message: `${formatPath(problem.path)}: ${problem.message}` };
  const { layout } = origins;
  const place = (column: number | undefined) =>
    column === undefined || column === -1 ? {} : { column: column + 1, header: layout.names[column]! };
  const criterionColumn = (id: unknown) => {
    const position = typeof id === "string" ? layout.criterionIds.indexOf(id) : -1;
    return position === -1 ? undefined : layout.criteria[position];
  };
  let row = origins.firstRows[index]!;
  let column: number | undefined;
  if (key === "ratings") column = criterionColumn(rest[0]);
  else if (key === "raters") {
    const [rater, part, criterion] = rest;
    if (typeof rater === "number") {
      row = origins.raterRows?.[index]?.[rater] ?? row;
      column = part === "ratings" ? criterionColumn(criterion) : layout.fields.rater;
    } else if (typeof rater === "string") column = criterionColumn(rater);
    else column = layout.fields.rater;
  } else if (key === "extra" && typeof rest[0] === "string") column = layout.names.indexOf(rest[0]);
  else if (key === "fields" && typeof rest[0] === "string") {
    const wanted = normaliseHeader(rest[0]);
    column = layout.formulaFields.find((field) => normaliseHeader(field.name) === wanted)?.column;
  } else if (key === "id" && layout.fields.id === undefined) column = layout.fields.name;
  else if (typeof key === "string" && FIELD_OF_KEY[key] !== undefined)
    column = layout.fields[FIELD_OF_KEY[key]];
  // The core refers to other initiatives by index; a spreadsheet user knows rows.
  const message = problem.message.replace(/initiatives\[(\d+)\]/g, (text, other: string) => {
    const otherRow = origins.firstRows[Number(other)];
    return otherRow === undefined ? text : `row ${otherRow}`;
  });
  return { row, ...place(column), message };
}

/**
 * Whether a core problem is about a criterion the table has no column for: such a problem is the header's
 * ("expected a column for criterion ..."), reported once there rather than once per row.
 *
 * @param problem - a problem from the core's validation
 * @param origins - where each initiative came from
 * @returns true when the problem's last key names a criterion without a column
 */
export function isAboutAbsentColumn(problem: Problem, origins: TableOrigins): boolean {
  const last = problem.path[problem.path.length - 1];
  if (typeof last !== "string" || problem.path.length < 4) return false;
  const position = origins.layout.criterionIds.indexOf(last);
  return position !== -1 && origins.layout.criteria[position] === -1;
}
