import { fc, test } from "@fast-check/vitest";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError, formatProblem } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { ModelInput } from "../schema/model.js";
import { type Result, ResultSchema } from "../schema/result.js";
import { validatePortfolio } from "../validate/portfolio.js";
import { aggregateAxis } from "./axis.js";
import { ratingReading } from "./normalise.js";
import { safeScore, score, scoreColumns } from "./score.js";

const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);
const allThrees = Object.fromEntries(CRITERIA.map((id) => [id, 3]));

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CxprismError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error("expected a CxprismError");
}

/**
 * Triantaphyllou, E. (2000). Multi-Criteria Decision Making Methods: A Comparative Study. Kluwer, ch. 2;
 * reproduced in the Wikipedia articles "Weighted sum model" and "Weighted product model": three alternatives,
 * four benefit criteria with weights 0.20, 0.15, 0.40, 0.25.
 */
const TRIANTAPHYLLOU = {
  weights: [0.2, 0.15, 0.4, 0.25],
  rows: { A1: [25, 20, 15, 30], A2: [10, 30, 20, 30], A3: [30, 10, 30, 10] },
};

function triantaphyllouModel(aggregation: "weighted-sum" | "weighted-product"): ModelInput {
  return {
    id: "triantaphyllou-2000",
    name: "Triantaphyllou (2000) example",
    aggregation,
    criteria: [
      // A 0-100 scale makes the normalised rating r/100, so the value axis reproduces the textbook arithmetic.
      ...TRIANTAPHYLLOU.weights.map((weight, i) => ({
        id: `c${i + 1}`,
        label: `C${i + 1}`,
        axis: "value" as const,
        weight,
        scale: { min: 0, max: 100 },
      })),
      { id: "same", label: "Same for all", axis: "feasibility", weight: 1, scale: { min: 0, max: 1 } },
    ],
  };
}

function triantaphyllouInitiatives() {
  return Object.entries(TRIANTAPHYLLOU.rows).map(([id, values]) => ({
    id,
    name: id,
    ratings: { ...Object.fromEntries(values.map((value, i) => [`c${i + 1}`, value])), same: 1 },
  }));
}

describe("published worked examples", () => {
  it("weighted sum: Triantaphyllou (2000) WSM scores A1 = 21.50, A2 = 22.00, A3 = 22.00", () => {
    const results = score(triantaphyllouInitiatives(), { model: triantaphyllouModel("weighted-sum") });
    const value = Object.fromEntries(results.map((result) => [result.id, result.value]));
    expect(value.A1).toBeCloseTo(21.5, 9);
    expect(value.A2).toBeCloseTo(22.0, 9);
    expect(value.A3).toBeCloseTo(22.0, 9);
    // A2 and A3 tie: they share rank 1 and are ordered by id.
    expect(results.map((result) => `${result.rank}:${result.id}`)).toEqual(["1:A2", "1:A3", "3:A1"]);
  });

  it("weighted product: Triantaphyllou (2000) WPM ratios P(A1/A2) = 1.007, P(A1/A3) = 1.067, P(A2/A3) = 1.059", () => {
    const results = score(triantaphyllouInitiatives(), { model: triantaphyllouModel("weighted-product") });
    const value = Object.fromEntries(results.map((result) => [result.id, result.value]));
    expect(value.A1! / value.A2!).toBeCloseTo(1.007, 3);
    expect(value.A1! / value.A3!).toBeCloseTo(1.067, 3);
    expect(value.A2! / value.A3!).toBeCloseTo(1.059, 3);
    expect(results.map((result) => result.id)).toEqual(["A1", "A2", "A3"]);
  });
});

