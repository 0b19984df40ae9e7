import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { criticWeights, entropyWeights, objectiveWeights } from "./objective-weights.js";

describe("entropyWeights", () => {
  it("weighs by diversification 1 - E_j (worked by hand)", () => {
    // Column a: p = 1/6, 2/6, 3/6 -> E = 1.011404 / ln 3 = 0.920620, d = 0.079380.
    // Column b: p = 1/4, 1/4, 1/2 -> E = 1.039721 / ln 3 = 0.946395, d = 0.053605.
    const weights = entropyWeights({
      ids: ["a", "b"],
      rows: [
        [1, 2],
        [2, 2],
        [3, 4],
      ],
    });
    expect(weights.a).toBeCloseTo(0.07938 / (0.07938 + 0.053605), 5);
    expect(weights.b).toBeCloseTo(0.403092, 5);
  });

  it("gives a criterion on which every alternative is equal no weight", () => {
    expect(
      entropyWeights({
        ids: ["a", "b"],
        rows: [
          [1, 5],
          [1, 1],
          [1, 3],
        ],
      }),
    ).toEqual({ a: 0, b: 1 });
  });

  it.each([
    [
      "a negative value",
      [
        [1, -1],
        [2, 3],
      ],
      /at least 0, received -1/,
    ],
    ["a single alternative", [[1, 2]], /at least two alternatives/],
    ["a ragged row", [[1, 2], [3]], /expected 2 values/],
    [
      "no varying criterion",
      [
        [1, 1],
        [1, 1],
      ],
      /whose values differ/,
    ],
  ])("rejects %s", (_name, rows, message) => {
    expect(() => entropyWeights({ ids: ["a", "b"], rows })).toThrow(message);
  });

  test.prop([
    fc.array(fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 20,
    }),
  ])("sums to 1 and ignores row order", (rows) => {
    const matrix = { ids: ["a", "b", "c"], rows };
    let weights: Record<string, number>;
    try {
      weights = entropyWeights(matrix);
    } catch {
      return; // every column constant: rejected, covered above
    }
    expect(Object.values(weights).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    const reversed = entropyWeights({ ids: matrix.ids, rows: [...rows].reverse() });
    for (const id of matrix.ids) expect(reversed[id]).toBeCloseTo(weights[id]!, 9);
  });
});

describe("criticWeights", () => {
  const rows = [
    [1, 3, 2],
    [2, 1, 2],
    [3, 4, 5],
    [4, 2, 1],
  ];

  it("weighs contrast times conflict (worked by hand)", () => {
    // Min-max scaled columns, population SDs and Pearson correlations, C_j = sd_j * sum_k (1 - r_jk).
    const weights = criticWeights({ ids: ["a", "b", "c"], rows });
    expect(weights.a).toBeCloseTo(0.442761, 5);
    expect(weights.b).toBeCloseTo(0.277754, 5);
    expect(weights.c).toBeCloseTo(0.279485, 5);
  });

  it("treats a cost criterion as its reversal", () => {
    const reversed = rows.map(([a, b, c]) => [a!, 10 - b!, c!]);
    const asCost = criticWeights({ ids: ["a", "b", "c"], rows: reversed }, { b: "cost" });
    const asBenefit = criticWeights({ ids: ["a", "b", "c"], rows });
    for (const id of ["a", "b", "c"]) expect(asCost[id]).toBeCloseTo(asBenefit[id]!, 12);
  });

  it("gives a constant criterion no weight and leaves it out of the conflict", () => {
    const weights = criticWeights({ ids: ["a", "k", "b"], rows: rows.map(([a, b]) => [a!, 7, b!]) });
    const without = criticWeights({ ids: ["a", "b"], rows: rows.map(([a, b]) => [a!, b!]) });
    expect(weights.k).toBe(0);
    expect(weights.a).toBeCloseTo(without.a!, 12);
  });

  it("lowers the weight of a criterion duplicated by another (no conflict between them)", () => {
    const base = criticWeights({ ids: ["a", "b", "c"], rows });
    const duplicated = criticWeights({
      ids: ["a", "b", "c", "a2"],
      rows: rows.map((row) => [...row, row[0]!]),
    });
    expect(duplicated.a).toBeLessThan(base.a!);
    expect(duplicated.a).toBeCloseTo(duplicated.a2!, 12);
  });
});

describe("objectiveWeights", () => {
  it.each(["entropy", "critic"] as const)(
    "weighs the default model's criteria from the catalog (%s)",
    (method) => {
      const weights = objectiveWeights(catalogInitiatives(), { method });
      expect(Object.keys(weights)).toEqual(defaultModel.criteria.map((criterion) => criterion.id));
      expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    },
  );
});
