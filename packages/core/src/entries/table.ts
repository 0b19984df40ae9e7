/**
 * Tables of initiatives: the one wide-table reader every face uses (rows of text cells in, initiatives and
 * every problem placed at its row and column out; see docs/table-format.md), spreadsheet-safe CSV records,
 * and initiatives as columns for large tables (validate and score typed-array columns without one object per
 * row, and turn single rows back into results when they are needed).
 *
 * @packageDocumentation
 */

export { type ResultIdentity, resultOf, type ScoreColumns, scoreColumns } from "../pipeline/score.js";
export * from "../table/index.js";
export {
  type ColumnPortfolio,
  type ColumnsValidation,
  type InitiativeColumns,
  initiativeOfColumns,
  portfolioFromColumns,
  validateColumns,
} from "../validate/columns.js";
