import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { kendallW, midRanks } from "./kendall.js";

describe("kendallW", () => {
  it("matches ProofWiki's 'Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1' (W = 1/16)", () => {
    // Four judges rank competitors X, Y, Z; rows are judges.
    const result = kendallW([
      [1, 3, 2],
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ]);
    expect(result.w).toBeCloseTo(1 / 16, 12);
    expect(result.ties).toBe(0);
  });

  it("matches the ten-projects, four-judges textbook example (printed sum of squared deviations 1048)", () => {
    // "The Kendall coefficient of concordance W" (scribd 659863121): S = 1048, so W = 12 * 1048 / (4^2 * 10 * 99).
    const result = kendallW([
      [1, 3, 4, 5, 2, 8, 6, 7, 10, 9],
      [2, 1, 4, 5, 6, 3, 8, 7, 10, 9],
      [3, 2, 1, 5, 7, 4, 6, 8, 9, 10],
      [4, 2, 3, 1, 6, 7, 5, 9, 8, 10],
    ]);
    expect(result.w).toBeCloseTo((12 * 1048) / (16 * 10 * 99), 12);
    expect(result.chiSquare).toBeCloseTo(4 * 9 * result.w!, 12);
    expect(result.degreesOfFreedom).toBe(9);
  });

  it("corrects for ties as in Legendre (2005), matching the worked example W = 0.22973", () => {
    // stats.stackexchange.com/posts/261206: x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0]; sum T = 18.
    const result = kendallW([
      [12, 2, 1, 12, 2],
      [1, 4, 7, 1, 0],
    ]);
    expect(result.ties).toBe(18);
    expect(result.w).toBeCloseTo(0.22973, 5);
  });

  it("is 1 for identical rankings and null when nobody distinguishes anything", () => {
    expect(
      kendallW([
        [3, 1, 2],
        [3, 1, 2],
        [3, 1, 2],
      ]).w,
    ).toBe(1);
    expect(
      kendallW([
        [1, 1, 1],
        [2, 2, 2],
      ]).w,
    ).toBeNull();
  });

  it.each([
    ["one rater", [[1, 2, 3]], /at least two raters/],
    ["one item", [[1], [1]], /at least two items/],
    [
      "ragged rows",
      [
        [1, 2, 3],
        [1, 2],
      ],
      /expected 3 values/,
    ],
    [
      "a NaN",
      [
        [1, 2],
        [Number.NaN, 1],
      ],
      /finite number/,
    ],
  ])("rejects %s", (_name, rows, message) => {
    expect(() => kendallW(rows)).toThrow(message);
  });

  test.prop([
    fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }), {
        minLength: 2,
        maxLength: 8,
      }),
    ),
  ])("stays within [0, 1] and ignores rater order", (rows) => {
    const result = kendallW(rows);
    const reversed = kendallW([...rows].reverse());
    if (result.w === null) {
      expect(reversed.w).toBeNull();
      return;
    }
    expect(result.w).toBeGreaterThanOrEqual(0);
    expect(result.w).toBeLessThanOrEqual(1);
    expect(reversed.w).toBeCloseTo(result.w, 12);
  });
});

describe("midRanks", () => {
  it("gives tied values the mean of their ranks", () => {
    expect(midRanks([12, 2, 1, 12, 2])).toEqual({ ranks: [4.5, 2.5, 1, 4.5, 2.5], tieTerm: 12 });
  });
});
