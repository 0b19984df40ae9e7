/**
 * The prism matrix: value against feasibility, as board-ready SVG, a terminal picture or a Vega-Lite spec,
 * with the layout (numbers) available apart from the drawing.
 *
 * @packageDocumentation
 */

export type { Box, Circle, Segment } from "../matrix/geometry.js";
export {
  type BandLayout,
  type KeyEntry,
  type LegendLayout,
  layoutMatrix,
  MAX_LABELLED_MARKERS,
  type MarkerLayout,
  type MatrixLayout,
  type QuadrantLayout,
  type TextItem,
} from "../matrix/layout.js";
export {
  MAX_PNG_PIXELS,
  type MatrixInput,
  type MatrixModel,
  type MatrixOptions,
  type MatrixPoint,
  type ResolvedMatrixOptions,
} from "../matrix/options.js";
export { describeMatrix, drawMatrixSvg, MATRIX_FONT_FAMILY, renderMatrixSvg } from "../matrix/svg.js";
export { type MatrixTextOptions, renderMatrixText } from "../matrix/text.js";
export { estimateTextWidth, isRightToLeft, wrapToWidth } from "../matrix/text-width.js";
export { type MatrixTheme, matrixTheme, OKABE_ITO } from "../matrix/theme.js";
export { toVegaLite, type VegaLiteOptions, type VegaLiteSpec } from "../matrix/vega-lite.js";
