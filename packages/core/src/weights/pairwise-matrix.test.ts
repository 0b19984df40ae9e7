import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import {
  formatJudgment,
  parseJudgment,
  parsePairwiseTable,
  safeCheckPairwiseMatrix,
  safeParsePairwiseTable,
} from "./pairwise-matrix.js";

const GOOD = [
  ["", "cx_impact", "cost_to_serve", "strategic_fit"],
  ["cx_impact", "1", "3", "5"],
  ["cost_to_serve", "1/3", "1", "2"],
  ["strategic_fit", "0.2", "0.5", "1"],
];

function problemsOf(table: string[][]) {
  const outcome = safeParsePairwiseTable(table);
  if (outcome.success) throw new Error("expected problems");
  return outcome.problems;
}

describe("parseJudgment", () => {
  it.each([
    ["3", 3],
    [" 1/3 ", 1 / 3],
    ["1 / 9", 1 / 9],
    ["0.333", 0.333],
    [".5", 0.5],
    ["2.", 2],
    ["", null],
    ["   ", null],
    ["abc", undefined],
    ["1/0", undefined],
    ["-3", undefined],
    ["3x", undefined],
  ])("reads %j as %s", (text, expected) => {
    expect(parseJudgment(text)).toBe(expected);
  });
});

describe("formatJudgment", () => {
  it.each([
    [3, "3"],
    [1 / 3, "1/3"],
    [2.41421, "2.414"],
    [1, "1"],
  ])("writes %d as %s", (value, text) => {
    expect(formatJudgment(value)).toBe(text);
  });
});

