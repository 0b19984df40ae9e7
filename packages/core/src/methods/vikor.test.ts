import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DecisionProblem } from "./decision-problem.js";
import { FIGHTER_AIRCRAFT, scaledProblems } from "./published-cases.test-helpers.js";
import { vikor } from "./vikor.js";

const equalWeights = (values: number[][]): DecisionProblem => ({
  alternatives: values.map((_, i) => `A${i + 1}`),
  criteria: values[0]!.map((_, j) => ({ id: `c${j + 1}`, weight: 1, direction: "benefit" as const })),
  values,
});

/**
 * VIKOR as defined by Opricovic, S. & Tzeng, G.-H. (2004) "Compromise solution by MCDM methods: a comparative
 * analysis of VIKOR and TOPSIS", European Journal of Operational Research 156(2), 445-455 (eqs. for S, R, Q;
 * conditions C1 and C2; the compromise set). The paper's own numerical example was not at hand, so its printed
 * Q values are not used; the cases below are derived from those definitions, by hand where stated and
 * otherwise by an independent numpy implementation run for this test.
 */
describe("vikor", () => {
  it("on Hwang & Yoon's fighter aircraft: S, R, Q; C2 holds, C1 fails, so the compromise is {A1, A3}", () => {
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
