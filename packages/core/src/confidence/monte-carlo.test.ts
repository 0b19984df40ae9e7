import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { scorePortfolio } from "../pipeline/score.js";
import type { ModelInput } from "../schema/model.js";
import { type Portfolio, validatePortfolio } from "../validate/portfolio.js";
import { type MonteCarloResult, runMonteCarlo } from "./monte-carlo.js";

function portfolioOf(initiatives: unknown, model?: ModelInput): Portfolio {
  const validation = validatePortfolio(initiatives, model === undefined ? {} : { model });
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  return validation.portfolio;
}

const catalog = portfolioOf(catalogInitiatives());
const fixedWorld = { concentration: Number.POSITIVE_INFINITY, uncertainty: 0 } as const;

function expectProbabilitiesConsistent(result: MonteCarloResult): void {
  const n = result.initiatives.length;
  for (const initiative of result.initiatives) {
    expect(initiative.rankProbabilities).toHaveLength(n);
    expect(initiative.rankProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Object.values(initiative.quadrants).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const topK = initiative.rankProbabilities.slice(0, result.k).reduce((a, b) => a + b, 0);
    expect(initiative.topK).toBeCloseTo(topK, 12);
    for (const metric of [initiative.value, initiative.feasibility, initiative.priority]) {
      expect(metric.low).toBeLessThanOrEqual(metric.median);
      expect(metric.median).toBeLessThanOrEqual(metric.high);
      expect(metric.low).toBeGreaterThanOrEqual(0);
      expect(metric.high).toBeLessThanOrEqual(100);
    }
  }
  for (let k = 0; k < n; k++) {
    const column = result.initiatives.reduce((sum, initiative) => sum + initiative.rankProbabilities[k]!, 0);
    expect(column).toBeCloseTo(1, 12);
  }
}

describe("runMonteCarlo with zero perturbation", () => {
  const result = runMonteCarlo(catalog, { ...fixedWorld, iterations: 50 });
  const scored = scorePortfolio(catalog);

  it("keeps every initiative at its base rank with probability 1", () => {
    for (const initiative of result.initiatives) {
      expect(initiative.rankProbabilities[initiative.baseRank - 1]).toBe(1);
      expect(initiative.quadrants[initiative.baseQuadrant]).toBe(1);
      expect(initiative.topK).toBe(initiative.baseRank <= 3 ? 1 : 0);
    }
  });

  it("orders and scores the base world exactly as core's score does", () => {
    expect(result.initiatives.map((initiative) => initiative.id)).toEqual(scored.map((r) => r.id));
    result.initiatives.forEach((initiative, k) => {
      const core = scored[k]!;
      expect(initiative.baseQuadrant).toBe(core.quadrant);
      for (const metric of ["value", "feasibility", "priority"] as const) {
        expect(initiative[metric].median).toBe(core[metric]);
        expect(initiative[metric].low).toBe(core[metric]);
        expect(initiative[metric].high).toBe(core[metric]);
      }
    });
  });

  it.each([
    ["weighted-product", "closeness"],
    ["min", "geometric-mean"],
    ["weighted-sum", "weighted-mean"],
  ] as const)("holds for %s aggregation with %s priority", (aggregation, priority) => {
    const portfolio = portfolioOf(catalogInitiatives(), { ...defaultModel, aggregation, priority });
    const run = runMonteCarlo(portfolio, { ...fixedWorld, iterations: 20 });
    const core = scorePortfolio(portfolio);
    expect(run.initiatives.map((initiative) => initiative.id)).toEqual(core.map((r) => r.id));
    for (const initiative of run.initiatives) {
      expect(initiative.rankProbabilities[initiative.baseRank - 1]).toBe(1);
    }
  });
});

/** Two value criteria, one feasibility criterion, all 1-5. */
const twoCriteria: ModelInput = {
  id: "two-value",
  name: "Two value criteria",
  criteria: [
    { id: "a", label: "A", axis: "value", weight: 0.6, scale: { min: 1, max: 5 } },
    { id: "b", label: "B", axis: "value", weight: 0.4, scale: { min: 1, max: 5 } },
    { id: "ease", label: "Ease", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
  ],
};

/** Priority = value: one value criterion, feasibility weighted 0 in priority. */
const valueOnly: ModelInput = {
  id: "value-only",
  name: "Priority is value",
  priority: "weighted-mean",
  axisWeights: { value: 1, feasibility: 0 },
  criteria: [
    { id: "impact", label: "Impact", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
    { id: "ease", label: "Ease", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
  ],
};

function probabilityFirst(result: MonteCarloResult, id: string): number {
  return result.initiatives.find((initiative) => initiative.id === id)!.rankProbabilities[0]!;
}

describe("runMonteCarlo with an unrated initiative", () => {
  // A blank row scores the midpoints under missing: "neutral", 50/50 (priority ~ 50), which would rank it above
  // low-rated initiatives; like score, the simulation ranks it after every rated one in every world.
  const validation = validatePortfolio(
    [
      ...catalogInitiatives()
        .slice(0, 5)
        .map((initiative) => ({ ...initiative, dependsOn: [] })),
      { name: "Nobody rated this", ratings: {} },
      { name: "Rated lowest", ratings: Object.fromEntries(defaultModel.criteria.map((c) => [c.id, 1])) },
    ],
    { missing: "neutral" },
  );
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  const scored = scorePortfolio(validation.portfolio);
  const result = runMonteCarlo(validation.portfolio, { iterations: 200, seed: 3 });

  it("ranks it last in the base world, as score does, and last in every simulated world", () => {
    expect(scored.at(-1)).toMatchObject({ name: "Nobody rated this", quadrant: "unrated" });
    expect(result.initiatives.map((initiative) => initiative.id)).toEqual(scored.map((r) => r.id));
    const blank = result.initiatives.at(-1)!;
    expect(blank.name).toBe("Nobody rated this");
    expect(blank.rankProbabilities.at(-1)).toBe(1);
    expect(blank.topK).toBe(0);
    expectProbabilitiesConsistent(result);
  });

  it("places it in no quadrant (its midpoints would read as a likely win) and says so in its sentence", () => {
    const blank = result.initiatives.at(-1)!;
    expect(blank.baseQuadrant).toBe("unrated");
    expect(blank.quadrants).toEqual({
      "likely-win": 0,
      "calculated-risk": 0,
      "marginal-gain": 0,
      unlikely: 0,
      unrated: 1,
    });
    expect(blank.summary).toBe(
      "Nobody rated this has no ratings on an axis: it ranks after every rated initiative in every plausible world (base rank 7) and is in no quadrant.",
    );
    const rated = result.initiatives[0]!;
    expect(rated.quadrants.unrated).toBe(0);
    expect(rated.summary).toMatch(/ is top-3 in .* of plausible worlds/);
  });
});

describe("runMonteCarlo against closed-form probabilities", () => {
  const iterations = 20_000;
  /** Four standard errors of a proportion p estimated from `iterations` draws. */
  const allowance = (p: number) => 4 * Math.sqrt((p * (1 - p)) / iterations);

  it("Dirichlet weights: P(A first) = P(Beta(6, 4) > 1/2) = 382/512", () => {
    // A is rated (5, 1) and B (1, 5) on the value criteria, so A's value is 100 w_a and B's is 100 (1 - w_a):
    // A wins iff w_a > 1/2 with w_a ~ Beta(10 * 0.6, 10 * 0.4). For integer parameters
    // P(Beta(a, b) > x) = P(Binomial(a + b - 1, x) < a) = P(Bin(9, 1/2) <= 5) = 382 / 512.
    const portfolio = portfolioOf(
      [
        { id: "a", name: "A", ratings: { a: 5, b: 1, ease: 3 } },
        { id: "b", name: "B", ratings: { a: 1, b: 5, ease: 3 } },
      ],
      twoCriteria,
    );
    const result = runMonteCarlo(portfolio, { iterations, seed: 3, concentration: 10, uncertainty: 0 });
    const expected = 382 / 512;
    expect(Math.abs(probabilityFirst(result, "a") - expected)).toBeLessThan(allowance(expected));
    expectProbabilitiesConsistent(result);
  });

  const close = [
    { id: "low", name: "Low", ratings: { impact: 3, ease: 3 } },
    { id: "high", name: "High", ratings: { impact: 3.5, ease: 3 } },
  ];

  it("uniform rating noise: P(3 + U1 > 3.5 + U2) = 1.5^2 / 8 for U ~ U(-1, 1)", () => {
    // U1 - U2 is triangular on [-2, 2]: P(U1 - U2 > 0.5) = (2 - 0.5)^2 / (2 * 2^2) = 0.28125.
    const portfolio = portfolioOf(close, valueOnly);
    const result = runMonteCarlo(portfolio, {
      iterations,
      seed: 4,
      concentration: Number.POSITIVE_INFINITY,
      uncertainty: 1,
      noise: "uniform",
    });
    expect(Math.abs(probabilityFirst(result, "low") - 0.28125)).toBeLessThan(allowance(0.28125));
  });

  it("triangular rating noise: P(T1 - T2 > 0.5) from the Irwin-Hall distribution", () => {
    // T = u - u' for uniforms u, u' on (0, 1), so T1 - T2 + 2 is a sum of four uniforms (Irwin-Hall, n = 4):
    // P(sum > 2.5) = 1 - (2.5^4 - 4 * 1.5^4 + 6 * 0.5^4) / 24 = 1 - 19.1875 / 24.
    const expected = 1 - 19.1875 / 24;
    const portfolio = portfolioOf(close, valueOnly);
    const result = runMonteCarlo(portfolio, {
      iterations,
      seed: 5,
      concentration: Number.POSITIVE_INFINITY,
      uncertainty: 1,
      noise: "triangular",
    });
    expect(Math.abs(probabilityFirst(result, "low") - expected)).toBeLessThan(allowance(expected));
  });

  it("rater bootstrap: two raters at 1 and 5 resample to a mean of 5 with probability 1/4", () => {
    const portfolio = portfolioOf(
      [
        {
          id: "split",
          name: "Split",
          raters: [
            { rater: "ann", ratings: { impact: 1, ease: 3 } },
            { rater: "bob", ratings: { impact: 5, ease: 3 } },
          ],
        },
        { id: "steady", name: "Steady", ratings: { impact: 3.5, ease: 3 } },
      ],
      valueOnly,
    );
    const result = runMonteCarlo(portfolio, { iterations, seed: 6, ...fixedWorld });
    expect(Math.abs(probabilityFirst(result, "split") - 0.25)).toBeLessThan(allowance(0.25));
    // Without the bootstrap the combined rating (3) never beats 3.5.
    const plain = runMonteCarlo(portfolio, { iterations: 100, ...fixedWorld, bootstrapRaters: false });
    expect(probabilityFirst(plain, "split")).toBe(0);
  });
});

describe("runMonteCarlo determinism and bookkeeping", () => {
  it("gives byte-identical results for the same seed", () => {
    const first = JSON.stringify(runMonteCarlo(catalog, { iterations: 500, seed: 9 }));
    const second = JSON.stringify(runMonteCarlo(catalog, { iterations: 500, seed: 9 }));
    expect(second).toBe(first);
    expect(JSON.stringify(runMonteCarlo(catalog, { iterations: 500, seed: 10 }))).not.toBe(first);
  });

  it("sums probabilities to 1 per initiative and per rank, and orders intervals", () => {
    const result = runMonteCarlo(catalog, { iterations: 2000, seed: 2, topK: 5 });
    expect(result.k).toBe(5);
    expectProbabilitiesConsistent(result);
  });

  it.each(["weighted-product", "min"] as const)(
    "perturbs and scores %s models through core's aggregation",
    (aggregation) => {
      const portfolio = portfolioOf(catalogInitiatives(), { ...defaultModel, aggregation });
      const result = runMonteCarlo(portfolio, { iterations: 1000, seed: 8 });
      expectProbabilitiesConsistent(result);
      // Noise moves something: not every initiative keeps its base rank in every world.
      expect(result.initiatives.some((i) => i.rankProbabilities[i.baseRank - 1]! < 1)).toBe(true);
    },
  );

  it("writes a one-line summary per initiative", () => {
    const result = runMonteCarlo(catalog, { iterations: 300 });
    for (const initiative of result.initiatives) {
      expect(initiative.summary).toMatch(
        new RegExp(
          `^${initiative.name} is top-3 in (\\d+%|over 99%|under 1%) of plausible worlds \\(base rank ${initiative.baseRank}, kept in .+\\)\\.$`,
        ),
      );
    }
  });

  it("handles an empty portfolio", () => {
    const result = runMonteCarlo(portfolioOf([]), { iterations: 10 });
    expect(result.initiatives).toEqual([]);
  });

  it("reports every invalid option at once", () => {
    const run = () =>
      runMonteCarlo(catalog, {
        iterations: 0,
        seed: -1,
        concentration: 0,
        uncertainty: Number.NaN,
        noise: "gaussian" as "uniform",
        topK: 1.5,
        bins: 5,
      });
    expect(run).toThrow(CxprismError);
    try {
      run();
    } catch (error) {
      const paths = (error as CxprismError).problems.map((problem) => problem.path[0]);
      expect(paths).toEqual(["iterations", "seed", "concentration", "uncertainty", "noise", "topK", "bins"]);
      expect((error as CxprismError).code).toBe("invalid-options");
    }
  });
});

const ratingsArbitrary = fc.array(fc.integer({ min: 1, max: 5 }), {
  minLength: defaultModel.criteria.length,
  maxLength: defaultModel.criteria.length,
});

function portfolioFromRows(rows: number[][]): Portfolio {
  return portfolioOf(
    rows.map((row, i) => ({
      id: `i${i}`,
      name: `Initiative ${i}`,
      ratings: Object.fromEntries(defaultModel.criteria.map((criterion, c) => [criterion.id, row[c]!])),
    })),
  );
}

describe("runMonteCarlo properties", () => {
  test.prop([fc.array(ratingsArbitrary, { minLength: 1, maxLength: 8 }), fc.nat(1000)], { numRuns: 25 })(
    "probabilities are consistent for any portfolio and seed",
    (rows, seed) => {
      const result = runMonteCarlo(portfolioFromRows(rows), { iterations: 200, seed });
      expectProbabilitiesConsistent(result);
      expect(result.initiatives.at(-1)?.rankProbabilities.length).toBe(rows.length);
    },
  );

  test.prop([fc.array(ratingsArbitrary, { minLength: 1, maxLength: 8 })], { numRuns: 25 })(
    "with zero perturbation every rank is certain, ties included",
    (rows) => {
      const portfolio = portfolioFromRows(rows);
      const result = runMonteCarlo(portfolio, { ...fixedWorld, iterations: 5 });
      expect(result.initiatives.map((initiative) => initiative.id)).toEqual(
        scorePortfolio(portfolio).map((r) => r.id),
      );
      for (const initiative of result.initiatives) {
        expect(initiative.rankProbabilities[initiative.baseRank - 1]).toBe(1);
      }
    },
  );

  test.prop([fc.array(ratingsArbitrary, { minLength: 2, maxLength: 6 }), fc.nat(100)], { numRuns: 15 })(
    "P(top-k) never falls as k grows",
    (rows, seed) => {
      const portfolio = portfolioFromRows(rows);
      const tops = [1, 2, 3].map((topK) =>
        runMonteCarlo(portfolio, { iterations: 100, seed, topK }).initiatives.map((i) => i.topK),
      );
      tops[0]!.forEach((_, i) => {
        expect(tops[0]![i]!).toBeLessThanOrEqual(tops[1]![i]!);
        expect(tops[1]![i]!).toBeLessThanOrEqual(tops[2]![i]!);
      });
    },
  );
});
