import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { ahpWeights, comparisonGroups, describeJudgmentAdvice, rowGeometricMeans } from "./ahp.js";
import { harkerCompletion, MAX_COMPLETION_WORK } from "./completion.js";
import type { PairwiseMatrix } from "./pairwise-matrix.js";

/**
 * Wikipedia, "Analytic hierarchy process – leader example" (choosing a leader: Tom, Dick, Harry). Criteria
 * matrix as in the article (also in the `ahp` R package's tom_dick_harry.ahp and Haskell's hahp sample);
 * printed weights Experience .547, Education .127, Charisma .270, Age .056 — an inconsistent matrix
 * (Experience 3x Charisma, Charisma 3x Education, yet Experience only 4x Education). The article's .547 is
 * a hair below the exact eigenvector (0.5476), so weights are pinned to 2 places, CR to its printed 0.044.
 */
const LEADER: PairwiseMatrix = {
  ids: ["experience", "education", "charisma", "age"],
  values: [
    [1, 4, 3, 7],
    [1 / 4, 1, 1 / 3, 3],
    [1 / 3, 3, 1, 5],
    [1 / 7, 1 / 3, 1 / 5, 1],
  ],
};

/**
 * Saaty, T.L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1),
 * 83-98, Table 2: "Which drink is consumed more in the U.S.?" (n = 7). Printed derived scale: coffee .177,
 * wine .019, tea .042, beer .116, sodas .190, milk .129, water .327. CR 0.022 with Saaty's 2005 RI (1.35).
 */
const DRINKS: PairwiseMatrix = {
  ids: ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"],
  values: [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
  ],
};

/**
 * Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process", European Journal of
 * Operational Research 48, 9-26 — choosing a house, the eight criteria (n = 8, inconsistent). Printed
 * priorities .173 .054 .188 .018 .031 .036 .167 .333; lambda-max 9.669, CI 0.238, CR 0.169.
 */
const HOUSE: PairwiseMatrix = {
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

/** A consistent matrix built from weights: a_ij = w_i / w_j. */
function consistentFrom(weights: readonly number[]): PairwiseMatrix {
  return {
    ids: weights.map((_, i) => `c${i}`),
    values: weights.map((wi) => weights.map((wj) => wi / wj)),
  };
}

describe("ahpWeights on published examples", () => {
  it("reproduces the Wikipedia leader example (n = 4, inconsistent)", () => {
    const result = ahpWeights(LEADER);
    expect(result.weights.experience).toBeCloseTo(0.547, 2);
    expect(result.weights.education).toBeCloseTo(0.127, 3);
    expect(result.weights.charisma).toBeCloseTo(0.27, 3);
    expect(result.weights.age).toBeCloseTo(0.056, 3);
    expect(result.consistencyRatio).toBeCloseTo(0.044, 3);
    expect(result.verdict).toBe("acceptable");
  });

  it.each([
    // Same article: each candidate compared under each criterion; printed local priorities (Tom, Dick, Harry).
    [
      "experience",
      [
        [1, 1 / 4, 4],
        [4, 1, 9],
        [1 / 4, 1 / 9, 1],
      ],
      [0.217, 0.717, 0.066],
    ],
    [
      "education",
      [
        [1, 3, 1 / 5],
        [1 / 3, 1, 1 / 7],
        [5, 7, 1],
      ],
      [0.188, 0.081, 0.731],
    ],
    [
      "charisma",
      [
        [1, 5, 9],
        [1 / 5, 1, 4],
        [1 / 9, 1 / 4, 1],
      ],
      [0.743, 0.194, 0.063],
    ],
    [
      "age",
      [
        [1, 1 / 3, 5],
        [3, 1, 9],
        [1 / 5, 1 / 9, 1],
      ],
      [0.265, 0.672, 0.063],
    ],
  ])("reproduces the leader example's candidates under %s", (_criterion, values, printed) => {
    const result = ahpWeights({ ids: ["tom", "dick", "harry"], values });
    result.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(printed[i]!, 3);
    });
  });

  it("reproduces Saaty's (2008) drink-consumption example (n = 7)", () => {
    const result = ahpWeights(DRINKS, { randomIndex: "saaty-2005" });
    const printed = [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327];
    result.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(printed[i]!, 3);
    });
    expect(result.randomIndex).toBe(1.35);
    expect(result.consistencyRatio).toBeCloseTo(0.022, 3);
  });

  it("reproduces Saaty's (1990) house example (n = 8, CR above 0.1)", () => {
    const result = ahpWeights(HOUSE);
    const printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
    result.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(printed[i]!, 3);
    });
    expect(result.lambdaMax).toBeCloseTo(9.669, 3);
    expect(result.consistencyIndex).toBeCloseTo(0.238, 3);
    expect(result.consistencyRatio).toBeCloseTo(0.169, 3);
    expect(result.verdict).toBe("revise");
  });
});

