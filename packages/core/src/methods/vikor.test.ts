import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DecisionProblem } from "./decision-problem.js";
import { FIGHTER_AIRCRAFT, OPRICOVIC_TZENG_2004, scaledProblems } from "./published-cases.test-helpers.js";
import { vikor } from "./vikor.js";

const equalWeights = (values: number[][]): DecisionProblem => ({
  alternatives: values.map((_, i) => `A${i + 1}`),
  criteria: values[0]!.map((_, j) => ({ id: `c${j + 1}`, weight: 1, direction: "benefit" as const })),
  values,
});

/**
 * Opricovic, S. & Tzeng, G.-H. (2007) "Extended VIKOR method in comparison with outranking methods", European
 * Journal of Operational Research 178(2), 514-529: the numerical example, six reservoir-system alternatives on
 * eight criteria (profit, cost, energy produced, peak energy produced, homes to be relocated, reservoir area,
 * villages to displace, environmental protection), solved for four weight vectors with v = 0.5. The paper was
 * not reachable here: the matrix and the printed S, R, Q (three decimals), ranking, conditions and compromise
 * sets are as scikit-criteria transcribes them, citing the paper (tests/agg/test_vikor.py,
 * `test_VIKOR_opricovic2007extended`, commit 35f17ee). Its float literals drop trailing zeros (0.7 for 0.700),
 * so every value is held to the table's three decimals: within 0.0005.
 */
