import { describe, expect, it } from "vitest";
import { formatProbability, summariseConfidence } from "./summary.js";

describe("formatProbability", () => {
  it.each([
    [1, "100%"],
    [0, "0%"],
    [0.996, "over 99%"],
    [0.004, "under 1%"],
    [0.87, "87%"],
    [0.125, "13%"],
    [0.99, "99%"],
    [0.01, "1%"],
  ])("%f -> %s", (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });
});

describe("summariseConfidence", () => {
  it("says how often the initiative is top-k, keeps its rank and its quadrant", () => {
    expect(
      summariseConfidence({
        name: "Virtual customer assistant",
        k: 3,
        topK: 0.8712,
        baseRank: 2,
        keepsRank: 0.54,
        quadrantLabel: "Likely win",
        keepsQuadrant: 0.951,
      }),
    ).toBe(
      "Virtual customer assistant is top-3 in 87% of plausible worlds (base rank 2, kept in 54%; Likely win in 95%).",
    );
  });
});
