/**
 * How sure is the ranking: Monte Carlo rank and quadrant probabilities, weight stability intervals, tornado
 * charts, plain-language summaries, the raters' disagreement worth discussing, and whether the ranking
 * survives a change of method (weighted sum and product, TOPSIS, VIKOR, with rank correlations).
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
} from "../analysis/disagreement.js";
export {
  type InitiativeConfidence,
  type MonteCarloOptions,
  type MonteCarloResult,
  runMonteCarlo,
  type ScoreDistribution,
} from "../confidence/monte-carlo.js";
export { createRandom, type SeededRandom } from "../confidence/random.js";
export type { SimulationSettings } from "../confidence/simulate.js";
export {
  analyseWeightStability,
  type CriterionStability,
  type WeightInterval,
  type WeightStability,
  type WeightStabilityOptions,
} from "../confidence/stability.js";
export { formatProbability, type SummaryFacts, summariseConfidence } from "../confidence/summary.js";
export { buildTornado, type Tornado, type TornadoBar } from "../confidence/tornado.js";
export {
  type CompareMethodsOptions,
  compareMethods,
  decisionProblemOf,
  type MethodAgreement,
  type MethodComparison,
  type MethodRanking,
  RANKING_METHODS,
  type RankingMethod,
  type ShortlistChange,
} from "../methods/compare-methods.js";
export {
  checkDecisionProblem,
  type DecisionCriterion,
  type DecisionProblem,
} from "../methods/decision-problem.js";
export { kendallTau, spearmanRho } from "../methods/rank-correlation.js";
export { type TopsisNormalisation, type TopsisResult, topsis } from "../methods/topsis.js";
export { type VikorResult, vikor } from "../methods/vikor.js";
