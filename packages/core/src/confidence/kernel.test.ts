import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { scorePortfolio } from "../pipeline/score.js";
import { validatePortfolio } from "../validate/portfolio.js";
import { AxisScorer, createScoringKernel } from "./kernel.js";

test.prop([
  fc.array(
    fc.array(fc.integer({ min: 1, max: 5 }), {
      minLength: defaultModel.criteria.length,
      maxLength: defaultModel.criteria.length,
    }),
    { minLength: 1, maxLength: 10 },
  ),
  fc.constantFrom("weighted-sum" as const, "weighted-product" as const, "min" as const),
  fc.constantFrom("closeness" as const, "geometric-mean" as const, "weighted-mean" as const),
])("the kernel reproduces core's scores bit for bit", (rows, aggregation, priority) => {
  const validation = validatePortfolio(
    rows.map((row, i) => ({
      id: `i${i}`,
      name: `I ${i}`,
      ratings: Object.fromEntries(defaultModel.criteria.map((criterion, c) => [criterion.id, row[c]!])),
    })),
    { model: { ...defaultModel, aggregation, priority } },
  );
  if (!validation.success) throw new Error("invalid");
  const portfolio = validation.portfolio;
  const kernel = createScoringKernel(portfolio);
  const scorer = new AxisScorer(kernel);
  const results = scorePortfolio(portfolio);
  portfolio.initiatives.forEach((initiative, i) => {
    const result = results.find((r) => r.id === initiative.id)!;
    const value = scorer.score(0, kernel.normalised, i * kernel.m, kernel.weights);
    const feasibility = scorer.score(1, kernel.normalised, i * kernel.m, kernel.weights);
    expect(value).toBe(result.value);
    expect(feasibility).toBe(result.feasibility);
    expect(kernel.priorityOf(value, feasibility)).toBe(result.priority);
  });
});