describe("weighted product reads ratings on a ratio scale (issue #16)", () => {
  const model = (
    scale: { min: number; max: number },
    direction: "benefit" | "cost" = "benefit",
  ): ModelInput => ({
    id: "wpm",
    name: "Weighted product",
    aggregation: "weighted-product",
    criteria: [
      { id: "a", label: "A", axis: "value", weight: 1, scale, direction },
      { id: "b", label: "B", axis: "value", weight: 9, scale, direction },
      { id: "same", label: "Same for all", axis: "feasibility", weight: 1, scale: { min: 0, max: 1 } },
    ],
  });
  const axisValue = (ratings: Record<string, number>, input: ModelInput) =>
    score([{ id: "x", name: "x", ratings: { ...ratings, same: 1 } }], { model: input })[0]!.value;

  it("{a: 1, b: 5} on 1-5 with weights 1 and 9 scores 100 * (1/5)^0.1, not 0; {a: 2, b: 2} scores 40", () => {
    // Min-max would read a = 1 as 0 and zero the axis whatever a's weight; the ratio reading is a / 5.
    expect(axisValue({ a: 1, b: 5 }, model({ min: 1, max: 5 }))).toBeCloseTo(100 * 0.2 ** 0.1, 9);
    expect(axisValue({ a: 1, b: 5 }, model({ min: 1, max: 5 }))).toBeCloseTo(85.13, 2);
    expect(axisValue({ a: 2, b: 2 }, model({ min: 1, max: 5 }))).toBeCloseTo(40, 9);
  });

  it("a cost criterion is reflected within its scale: its best rating reads 1, its worst 1/5 on 1-5", () => {
    expect(axisValue({ a: 1, b: 1 }, model({ min: 1, max: 5 }, "cost"))).toBeCloseTo(100, 9);
    expect(axisValue({ a: 5, b: 1 }, model({ min: 1, max: 5 }, "cost"))).toBeCloseTo(100 * 0.2 ** 0.1, 9);
  });

  it("a rating at a 0-based scale's zero counts as 1 %, lowering the axis by 0.01^w", () => {
    expect(axisValue({ a: 0, b: 10 }, model({ min: 0, max: 10 }))).toBeCloseTo(100 * 0.01 ** 0.1, 9);
  });

  test.prop([
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 5 }),
  ])(
    "ratios between initiatives are the textbook WPM ratios prod((a_K / a_L)^w) on 1-5",
    (a1, b1, a2, b2) => {
      const input = model({ min: 1, max: 5 });
      const ratio = axisValue({ a: a1, b: b1 }, input) / axisValue({ a: a2, b: b2 }, input);
      expect(ratio).toBeCloseTo((a1 / a2) ** 0.1 * (b1 / b2) ** 0.9, 9);
    },
  );
});

