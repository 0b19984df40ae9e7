/**
 * Criterion weights from a workshop: AHP pairwise comparisons (single and group), rankings, objective methods
 * (entropy, CRITIC), hierarchies, Kendall's W for rater agreement, and `applyWeights` to re-weight a model.
 *
 * @packageDocumentation
 */

export {
  type AhpOptions,
  type AhpResult,
  ahpWeights,
  type ConsistencyVerdict,
  comparisonGroups,
  describeJudgmentAdvice,
  type JudgmentAdvice,
  type PriorityMethod,
} from "../weights/ahp.js";
export { type ApplyWeightsOptions, applyWeights } from "../weights/apply-weights.js";
export {
  COMPLETIONS,
  type CompletedMatrix,
  type Completion,
  harkerCompletion,
  MAX_COMPLETION_WORK,
  optimalCompletion,
} from "../weights/completion.js";
export {
  aggregateJudgments,
  aggregatePriorities,
  type GroupAggregation,
  type GroupAhpOptions,
  type GroupAhpResult,
  groupAhp,
  type RaterJudgments,
} from "../weights/group-ahp.js";
export {
  type HierarchicalWeights,
  hierarchicalWeights,
  modelHierarchy,
  synthesisePriorities,
  type WeightGroup,
} from "../weights/hierarchy.js";
export { type Concordance, kendallW } from "../weights/kendall.js";
export {
  criticWeights,
  type DecisionMatrix,
  entropyWeights,
  type ObjectiveWeightMethod,
  type ObjectiveWeightOptions,
  objectiveWeights,
} from "../weights/objective-weights.js";
export { type PairwiseCriterionIds, pairwiseCriterionIds } from "../weights/pairwise-criteria.js";
export {
  formatJudgment,
  type PairwiseMatrix,
  type PairwiseParse,
  type PairwiseTableOptions,
  parseJudgment,
  parsePairwiseTable,
  safeCheckPairwiseMatrix,
  safeParsePairwiseTable,
} from "../weights/pairwise-matrix.js";
export {
  DEFAULT_RANDOM_INDEX_TABLE,
  isRandomIndexTable,
  RANDOM_INDEX_TABLES,
  type RandomIndexBasis,
  type RandomIndexEntry,
  type RandomIndexSource,
  type RandomIndexTable,
  randomIndex,
  randomIndexEntry,
} from "../weights/random-index.js";
export {
  equalWeights,
  RANK_WEIGHT_METHODS,
  type RankedCriterionWeights,
  type RankWeightMethod,
  rankCriterionWeights,
  rankWeights,
} from "../weights/rank-weights.js";
export {
  type AhpOptionsInput,
  AhpOptionsSchema,
  type PairwiseMatrixInput,
  PairwiseMatrixSchema,
  type RankWeightsRequest,
  RankWeightsRequestSchema,
} from "../weights/schema.js";
