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
export {
  type CompiledFormula,
  compileFormula,
  FORMULA_MAX_DEPTH,
  FORMULA_MAX_EXPONENT,
  type FormulaCompilation,
  type FormulaProblem,
} from "./formula/compile-formula.js";
export {
  BUILT_IN_FIELDS,
  type Derivation,
  type DerivedValue,
  type DeriveOptions,
  deriveFormulaCriteria,
} from "./formula/derive.js";
export { FORMULA_FUNCTIONS } from "./formula/locked-math.js";
export { initiativeJsonSchema, type JsonSchema, modelJsonSchema } from "./json-schema.js";
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