describe("consistency", () => {
  it("gives CR = 0, lambda-max = n and the exact weights for a consistent matrix", () => {
    const weights = [0.4, 0.3, 0.2, 0.1];
    const result = ahpWeights(consistentFrom(weights));
    result.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(weights[i]!, 12);
    });
    expect(result.lambdaMax).toBeCloseTo(4, 12);
    expect(result.consistencyRatio).toBeCloseTo(0, 12);
    expect(result.worstJudgments).toEqual([]);
  });

  it.each([
    [1, [[1]], 0],
    [
      2,
      [
        [1, 5],
        [1 / 5, 1],
      ],
      0,
    ],
  ])("takes CR = 0 for n = %i", (_n, values, cr) => {
    const result = ahpWeights({ ids: values.map((_, i) => `c${i}`), values });
    expect(result.consistencyRatio).toBe(cr);
    expect(result.verdict).toBe("acceptable");
  });

  it("reports CR as unknown beyond the table, with the weights still computed", () => {
    const weights = Array.from({ length: 16 }, (_, i) => 1 + i / 2);
    const result = ahpWeights(consistentFrom(weights));
    expect(result.consistencyRatio).toBeNull();
    expect(result.verdict).toBe("unknown");
    expect(result.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it.each([
    ["saaty-1980", 0.9],
    ["saaty-2005", 0.89],
    ["donegan-dodd-1991", 0.8286],
    ["alonso-lamata-2006", 0.8815],
  ] as const)("divides by the %s random index", (table, ri) => {
    const result = ahpWeights(LEADER, { randomIndex: table });
    expect(result.randomIndex).toBe(ri);
    expect(result.consistencyRatio).toBeCloseTo(result.consistencyIndex / ri, 12);
  });

  it("names the judgment that breaks consistency and the value that would restore it", () => {
    // Consistent weights 4:2:1, except a_13 = 1 (should be 4).
    const result = ahpWeights({
      ids: ["a", "b", "c"],
      values: [
        [1, 2, 1],
        [1 / 2, 1, 2],
        [1, 1 / 2, 1],
      ],
    });
    const worst = result.worstJudgments[0]!;
    expect(result.verdict).toBe("revise");
    // In a 3 x 3 every judgment is off by the same error ratio, the cube root of the cycle's product
    // 2 * 2 * 1 = 4; ties are listed in matrix order.
    expect(result.worstJudgments.map((advice) => `${advice.row}:${advice.column}`)).toEqual([
      "a:b",
      "a:c",
      "b:c",
    ]);
    for (const advice of result.worstJudgments) {
      expect(Math.max(advice.deviation, 1 / advice.deviation)).toBeCloseTo(Math.cbrt(4), 10);
    }
    // Saaty's advice: replace a_ij by w_i / w_j; the scale value nearest to it here restores consistency.
    const i = result.ids.indexOf(worst.row);
    const j = result.ids.indexOf(worst.column);
    expect(worst.consistentValue).toBeCloseTo(result.vector[i]! / result.vector[j]!, 12);
    expect(worst.consistencyRatioIfChanged!).toBeLessThan(result.consistencyRatio!);
    expect(describeJudgmentAdvice(worst)).toMatch(/given, .* would be consistent \(try /);
    expect(describeJudgmentAdvice({ ...worst, value: 2, consistentValue: 1.8, suggestedValue: 2 })).toMatch(
      /1.8 would be consistent \(already the nearest scale value\)$/,
    );
  });

  it("suggests, for the house example, changing the judgments Saaty's error ratio ranks worst", () => {
    const result = ahpWeights(HOUSE, { worstJudgments: 3 });
    const [first] = result.worstJudgments;
    // Neighbourhood judged 6x general condition, while the weights say 0.188 / 0.167 ~ 1.1.
    expect(first).toMatchObject({ row: "neighbourhood", column: "condition", value: 6 });
    expect(first!.consistentValue).toBeCloseTo(0.188 / 0.167, 1);
    expect(first!.consistencyRatioIfChanged!).toBeLessThan(0.1);
  });
});

describe("geometric-mean method", () => {
  it.each([
    [
      "the leader example's Tom/Dick/Harry under experience",
      [
        [1, 1 / 4, 4],
        [4, 1, 9],
        [1 / 4, 1 / 9, 1],
      ],
    ],
    [
      "an inconsistent 3 x 3",
      [
        [1, 2, 1],
        [1 / 2, 1, 2],
        [1, 1 / 2, 1],
      ],
    ],
    [
      "a 2 x 2",
      [
        [1, 7],
        [1 / 7, 1],
      ],
    ],
  ])("agrees with the eigenvector for n <= 3: %s", (_name, values) => {
    const matrix = { ids: values.map((_, i) => `c${i}`), values };
    const eigen = ahpWeights(matrix).vector;
    const geometric = ahpWeights(matrix, { method: "geometric-mean" }).vector;
    geometric.forEach((weight, i) => {
      expect(weight).toBeCloseTo(eigen[i]!, 10);
    });
  });

  test.prop([fc.array(fc.double({ min: 1, max: 9, noNaN: true }), { minLength: 1, maxLength: 12 })])(
    "agrees with the eigenvector for consistent matrices",
    (raw) => {
      const matrix = consistentFrom(raw);
      const eigen = ahpWeights(matrix).vector;
      const geometric = ahpWeights(matrix, { method: "geometric-mean" }).vector;
      geometric.forEach((weight, i) => {
        expect(weight).toBeCloseTo(eigen[i]!, 9);
      });
    },
  );

  it("equals the normalised row geometric means on a complete matrix", () => {
    const result = ahpWeights(HOUSE, { method: "geometric-mean" });
    const expected = rowGeometricMeans(HOUSE.values as number[][]);
    result.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(expected[i]!, 12);
    });
    // Consistency is a property of the matrix, not of the method.
    expect(result.lambdaMax).toBeCloseTo(9.669, 3);
  });
});

