/**
 * From ranking to plan: the budgeted selection with dependencies, waves, the business case (payback, ROI,
 * NPV), KPI coverage of goals, overlap with the applications already run, and Markdown/SVG roadmaps.
 *
 * @packageDocumentation
 */

export {
  type Application,
  ApplicationSchema,
  type Inventory,
  InventorySchema,
  inventoryFromRows,
  parseInventory,
} from "../capability/inventory.js";
export {
  type CapabilityReport,
  type CoveredCapability,
  capabilityOverlap,
  capabilityReport,
  type InitiativeOverlap,
} from "../capability/overlap.js";
export { type KpiCoverage, type KpiCoverageEntry, kpiCoverage } from "../kpi/coverage.js";
export {
  type BusinessCase,
  businessCase,
  type CashFlows,
  DEFAULT_MONEY_OPTIONS,
  hasBusinessCase,
  type MoneyOptions,
} from "../money/business-case.js";
export {
  type KnapsackProblem,
  type KnapsackSolution,
  MAX_GROUP_OPTIONS,
  MAX_KNAPSACK_BYTES,
  MAX_KNAPSACK_CELLS,
  MAX_KNAPSACK_STEPS,
  solveKnapsack,
} from "../plan/knapsack.js";
export type { KnapsackItem } from "../plan/knapsack-stages.js";
export {
  defaultGranularity,
  type PlanObjective,
  PlanObjectiveSchema,
  type PlanOptions,
  type PlanOptionsInput,
  PlanOptionsSchema,
} from "../plan/options.js";
export {
  createPlan,
  type Plan,
  type PlanInput,
  type PlannedInitiative,
  type PlanOutcome,
  type PlanWave,
  planRequirements,
  safeCreatePlan,
} from "../plan/plan.js";
export { formatAmount, type PlanMarkdownOptions, renderPlanMarkdown } from "../render/plan-markdown.js";
export { type PlanSvgOptions, renderPlanSvg, waveLabel } from "../render/plan-svg.js";
