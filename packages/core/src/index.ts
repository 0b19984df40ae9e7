/**
 * cxprism core: score customer-service AI initiatives on business value and feasibility, rank them and
 * explain the ranking. Pure TypeScript: no I/O, runs in Node, Workers and browsers.
 *
 * @packageDocumentation
 */
export {
  catalog,
  ILLUSTRATIVE_RATINGS_NOTICE,
  type UseCase,
  type UseCaseCategory,
} from "./catalog/catalog.js";
export { catalogInitiatives } from "./catalog/initiatives.js";
export {
  CxprismError,
  type CxprismErrorCode,
  formatPath,
  formatProblem,
  type Problem,
  type ProblemPath,
  toJsonPointer,
} from "./errors.js";
export { initiativeJsonSchema, type JsonSchema, modelJsonSchema } from "./json-schema.js";
export type { Box, Circle, Segment } from "./matrix/geometry.js";
export { type DataPoint, isoPriorityRegion, type PriorityFunction } from "./matrix/iso-priority.js";
export {
  type LabelPlacement,
  type LabelPlacementOptions,
  type LabelPosition,
  type LabelRequest,
  placeLabels,
} from "./matrix/label-placement.js";
export {
  type BandLayout,
  type KeyEntry,
  type LegendLayout,
  layoutMatrix,
  type MarkerLayout,
  type MatrixLayout,
  type QuadrantLayout,
  type TextItem,
} from "./matrix/layout.js";
export type {
  MatrixInput,
  MatrixModel,
  MatrixOptions,
  MatrixPoint,
  ResolvedMatrixOptions,
} from "./matrix/options.js";
export { createAreaScale, createLinearScale, type LinearScale, niceTicks } from "./matrix/scale.js";
export { drawMatrixSvg, MATRIX_FONT_FAMILY, renderMatrixSvg } from "./matrix/svg.js";
export { type MatrixTextOptions, renderMatrixText } from "./matrix/text.js";
export { estimateTextWidth, isRightToLeft, terminalColumns, truncateToWidth } from "./matrix/text-width.js";
export { type MatrixTheme, matrixTheme, OKABE_ITO } from "./matrix/theme.js";
export { toVegaLite, type VegaLiteOptions, type VegaLiteSpec } from "./matrix/vega-lite.js";
export { escapeXml } from "./matrix/xml.js";
export { defaultModel } from "./model/cx-ai-prism.js";
export { aggregateAxis } from "./pipeline/axis.js";
export { createNormaliser, type ScaleBounds, scaleBounds, scaleMidpoint } from "./pipeline/normalise.js";
export { clamp100, closenessToIdeal, createPriorityRule } from "./pipeline/priority.js";
export { classifyQuadrant } from "./pipeline/quadrant.js";
export { rankInitiatives, TIE_TOLERANCE } from "./pipeline/rank.js";
export { aggregateRaterValues } from "./pipeline/raters.js";
export { type ScoreOutcome, safeScore, score, scorePortfolio } from "./pipeline/score.js";
export * from "./schema/index.js";
export {
  describeScale,
  type MissingPolicy,
  type Portfolio,
  type PortfolioValidation,
  readRating,
  type ScoreOptions,
  type ValidInitiative,
  validatePortfolio,
} from "./validate/portfolio.js";
export { slugify } from "./validate/slug.js";
export { suggestNearest } from "./validate/suggest.js";