describe("missing judgments (Harker 1987)", () => {
  it("recovers the exact weights when a consistent matrix misses judgments", () => {
    const weights = [0.5, 0.25, 0.15, 0.1];
    const full = consistentFrom(weights);
    const values = full.values.map((row) => [...row]);
    values[0]![3] = null;
    values[3]![0] = null;
    values[1]![2] = null;
    values[2]![1] = null;
    for (const method of ["eigenvector", "geometric-mean"] as const) {
      const result = ahpWeights({ ids: full.ids, values }, { method });
      result.vector.forEach((weight, i) => {
        expect(weight).toBeCloseTo(weights[i]!, 10);
      });
      expect(result.missing).toBe(2);
      expect(result.completed[0]![3]).toBeCloseTo(5, 10);
    }
  });

  it("gives the eigenvector of the completed matrix (Harker's fixed point)", () => {
    const values: (number | null)[][] = DRINKS.values.map((row) => [...row]);
    values[0]![6] = null;
    values[6]![0] = null;
    values[2]![4] = null;
    values[4]![2] = null;
    const incomplete = ahpWeights({ ids: DRINKS.ids, values });
    const completed = ahpWeights({ ids: DRINKS.ids, values: incomplete.completed });
    completed.vector.forEach((weight, i) => {
      expect(weight).toBeCloseTo(incomplete.vector[i]!, 9);
    });
    expect(completed.lambdaMax).toBeCloseTo(incomplete.lambdaMax, 9);
  });

  it("fills a missing cell from its mirror", () => {
    const result = ahpWeights({
      ids: ["a", "b"],
      values: [
        [1, 3],
        [null, 1],
      ],
    });
    expect(result.weights).toEqual({ a: 0.75, b: 0.25 });
    expect(result.missing).toBe(0);
  });

  it("rejects comparisons that do not connect every criterion, naming the groups", () => {
    const matrix = {
      ids: ["a", "b", "c", "d"],
      values: [
        [1, 3, null, null],
        [1 / 3, 1, null, null],
        [null, null, 1, 2],
        [null, null, 1 / 2, 1],
      ],
    };
    expect(comparisonGroups(matrix)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(() => ahpWeights(matrix)).toThrow(CxprismError);
    expect(() => ahpWeights(matrix)).toThrow(
      /2 groups never compared with each other: \{a, b\} and \{c, d\}/,
    );
  });
});

describe("invariants", () => {
  const judgment = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9);
  const matrixArb = fc.integer({ min: 2, max: 8 }).chain((n) =>
    fc.array(judgment, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const values = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          values[i]![j] = upper[k]!;
          values[j]![i] = 1 / upper[k]!;
          k++;
        }
      }
      return { ids: values.map((_, i) => `c${i}`), values };
    }),
  );

  test.prop([matrixArb, fc.constantFrom("eigenvector", "geometric-mean" as const)])(
    "weights are positive and sum to 1; lambda-max >= n",
    (matrix, method) => {
      const result = ahpWeights(matrix, { method });
      expect(result.vector.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const weight of result.vector) expect(weight).toBeGreaterThan(0);
      expect(result.lambdaMax).toBeGreaterThanOrEqual(matrix.ids.length - 1e-9);
    },
  );

  test.prop([
    matrixArb.chain((matrix) =>
      fc
        .shuffledSubarray(
          matrix.ids.map((_, i) => i),
          { minLength: matrix.ids.length, maxLength: matrix.ids.length },
        )
        .map((order) => ({ matrix, order })),
    ),
  ])("permuting the criteria permutes the weights", ({ matrix, order }) => {
    const permuted = {
      ids: order.map((i) => matrix.ids[i]!),
      values: order.map((i) => order.map((j) => matrix.values[i]![j]!)),
    };
    const original = ahpWeights(matrix);
    const result = ahpWeights(permuted);
    for (const id of matrix.ids) expect(result.weights[id]).toBeCloseTo(original.weights[id]!, 10);
    expect(result.lambdaMax).toBeCloseTo(original.lambdaMax, 10);
  });
});

