/**
 * How sure is the ranking: Monte Carlo rank and quadrant probabilities, weight stability intervals, tornado
 * charts, plain-language summaries, and the raters' disagreement worth discussing.
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