describe("score: decided edge cases", () => {
  it("an empty list gives an empty result", () => {
    expect(score([])).toEqual([]);
  });

  it("one initiative is ranked 1 with contributions summing to each axis score", () => {
    const [result] = score([{ name: "Solo", ratings: allThrees }]);
    expect(result).toMatchObject({
      id: "solo",
      name: "Solo",
      rank: 1,
      value: 50,
      feasibility: 50,
      quadrant: "likely-win",
    });
    expectContributionsSum(result!);
  });

  it.each<[string, unknown, unknown, string[]]>([
    [
      "duplicate ids",
      [
        { id: "x", name: "One", ratings: allThrees },
        { id: "x", name: "Two", ratings: allThrees },
      ],
      {},
      ['initiatives[1].id: expected a unique id, received "x", already used by initiatives[0]'],
    ],
    [
      "duplicate ids derived from names",
      [
        { name: "Voice bot", ratings: allThrees },
        { name: "voice  BOT", ratings: allThrees },
      ],
      {},
      [
        'initiatives[1].id: expected a unique id, received "voice-bot" (derived from the name), already used by initiatives[0]',
      ],
    ],
    [
      "an unknown criterion suggests the nearest id",
      [{ name: "A", ratings: { ...allThrees, data_readines: 3 } }],
      {},
      [
        'initiatives[0].ratings.data_readines: expected a criterion id of model cx-ai-prism, received "data_readines" (did you mean "data_readiness"?)',
      ],
    ],
    [
      "a rating out of scale, NaN, Infinity and text",
      [
        {
          name: "A",
          ratings: {
            ...allThrees,
            cx_impact: 6,
            tech_maturity: Number.NaN,
            acceptance: Number.POSITIVE_INFINITY,
            data_readiness: "high",
          },
        },
      ],
      {},
      [
        "initiatives[0].ratings.cx_impact: expected a number from 1 to 5, received 6",
        "initiatives[0].ratings.tech_maturity: expected a number from 1 to 5, received NaN",
        'initiatives[0].ratings.data_readiness: expected a number from 1 to 5, received "high"',
        "initiatives[0].ratings.acceptance: expected a number from 1 to 5, received Infinity",
      ],
    ],
    [
      "a missing rating is an error by default",
      [{ name: "A", ratings: { ...allThrees, org_readiness: null, acceptance: undefined } }],
      {},
      [
        'initiatives[0].ratings.org_readiness: expected a number from 1 to 5 (or missing: "neutral" to score the midpoint), received nothing',
        'initiatives[0].ratings.acceptance: expected a number from 1 to 5 (or missing: "neutral" to score the midpoint), received nothing',
      ],
    ],
    [
      "all weights zero on an axis",
      [],
      {
        model: {
          id: "m",
          name: "M",
          criteria: [
            { id: "a", label: "A", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
            { id: "b", label: "B", axis: "feasibility", weight: 0, scale: { min: 1, max: 5 } },
          ],
        },
      },
      [
        "model.criteria: expected at least one feasibility criterion with a weight above 0 (all weights on an axis are zero or it has no criteria)",
      ],
    ],
    [
      "not an array",
      { name: "A" },
      {},
      ["initiatives: expected an array of initiatives, received an object"],
    ],
    [
      "ratings and raters together",
      [{ name: "A", ratings: allThrees, raters: [{ rater: "ann", ratings: allThrees }] }],
      {},
      ["initiatives[0].ratings: expected either ratings or raters, received both"],
    ],
    [
      "dependsOn an unknown id",
      [
        { id: "knowledge-search", name: "Knowledge search", ratings: allThrees },
        { name: "Bot", ratings: allThrees, dependsOn: ["knowledge-serach"] },
      ],
      {},
      [
        'initiatives[1].dependsOn[0]: expected the id of an initiative in this list, received "knowledge-serach" (did you mean "knowledge-search"?)',
      ],
    ],
    [
      "an unknown KPI and an unknown field",
      [{ name: "A", ratings: allThrees, kpis: ["fcr", "happiness"], owner: "me" }],
      {},
      [
        'initiatives[0].kpis[1]: expected one of the KPI ids fcr, ces, csat, nps, aht, containment, call_volume, time_to_resolution, digital_adoption, cost_per_contact, retention, clv, agent_attrition, forecast_accuracy, service_level, revenue, received "happiness"',
        'initiatives[0].owner: expected a known field, received unknown field "owner"',
      ],
    ],
  ])("%s", (_, initiatives, options, expected) => {
    expect(problemsOf(() => score(initiatives, options as never))).toEqual(expected);
  });

  it("cuts a long received value short in the message", () => {
    const key = `x${"y".repeat(300)}`;
    const [problem] = problemsOf(() => score([{ name: "A", ratings: { ...allThrees, [key]: 3 } }]));
    expect(problem).toContain("(301 characters)");
    expect(problem!.length).toBeLessThan(500);
  });

  it("reports every problem of every initiative at once, in input order", () => {
    const problems = problemsOf(() =>
      score([
        { name: "A", ratings: { ...allThrees, cx_impact: 9 } },
        { name: "", ratings: allThrees },
        { name: "C", ratings: { ...allThrees, time_to_value: 0 } },
      ]),
    );
    expect(problems.map((line) => line.split(":")[0])).toEqual([
      "initiatives[0].ratings.cx_impact",
      "initiatives[1].name",
      "initiatives[2].ratings.time_to_value",
    ]);
  });

  it('missing: "neutral" scores the scale midpoint and warns', () => {
    const [result] = score(
      [{ name: "A", ratings: { ...allThrees, data_readiness: null, cx_impact: undefined } }],
      {
        missing: "neutral",
      },
    );
    expect(result!.value).toBeCloseTo(50, 12);
    expect(result!.warnings.map((warning) => warning.criterion)).toEqual(["cx_impact", "data_readiness"]);
    expect(result!.warnings[0]!.code).toBe("missing-rating");
  });

  describe("an initiative with no rating on an axis is unrated, never a likely win (issue #13)", () => {
    const VALUE = CRITERIA.filter((id) => defaultModel.criteria.find((c) => c.id === id)!.axis === "value");
    const onlyValue = Object.fromEntries(VALUE.map((id) => [id, 5]));
    const lowest = Object.fromEntries(CRITERIA.map((id) => [id, 1]));
    const results = score(
      [
        { name: "Blank", ratings: {} },
        { name: "Value only", ratings: onlyValue },
        { name: "Rated low", ratings: lowest },
        { name: "One feasibility rating", ratings: { ...onlyValue, data_readiness: 3 } },
      ],
      { missing: "neutral" },
    );
    const byName = new Map(results.map((result) => [result.name, result]));

    it("an empty row scores the midpoints (50/50) but is unrated, not a likely win", () => {
      const blank = byName.get("Blank")!;
      expect(blank.value).toBeCloseTo(50, 12);
      expect(blank.feasibility).toBeCloseTo(50, 12);
      expect(blank.quadrant).toBe("unrated");
      expect(blank.quadrantLabel).toBe("Unrated");
      expect(blank.raters).toBe(0);
      expect(blank.warnings.at(-1)).toEqual({
        code: "unrated",
        message: "no rating on either axis: unrated (scored at the midpoints, ranked last, in no quadrant)",
      });
    });

    it("one axis without any rating is enough; one rating on it is not", () => {
      expect(byName.get("Value only")!.quadrant).toBe("unrated");
      expect(byName.get("Value only")!.warnings.at(-1)!.message).toMatch(
        /^no rating on the feasibility axis/,
      );
      expect(byName.get("One feasibility rating")!.quadrant).toBe("likely-win");
    });

    it("counts 0 raters for an initiative nobody rated, 1 for ratings given once, however few", () => {
      expect(results.map((result) => [result.name, result.raters])).toEqual([
        ["One feasibility rating", 1],
        ["Rated low", 1],
        ["Value only", 1],
        ["Blank", 0],
      ]);
      const empty = score(
        [
          { name: "Nulls", ratings: { cx_impact: null } },
          {
            name: "Empty raters",
            raters: [
              { rater: "ann", ratings: {} },
              { rater: "bo", ratings: {} },
            ],
          },
        ],
        { missing: "neutral" },
      );
      expect(empty.map((result) => [result.name, result.raters])).toEqual([
        ["Empty raters", 0],
        ["Nulls", 0],
      ]);
      expect(v.is(ResultSchema, byName.get("Blank"))).toBe(true);
    });

    it("unrated initiatives rank after every rated one, even one rated lowest on everything", () => {
      expect(results.map((result) => [result.name, result.rank])).toEqual([
        ["One feasibility rating", 1],
        ["Rated low", 2],
        ["Value only", 3],
        ["Blank", 4],
      ]);
    });

    it("ranks the same through the radix path of a large portfolio", () => {
      const many = Array.from({ length: 2100 }, (_, i) => ({
        name: `I${i}`,
        ratings: i % 700 === 0 ? {} : lowest,
      }));
      const ranked = score(many, { missing: "neutral" });
      expect(ranked.slice(-3).map((result) => [result.name, result.quadrant, result.rank])).toEqual([
        ["I0", "unrated", 2098],
        ["I1400", "unrated", 2098],
        ["I700", "unrated", 2098],
      ]);
      expect(ranked[2096]!.quadrant).toBe("unlikely");
    });
  });

  it("accepts numeric strings and label scales in any case", () => {
    const model: ModelInput = {
      id: "tshirt",
      name: "T-shirt sizes",
      criteria: [
        {
          id: "impact",
          label: "Impact",
          axis: "value",
          weight: 1,
          scale: { labels: ["XS", "S", "M", "L", "XL"] },
        },
        { id: "ready", label: "Ready?", axis: "feasibility", weight: 1, scale: { labels: ["no", "yes"] } },
      ],
    };
    const results = score(
      [
        { name: "A", ratings: { impact: "xl", ready: "Yes" } },
        { name: "B", ratings: { impact: " M ", ready: "no" } },
      ],
      { model },
    );
    expect(results.map((r) => [r.id, r.value, r.feasibility, r.quadrant])).toEqual([
      ["a", 100, 100, "likely-win"],
      ["b", 50, 0, "calculated-risk"],
    ]);
    expect(problemsOf(() => score([{ name: "C", ratings: { impact: "XXL", ready: 1 } }], { model }))).toEqual(
      [
        'initiatives[0].ratings.impact: expected one of XS, S, M, L, XL, received "XXL"',
        "initiatives[0].ratings.ready: expected one of no, yes, received 1",
      ],
    );
    expect(
      score([{ name: "D", ratings: { ...allThrees, cx_impact: " 4.5 " } }])[0]!.contributions.value.cx_impact,
    ).toBeCloseTo(100 * 0.3 * 0.875, 12);
  });

  it("combines several raters by the model's rule and reports their disagreement", () => {
    const raters = [
      { rater: "ann", ratings: { ...allThrees, cx_impact: 1 } },
      { rater: "bob", ratings: { ...allThrees, cx_impact: 5 } },
      { rater: "cem", ratings: { ...allThrees, cx_impact: 3, acceptance: null } },
    ];
    // A blank from one rater is that rater's gap only: with missing "neutral" the others' ratings count...
    const [mean] = score([{ name: "A", raters }], { missing: "neutral" });
    expect(mean!.raters).toBe(3);
    expect(mean!.disagreement).toBe(1);
    expect(mean!.contributions.value.cx_impact).toBeCloseTo(100 * 0.3 * 0.5, 12);
    const [median] = score([{ name: "A", raters }], {
      model: { ...defaultModel, raterAggregation: "median" },
      missing: "neutral",
    });
    expect(median!.contributions.value.cx_impact).toBeCloseTo(100 * 0.3 * 0.5, 12);
    // ...and with missing "error" (the default) it is reported at that rater, never averaged away.
    expect(problemsOf(() => score([{ name: "A", raters }]))).toEqual([
      'initiatives[0].raters[2].ratings.acceptance: expected a number from 1 to 5 (or missing: "neutral" to score the midpoint), received nothing',
    ]);
  });

  it("scores the catalog with the default model into all four quadrants", () => {
    const results = score(catalogInitiatives());
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(new Set(results.map((result) => result.quadrant))).toEqual(
      new Set(["likely-win", "calculated-risk", "marginal-gain", "unlikely"]),
    );
    for (const result of results) expectContributionsSum(result);
  });

  it("safeScore returns the error instead of throwing", () => {
    const outcome = safeScore([{ name: 5 }]);
    expect(outcome.success).toBe(false);
    if (!outcome.success) expect(outcome.error.code).toBe("invalid-input");
  });
});

function expectContributionsSum(result: Result): void {
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum(result.contributions.value) - result.value)).toBeLessThanOrEqual(1e-9);
  expect(Math.abs(sum(result.contributions.feasibility) - result.feasibility)).toBeLessThanOrEqual(1e-9);
}

