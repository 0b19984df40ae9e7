import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { problemOf, ratings } from "./fixtures.test-helpers.js";

const app = createApp({ limits: { maxSimulationWork: 30_000, maxSensitivityInitiatives: 10 } });

/** Three initiatives far apart, and two close ones whose order the simulation should find uncertain. */
const INITIATIVES = [
  {
    name: "Clear winner",
    ratings: ratings({
      cx_impact: 5,
      cost_to_serve: 5,
      strategic_fit: 5,
      tech_maturity: 5,
      data_readiness: 5,
    }),
  },
  { name: "Close a", ratings: ratings({ cx_impact: 4 }) },
  { name: "Close b", ratings: ratings({ cost_to_serve: 4 }) },
  {
    name: "Clear loser",
    ratings: ratings({ cx_impact: 1, cost_to_serve: 1, tech_maturity: 1, data_readiness: 1 }),
  },
];

const post = (body: unknown, query = "", type = "application/json") =>
  app.request(`/v1/sensitivity${query}`, {
    method: "POST",
    headers: { "Content-Type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

interface SensitivityBody {
  monteCarlo: {
    iterations: number;
    seed: number;
    k: number;
    initiatives: {
      id: string;
      baseRank: number;
      rankProbabilities: number[];
      topK: number;
      summary: string;
    }[];
  };
  stability: {
    top1: string;
    topK: string[];
    criteria: { criterion: string; top1: { low: number; high: number } }[];
  };
  tornado?: { id: string; bars: { criterion: string }[] };
  methods: {
    topK: number;
    rankings: { method: string; order: string[] }[];
    agreement: { spearman: number | null; kendall: number | null }[];
    shortlistChanges: { id: string }[];
    vikor: { compromise: string[] };
  };
}

describe("POST /v1/sensitivity", () => {
  it("answers Monte Carlo probabilities and weight stability, the same for the same seed", async () => {
    const body = { initiatives: INITIATIVES, options: { iterations: 2000, seed: 42, topK: 2 } };
    const first = await post(body);
    expect(first.status).toBe(200);
    const result = (await first.json()) as SensitivityBody;
    expect(result.monteCarlo).toMatchObject({ iterations: 2000, seed: 42, k: 2 });
    const [winner] = result.monteCarlo.initiatives;
    expect(winner).toMatchObject({ id: "clear-winner", baseRank: 1 });
    expect(winner!.rankProbabilities[0]).toBeGreaterThan(0.95);
    for (const initiative of result.monteCarlo.initiatives)
      expect(initiative.rankProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(winner!.summary).toMatch(/Clear winner is top-2 in \d+% of plausible worlds/);
    expect(result.stability.top1).toBe("clear-winner");
    expect(result.stability.topK).toHaveLength(2);
    expect(result.stability.criteria).toHaveLength(11);
    expect(result.tornado).toBeUndefined();
    // The ranking under other methods: every method puts the clear winner first and the loser last.
    expect(result.methods.topK).toBe(2);
    expect(result.methods.rankings).toHaveLength(6);
    for (const ranking of result.methods.rankings) {
      expect(ranking.order[0]).toBe("clear-winner");
      expect(ranking.order.at(-1)).toBe("clear-loser");
    }
    expect(result.methods.agreement).toHaveLength(15);
    expect(result.methods.vikor.compromise).toContain("clear-winner");
    const again = (await (await post(body)).json()) as SensitivityBody;
    expect(again).toEqual(result);
  });

  it("adds the tornado of ?id=X, largest swing first", async () => {
    const response = await post({ initiatives: INITIATIVES, options: { iterations: 100 } }, "?id=close-a");
    const result = (await response.json()) as SensitivityBody;
    expect(result.tornado?.id).toBe("close-a");
    expect(result.tornado?.bars.length).toBe(11);
  });

  it("reads a CSV body with iterations and seed by query", async () => {
    const header = Object.keys(INITIATIVES[0]!.ratings);
    const csv = [
      ["name", ...header].join(","),
      ...INITIATIVES.map((i) => [i.name, ...header.map((id) => String(i.ratings[id]))].join(",")),
    ].join("\n");
    const response = await post(csv, "?iterations=500&seed=7", "text/csv");
    expect(response.status).toBe(200);
    const result = (await response.json()) as SensitivityBody;
    expect(result.monteCarlo).toMatchObject({ iterations: 500, seed: 7 });
  });

  it("refuses work over the cap with 422 naming the limit and the most iterations that fit", async () => {
    // 4 initiatives x 10,000 iterations = 40,000 > 30,000.
    const problem = await problemOf(
      await post({ initiatives: INITIATIVES, options: { iterations: 10_000 } }),
      422,
    );
    expect(problem.limit).toBe(30_000);
    expect(problem.detail).toBe("expected iterations x initiatives of at most 30000, received 10000 x 4");
    expect(problem.errors).toEqual([
      {
        pointer: "/options/iterations",
        detail:
          "expected at most 7500 iterations for 4 initiatives (iterations x initiatives <= 30000), received 10000",
      },
    ]);
  });

  it("applies the cap to the default of 10,000 iterations and names the query parameter when it set them", async () => {
    const byDefault = await problemOf(await post({ initiatives: INITIATIVES }), 422);
    expect(byDefault.errors?.[0]?.pointer).toBe("/options/iterations");
    const byQuery = await problemOf(await post({ initiatives: INITIATIVES }, "?iterations=9000"), 422);
    expect(byQuery.errors?.[0]?.field).toBe("iterations");
  });

  it("refuses more initiatives than the sensitivity limit with 422 naming it", async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `Initiative ${i}`, ratings: ratings() }));
    const problem = await problemOf(await post({ initiatives: many, options: { iterations: 10 } }), 422);
    expect(problem.limit).toBe(10);
    expect(problem.errors).toEqual([
      { pointer: "/initiatives", detail: "expected at most 10 initiatives, received 11" },
    ]);
  });

  it("uses the default caps when the host sets none", async () => {
    const problem = await problemOf(
      await createApp().request("/v1/sensitivity", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ initiatives: INITIATIVES, options: { iterations: 125_001 } }),
      }),
      422,
    );
    expect(problem.limit).toBe(500_000);
  });

  it.each([
    ["an unknown option", { iterations: 10, fast: true }, "/options/fast"],
    ["a fractional iteration count", { iterations: 1.5 }, "/options/iterations"],
    ["a negative uncertainty", { iterations: 10, uncertainty: -1 }, "/options/uncertainty"],
    ["an unknown noise", { iterations: 10, noise: "gaussian" }, "/options/noise"],
    ["a top-k of 0", { iterations: 10, topK: 0 }, "/options/topK"],
  ])("answers 422 for %s", async (_name, options, pointer) => {
    const problem = await problemOf(await post({ initiatives: INITIATIVES, options }), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it("answers 422 for an id that is not in the body", async () => {
    const problem = await problemOf(
      await post({ initiatives: INITIATIVES, options: { iterations: 10 } }, "?id=nope"),
      422,
    );
    expect(problem.errors).toEqual([
      { field: "id", detail: 'expected the id of an initiative in the body, received "nope"' },
    ]);
  });

  it.each([
    ["not JSON", 400, "{", "application/json"],
    ["plain text", 415, "x", "text/plain"],
  ])("answers %s with %i", async (_name, status, body, type) => {
    await problemOf(await post(body, "", type), status);
  });

  it("answers 413 past the body limit", async () => {
    const small = createApp({ limits: { maxBodyBytes: 100 } });
    const response = await small.request("/v1/sensitivity", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initiatives: INITIATIVES }),
    });
    expect((await problemOf(response, 413)).limit).toBe(100);
  });
});
