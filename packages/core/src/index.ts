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
export { combineRaters, RaterBootstrap } from "./confidence/bootstrap.js";
export { ScoreHistograms } from "./confidence/distribution.js";
export { AxisScorer, createScoringKernel, ratingStep, type ScoringKernel } from "./confidence/kernel.js";
export {
  type InitiativeConfidence,
  type MonteCarloOptions,
  type MonteCarloResult,
  runMonteCarlo,
  type ScoreDistribution,
} from "./confidence/monte-carlo.js";
export { InitiativeSorter } from "./confidence/order.js";
export { createRandom, fmix32, SeededRandom, splitMix32State } from "./confidence/random.js";
export {
  analyseWeightStability,
  type CriterionStability,
  type WeightInterval,
  type WeightStability,
  type WeightStabilityOptions,
} from "./confidence/stability.js";
export { formatProbability, type SummaryFacts, summariseConfidence } from "./confidence/summary.js";
export { buildTornado, type Tornado, type TornadoBar } from "./confidence/tornado.js";
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