/** A perfectly consistent chain: only a_(i,i+1) = 2 is given, every other judgment is missing. */
function chain(n: number): PairwiseMatrix {
  return {
    ids: Array.from({ length: n }, (_, i) => `c${i}`),
    values: Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : j === i + 1 ? 2 : i === j + 1 ? 1 / 2 : null)),
    ),
  };
}

describe("convergence (issue #16)", () => {
  it.each(["harker", "optimal"] as const)(
    "gives the exact weights of a consistent chain of 30 criteria, CR 0 and no advice (%s)",
    (completion) => {
      const result = ahpWeights(chain(30), { completion, randomIndex: "donegan-dodd-1991" });
      // w_i is proportional to 2^-i.
      const total = (1 - 2 ** -30) * 2;
      result.vector.forEach((weight, i) => {
        expect(weight / (2 ** -i / total)).toBeCloseTo(1, 9);
      });
      expect(result.lambdaMax).toBeCloseTo(30, 9);
      expect(result.consistencyRatio).toBeCloseTo(0, 9);
      expect(result.randomIndex).toBe(1.5772);
      expect(result.randomIndexBasis).toBe("tabulated");
      expect(result.worstJudgments).toEqual([]);
    },
  );

  it("throws not-converged instead of returning weights the solver did not settle", () => {
    const attempt = () => ahpWeights(HOUSE, { maxIterations: 1, path: ["matrix"] });
    expect(attempt).toThrow(CxprismError);
    expect(attempt).toThrow(/expected the principal eigenvector to converge within 1 iterations/);
    try {
      attempt();
    } catch (error) {
      expect((error as CxprismError).code).toBe("not-converged");
      expect((error as CxprismError).problems[0]!.path).toEqual(["matrix"]);
    }
  });
});

