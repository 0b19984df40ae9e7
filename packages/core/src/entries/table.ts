/**
 * Initiatives as columns, for large tables: validate and score typed-array columns without one object per
 * row, and turn single rows back into results when they are needed.
 *
 * @packageDocumentation
 */

export { type ResultIdentity, resultOf, type ScoreColumns, scoreColumns } from "../pipeline/score.js";
export {
  type ColumnPortfolio,
  type ColumnsValidation,
  type InitiativeColumns,
  initiativeOfColumns,
  portfolioFromColumns,
  validateColumns,
} from "../validate/columns.js";
