import { fc } from "@fast-check/vitest";
import type { DecisionProblem } from "./decision-problem.js";

/**
 * Hwang, C.L. & Yoon, K. (1981) *Multiple Attribute Decision Making: Methods and Applications*, Springer —
 * the fighter-aircraft example used throughout the book, worked by TOPSIS on pp. 133-134: four aircraft, six
 * criteria (maximum speed in Mach, ferry range in NM, maximum payload in lb, acquisition cost in $10^6 (a
 * cost), reliability and manoeuvrability on a 1-9 scale), weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3. The matrix is
 * the book's as quoted by ldss-hse/ldss-benchmark ("Example taken from TOPSIS book, page 133",
 * benchmark/assessments/decision_matrix.py) and confirmed by the concordance matrix of the same example on
 * the Czech University of Life Sciences' ORMS pages ("Fighter Aircraft Problem - Permutation Method", e.g. A1
 * over A2 by 0.7, A3 over A4 by 0.8, A4 over A1 by 0.7 counting ties). The book's printed results are in
 * `topsis.test.ts`.
 */
export const FIGHTER_AIRCRAFT: DecisionProblem = {
  alternatives: ["A1", "A2", "A3", "A4"],
  criteria: [
    { id: "speed", weight: 0.2, direction: "benefit" },
    { id: "range", weight: 0.1, direction: "benefit" },
    { id: "payload", weight: 0.1, direction: "benefit" },
    { id: "cost", weight: 0.1, direction: "cost" },
    { id: "reliability", weight: 0.2, direction: "benefit" },
    { id: "manoeuvrability", weight: 0.3, direction: "benefit" },
  ],
  values: [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
  ],
};

/**
 * Opricovic, S. & Tzeng, G.-H. (2004) "Compromise solution by MCDM methods: a comparative analysis of VIKOR
 * and TOPSIS", European Journal of Operational Research 156(2), 445-455: the paper's numerical example, three
 * alternatives on two criteria of equal weight, f1 a cost (1, 2, 5) and f2 a benefit (3000, 3750, 4500). The
 * paper itself was not reachable here; the data are as three libraries quote it, each citing the paper:
 * scikit-criteria (tests/agg/test_vikor.py, `test_VIKOR_opricovic2004compromise`), pymcdm
 * (test/test_mcdm.py, `TestVIKOR.test_output_opricovic`) and the R package MCDM (the `VIKOR` help page's
 * example). The printed results are in `vikor.test.ts` and `topsis.test.ts`.
 */
export const OPRICOVIC_TZENG_2004: DecisionProblem = {
  alternatives: ["A1", "A2", "A3"],
  criteria: [
    { id: "f1", weight: 0.5, direction: "cost" },
    { id: "f2", weight: 0.5, direction: "benefit" },
  ],
  values: [
    [1, 3000],
    [2, 3750],
    [5, 4500],
  ],
};

/**
 * Random small problems for the weight-scaling properties: 2-8 alternatives rated 1-9 on three criteria (the
 * second a cost), weights, and a factor to scale every weight by; `at(scale)` builds the problem.
 */
export const scaledProblems = fc
  .tuple(
    fc.array(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 8,
    }),
    fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }),
    fc.double({ min: 0.001, max: 1000, noNaN: true }),
  )
  .map(([values, weights, factor]) => ({
    factor,
    at: (scale: number): DecisionProblem => ({
      alternatives: values.map((_, i) => `a${i}`),
      criteria: weights.map((weight, j) => ({
        id: `c${j}`,
        weight: weight * scale,
        direction: j === 1 ? "cost" : "benefit",
      })),
      values,
    }),
  }));