describe("optimal completion (Bozóki, Fülöp & Rónyai 2010)", () => {
  /**
   * Bozóki, S., Fülöp, J. & Rónyai, L. (2010) "On optimal completion of incomplete pairwise comparison
   * matrices", Mathematical and Computer Modelling 52, 318-333, Example 3: a 4 x 4 matrix with a_34 missing.
   * The paper prints the optimal missing judgment, x = 0.7302965066047 (and van Uden's triad approximation,
   * 0.73029674334, equal to 6 digits). It prints no weights for this example: those below are the ones AHPy
   * prints for it in its README ("Missing Pairwise Comparisons": weights a .3738, b .392, c .0985, d .1357,
   * CR .0372 with Donegan-Dodd's RI), and lambda-max 4.0923673 comes from numpy's largest eigenvalue of the
   * completed matrix.
   */
  const BOZOKI: PairwiseMatrix = {
    ids: ["a", "b", "c", "d"],
    values: [
      [1, 1, 5, 2],
      [1, 1, 3, 4],
      [1 / 5, 1 / 3, 1, null],
      [1 / 2, 1 / 4, null, 1],
    ],
  };

  it("reproduces Example 3: the missing judgment, the weights and CR", () => {
    const result = ahpWeights(BOZOKI, { completion: "optimal", randomIndex: "donegan-dodd-1991" });
    expect(result.completion).toBe("optimal");
    expect(result.completed[2]![3]).toBeCloseTo(0.7302965066047, 6);
    expect(result.completed[3]![2]).toBeCloseTo(1 / 0.7302965066047, 6);
    expect(result.lambdaMax).toBeCloseTo(4.0923673, 6);
    expect(result.weights.a).toBeCloseTo(0.3738, 4);
    expect(result.weights.b).toBeCloseTo(0.392, 4);
    expect(result.weights.c).toBeCloseTo(0.0985, 4);
    expect(result.weights.d).toBeCloseTo(0.1357, 4);
    expect(result.consistencyRatio).toBeCloseTo(0.0372, 4);
  });

  it("never has a larger lambda-max than Harker's completion, and differs from it here", () => {
    const harker = ahpWeights(BOZOKI);
    const optimal = ahpWeights(BOZOKI, { completion: "optimal" });
    expect(optimal.lambdaMax).toBeLessThan(harker.lambdaMax);
    expect(Math.abs(optimal.completed[2]![3]! - harker.completed[2]![3]!)).toBeGreaterThan(1e-3);
  });

  const judgment = fc.constantFrom(1 / 9, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 9);
  const incomplete = fc.integer({ min: 3, max: 6 }).chain((n) =>
    fc
      .tuple(
        fc.array(judgment, { minLength: n * n, maxLength: n * n }),
        fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }),
      )
      .map(([cells, keep]) => {
        const values: (number | null)[][] = Array.from({ length: n }, () => new Array(n).fill(1));
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            // The chain i, i+1 is always kept so the judgments connect; others are dropped at random.
            const value = j === i + 1 || keep[i * n + j] ? cells[i * n + j]! : null;
            values[i]![j] = value;
            values[j]![i] = value === null ? null : 1 / value;
          }
        }
        return { ids: values.map((_, i) => `c${i}`), values };
      }),
  );

  test.prop([incomplete], { numRuns: 30 })(
    "lambda-max of the optimal completion is at most Harker's, and is the completed matrix's own",
    (matrix) => {
      const harker = ahpWeights(matrix);
      const optimal = ahpWeights(matrix, { completion: "optimal" });
      expect(optimal.lambdaMax).toBeLessThanOrEqual(harker.lambdaMax + 1e-9);
      // The completed matrix may hold judgments beyond 9, so it is solved directly, not re-validated.
      const again = harkerCompletion(optimal.completed);
      expect(again.lambdaMax).toBeCloseTo(optimal.lambdaMax, 9);
      again.vector.forEach((weight, i) => {
        expect(weight).toBeCloseTo(optimal.vector[i]!, 9);
      });
    },
  );

  test.prop(
    [
      fc.array(fc.double({ min: 1, max: 9, noNaN: true }), { minLength: 1, maxLength: 10 }),
      fc.constantFrom("eigenvector", "geometric-mean" as const),
      fc.constantFrom("harker", "optimal" as const),
    ],
    { numRuns: 40 },
  )(
    "a consistent complete matrix: CR 0, no advice, the same weights by every method and completion",
    (raw, method, completion) => {
      const matrix = consistentFrom(raw);
      const result = ahpWeights(matrix, { method, completion });
      const total = raw.reduce((a, b) => a + b, 0);
      result.vector.forEach((weight, i) => {
        expect(weight).toBeCloseTo(raw[i]! / total, 10);
      });
      expect(result.consistencyRatio ?? 0).toBeCloseTo(0, 10);
      expect(result.worstJudgments).toEqual([]);
    },
  );
});

