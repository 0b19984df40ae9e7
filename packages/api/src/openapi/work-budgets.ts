import { MAX_LABELLED_MARKERS, MAX_PNG_PIXELS } from "@cxprism/core/matrix";
import {
  MAX_GROUP_OPTIONS,
  MAX_KNAPSACK_BYTES,
  MAX_KNAPSACK_CELLS,
  MAX_KNAPSACK_STEPS,
} from "@cxprism/core/plan";
import { MAX_COMPLETION_WORK } from "@cxprism/core/weights";
import type { Limits } from "../config/deps.js";
import { INLINE_WORK_LIMITS } from "../cpu/cpu-jobs.js";

/** The extension naming an operation's work budget, from the same constants the handlers enforce. */
export const LIMITS_EXTENSION = "x-cxprism-limits";

/**
 * Writes each operation's work budget into the document as `x-cxprism-limits`: every operation with a body
 * gets the body size, initiatives and criteria it accepts; the simulation and the pooled routes add their own,
 * the routes that add initiatives to a stored portfolio its cap,
 * and so do the core's own caps (plan cells, memory and steps; matrix labels and PNG pixels; the optimal AHP
 * completion's work), taken from the constants the core enforces.
 *
 * @param paths - the document's paths, changed in place
 * @param limits - the limits the app enforces
 */
export function stampWorkBudgets(paths: Record<string, Record<string, unknown>>, limits: Limits): void {
  const extra: Record<string, Record<string, number>> = {
    analyseSensitivity: {
      maxSimulationWork: limits.maxSimulationWork,
      maxSensitivityInitiatives: limits.maxSensitivityInitiatives,
    },
    createPlan: {
      inlineInitiatives: INLINE_WORK_LIMITS.planInitiatives,
      maxPlanCells: MAX_KNAPSACK_CELLS,
      maxPlanBytes: MAX_KNAPSACK_BYTES,
      maxPlanSteps: MAX_KNAPSACK_STEPS,
      maxDependencyGroupOptions: MAX_GROUP_OPTIONS,
    },
    scoreInitiatives: {
      inlineInitiatives: INLINE_WORK_LIMITS.scoreInitiatives,
      inlineRaterRows: INLINE_WORK_LIMITS.scoreRaterRows,
    },
    drawMatrix: { maxLabelledMarkers: MAX_LABELLED_MARKERS, maxPngPixels: MAX_PNG_PIXELS },
    deriveAhpWeights: { maxCompletionWork: MAX_COMPLETION_WORK },
    renderBoardPack: { maxSimulationWork: limits.maxSimulationWork },
    addInitiative: { maxPortfolioInitiatives: limits.maxPortfolioInitiatives },
    importInitiatives: { maxPortfolioInitiatives: limits.maxPortfolioInitiatives },
  };
  for (const item of Object.values(paths))
    for (const operation of Object.values(item)) {
      if (typeof operation !== "object" || operation === null || !("requestBody" in operation)) continue;
      const { operationId } = operation as { operationId?: string };
      Object.assign(operation, {
        [LIMITS_EXTENSION]: {
          maxBodyBytes: limits.maxBodyBytes,
          maxInitiatives: limits.maxInitiatives,
          maxCriteria: limits.maxCriteria,
          ...(operationId === undefined ? {} : extra[operationId]),
        },
      });
    }
}
