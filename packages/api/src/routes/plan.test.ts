import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultModel } from "@cxprism/core";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
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
    ["plain text", 415, "name\nA", "text/plain"],
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

  describe("a CSV body, read by the same table reader as /v1/score (issue #13)", () => {
    const CSV = [
      "name,cost,depends_on,cx_impact,data_readiness,tech_maturity",
      "Agent assist,400,,5,5,5",
      "Voice bot,500,,4,3,3",
      "Churn model,300,,2,3,2",
      "Translation,200,agent-assist,2,4,4",
    ].join("\n");
    const postCsv = (query: string, body = CSV, headers: Record<string, string> = {}) =>
      app.request(`/v1/plan?${query}`, {
        method: "POST",
        headers: { "Content-Type": "text/csv", ...headers },
        body,
      });

    it("plans a table with the options in the query, as a JSON body with the same initiatives", async () => {
      const fromCsv = await postCsv("budget=1000&missing=neutral&goals=fcr,csat&waveSize=2");
      expect(fromCsv.status).toBe(200);
      const json = await post({
        initiatives: [
          { name: "Agent assist", cost: 400, ratings: { cx_impact: 5, data_readiness: 5, tech_maturity: 5 } },
          { name: "Voice bot", cost: 500, ratings: { cx_impact: 4, data_readiness: 3, tech_maturity: 3 } },
          { name: "Churn model", cost: 300, ratings: { cx_impact: 2, data_readiness: 3, tech_maturity: 2 } },
          {
            name: "Translation",
            cost: 200,
            dependsOn: ["agent-assist"],
            ratings: { cx_impact: 2, data_readiness: 4, tech_maturity: 4 },
          },
        ],
        options: { budget: 1000, missing: "neutral", goals: ["fcr", "csat"], waveSize: 2 },
      });
      expect(await fromCsv.json()).toEqual(await json.json());
    });

    it("plans an Excel workbook as it plans the same table sent as CSV", async () => {
      const fixtures = join(fileURLToPath(new URL("../../../../test/table/fixtures", import.meta.url)));
      const query = "budget=400000&missing=neutral";
      const fromXlsx = await app.request(`/v1/plan?${query}`, {
        method: "POST",
        headers: { "Content-Type": XLSX_MEDIA_TYPE },
        body: readFileSync(join(fixtures, "xlsx/business-case.xlsx")),
      });
      expect(fromXlsx.status).toBe(200);
      const fromCsv = await postCsv(query, readFileSync(join(fixtures, "business-case.csv"), "utf8"));
      expect(await fromXlsx.json()).toEqual(await fromCsv.json());
    });

    it("answers Markdown for a table too", async () => {
      const response = await postCsv("budget=1000&missing=neutral", CSV, { Accept: "text/markdown" });
      expect(await response.text()).toMatch(/^# AI initiative plan/);
    });

    it.each([
      ["a rating off the scale", "Broken,100,,9,3,3", [[6, "cx_impact"]]],
      ["a missing cost", "Broken,,,3,3,3", [[6, "cost"]]],
    ])("reports %s at its row and column", async (_, row, places) => {
      const problem = await problemOf(await postCsv("budget=1000&missing=neutral", `${CSV}\n${row}`), 422);
      expect(problem.errors!.map(({ row, field }) => [row, field])).toEqual(places);
    });

    it.each([
      ["no budget", "missing=neutral", [["budget", /received none$/]]],
      ["an ambiguous budget", "budget=500.000&missing=neutral", [["budget", /500\.000 is ambiguous/]]],
      [
        "bad options",
        "budget=-5&objective=fun&missing=neutral",
        [
          ["budget", /^expected the query parameter budget to be a number of at least 0, received -5$/],
          ["objective", /^expected the query parameter objective to be one of/],
        ],
      ],
    ])("answers 422 naming each query parameter for %s", async (_, query, expected) => {
      const problem = await problemOf(await postCsv(query), 422);
      expect(problem.errors!.map(({ field }) => field)).toEqual(expected.map(([field]) => field));
      problem.errors!.forEach((error, k) => {
        expect(error.detail).toMatch(expected[k]![1] as RegExp);
      });
    });
  });
});
