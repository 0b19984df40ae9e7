import { formatPath, type Problem } from "@cxprism/core";
import { type FieldColumn, normaliseHeader } from "./header.js";
import type { RowMap } from "./initiative-builder.js";

/** A problem placed in a file: `FILE:ROW:COLUMN: message` (ROW and COLUMN when known). */
export interface FileProblem {
  readonly file: string;
  /** The spreadsheet row (the header is row 1). */
  readonly row?: number | undefined;
  /** The column's header as written in the file, or a JSON path for JSON files. */
  readonly column?: string | undefined;
  readonly message: string;
}

/** Initiative fields by the key the core uses in its paths. */
const FIELD_OF_KEY: Readonly<Record<string, FieldColumn>> = {
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
 * column it came from. Paths the CSV cannot explain keep their JSON path in the message.
 *
 * @param file - the file name to show
 * @param problem - a problem from `validatePortfolio`
 * @param rowMap - where each initiative came from
 * @returns the problem placed in the file
 */
export function locateProblem(file: string, problem: Problem, rowMap: RowMap): FileProblem {
  const [root, index, key, ...rest] = problem.path;
  if (root !== "initiatives" || typeof index !== "number" || rowMap.firstRows[index] === undefined)
    return { file, message: `${formatPath(problem.path)}: ${problem.message}` };
  const { layout } = rowMap;
  const columnName = (column: number | undefined) =>
    column === undefined ? undefined : layout.names[column];
  const criterionColumn = (id: unknown) => {
    const position = typeof id === "string" ? layout.criterionIds.indexOf(id) : -1;
    return position === -1 ? undefined : columnName(layout.criteria[position]);
  };
  let row = rowMap.firstRows[index];
  let column: string | undefined;
  if (key === "ratings") column = criterionColumn(rest[0]);
  else if (key === "raters") {
    const [rater, part, criterion] = rest;
    if (typeof rater === "number") {
      row = rowMap.raterRows?.[index]?.[rater] ?? row;
      column = part === "ratings" ? criterionColumn(criterion) : columnName(layout.fields.rater);
    } else if (typeof rater === "string") column = criterionColumn(rater);
    else column = columnName(layout.fields.rater);
  } else if (key === "extra" && typeof rest[0] === "string") column = rest[0];
  else if (key === "fields" && typeof rest[0] === "string") {
    // A formula field's column, matched as the reader matched it.
    const wanted = normaliseHeader(rest[0]);
    column = layout.names.find((name) => normaliseHeader(name) === wanted);
  } else if (key === "id" && layout.fields.id === undefined) column = columnName(layout.fields.name);
  else if (typeof key === "string" && FIELD_OF_KEY[key] !== undefined)
    column = columnName(layout.fields[FIELD_OF_KEY[key]]);
  // The core refers to other initiatives by index; a spreadsheet user knows rows.
  const message = problem.message.replace(/initiatives\[(\d+)\]/g, (text, other: string) => {
    const otherRow = rowMap.firstRows[Number(other)];
    return otherRow === undefined ? text : `row ${otherRow}`;
  });
  return { file, row, column, message };
}

/**
 * Renders a problem as one line: `portfolio.csv:7:Data readiness: expected a number from 1 to 5, received "high"`.
 *
 * @param problem - the problem
 * @returns the line
 */
export function formatFileProblem(problem: FileProblem): string {
  const place = [problem.file];
  if (problem.row !== undefined) place.push(String(problem.row));
  if (problem.column !== undefined) place.push(problem.column);
  return `${place.join(":")}: ${problem.message}`;
}
