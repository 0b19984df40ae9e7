/**
 * cxprism core: score customer-service AI initiatives on business value and feasibility, rank them and
 * explain the ranking. Pure TypeScript: no I/O, runs in Node, Workers and browsers.
 *
 * @packageDocumentation
 */

export {
  analyseDisagreement,
  type DisagreementImpact,
  type DisagreementOptions,
  type DisagreementReport,
  type RankingAgreement,
  type RaterRating,
  type RatingSpread,
} from "./analysis/disagreement.js";
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
export {
  type AhpOptions,
  type AhpResult,
  ahpWeights,
  type ConsistencyVerdict,
  comparisonGroups,
  describeJudgmentAdvice,
  type JudgmentAdvice,
  type PriorityMethod,
  rowGeometricMeans,
} from "./weights/ahp.js";
export { type ApplyWeightsOptions, applyWeights } from "./weights/apply-weights.js";
export {
  aggregateJudgments,
  aggregatePriorities,
  type GroupAggregation,
  type GroupAhpOptions,
  type GroupAhpResult,
  groupAhp,
  type RaterJudgments,
} from "./weights/group-ahp.js";
export {
  type HierarchicalWeights,
  hierarchicalWeights,
  modelHierarchy,
  synthesisePriorities,
  type WeightGroup,
} from "./weights/hierarchy.js";
export { type Concordance, kendallW, midRanks } from "./weights/kendall.js";
export {
  criticWeights,
  type DecisionMatrix,
  entropyWeights,
  type ObjectiveWeightMethod,
  type ObjectiveWeightOptions,
  objectiveWeights,
} from "./weights/objective-weights.js";
export {
  formatJudgment,
  type PairwiseMatrix,
  type PairwiseParse,
  type PairwiseTableOptions,
  parseJudgment,
  parsePairwiseTable,
  safeCheckPairwiseMatrix,
  safeParsePairwiseTable,
} from "./weights/pairwise-matrix.js";
export {
  DEFAULT_RANDOM_INDEX_TABLE,
  isRandomIndexTable,
  MAX_TABULATED_SIZE,
  RANDOM_INDEX_TABLES,
  type RandomIndexSource,
  type RandomIndexTable,
  randomIndex,
} from "./weights/random-index.js";
export {
  equalWeights,
  RANK_WEIGHT_METHODS,
  type RankWeightMethod,
  rankPositionWeights,
  rankWeights,
} from "./weights/rank-weights.js";
export {
  type AhpOptionsInput,
  AhpOptionsSchema,
  type PairwiseMatrixInput,
  PairwiseMatrixSchema,
  type RankWeightsRequest,
  RankWeightsRequestSchema,
} from "./weights/schema.js";
