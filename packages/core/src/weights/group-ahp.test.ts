import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ahpWeights } from "./ahp.js";
import { aggregateJudgments, aggregatePriorities, groupAhp, type RaterJudgments } from "./group-ahp.js";

const IDS = ["experience", "education", "charisma", "age"];
const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

function matrixFrom(upper: readonly number[], n: number): number[][] {
  const values = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      values[i]![j] = upper[k]!;
      values[j]![i] = 1 / upper[k]!;
      k++;
    }
  }
  return values;
}

describe("aggregateJudgments (AIJ)", () => {
  it("takes the geometric mean of each cell, so opposite judgments cancel", () => {
    const group = aggregateJudgments([
      {
        weight: 1,
        matrix: {
          ids: ["a", "b"],
          values: [
            [1, 9],
            [1 / 9, 1],
          ],
        },
      },
      {
        weight: 1,
        matrix: {
          ids: ["a", "b"],
          values: [
            [1, 1 / 9],
            [9, 1],
          ],
        },
      },
    ]);
    expect(group.values[0]![1]).toBeCloseTo(1, 12);
  });

  it("weights raters and skips empty cells", () => {
    const group = aggregateJudgments([
      {
        weight: 3,
        matrix: {
          ids: ["a", "b", "c"],
          values: [
            [1, 2, null],
            [1 / 2, 1, 3],
            [null, 1 / 3, 1],
          ],
        },
      },
      {
        weight: 1,
        matrix: {
          ids: ["a", "b", "c"],
          values: [
            [1, 8, 4],
            [1 / 8, 1, 3],
            [1 / 4, 1 / 3, 1],
          ],
        },
      },
    ]);
    expect(group.values[0]![1]).toBeCloseTo(2 ** 0.75 * 8 ** 0.25, 12);
    expect(group.values[0]![2]).toBeCloseTo(4, 12);
    expect(group.values[1]![0]! * group.values[0]![1]!).toBeCloseTo(1, 12);
  });
});

describe("aggregatePriorities (AIP)", () => {
  it("takes the normalised weighted geometric mean of the priority vectors", () => {
    const result = aggregatePriorities([
      { weight: 1, weights: { a: 0.8, b: 0.2 } },
      { weight: 1, weights: { a: 0.2, b: 0.8 } },
    ]);
    expect(result).toEqual({ a: 0.5, b: 0.5 });
  });
});

describe("groupAhp", () => {
  const raters: RaterJudgments[] = [
    { rater: "ana", matrix: { ids: IDS, values: LEADER } },
    { rater: "ben", matrix: { ids: IDS, values: matrixFrom([2, 2, 5, 1, 3, 3], 4) } },
    { rater: "cai", matrix: { ids: IDS, values: matrixFrom([5, 1, 9, 1 / 3, 2, 7], 4) } },
  ];

  it("gives each rater's own result and a group result with its consistency", () => {
    const result = groupAhp(raters);
    expect(result.individuals.map((i) => i.rater)).toEqual(["ana", "ben", "cai"]);
    expect(result.individuals[0]!.result.weights.experience).toBeCloseTo(0.5476, 4);
    expect(result.group!.consistencyRatio).not.toBeNull();
    expect(Object.values(result.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(result.agreement.raters).toBe(3);
  });

  it("AIJ of identical raters is each rater's own result, with full agreement", () => {
    const same = groupAhp([
      { rater: "a", matrix: { ids: IDS, values: LEADER } },
      { rater: "b", matrix: { ids: IDS, values: LEADER } },
    ]);
    const alone = ahpWeights({ ids: IDS, values: LEADER });
    for (const id of IDS) expect(same.weights[id]).toBeCloseTo(alone.weights[id]!, 12);
    expect(same.agreement.w).toBe(1);
  });

  it("AIP combines priorities, not judgments", () => {
    const result = groupAhp(raters, { aggregation: "priorities" });
    expect(result.group).toBeNull();
    const expected = aggregatePriorities(
      result.individuals.map(({ result: r }) => ({ weight: 1, weights: r.weights })),
    );
    for (const id of IDS) expect(result.weights[id]).toBeCloseTo(expected[id]!, 12);
  });

  it("aligns raters who list the ids in another order", () => {
    const order = [2, 0, 3, 1];
    const shuffled = {
      ids: order.map((i) => IDS[i]!),
      values: order.map((i) => order.map((j) => LEADER[i]![j]!)),
    };
    const result = groupAhp([
      { rater: "a", matrix: { ids: IDS, values: LEADER } },
      { rater: "b", matrix: shuffled },
    ]);
    expect(result.agreement.w).toBe(1);
    expect(result.weights.experience).toBeCloseTo(0.5476, 4);
  });

  it("leaves a rater of weight 0 out of the aggregate", () => {
    const result = groupAhp([
      { rater: "a", matrix: { ids: IDS, values: LEADER } },
      { rater: "b", weight: 0, matrix: raters[2]!.matrix },
    ]);
    expect(result.weights.experience).toBeCloseTo(0.5476, 4);
  });

  it.each([
    ["a single rater", [raters[0]!], /at least two raters/],
    [
      "raters comparing different ids",
      [
        raters[0]!,
        {
          rater: "x",
          matrix: {
            ids: ["a", "b"],
            values: [
              [1, 2],
              [1 / 2, 1],
            ],
          },
        },
      ],
      /expected the same ids as raters\[0\]/,
    ],
    ["a negative rater weight", [raters[0]!, { ...raters[1]!, weight: -1 }], /weight of at least 0/],
    [
      "all weights zero",
      [
        { ...raters[0]!, weight: 0 },
        { ...raters[1]!, weight: 0 },
      ],
      /weight above 0/,
    ],
  ])("rejects %s", (_name, input, message) => {
    expect(() => groupAhp(input as RaterJudgments[])).toThrow(message);
  });

  const judgment = fc.constantFrom(1 / 9, 1 / 5, 1 / 3, 1, 3, 5, 9);
  test.prop([
    fc.array(fc.array(judgment, { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 6 }),
    fc.constantFrom("judgments", "priorities" as const),
  ])("rater order changes nothing", (uppers, aggregation) => {
    const list = uppers.map((upper, r) => ({
      rater: `r${r}`,
      matrix: { ids: IDS, values: matrixFrom(upper, 4) },
    }));
    const forward = groupAhp(list, { aggregation });
    const backward = groupAhp([...list].reverse(), { aggregation });
    for (const id of IDS) expect(backward.weights[id]).toBeCloseTo(forward.weights[id]!, 12);
    expect(backward.agreement.w ?? -1).toBeCloseTo(forward.agreement.w ?? -1, 12);
  });
});
