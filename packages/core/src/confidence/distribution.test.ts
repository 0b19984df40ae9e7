import { describe, expect, it } from "vitest";
import { ScoreHistograms } from "./distribution.js";

describe("ScoreHistograms", () => {
  it("reports a score that never varies exactly", () => {
    const histograms = new ScoreHistograms(1, 1000);
    for (let k = 0; k < 50; k++) histograms.add(0, 63.123456789);
    expect(histograms.quantile(0, 0.05)).toBe(63.123456789);
    expect(histograms.quantile(0, 0.5)).toBe(63.123456789);
    expect(histograms.quantile(0, 0.95)).toBe(63.123456789);
  });

  it("estimates quantiles of 0..100 in steps of 0.01 within one bin width", () => {
    const histograms = new ScoreHistograms(2, 1000);
    for (let k = 0; k <= 10_000; k++) histograms.add(1, k / 100);
    for (const q of [0.05, 0.25, 0.5, 0.9, 0.95]) {
      expect(Math.abs(histograms.quantile(1, q) - 100 * q)).toBeLessThanOrEqual(0.1);
    }
    expect(Number.isNaN(histograms.quantile(0, 0.5))).toBe(true);
  });

  it.each([
    [0, 0],
    [100, 100],
  ])("keeps the scale ends (%f) in range", (score, expected) => {
    const histograms = new ScoreHistograms(1, 10);
    histograms.add(0, score);
    expect(histograms.quantile(0, 0.5)).toBe(expected);
  });

  it("keeps series apart", () => {
    const histograms = new ScoreHistograms(3, 100);
    histograms.add(0, 10);
    histograms.add(2, 90);
    expect(histograms.quantile(0, 0.5)).toBe(10);
    expect(histograms.quantile(2, 0.5)).toBe(90);
  });
});
