export {
  detectDelimiter,
  isBlankRow,
  parseTableNumber,
  protectCell,
  renderCsvCell,
  renderCsvRecord,
  splitTableList,
  type TableDelimiter,
  unprotectCell,
} from "./cells.js";
export {
  describeExtraColumns,
  extraColumnNames,
  type FormulaFieldColumn,
  formulaFieldNames,
  type HeaderOptions,
  mapTableHeader,
  normaliseHeader,
  TABLE_FIELDS,
  type TableField,
  type TableFormulaEntry,
  type TableLayout,
} from "./header.js";
export { isAboutAbsentColumn, placeTableProblem } from "./locate.js";
export { capTableProblems, DEFAULT_PROBLEM_LIMIT, type TableProblem } from "./problems.js";
export { createColumnReader, type TableColumns } from "./read-columns.js";
export {
  createRowReader,
  type RowReadOptions,
  type TableOrigins,
  type TableRowReader,
  type TableRows,
} from "./read-rows.js";
export {
  checkTable,
  type InitiativeTable,
  readInitiativeTable,
  startTable,
  type TableCheck,
  type TableOptions,
  type TableRow,
  type TableStart,
} from "./read-table.js";
export { columnLetters, columnOfReference, quoteSheetName, XLSX_MEDIA_TYPE } from "./spreadsheet.js";
