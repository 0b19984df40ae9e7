import { describe, expect, it } from "vitest";
import { businessCase, hasBusinessCase } from "./business-case.js";

describe("businessCase", () => {
  it("matches a worked example computed by hand", () => {
    // Cost 100,000 now; running cost 20,000 and benefit 70,000 a year; 10 % over 3 years.
    // Net per year: 70,000 - 20,000 = 50,000.
    // Payback: 100,000 / 50,000 = 2 years = 24 months.
    // ROI: total benefit 210,000, total cost 100,000 + 3 x 20,000 = 160,000 -> 50,000 / 160,000 = 0.3125.
    // NPV: -100,000 + 50,000/1.1 + 50,000/1.21 + 50,000/1.331
    //    = -100,000 + 45,454.545 + 41,322.314 + 37,565.740 = 24,342.599.
    const result = businessCase(
      { cost: 100_000, runCost: 20_000, benefit: 70_000 },
      { discountRate: 0.1, horizonYears: 3 },
    );
    expect(result.netPerYear).toBe(50_000);
    expect(result.paybackMonths).toBeCloseTo(24, 12);
    expect(result.roi).toBeCloseTo(0.3125, 12);
    expect(result.npv).toBeCloseTo(24_342.599, 2);
  });

  it("at a 0 % rate the NPV is the undiscounted net", () => {
    const result = businessCase({ cost: 90, runCost: 10, benefit: 40 }, { discountRate: 0, horizonYears: 5 });
    expect(result.npv).toBeCloseTo(-90 + 5 * 30, 12);
    expect(result.paybackMonths).toBeCloseTo(36, 12);
  });

  it.each([
    [
      "never pays back when running cost eats the benefit",
      { cost: 10, runCost: 5, benefit: 5 },
      null,
      (5 - 15) / 15,
    ],
    ["pays back at once with no one-off cost", { runCost: 5, benefit: 8 }, 0, 0.6],
    ["has no ROI when nothing costs anything", { benefit: 8 }, 0, null],
  ])("%s", (_, flows, payback, roi) => {
    const result = businessCase(flows, { discountRate: 0.05, horizonYears: 1 });
    expect(result.paybackMonths).toBe(payback);
    if (roi === null) expect(result.roi).toBeNull();
    else expect(result.roi).toBeCloseTo(roi, 12);
  });

  it("treats a bare cost as a budget line, not a business case", () => {
    expect(hasBusinessCase({ cost: 5 })).toBe(false);
    expect(hasBusinessCase({ cost: 5, benefit: 0 })).toBe(true);
  });
});
