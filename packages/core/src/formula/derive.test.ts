import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { score } from "../pipeline/score.js";
import type { InitiativeInput } from "../schema/initiative.js";
import type { ModelInput } from "../schema/model.js";
import { deriveFormulaCriteria } from "./derive.js";

const RATINGS = {
  cx_impact: 3,
  cost_to_serve: 3,
  revenue_retention: 3,
  employee_experience: 3,
  strategic_fit: 3,
  tech_maturity: 3,
  data_readiness: 3,
  integration_effort: 3,
  org_readiness: 3,
  acceptance: 3,
  time_to_value: 3,
};

function modelWith(formula: string, extra: Partial<ModelInput["criteria"][number]> = {}): ModelInput {
  return {
    ...defaultModel,
    criteria: [
      ...defaultModel.criteria,
      {
        id: "annual_savings",
        label: "Annual savings",
        axis: "value",
        weight: 0.25,
        scale: { min: 0, max: 2_000_000 },
        formula,
        ...extra,
      },
    ],
  };
}

const SAVINGS = "contacts_per_year * deflection_rate * cost_per_contact";

function initiative(name: string, fields: Record<string, number>, more: Partial<InitiativeInput> = {}) {
  return { name, ratings: { ...RATINGS }, fields, ...more } satisfies InitiativeInput;
}

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof CxprismError) return { code: error.code, problems: error.problems };
    throw error;
  }
  throw new Error("expected a CxprismError");
}

describe("deriveFormulaCriteria", () => {
  const rows = [
    initiative("Voice bot", { contacts_per_year: 1_000_000, deflection_rate: 0.2, cost_per_contact: 5 }),
    initiative("Chat bot", { contacts_per_year: 400_000, deflection_rate: 0.1, cost_per_contact: 4 }),
    initiative("Email triage", { contacts_per_year: 5_000_000, deflection_rate: 0.1, cost_per_contact: 6 }),
  ];

  it("writes each derived value as a rating, clamped to the declared scale", () => {
    const { initiatives, values } = deriveFormulaCriteria(rows, { model: modelWith(SAVINGS) });
    expect(values.map((value) => [value.initiative, value.value, value.rating])).toEqual([
      ["voice-bot", 1_000_000, 1_000_000],
      ["chat-bot", 160_000, 160_000],
      ["email-triage", 3_000_000, 2_000_000],
    ]);
    expect(initiatives[0]!.ratings?.annual_savings).toBe(1_000_000);
  });

  it("maps the data range onto the scale when the model says data-range", () => {
    const { values } = deriveFormulaCriteria(rows, {
      model: modelWith(SAVINGS, { normalise: "data-range" }),
    });
    // (x - 160,000) / (3,000,000 - 160,000) * 2,000,000
    expect(values[0]!.rating).toBeCloseTo(((1_000_000 - 160_000) / 2_840_000) * 2_000_000, 6);
    expect(values[1]!.rating).toBe(0);
    expect(values[2]!.rating).toBe(2_000_000);
  });

  it("gives every initiative the scale midpoint when a data-range column is constant", () => {
    const { values } = deriveFormulaCriteria(rows.slice(0, 1), {
      model: modelWith(SAVINGS, { normalise: "data-range" }),
    });
    expect(values[0]!.rating).toBe(1_000_000);
  });

  it("feeds score: a larger saving never lowers value", () => {
    const model = modelWith(SAVINGS);
    const results = score(deriveFormulaCriteria(rows, { model }).initiatives, { model });
    const scoredValue = (id: string) => results.find((result) => result.id === id)!.value;
    expect(scoredValue("email-triage")).toBeGreaterThan(scoredValue("voice-bot"));
    expect(scoredValue("voice-bot")).toBeGreaterThan(scoredValue("chat-bot"));
  });

  it("reads cost, run_cost, benefit and effort beside the fields", () => {
    const model = modelWith("benefit - run_cost - cost / 3 + 0 * effort");
    const { values } = deriveFormulaCriteria(
      [{ name: "X", ratings: RATINGS, cost: 300_000, runCost: 50_000, benefit: 400_000, effort: 6 }],
      { model },
    );
    expect(values[0]!.value).toBe(250_000);
  });

  it("gives every rater the derived rating", () => {
    const model = modelWith("a * 2");
    const { initiatives } = deriveFormulaCriteria(
      [
        {
          name: "X",
          fields: { a: 10 },
          raters: [
            { rater: "ann", ratings: RATINGS },
            { rater: "bo", ratings: RATINGS },
          ],
        },
      ],
      { model },
    );
    expect(initiatives[0]!.raters!.map((rater) => rater.ratings.annual_savings)).toEqual([20, 20]);
  });

  it("tells score to derive first when a formula criterion has no rating", () => {
    const { problems } = problemsOf(() => score(rows, { model: modelWith(SAVINGS) }));
    expect(problems[0]!.message).toContain("run deriveFormulaCriteria");
  });

  it("names the criterion and the position of a bad formula", () => {
    const { code, problems } = problemsOf(() =>
      deriveFormulaCriteria(rows, { model: modelWith("contacts_per_year * deflection_rate.constructor") }),
    );
    expect(code).toBe("invalid-model");
    expect(problems).toEqual([
      {
        path: ["model", "criteria", 11, "formula"],
        message: expect.stringContaining("at position 35 of formula") as unknown as string,
      },
    ]);
    expect(problems[0]!.message).toContain("criterion annual_savings");
  });

  it("reports every missing field, hand rating and failed evaluation at once", () => {
    const { code, problems } = problemsOf(() =>
      deriveFormulaCriteria(
        [
          initiative("A", { contacts_per_year: 1, deflection_rate: 0.1 }),
          initiative(
            "B",
            { contacts_per_year: 1, deflection_rate: 0.1, cost_per_contact: 1 },
            {
              ratings: { ...RATINGS, annual_savings: 3 },
            },
          ),
          initiative("C", { contacts_per_year: 1, deflection_rate: 0.1, cost_per_contact: 1, cost: 5 }),
          initiative("D", { contacts_per_year: 1, deflection_rate: 0, cost_per_contact: 1 }),
        ],
        { model: modelWith("contacts_per_year * cost_per_contact / deflection_rate") },
      ),
    );
    expect(code).toBe("invalid-input");
    expect(problems.map((problem) => problem.path)).toEqual([
      ["initiatives", 0, "fields", "cost_per_contact"],
      ["initiatives", 1, "ratings"],
      ["initiatives", 2, "fields", "cost"],
      ["initiatives", 3, "fields"],
    ]);
    expect(problems[3]!.message).toContain("finite number");
  });

  it("refuses a formula on a label scale and normalise without a formula", () => {
    const model: ModelInput = {
      ...defaultModel,
      criteria: [
        ...defaultModel.criteria,
        { id: "f", label: "F", axis: "value", weight: 1, scale: { labels: ["no", "yes"] }, formula: "a" },
        { id: "g", label: "G", axis: "value", weight: 1, scale: { min: 0, max: 1 }, normalise: "scale" },
      ],
    };
    const { problems } = problemsOf(() => deriveFormulaCriteria(rows, { model }));
    expect(problems.map((problem) => problem.path.join("."))).toEqual([
      "model.criteria.11.scale",
      "model.criteria.12.normalise",
    ]);
  });

  it("passes initiatives through when the model has no formulas", () => {
    const { initiatives, values } = deriveFormulaCriteria([{ name: "X", ratings: RATINGS }]);
    expect(values).toEqual([]);
    expect(initiatives[0]!.ratings).toEqual(RATINGS);
  });
});
