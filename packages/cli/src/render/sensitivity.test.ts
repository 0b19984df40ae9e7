import { defaultModel, validatePortfolio } from "@cxprism/core";
import { analyseWeightStability, runMonteCarlo } from "@cxprism/core/confidence";
import { describe, expect, it } from "vitest";
import { formatInterval, renderProbabilityTable, renderStabilityTable } from "./sensitivity.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const initiatives = [5, 4, 2].map((level, k) => ({
  id: `i${k}`,
  name: `Initiative ${k}`,
  ratings: Object.fromEntries(ids.map((id) => [id, level])),
}));

function portfolio() {
  const validation = validatePortfolio(initiatives);
  if (!validation.success) throw new Error("fixture");
  return validation.portfolio;
}

describe("formatInterval", () => {
  it.each([
    [{ low: 0, high: 1, weightLow: null, weightHigh: null }, "any"],
    [{ low: 0.12, high: 0.475, weightLow: 0.1, weightHigh: 0.5 }, "12.0%..47.5%"],
    [{ low: 0, high: 0.3, weightLow: 0, weightHigh: 0.2 }, "0.0%..30.0%"],
  ])("%j -> %j", (interval, expected) => {
    expect(formatInterval(interval)).toBe(expected);
  });
});

describe("renderProbabilityTable", () => {
  it("shows an unrated initiative's quadrant as its label alone and no priority (its numbers are midpoints)", () => {
    const validation = validatePortfolio([...initiatives, { id: "blank", name: "Blank", ratings: {} }], {
      missing: "neutral",
    });
    if (!validation.success) throw new Error("fixture");
    const table = renderProbabilityTable(
      runMonteCarlo(validation.portfolio, { iterations: 50 }),
      defaultModel,
      {
        colour: false,
      },
    );
    expect(table).toMatch(/ 4 {2}Blank +0% +0% +Unrated +- +-$/m);
    expect(table).toContain("Blank has no ratings on an axis");
  });

  it("with no perturbation, shows every initiative keeping its rank for certain", () => {
    const result = runMonteCarlo(portfolio(), {
      iterations: 50,
      concentration: Number.POSITIVE_INFINITY,
      uncertainty: 0,
      topK: 1,
    });
    const table = renderProbabilityTable(result, defaultModel, { colour: false });
    expect(table).toContain("weights: the model's, unchanged");
    expect(table).toContain("ratings: unchanged");
    expect(table).toMatch(/ 1 {2}Initiative 0 +100% +100% +Likely win 100%/);
    expect(table).toMatch(/ 3 {2}Initiative 2 +0% +0% +Unlikely 100%/);
    expect(table).toContain("Initiative 0 is top-1 in 100% of plausible worlds");
  });
});

describe("renderStabilityTable", () => {
  it("lists every criterion with its share and intervals", () => {
    const stability = analyseWeightStability(portfolio(), { topK: 2 });
    const table = renderStabilityTable(stability, defaultModel, "Initiative 0", { colour: false });
    expect(table).toContain("Initiative 0 stays first and the top-2 set");
    for (const criterion of defaultModel.criteria) expect(table).toContain(criterion.label);
  });
});