const OPRICOVIC_TZENG_2007: DecisionProblem = {
  alternatives: ["A1", "A2", "A3", "A4", "A5", "A6"],
  criteria: (["benefit", "cost", "benefit", "benefit", "cost", "cost", "cost", "benefit"] as const).map(
    (direction, j) => ({ id: `f${j + 1}`, weight: 1, direction }),
  ),
  values: [
    [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
    [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
    [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
    [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
    [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
    [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
  ],
};

/** The 2007 paper's results for each weight vector, as printed (see {@link OPRICOVIC_TZENG_2007}). */
const OPRICOVIC_TZENG_2007_PRINTED = [
  {
    weights: [1, 1, 1, 1, 1, 1, 1, 1],
    s: [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
    r: [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
    q: [0.991, 1.0, 0.473, 0.67, 0.0, 0.578],
    order: ["A5", "A3", "A6", "A4", "A1", "A2"],
    acceptableAdvantage: true,
    acceptableStability: true,
    compromise: ["A5"],
  },
  {
    weights: [2, 2, 2, 2, 1, 1, 1, 1],
    s: [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
    r: [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
    q: [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
    order: ["A5", "A2", "A3", "A4", "A6", "A1"],
    acceptableAdvantage: true,
    acceptableStability: true,
    compromise: ["A5"],
  },
  {
    weights: [1, 1, 1, 1, 2, 2, 2, 2],
    s: [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
    r: [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
    q: [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
    order: ["A5", "A3", "A6", "A4", "A1", "A2"],
    acceptableAdvantage: false,
    acceptableStability: true,
    compromise: ["A3", "A5", "A6"],
  },
  {
    weights: [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
    s: [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
    r: [0.129, 0.19, 0.057, 0.139, 0.042, 0.06],
    q: [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
    order: ["A3", "A5", "A6", "A4", "A1", "A2"],
    acceptableAdvantage: false,
    acceptableStability: true,
    compromise: ["A3", "A5", "A6"],
  },
];

/**
 * VIKOR as defined by Opricovic, S. & Tzeng, G.-H. (2004) "Compromise solution by MCDM methods: a comparative
 * analysis of VIKOR and TOPSIS", European Journal of Operational Research 156(2), 445-455 (eqs. for S, R, Q;
 * conditions C1 and C2; the compromise set), pinned to the printed results of that paper's example and of
 * the 2007 paper's, and to cases derived from the definitions by hand or by an independent numpy run.
 */
describe("vikor", () => {
  it("reproduces Opricovic & Tzeng's (2004) example: S, R, Q, both conditions and the compromise A2", () => {
    // Printed values as scikit-criteria quotes them (tests/agg/test_vikor.py,
    // `test_VIKOR_opricovic2004compromise`, commit 35f17ee): S = 0.5, 0.375, 0.5; R = 0.5, 0.25, 0.5;
    // Q = 1.0, 0.0, 1.0; acceptable advantage and acceptable stability both hold; the compromise is A2.
    // pymcdm quotes the same Q, [1, 0, 1] (test/test_mcdm.py, `TestVIKOR.test_output_opricovic`).
    const result = vikor(OPRICOVIC_TZENG_2004);
    [0.5, 0.375, 0.5].forEach((s, i) => {
      expect(result.s[i]).toBeCloseTo(s, 3);
    });
    [0.5, 0.25, 0.5].forEach((r, i) => {
      expect(result.r[i]).toBeCloseTo(r, 3);
    });
    [1, 0, 1].forEach((q, i) => {
      expect(result.q[i]).toBeCloseTo(q, 3);
    });
    expect(result.dq).toBe(0.5);
    expect(result.acceptableAdvantage).toBe(true);
    expect(result.acceptableStability).toBe(true);
    expect(result.compromise).toEqual([1]);
  });

  it("gives the 2004 example the same answer after a change of origin and unit of each criterion", () => {
    // scikit-criteria's variant of the same test: f1 + 5 and f2 / 1000 - 1.
    const moved = {
      ...OPRICOVIC_TZENG_2004,
      values: OPRICOVIC_TZENG_2004.values.map(([f1, f2]) => [f1! + 5, f2! / 1000 - 1]),
    };
    const original = vikor(OPRICOVIC_TZENG_2004);
    const result = vikor(moved);
    result.q.forEach((q, i) => {
      expect(q).toBeCloseTo(original.q[i]!, 12);
    });
    expect(result.compromise).toEqual(original.compromise);
  });

  it.each(OPRICOVIC_TZENG_2007_PRINTED.map((printed, k) => [`W${k + 1}`, printed] as const))(
    "reproduces Opricovic & Tzeng's (2007) results for weights %s to the printed three decimals",
    (_, printed) => {
      const problem = {
        ...OPRICOVIC_TZENG_2007,
        criteria: OPRICOVIC_TZENG_2007.criteria.map((c, j) => ({ ...c, weight: printed.weights[j]! })),
      };
      const result = vikor(problem);
      const names = (indices: readonly number[]) => indices.map((i) => problem.alternatives[i]);
      printed.s.forEach((s, i) => {
        expect(result.s[i], `S(A${i + 1})`).toBeCloseTo(s, 3);
      });
      printed.r.forEach((r, i) => {
        expect(result.r[i], `R(A${i + 1})`).toBeCloseTo(r, 3);
      });
      printed.q.forEach((q, i) => {
        expect(result.q[i], `Q(A${i + 1})`).toBeCloseTo(q, 3);
      });
      expect(names(result.order)).toEqual(printed.order);
      expect(result.dq).toBeCloseTo(0.2, 12);
      expect(result.acceptableAdvantage).toBe(printed.acceptableAdvantage);
      expect(result.acceptableStability).toBe(printed.acceptableStability);
      expect(names(result.compromise).sort()).toEqual(printed.compromise);
    },
  );

  it("on Hwang & Yoon's fighter aircraft (derived, no print): C2 holds, C1 fails, the compromise is {A1, A3}", () => {
    const result = vikor(FIGHTER_AIRCRAFT);
    // By hand for A1: regrets 0.2 * 0.5/0.7, 0.1 * 1200/1200, 0.1 * 1000/3000, 0.1 * 1/2, 0.2 * 2/4, 0.
    expect(result.s[0]).toBeCloseTo(0.2 / 1.4 + 0.1 + 0.1 / 3 + 0.05 + 0.1, 12);
    expect(result.r[0]).toBeCloseTo(0.2 / 1.4, 12);
    [0.4261904762, 0.7, 0.4083333333, 0.619047619].forEach((s, i) => {
      expect(result.s[i]).toBeCloseTo(s, 9);
    });
    [0.1428571429, 0.3, 0.2, 0.3].forEach((r, i) => {
      expect(result.r[i]).toBeCloseTo(r, 9);
    });
    [0.0306122449, 1, 0.1818181818, 0.8612244898].forEach((q, i) => {
      expect(result.q[i]).toBeCloseTo(q, 9);
    });
    expect(result.order).toEqual([0, 2, 3, 1]);
    expect(result.dq).toBeCloseTo(1 / 3, 12);
    // Q(A3) - Q(A1) = 0.151 < 1/3; A1 is best by R (not by S: A3 is).
    expect(result.acceptableAdvantage).toBe(false);
    expect(result.acceptableStability).toBe(true);
    expect(result.compromise).toEqual([0, 2]);
  });

  it("proposes one alternative when it has an acceptable advantage and is stable (by hand)", () => {
    // Regrets on two equal criteria: S = 0, 0.6, 0.8, 1 and R = 0, 0.3, 0.4, 0.5, so Q = S.
    const result = vikor(
      equalWeights([
        [10, 10],
        [4, 4],
        [2, 2],
        [0, 0],
      ]),
    );
    [0, 0.6, 0.8, 1].forEach((q, i) => {
      expect(result.q[i]).toBeCloseTo(q, 12);
    });
    expect(result.acceptableAdvantage).toBe(true);
    expect(result.acceptableStability).toBe(true);
    expect(result.compromise).toEqual([0]);
  });

  it("widens the compromise when the first by Q is best by neither S nor R (by hand)", () => {
    // A3 = (4, 2, 4): S = 1/12 + 1/4 + 1/9 = 0.444, R = 0.25; best S is A2's 0.333, best R A4's 0.222.
    const result = vikor(
      equalWeights([
        [1, 5, 2],
        [5, 1, 5],
        [4, 2, 4],
        [3, 3, 3],
      ]),
    );
    expect(result.s[2]).toBeCloseTo(1 / 12 + 1 / 4 + 1 / 9, 12);
    expect(result.r[2]).toBeCloseTo(0.25, 12);
    expect(result.order).toEqual([2, 3, 1, 0]);
    expect(result.acceptableStability).toBe(false);
    expect(result.acceptableAdvantage).toBe(false);
    // Without C1: every alternative within DQ = 1/3 of the first's Q (0.292): A4 0.333, A2 0.5; not A1 (1).
    expect(result.compromise).toEqual([2, 3, 1]);
  });

  it("has no conditions for a single alternative", () => {
    const result = vikor(equalWeights([[1, 2]]));
    expect(result).toMatchObject({ dq: null, acceptableAdvantage: null, acceptableStability: null });
    expect(result.compromise).toEqual([0]);
  });

  it("reads S or R values that differ by rounding alone as equal (R- = R*: that term of Q is 0)", () => {
    // Found by the weight-scaling property: every alternative's R is 1/3, summed in different orders.
    // By hand: S = 2/3, 1/3, 1/3, so Q = 0.5 (2/3 - 1/3) / (1/3) = 0.5, 0, 0 and the regret term is 0.
    for (const weight of [0.01, 0.00001]) {
      const result = vikor({
        alternatives: ["a0", "a1", "a2"],
        criteria: (["benefit", "cost", "benefit"] as const).map((direction, j) => ({
          id: `c${j}`,
          weight: weight * (1 + j * 1e-15),
          direction,
        })),
        values: [
          [1, 1, 1],
          [1, 1, 2],
          [2, 2, 2],
        ],
      });
      [0.5, 0, 0].forEach((q, i) => {
        expect(result.q[i]).toBeCloseTo(q, 12);
        expect(result.r[i]).toBeCloseTo(1 / 3, 12);
      });
      expect(result.acceptableStability).toBe(true);
      expect(result.compromise).toEqual([1, 2]);
    }
  });

  test.prop([scaledProblems])(
    "Q and the compromise are unchanged when every weight is scaled",
    ({ at, factor }) => {
      const base = vikor(at(1));
      const scaled = vikor(at(factor));
      base.q.forEach((q, i) => {
        expect(scaled.q[i]).toBeCloseTo(q, 9);
      });
      expect(scaled.compromise).toEqual(base.compromise);
    },
  );
});
