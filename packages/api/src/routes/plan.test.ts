import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { problemOf, ratings } from "./fixtures.test-helpers.js";

const app = createApp();

const INITIATIVES = [
  {
    name: "Agent assist",
    cost: 400,
    ratings: ratings({ cx_impact: 5, data_readiness: 5, tech_maturity: 5 }),
  },
  { name: "Voice bot", cost: 500, ratings: ratings({ cx_impact: 4, cost_to_serve: 5 }) },
  { name: "Churn model", cost: 300, ratings: ratings({ revenue_retention: 4 }) },
  { name: "Translation", cost: 200, ratings: ratings({ cx_impact: 2 }), dependsOn: ["agent-assist"] },
];

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/v1/plan", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

interface PlanBody {
  budget: number;
  totals: { cost: number; initiatives: number };
  waves: { label: string; initiatives: string[] }[];
  initiatives: { id: string; selected: boolean; wave: number | null }[];
}

describe("POST /v1/plan", () => {
  it("selects within the budget and sequences waves, as JSON by default", async () => {
    const response = await post({ initiatives: INITIATIVES, options: { budget: 1000 } });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    const plan = (await response.json()) as PlanBody;
    expect(plan.budget).toBe(1000);
    expect(plan.totals.cost).toBeLessThanOrEqual(1000);
    const selected = plan.initiatives.filter((initiative) => initiative.selected).map(({ id }) => id);
    // A prerequisite is always planned with what depends on it.
    if (selected.includes("translation")) expect(selected).toContain("agent-assist");
    expect(plan.waves.flatMap((wave) => wave.initiatives).sort()).toEqual([...selected].sort());
  });

  it.each([
    ["text/markdown", "text/markdown; charset=utf-8", /^# AI initiative plan/],
    ["image/svg+xml", "image/svg+xml; charset=utf-8", /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/],
    ["application/json", "application/json", /^\{"objective":"priority"/],
  ])("answers Accept %s as %s", async (accept, type, start) => {
    const response = await post({ initiatives: INITIATIVES, options: { budget: 1000 } }, { Accept: accept });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(type);
    expect(response.headers.get("Vary")).toBe("Accept");
    expect(await response.text()).toMatch(start);
  });

  it("derives formula criteria of a custom model before planning", async () => {
    const model = {
      ...defaultModel,
      id: "with-savings",
      criteria: [
        ...defaultModel.criteria,
        {
          id: "annual_savings",
          label: "Annual savings",
          axis: "value",
          weight: 0.25,
          scale: { min: 0, max: 2_000_000 },
          formula: "contacts_per_year * deflection_rate * cost_per_contact",
        },
      ],
    };
    const initiatives = [
      {
        ...INITIATIVES[0],
        fields: { contacts_per_year: 1_000_000, deflection_rate: 0.2, cost_per_contact: 5 },
      },
      { ...INITIATIVES[1], fields: { contacts_per_year: 10_000, deflection_rate: 0.1, cost_per_contact: 4 } },
    ];
    // Unrated formula criteria are refused by the core ("run deriveFormulaCriteria first"), so a plan at
    // all shows the route derived them.
    const response = await post({ initiatives, model, options: { budget: 500, objective: "value" } });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as PlanBody;
    expect(plan.initiatives.map(({ id }) => id).sort()).toEqual(["agent-assist", "voice-bot"]);
    expect(plan.totals.cost).toBeLessThanOrEqual(500);
  });

  it.each([
    ["a negative budget", { initiatives: INITIATIVES, options: { budget: -1 } }, "/options/budget"],
    ["no options", { initiatives: INITIATIVES }, "/options"],
    ["an unknown option", { initiatives: INITIATIVES, options: { budget: 1, speed: 2 } }, "/options/speed"],
    [
      "an initiative without a cost",
      { initiatives: [{ name: "A", ratings: ratings() }], options: { budget: 1 } },
      "/initiatives/0/cost",
    ],
    [
      "an unknown criterion",
      { initiatives: [{ name: "A", cost: 1, ratings: { ...ratings(), speed: 3 } }], options: { budget: 1 } },
      "/initiatives/0/ratings/speed",
    ],
  ])("answers 422 for %s", async (_name, body, pointer) => {
    const problem = await problemOf(await post(body), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it("answers 422 at the formula of a model whose formula does not parse", async () => {
    const model = {
      ...defaultModel,
      criteria: [
        ...defaultModel.criteria,
        { id: "f", label: "F", axis: "value", weight: 1, scale: { min: 0, max: 1 }, formula: "a +* b" },
      ],
    };
    const problem = await problemOf(
      await post({ initiatives: INITIATIVES, model, options: { budget: 1 } }),
      422,
    );
    expect(problem.errors?.[0]?.pointer).toBe("/model/criteria/11/formula");
  });

  it("answers 406 for a format it cannot produce, naming those it can", async () => {
    const problem = await problemOf(
      await post({ initiatives: INITIATIVES, options: { budget: 1 } }, { Accept: "text/html" }),
      406,
    );
    expect(problem.detail).toContain("application/json, text/markdown, image/svg+xml");
  });

  it.each([
    ["not JSON", 400, "{", "application/json"],
    ["CSV", 415, "name\nA", "text/csv"],
  ])("answers %s with %i", async (_name, status, body, type) => {
    await problemOf(await post(body, { "Content-Type": type }), status);
  });

  it("answers 413 past the body limit", async () => {
    const small = createApp({ limits: { maxBodyBytes: 64 } });
    const response = await small.request("/v1/plan", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initiatives: INITIATIVES, options: { budget: 1 } }),
    });
    expect((await problemOf(response, 413)).limit).toBe(64);
  });
});
