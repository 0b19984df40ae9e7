import { MAX_LABELLED_MARKERS, MAX_PNG_PIXELS } from "@cxprism/core/matrix";
import {
  MAX_GROUP_OPTIONS,
  MAX_KNAPSACK_BYTES,
  MAX_KNAPSACK_CELLS,
  MAX_KNAPSACK_STEPS,
} from "@cxprism/core/plan";
import { MAX_COMPLETION_WORK } from "@cxprism/core/weights";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type Limits } from "../config/deps.js";
import { INLINE_WORK_LIMITS } from "../cpu/cpu-jobs.js";
import { createOpenApiDocument } from "./openapi-document.js";
import { LIMITS_EXTENSION } from "./work-budgets.js";

type Operation = { operationId?: string; requestBody?: unknown; [LIMITS_EXTENSION]?: Record<string, number> };

function operations(limits: Limits): Operation[] {
  const document = createOpenApiDocument(limits, "0.1.0", { portfolios: true }) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.values(document.paths).flatMap((item) => Object.values(item));
}

describe("work budgets in the OpenAPI document", () => {
  it("states every body-taking operation's limits from the constants the handlers enforce", () => {
    const withBody = operations(DEFAULT_LIMITS).filter((operation) => operation.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(10);
    for (const operation of withBody)
      expect(operation[LIMITS_EXTENSION], operation.operationId).toMatchObject({
        maxBodyBytes: DEFAULT_LIMITS.maxBodyBytes,
        maxInitiatives: DEFAULT_LIMITS.maxInitiatives,
        maxCriteria: DEFAULT_LIMITS.maxCriteria,
      });
    const byId = new Map(withBody.map((operation) => [operation.operationId, operation[LIMITS_EXTENSION]]));
    expect(byId.get("analyseSensitivity")).toMatchObject({
      maxSimulationWork: DEFAULT_LIMITS.maxSimulationWork,
      maxSensitivityInitiatives: DEFAULT_LIMITS.maxSensitivityInitiatives,
    });
    expect(byId.get("createPlan")).toMatchObject({ inlineInitiatives: INLINE_WORK_LIMITS.planInitiatives });
    expect(byId.get("scoreInitiatives")).toMatchObject({
      inlineInitiatives: INLINE_WORK_LIMITS.scoreInitiatives,
      inlineRaterRows: INLINE_WORK_LIMITS.scoreRaterRows,
    });
    // The core's own caps, from the constants the core enforces.
    expect(byId.get("createPlan")).toMatchObject({
      maxPlanCells: MAX_KNAPSACK_CELLS,
      maxPlanBytes: MAX_KNAPSACK_BYTES,
      maxPlanSteps: MAX_KNAPSACK_STEPS,
      maxDependencyGroupOptions: MAX_GROUP_OPTIONS,
    });
    expect(byId.get("drawMatrix")).toMatchObject({
      maxLabelledMarkers: MAX_LABELLED_MARKERS,
      maxPngPixels: MAX_PNG_PIXELS,
    });
    expect(byId.get("deriveAhpWeights")).toMatchObject({ maxCompletionWork: MAX_COMPLETION_WORK });
    for (const adding of ["addInitiative", "importInitiatives"])
      expect(byId.get(adding), adding).toMatchObject({
        maxPortfolioInitiatives: DEFAULT_LIMITS.maxPortfolioInitiatives,
      });
  });

  it("follows a host's own limits", () => {
    const limits = { ...DEFAULT_LIMITS, maxBodyBytes: 4096, maxInitiatives: 7 };
    const plan = operations(limits).find((operation) => operation.operationId === "createPlan");
    expect(plan?.[LIMITS_EXTENSION]).toMatchObject({ maxBodyBytes: 4096, maxInitiatives: 7 });
  });
});
