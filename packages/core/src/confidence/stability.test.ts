import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { score, scorePortfolio } from "../pipeline/score.js";
import type { Model, ModelInput } from "../schema/model.js";
import type { Result } from "../schema/result.js";
import { type Portfolio, validatePortfolio } from "../validate/portfolio.js";
import { analyseWeightStability, type WeightInterval, type WeightStability } from "./stability.js";

function portfolioOf(initiatives: unknown, model?: ModelInput): Portfolio {
  const validation = validatePortfolio(initiatives, model === undefined ? {} : { model });
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  return validation.portfolio;
}

/** Two value criteria (a 0.6, b 0.4) and one feasibility criterion, all 1-5. */
const twoCriteria: ModelInput = {
  id: "two-value",
  name: "Two value criteria",
  criteria: [
    { id: "a", label: "A", axis: "value", weight: 0.6, scale: { min: 1, max: 5 } },
    { id: "b", label: "B", axis: "value", weight: 0.4, scale: { min: 1, max: 5 } },
    { id: "ease", label: "Ease", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
  ],
};

describe("analyseWeightStability: hand-computed intervals (weighted-sum, closeness)", () => {
  it("mirror-image initiatives swap where the two value weights are equal", () => {
    // A's value is 100 t and B's 100 (1 - t) for a's share t; same feasibility, so A leads iff t > 1/2, and
    // A's value reaches the 50 threshold at t = 1/2. In model units t = 1/2 is a weight of 0.4 (b's weight).
    const portfolio = portfolioOf(
      [
        { id: "a-side", name: "A", ratings: { a: 5, b: 1, ease: 3 } },
        { id: "b-side", name: "B", ratings: { a: 1, b: 5, ease: 3 } },
      ],
      twoCriteria,
    );
    const stability = analyseWeightStability(portfolio, { topK: 1 });
    expect(stability.method).toBe("exact");
    expect(stability.top1).toBe("a-side");
    const [a, b] = stability.criteria;
    expect(a!.share).toBeCloseTo(0.6, 15);
    expect(a!.top1.low).toBeCloseTo(0.5, 12);
    expect(a!.top1.high).toBe(1);
    expect(a!.top1.weightLow).toBeCloseTo(0.4, 12);
    expect(a!.top1.weightHigh).toBeNull();
    expect(b!.top1.low).toBe(0);
    expect(b!.top1.high).toBeCloseTo(0.5, 12);
    expect(a!.quadrants[0]!.low).toBeCloseTo(0.5, 12);
    // B's value 100 (1 - t) is low at t = 0.6 and stays low above t = 1/2.
    expect(a!.quadrants[1]!.low).toBeCloseTo(0.5, 12);
    expect(a!.quadrants[1]!.high).toBe(1);
    // Feasibility has a single criterion: its weight cannot move.
    expect(stability.criteria[2]!.top1).toEqual({ low: 1, high: 1, weightLow: null, weightHigh: null });
  });

  it("when the other criteria of the axis weigh 0, they share the rest of the axis equally", () => {
    const model: ModelInput = {
      ...twoCriteria,
      criteria: twoCriteria.criteria.map((criterion) =>
        criterion.id === "a"
          ? { ...criterion, weight: 1 }
          : criterion.id === "b"
            ? { ...criterion, weight: 0 }
            : criterion,
      ),
    };
    const portfolio = portfolioOf(
      [
        { id: "a-side", name: "A", ratings: { a: 5, b: 1, ease: 3 } },
        { id: "b-side", name: "B", ratings: { a: 1, b: 5, ease: 3 } },
      ],
      model,
    );
    const a = analyseWeightStability(portfolio, { topK: 1 }).criteria[0]!;
    // At share t, b has 1 - t: A's value is 100 t, B's 100 (1 - t), as in the mirror case.
    expect(a.share).toBe(1);
    expect(a.top1.low).toBeCloseTo(0.5, 12);
    expect(a.top1.high).toBe(1);
    // No model weight gives a share below 1 while b weighs 0.
    expect(a.top1.weightLow).toBeNull();
  });

  it("a quadratic crossing of squared distances to the ideal corner", () => {
    // A = (a 5, b 1, ease 3): value t, feasibility 1/2; B = (a 2, b 5, ease 5): value 1 - 3t/4, feasibility 1.
    // A leads iff (1 - t)^2 + 1/4 < (3t/4)^2, i.e. 7t^2/16 - 2t + 5/4 < 0: t > (16 - 8 sqrt(1.8125)) / 7.
    const portfolio = portfolioOf(
      [
        { id: "a-side", name: "A", ratings: { a: 5, b: 1, ease: 3 } },
        { id: "b-side", name: "B", ratings: { a: 2, b: 5, ease: 5 } },
      ],
      twoCriteria,
    );
    const stability = analyseWeightStability(portfolio, { topK: 1 });
    const edge = (16 - 8 * Math.sqrt(1.8125)) / 7;
    expect(stability.top1).toBe("b-side");
    expect(stability.criteria[0]!.top1.low).toBe(0);
    expect(stability.criteria[0]!.top1.high).toBeCloseTo(edge, 12);
    expect(stability.criteria[1]!.top1.low).toBeCloseTo(1 - edge, 12);
    expect(stability.criteria[1]!.top1.high).toBe(1);
  });
});

/** The model with criterion `c`'s weight set so that its share of the axis is `share`. */
function modelAtShare(model: Model, c: number, share: number, interval: WeightInterval): Model | undefined {
  const criterion = model.criteria[c]!;
  const others = model.criteria
    .filter((other, k) => k !== c && other.axis === criterion.axis)
    .reduce((sum, other) => sum + other.weight, 0);
  if (!(others > 0) || interval.weightLow === null || share < 0 || share >= 1) return undefined;
  const weight = (share * others) / (1 - share);
  return { ...model, criteria: model.criteria.map((item, k) => (k === c ? { ...item, weight } : item)) };
}

interface Observed {
  readonly top1: string;
  readonly topK: string;
  readonly quadrant: (id: string) => string;
}

function observe(initiatives: unknown, model: Model, k: number): Observed {
  const results: Result[] = score(initiatives, { model });
  return {
    top1: results[0]!.id,
    topK: results
      .slice(0, k)
      .map((r) => r.id)
      .sort()
      .join(","),
    quadrant: (id) => results.find((r) => r.id === id)!.quadrant,
  };
}

/**
 * Checks every finite edge with core's `score`: the property holds at edge -/+ epsilon inside the interval
 * and fails at edge +/- epsilon outside it.
 */
function verifyEdges(
  initiatives: unknown,
  model: Model,
  stability: WeightStability,
  epsilon: number,
): number {
  const base = observe(initiatives, model, stability.k);
  const ids = validatePortfolio(initiatives, { model });
  if (!ids.success) throw new Error("invalid");
  const initiativeIds = ids.portfolio.initiatives.map((initiative) => initiative.id);
  let checked = 0;
  stability.criteria.forEach((criterion, c) => {
    const properties: [WeightInterval, (o: Observed) => boolean][] = [
      [criterion.top1, (o) => o.top1 === base.top1],
      [criterion.topK, (o) => o.topK === base.topK],
      ...criterion.quadrants.map((interval, i): [WeightInterval, (o: Observed) => boolean] => [
        interval,
        (o) => o.quadrant(initiativeIds[i]!) === base.quadrant(initiativeIds[i]!),
      ]),
    ];
    for (const [interval, holds] of properties) {
      for (const [edge, inward] of [
        [interval.high, -1],
        [interval.low, 1],
      ] as const) {
        if (edge <= 0 || edge >= 1) continue; // never fails on that side
        const inside = Math.abs(edge - criterion.share) < epsilon ? criterion.share : edge + inward * epsilon;
        const outside = edge - inward * epsilon;
        const inModel = modelAtShare(model, c, inside, interval);
        const outModel = modelAtShare(model, c, outside, interval);
        if (inModel === undefined || outModel === undefined) continue;
        expect(
          holds(observe(initiatives, inModel, stability.k)),
          `${criterion.criterion} inside ${edge}`,
        ).toBe(true);
        expect(
          holds(observe(initiatives, outModel, stability.k)),
          `${criterion.criterion} outside ${edge}`,
        ).toBe(false);
        checked++;
      }
    }
  });
  return checked;
}

describe("analyseWeightStability: edges verified by scoring at edge +/- epsilon with core's score", () => {
  const initiatives = catalogInitiatives();

  it.each([
    ["weighted-sum", "closeness", "exact"],
    ["weighted-sum", "weighted-mean", "exact"],
    ["weighted-sum", "geometric-mean", "exact"],
    ["weighted-product", "closeness", "numeric"],
    ["min", "closeness", "numeric"],
  ] as const)("%s aggregation, %s priority (%s)", (aggregation, priority, method) => {
    const model: Model = { ...defaultModel, aggregation, priority };
    const portfolio = portfolioOf(initiatives, model);
    const stability = analyseWeightStability(portfolio, { topK: 3 });
    expect(stability.method).toBe(method);
    const checked = verifyEdges(initiatives, model, stability, 1e-6);
    if (aggregation !== "min") expect(checked).toBeGreaterThan(10);
  });

  it("the exact and numeric methods agree on the default model", () => {
    const portfolio = portfolioOf(initiatives);
    const exact = analyseWeightStability(portfolio);
    const numeric = analyseWeightStability(portfolio, { method: "numeric" });
    const onThreshold = new Set(
      scorePortfolio(portfolio)
        .filter((result) => result.value === 50 || result.feasibility === 50)
        .map((result) => portfolio.initiatives.findIndex((initiative) => initiative.id === result.id)),
    );
    expect(onThreshold.size).toBeGreaterThan(0);
    expect(numeric.method).toBe("numeric");
    expect(numeric.tolerance).toBe(1e-7);
    exact.criteria.forEach((criterion, c) => {
      const other = numeric.criteria[c]!;
      const pairs: [WeightInterval, WeightInterval][] = [
        [criterion.top1, other.top1],
        [criterion.topK, other.topK],
        // An initiative whose axis score sits exactly on a threshold is left out: the numeric method follows
        // floating-point rounding there (a mathematically constant 50 may compute as 49.999...), the exact
        // one does not.
        ...criterion.quadrants.flatMap((q, i): [WeightInterval, WeightInterval][] =>
          onThreshold.has(i) ? [] : [[q, other.quadrants[i]!]],
        ),
      ];
      for (const [a, b] of pairs) {
        expect(Math.abs(a.low - b.low)).toBeLessThan(1e-6);
        expect(Math.abs(a.high - b.high)).toBeLessThan(1e-6);
      }
    });
  });
});

describe("analyseWeightStability: invariants", () => {
  const portfolio = portfolioOf(catalogInitiatives());
  const stability = analyseWeightStability(portfolio);

  it("every interval contains the model share and stays within [0, 1]", () => {
    for (const criterion of stability.criteria) {
      for (const interval of [criterion.top1, criterion.topK, ...criterion.quadrants]) {
        expect(interval.low).toBeGreaterThanOrEqual(0);
        expect(interval.high).toBeLessThanOrEqual(1);
        expect(interval.low).toBeLessThanOrEqual(criterion.share);
        expect(interval.high).toBeGreaterThanOrEqual(criterion.share);
      }
    }
  });

  it("the top-1 interval contains the top-k interval when the top-1 is inside the top-k set", () => {
    // A change of the top-1 is a change of the top-k set only when the newcomer was outside it; so the
    // top-k interval is not necessarily narrower, but the top-1 interval with k = 1 is the top-k one.
    const one = analyseWeightStability(portfolio, { topK: 1 });
    one.criteria.forEach((criterion) => {
      expect(criterion.topK).toEqual(criterion.top1);
    });
  });

  it("maps shares to model weights with the other weights fixed", () => {
    const cx = stability.criteria.find((criterion) => criterion.criterion === "cx_impact")!;
    // Other value weights sum to 0.7: share t is weight 0.7 t / (1 - t).
    expect(cx.topK.weightHigh).toBeCloseTo((0.7 * cx.topK.high) / (1 - cx.topK.high), 12);
    expect(cx.share).toBeCloseTo(0.3, 15);
  });

  it("reports every invalid option at once", () => {
    try {
      analyseWeightStability(portfolio, { topK: 0, method: "fast" as "auto", tolerance: 0, gridSteps: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CxprismError);
      expect((error as CxprismError).problems.map((p) => p.path[0])).toEqual([
        "topK",
        "method",
        "tolerance",
        "gridSteps",
      ]);
    }
  });
});