describe("random-index tables", () => {
  it.each([
    [3, 0.5799],
    [4, 0.8921],
    [10, 1.4882],
    [15, 1.5831],
  ])("Tummala & Ling (1998): n = %i has RI %d", (n, ri) => {
    const result = ahpWeights(consistentFrom(Array.from({ length: n }, (_, i) => 1 + i / 2)), {
      randomIndex: "tummala-ling-1998",
    });
    expect(result.randomIndex).toBe(ri);
    expect(result.randomIndexBasis).toBe("tabulated");
  });

  it("Donegan & Dodd (1991) gives a CR above n = 15, interpolated between printed sizes and saying so", () => {
    const weights = Array.from({ length: 22 }, (_, i) => 1 + i / 3);
    const values = consistentFrom(weights).values.map((row) => [...row]);
    values[0]![21] = 9;
    values[21]![0] = 1 / 9;
    const result = ahpWeights(
      { ids: consistentFrom(weights).ids, values },
      { randomIndex: "donegan-dodd-1991" },
    );
    // 1.5371 at n = 20 and 1.5619 at n = 25: two fifths of the way.
    expect(result.randomIndex).toBeCloseTo(1.5371 + (2 / 5) * (1.5619 - 1.5371), 12);
    expect(result.randomIndexBasis).toBe("interpolated");
    expect(result.consistencyRatio).toBeCloseTo(result.consistencyIndex / result.randomIndex!, 12);
    const saaty = ahpWeights({ ids: consistentFrom(weights).ids, values });
    expect(saaty.consistencyRatio).toBeNull();
    expect(saaty.randomIndexBasis).toBeNull();
  });
});

describe("worst-judgment advice only where it helps", () => {
  it("gives no 'already the nearest scale value' noise for Saaty's drinks (CR 0.022)", () => {
    const result = ahpWeights(DRINKS, { randomIndex: "saaty-2005" });
    expect(result.verdict).toBe("acceptable");
    for (const advice of result.worstJudgments) {
      expect(advice.suggestedValue).not.toBeCloseTo(advice.value, 9);
      expect(advice.consistencyRatioDrop!).toBeGreaterThan(0);
      expect(advice.consistencyRatioDrop!).toBeCloseTo(
        result.consistencyRatio! - advice.consistencyRatioIfChanged!,
        12,
      );
      expect(describeJudgmentAdvice(advice)).toMatch(/\(try [^:]+: CR falls by \d\.\d{3}\)$/);
    }
    expect(result.worstJudgments.some((a) => a.row === "water" && a.column === "wine")).toBe(false);
  });

  it("lists the worst judgments of a matrix that needs revision, each with its CR drop", () => {
    const result = ahpWeights(HOUSE);
    expect(result.verdict).toBe("revise");
    expect(result.worstJudgments).toHaveLength(3);
    for (const advice of result.worstJudgments) {
      expect(advice.consistencyRatioDrop).toBeCloseTo(
        result.consistencyRatio! - advice.consistencyRatioIfChanged!,
        12,
      );
    }
    expect(result.worstJudgments[0]!.consistencyRatioDrop!).toBeGreaterThan(0.069);
  });
});

describe("optimal completion's work limit", () => {
  it("stops a completion past MAX_COMPLETION_WORK with a message naming it and the way out", () => {
    // 20 criteria, inconsistent judgments (a fixed pseudo-random pattern), a third of them missing: about
    // 180,000,000 steps (several seconds) without the limit.
    const size = 20;
    const ids = Array.from({ length: size }, (_, i) => `c${i}`);
    const scale = [1 / 9, 1 / 5, 1 / 3, 1, 3, 5, 9];
    const values: (number | null)[][] = ids.map(() => ids.map(() => 1));
    let state = 7;
    const next = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    for (let i = 0; i < size; i++)
      for (let j = i + 1; j < size; j++) {
        // Every judgment next to the diagonal is kept, so the comparisons connect every criterion.
        const judgment = j > i + 1 && next() < 0.3 ? null : scale[Math.floor(next() * scale.length)]!;
        values[i]![j] = judgment;
        values[j]![i] = judgment === null ? null : 1 / judgment;
      }
    const started = Date.now();
    let error: unknown;
    try {
      ahpWeights({ ids, values }, { completion: "optimal" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CxprismError);
    expect((error as CxprismError).problems[0]!.message).toContain(MAX_COMPLETION_WORK.toLocaleString("en"));
    expect((error as CxprismError).problems[0]!.message).toContain('completion "harker"');
    expect(Date.now() - started).toBeLessThan(30_000);
    // Harker's completion of the same matrix is immediate.
    expect(ahpWeights({ ids, values }, { completion: "harker" }).completion).toBe("harker");
  });
});
