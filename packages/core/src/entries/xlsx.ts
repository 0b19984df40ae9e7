/**
 * .xlsx workbooks: one sheet read into rows of text cells for the table reader (`@cxprism/core/table`), with
 * bounded work (zip bombs refused), dates and numbers as the spreadsheet stores them, merged cells refused by
 * name. Pure JavaScript on fflate's inflater: runs in Node, Workers and browsers.
 *
 * @packageDocumentation
 */

export {
  DEFAULT_XLSX_LIMITS,
  looksLikeXlsx,
  readXlsxRows,
  type XlsxLimits,
  type XlsxProblem,
  type XlsxProblemKind,
  type XlsxReadOptions,
  type XlsxTable,
} from "../xlsx/read-xlsx.js";
