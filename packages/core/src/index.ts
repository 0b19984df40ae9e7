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
  type Application,
  ApplicationSchema,
  capabilityKey,
  type Inventory,
  InventorySchema,
  inventoryFromRows,
  parseInventory,
} from "./capability/inventory.js";
export {
  type CapabilityReport,
  type CoveredCapability,
  capabilityOverlap,
  capabilityReport,
  type InitiativeOverlap,
} from "./capability/overlap.js";
export {
  catalog,
  ILLUSTRATIVE_RATINGS_NOTICE,
  type UseCase,
  type UseCaseCategory,
} from "./catalog/catalog.js";
export { renderCatalogCsv } from "./catalog/catalog-csv.js";
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
export type { SimulationSettings } from "./confidence/simulate.js";
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
export { type KpiCoverage, type KpiCoverageEntry, kpiCoverage } from "./kpi/coverage.js";
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
export {
  type BusinessCase,
  businessCase,
  type CashFlows,
  DEFAULT_MONEY_OPTIONS,
  hasBusinessCase,
  type MoneyOptions,
} from "./money/business-case.js";
export { aggregateAxis } from "./pipeline/axis.js";
export { createNormaliser, type ScaleBounds, scaleBounds, scaleMidpoint } from "./pipeline/normalise.js";
export { clamp100, closenessToIdeal, createPriorityRule } from "./pipeline/priority.js";
export { classifyQuadrant } from "./pipeline/quadrant.js";
export { idOrdinals, rankInitiatives, TIE_TOLERANCE } from "./pipeline/rank.js";
export { aggregateRaterValues } from "./pipeline/raters.js";
export {
  type ResultIdentity,
  resultOf,
  type ScoreColumns,
  type ScoreOutcome,
  safeScore,
  score,
  scoreColumns,
  scorePortfolio,
} from "./pipeline/score.js";
export {
  dependencyClosure,
  dependencyGroups,
  findDependencyCycle,
  topologicalOrder,
} from "./plan/dependencies.js";
export {
  type KnapsackItem,
  type KnapsackProblem,
  type KnapsackSolution,
  MAX_GROUP_OPTIONS,
  MAX_KNAPSACK_CELLS,
  solveKnapsack,
} from "./plan/knapsack.js";
export {
  defaultGranularity,
  type PlanObjective,
  PlanObjectiveSchema,
  type PlanOptions,
  type PlanOptionsInput,
  PlanOptionsSchema,
} from "./plan/options.js";
export {
  createPlan,
  type Plan,
  type PlanInput,
  type PlannedInitiative,
  type PlanOutcome,
  type PlanWave,
  safeCreatePlan,
} from "./plan/plan.js";
export { sequenceWaves, type WaveCandidate, type WaveSequence } from "./plan/waves.js";
export { formatAmount, renderPlanMarkdown } from "./render/plan-markdown.js";
export { renderPlanSvg } from "./render/plan-svg.js";
export * from "./schema/index.js";
// The wide-table reader (docs/table-format.md); moves to the `@cxprism/core/table` entry.
export * from "./table/index.js";
export {
  type ColumnPortfolio,
  type ColumnsValidation,
  type InitiativeColumns,
  initiativeOfColumns,
  portfolioFromColumns,
  validateColumns,
} from "./validate/columns.js";
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