describe("parsePairwiseTable", () => {
  it("reads fractions and decimals and makes the matrix exactly reciprocal", () => {
    const matrix = parsePairwiseTable(GOOD);
    expect(matrix.ids).toEqual(["cx_impact", "cost_to_serve", "strategic_fit"]);
    expect(matrix.values[0]).toEqual([1, 3, 5]);
    expect(matrix.values[1]![0]).toBe(1 / 3);
    expect(matrix.values[2]![1]).toBe(1 / 2);
  });

  it("accepts the upper triangle alone, empty cells for missing judgments, and a trailing empty row", () => {
    const matrix = parsePairwiseTable([
      ["", "a", "b", "c"],
      ["a", "", "3", ""],
      ["b", "", "", "1/2"],
      ["c", "", "", ""],
      ["", "", "", ""],
    ]);
    expect(matrix.values).toEqual([
      [1, 3, null],
      [1 / 3, 1, 1 / 2],
      [null, 2, 1],
    ]);
  });

  it.each([
    [
      "a non-reciprocal pair, at the lower cell",
      [
        ["", "a", "b"],
        ["a", "1", "3"],
        ["b", "2", "1"],
      ],
      [2, 1],
      /expected 1\/3, the reciprocal of 3 \(row a, column b\), received 2 \(row b, column a\)/,
    ],
    [
      "a judgment above 9",
      [
        ["", "a", "b"],
        ["a", "1", "12"],
        ["b", "", "1"],
      ],
      [1, 2],
      /expected a judgment from 1\/9 to 9 .*received 12/,
    ],
    [
      "a judgment below 1/9",
      [
        ["", "a", "b"],
        ["a", "1", "1/10"],
        ["b", "", "1"],
      ],
      [1, 2],
      /from 1\/9 to 9 .*received 1\/10/,
    ],
    [
      "a diagonal other than 1",
      [
        ["", "a", "b"],
        ["a", "2", "3"],
        ["b", "", "1"],
      ],
      [1, 1],
      /expected 1 on the diagonal/,
    ],
    [
      "an unreadable cell",
      [
        ["", "a", "b"],
        ["a", "1", "high"],
        ["b", "", "1"],
      ],
      [1, 2],
      /expected a judgment such as 3, 1\/3 or 0.333, or an empty cell, received "high"/,
    ],
    [
      "a row label that differs from the header",
      [
        ["", "a", "b"],
        ["a", "1", "3"],
        ["c", "", "1"],
      ],
      [2, 0],
      /expected row label "b" .*received "c"/,
    ],
    [
      "a missing row (not square)",
      [
        ["", "a", "b", "c"],
        ["a", "1", "3", "2"],
        ["b", "", "1", "2"],
      ],
      [3],
      /expected a square matrix: 3 row\(s\) of judgments, one per header id, received 2/,
    ],
    [
      "a short row",
      [
        ["", "a", "b"],
        ["a", "1"],
        ["b", "", "1"],
      ],
      [1],
      /expected 3 cells \(a label then 2 judgments\), received 2/,
    ],
    [
      "a duplicate id",
      [
        ["", "a", "a"],
        ["a", "1", "3"],
        ["a", "", "1"],
      ],
      [0, 2],
      /expected a unique criterion id, received "a", already in column 1/,
    ],
  ])("reports %s with its cell", (_name, table, path, message) => {
    const problems = problemsOf(table);
    expect(problems.map((p) => p.path)).toContainEqual(path);
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
  });

  it("accepts rounded decimals for reciprocals (0.33 for 1/3, 0.13 for 1/8, 0.11 for 1/9)", () => {
    const matrix = parsePairwiseTable([
      ["", "a", "b", "c", "d"],
      ["a", "1", "3", "8", "9"],
      ["b", "0.33", "1", "1", "1"],
      ["c", "0.13", "1", "1", "1"],
      ["d", "0.11", "1", "1", "1"],
    ]);
    expect(matrix.values[3]![0]).toBe(1 / 9);
  });

  it("reports every problem at once and prefixes paths", () => {
    const outcome = safeParsePairwiseTable(
      [
        ["", "a", "b", "c"],
        ["a", "1", "x", "3"],
        ["z", "", "1", "y"],
        ["c", "", "", "1"],
      ],
      { path: ["weights.csv"] },
    );
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.problems.map((p) => p.path)).toEqual([
      ["weights.csv", 1, 2],
      ["weights.csv", 2, 0],
      ["weights.csv", 2, 3],
    ]);
  });

  it("reports unreadable cells, judgments off the scale and non-reciprocal pairs in one pass", () => {
    // weights ahp once reported "high" and only after it was fixed the 12 beside it (issue #13).
    const problems = problemsOf([
      ["", "a", "b", "c", "d"],
      ["a", "1", "high", "12", "2"],
      ["b", "", "1", "3", ""],
      ["c", "", "1/2", "1", ""],
      ["d", "2", "", "", "1"],
    ]);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [[1, 2], 'expected a judgment such as 3, 1/3 or 0.333, or an empty cell, received "high"'],
      [[1, 3], "expected a judgment from 1/9 to 9 (Saaty's scale) (row a, column c), received 12"],
      [[3, 2], "expected 1/3, the reciprocal of 3 (row b, column c), received 1/2 (row c, column b)"],
      [[4, 1], "expected 1/2, the reciprocal of 2 (row a, column d), received 2 (row d, column a)"],
    ]);
  });

  it("names the model's criteria by id or label in the same pass as the judgments", () => {
    const table = [
      ["", "Customer experience impact", "Cost to serve", "strategic_fit"],
      ["Customer experience impact", "1", "3", "5"],
      ["Cost to serve", "", "1", "12"],
      ["strategic_fit", "", "", "1"],
    ];
    const outcome = safeParsePairwiseTable(table, { model: defaultModel });
    if (outcome.success) throw new Error("expected problems");
    expect(outcome.problems.map((p) => [p.path, p.message])).toEqual([
      [
        [0, 2],
        'expected a criterion id or label of model cx-ai-prism, received "Cost to serve" (did you mean cost_to_serve, "Cost-to-serve reduction"?)',
      ],
      [
        [2, 3],
        "expected a judgment from 1/9 to 9 (Saaty's scale) (row Cost to serve, column strategic_fit), received 12",
      ],
    ]);
    const fixed = table.map((row) =>
      row.map((cell) => (cell === "Cost to serve" ? "Cost-to-serve reduction" : cell === "12" ? "2" : cell)),
    );
    expect(parsePairwiseTable(fixed, { model: defaultModel }).ids).toEqual([
      "cx_impact",
      "cost_to_serve",
      "strategic_fit",
    ]);
  });

  it("throws a CxprismError carrying the problems", () => {
    expect(() =>
      parsePairwiseTable([
        ["", "a", "b"],
        ["a", "1", "3"],
        ["b", "3", "1"],
      ]),
    ).toThrow(CxprismError);
  });

  it("rejects an empty table", () => {
    expect(problemsOf([])[0]!.message).toMatch(/received no rows/);
  });
});

describe("safeCheckPairwiseMatrix", () => {
  it("reports numeric problems by JSON path", () => {
    const outcome = safeCheckPairwiseMatrix({
      ids: ["a", "b", "a"],
      values: [
        [1, 3, 2],
        [1 / 3, 1, Number.NaN],
      ],
    });
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.problems.map((p) => p.path)).toEqual([["ids", 2], ["values"], ["values", 1, 2]]);
  });

  it("reports ids that name no criterion of the model with the judgments off the scale, at once", () => {
    const outcome = safeCheckPairwiseMatrix(
      {
        ids: ["Data readyness", "time_to_value"],
        values: [
          [1, 12],
          [null, 1],
        ],
      },
      { model: defaultModel, path: ["matrix"] },
    );
    if (outcome.success) throw new Error("expected problems");
    expect(outcome.problems.map((p) => p.path)).toEqual([
      ["matrix", "ids", 0],
      ["matrix", "values", 0, 1],
    ]);
    const named = safeCheckPairwiseMatrix(
      {
        ids: ["Data readiness", "time_to_value"],
        values: [
          [1, 3],
          [null, 1],
        ],
      },
      { model: defaultModel },
    );
    expect(named.success && named.matrix.ids).toEqual(["data_readiness", "time_to_value"]);
  });
});