describe("score: properties", () => {
  const rating = fc.integer({ min: 1, max: 5 });
  const ratings = fc
    .tuple(...CRITERIA.map(() => rating))
    .map((values) => Object.fromEntries(CRITERIA.map((id, i) => [id, values[i]!])));
  const portfolio = fc
    .array(ratings, { minLength: 1, maxLength: 12 })
    .map((rows) => rows.map((row, i) => ({ id: `i${i}`, name: `Initiative ${i}`, ratings: row })));
  const method = fc.constantFrom("weighted-sum", "weighted-product", "min") as fc.Arbitrary<
    "weighted-sum" | "weighted-product" | "min"
  >;
  const rule = fc.constantFrom("closeness", "geometric-mean", "weighted-mean") as fc.Arbitrary<
    "closeness" | "geometric-mean" | "weighted-mean"
  >;
  const modelWith = (
    aggregation: "weighted-sum" | "weighted-product" | "min",
    priority: "closeness" | "geometric-mean" | "weighted-mean",
  ) => ({
    ...defaultModel,
    aggregation,
    priority,
  });

  test.prop([portfolio, method, rule])(
    "scores stay in [0, 100] and contributions sum to the axis score",
    (initiatives, aggregation, priority) => {
      for (const result of score(initiatives, { model: modelWith(aggregation, priority) })) {
        for (const s of [result.value, result.feasibility, result.priority]) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
        expectContributionsSum(result);
      }
    },
  );

  test.prop([portfolio, method])(
    "contributions read after scoring (computed then, for the weighted sum) add up, in order, to exactly the axis score",
    (initiatives, aggregation) => {
      const validation = validatePortfolio(initiatives, { model: modelWith(aggregation, "closeness") });
      if (!validation.success) throw new Error("expected a valid portfolio");
      const columns = scoreColumns(validation.portfolio);
      for (const axis of ["value", "feasibility"] as const) {
        const k = columns.criteria[axis].length;
        const contributions = columns.contributions[axis];
        expect(contributions).toHaveLength(initiatives.length * k);
        expect(columns.contributions[axis]).toBe(contributions); // computed once
        columns[axis].forEach((axisScore, i) => {
          let sum = 0;
          for (let j = 0; j < k; j++) sum += contributions[i * k + j]!;
          if (aggregation === "weighted-sum") expect(sum).toBe(axisScore);
          else expect(sum).toBeCloseTo(axisScore, 9);
        });
      }
    },
  );

  it("keeps the contributions' getters on one shared prototype, not on each scoring's own object", () => {
    // A literal with getters per call gets a hidden class per call in V8: under API load that made every
    // young-generation collection promote megabytes and pause for milliseconds (see AxisContributions).
    const validation = validatePortfolio(catalogInitiatives());
    if (!validation.success) throw new Error("expected a valid portfolio");
    const [first, second] = [scoreColumns(validation.portfolio), scoreColumns(validation.portfolio)];
    expect(Object.getOwnPropertyNames(first.contributions)).toEqual([]);
    expect(Object.getPrototypeOf(first.contributions)).toBe(Object.getPrototypeOf(second.contributions));
    expect(first.contributions.value).toEqual(second.contributions.value);
    expect(first.contributions.feasibility).toHaveLength(catalogInitiatives().length * 6);
  });

  test.prop([portfolio, fc.array(fc.boolean(), { minLength: CRITERIA.length, maxLength: CRITERIA.length })])(
    "weighted sum with zero-weight criteria, rated or not: each axis is exactly aggregateAxis of its ratings",
    (rows, zeroed) => {
      // The first criterion of each axis keeps its weight, so that neither axis is all zero.
      const firstOnAxis = (c: number) =>
        defaultModel.criteria.findIndex((criterion) => criterion.axis === defaultModel.criteria[c]!.axis) ===
        c;
      const weightOf = (c: number) => (zeroed[c] && !firstOnAxis(c) ? 0 : defaultModel.criteria[c]!.weight);
      const model = {
        ...defaultModel,
        criteria: defaultModel.criteria.map((criterion, c) => ({ ...criterion, weight: weightOf(c) })),
      };
      // A zero-weight criterion is left unrated on every other initiative.
      const initiatives = rows.map((row, i) => ({
        ...row,
        ratings: Object.fromEntries(
          Object.entries(row.ratings).filter(([id]) => i % 2 === 0 || weightOf(CRITERIA.indexOf(id)) > 0),
        ),
      }));
      const validation = validatePortfolio(initiatives, { model });
      if (!validation.success) throw new Error("expected a valid portfolio");
      const { ratings: raw, model: validModel } = validation.portfolio;
      const columns = scoreColumns(validation.portfolio);
      for (const axis of ["value", "feasibility"] as const) {
        const onAxis = validModel.criteria.flatMap((criterion, c) => (criterion.axis === axis ? [c] : []));
        const total = onAxis.reduce((sum, c) => sum + validModel.criteria[c]!.weight, 0);
        const weights = onAxis.map((c) => validModel.criteria[c]!.weight / total);
        columns[axis].forEach((axisScore, i) => {
          const x = onAxis.map((c) => {
            const { origin, factor } = ratingReading(validModel.criteria[c]!, "weighted-sum");
            const reading = (raw[i * CRITERIA.length + c]! - origin) * factor;
            return Number.isNaN(reading) ? 0 : reading;
          });
          expect(axisScore).toBe(aggregateAxis("weighted-sum", x, weights, new Float64Array(x.length)));
          let sum = 0;
          for (let j = 0; j < onAxis.length; j++) sum += columns.contributions[axis][i * onAxis.length + j]!;
          expect(sum).toBe(axisScore);
        });
      }
    },
  );

  test.prop([ratings, fc.constantFrom(...CRITERIA), method, rule])(
    "raising a benefit rating (lowering a cost rating) never lowers value, feasibility or priority",
    (base, criterionId, aggregation, priority) => {
      const criterion = defaultModel.criteria.find((c) => c.id === criterionId)!;
      const better =
        criterion.direction === "benefit"
          ? Math.min(5, base[criterionId]! + 1)
          : Math.max(1, base[criterionId]! - 1);
      const model = modelWith(aggregation, priority);
      const [before] = score([{ name: "x", ratings: base }], { model });
      const [after] = score([{ name: "x", ratings: { ...base, [criterionId]: better } }], { model });
      expect(after!.value).toBeGreaterThanOrEqual(before!.value - 1e-9);
      expect(after!.feasibility).toBeGreaterThanOrEqual(before!.feasibility - 1e-9);
      expect(after!.priority).toBeGreaterThanOrEqual(before!.priority - 1e-9);
    },
  );

  test.prop([portfolio, fc.double({ min: 0.001, max: 1000, noNaN: true }), method, rule])(
    "scaling all weights by the same factor changes nothing",
    (initiatives, factor, aggregation, priority) => {
      const model = modelWith(aggregation, priority);
      const scaled = { ...model, criteria: model.criteria.map((c) => ({ ...c, weight: c.weight * factor })) };
      const a = score(initiatives, { model });
      const b = score(initiatives, { model: scaled });
      expect(b.map((r) => [r.id, r.rank, r.quadrant])).toEqual(a.map((r) => [r.id, r.rank, r.quadrant]));
      b.forEach((r, i) => {
        expect(r.priority).toBeCloseTo(a[i]!.priority, 9);
      });
    },
  );

  test.prop([
    portfolio.chain((initiatives) =>
      fc.tuple(fc.constant(initiatives), fc.shuffledSubarray(initiatives, { minLength: initiatives.length })),
    ),
  ])("row order changes nothing", ([initiatives, shuffled]) => {
    expect(score(shuffled)).toEqual(score(initiatives));
  });

  test.prop([
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 1, max: 50 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])("a cost criterion rated r scores like a benefit criterion rated min + max - r", (min, span, t) => {
    const max = min + span;
    const r = min + t * span;
    const model = (direction: "benefit" | "cost"): ModelInput => ({
      id: "m",
      name: "M",
      criteria: [
        { id: "v", label: "V", axis: "value", weight: 1, scale: { min, max }, direction },
        { id: "f", label: "F", axis: "feasibility", weight: 1, scale: { min, max } },
      ],
    });
    const [cost] = score([{ name: "x", ratings: { v: r, f: r } }], { model: model("cost") });
    const [benefit] = score([{ name: "x", ratings: { v: min + max - r, f: r } }], {
      model: model("benefit"),
    });
    expect(cost!.value).toBeCloseTo(benefit!.value, 9);
    expect(cost!.priority).toBeCloseTo(benefit!.priority, 9);
  });
});
