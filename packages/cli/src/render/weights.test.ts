import { ahpWeights } from "@cxprism/core/weights";
import { describe, expect, it } from "vitest";
import { ahpJson, renderAhpTable, renderWeightTable } from "./weights.js";

/**
 * Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process", European Journal of
 * Operational Research 48, 9-26: choosing a house (n = 8). Printed lambda-max 9.669, CI 0.238, CR 0.169.
 */
const HOUSE = {
  ids: ["size", "transport", "neighbourhood", "age", "yard", "facilities", "condition", "financing"],
  values: [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
  ],
};

describe("renderWeightTable", () => {
  it("lists the heaviest first, ties by id, with bars scaled to the heaviest", () => {
    const table = renderWeightTable({ c: 0.25, a: 0.25, b: 0.5 });
    expect(table).toBe(
      [
        "criterion  weight",
        `b          0.5000  ${"█".repeat(30)}`,
        `a          0.2500  ${"█".repeat(15)}`,
        `c          0.2500  ${"█".repeat(15)}`,
        "",
      ].join("\n"),
    );
  });

  it("orders weights tied up to floating-point noise by id", () => {
    const table = renderWeightTable({ z: 1 / 3, y: 1 / 3 + 1e-16, x: 1 / 3 - 1e-16 });
    expect(
      table
        .split("\n")
        .slice(1, 4)
        .map((line) => line[0]),
    ).toEqual(["x", "y", "z"]);
  });
});

describe("renderAhpTable", () => {
  it("shows Saaty's house example with its printed lambda-max, CI and CR, and the judgments to revisit", () => {
    const table = renderAhpTable(ahpWeights(HOUSE), { colour: false });
    expect(table).toContain("lambda-max  9.6689");
    expect(table).toContain("CI          0.2384");
    expect(table).toMatch(/CR {10}0\.169\d \(RI 1\.41 for n = 8, Saaty \(1980\)/);
    expect(table).toContain("verdict     revise the judgments (CR above 0.10)");
    expect(table).toContain("neighbourhood vs condition: 6 given");
    expect(table.split("\n")[1]).toMatch(/^financing\s+0\.333\d/);
  });

  it("shows a consistent matrix as acceptable with CR 0 and no judgments to revisit", () => {
    const table = renderAhpTable(
      ahpWeights({
        ids: ["a", "b"],
        values: [
          [1, 3],
          [1 / 3, 1],
        ],
      }),
      { colour: false },
    );
    expect(table).toContain("CR          0.0000");
    expect(table).toContain("verdict     acceptable");
    expect(table).not.toContain("inconsistent judgments");
  });
});

describe("ahpJson", () => {
  it("holds weights by id and the consistency figures under short names", () => {
    const json = ahpJson(ahpWeights(HOUSE));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["weights", "lambdaMax", "ci", "cr", "verdict", "worstJudgments"]),
    );
    expect(json.cr).toBeCloseTo(0.169, 3);
    expect((json.weights as Record<string, number>).financing).toBeCloseTo(0.333, 3);
  });
});
