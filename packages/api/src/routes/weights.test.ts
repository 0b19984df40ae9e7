import { readFileSync } from "node:fs";
import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";

const app = createApp({ limits: { maxBodyBytes: 4096 } });

const post = (path: string, body: string, contentType = "application/json") =>
  app.request(path, { method: "POST", headers: { "Content-Type": contentType }, body });

async function problemOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await response.json()) as {
    status: number;
    detail: string;
    limit?: number;
    errors?: { pointer?: string; row?: number; column?: number; field?: string; detail: string }[];
  };
  expect(problem.status).toBe(status);
  return problem;
}

/**
 * Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process", European Journal of
 * Operational Research 48, 9-26 — choosing a house (n = 8, inconsistent). Printed priorities
 * .173 .054 .188 .018 .031 .036 .167 .333; lambda-max 9.669, CI 0.238, CR 0.169.
 */
const HOUSE = {
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
const HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];

/** The same matrix as a pairwise CSV, upper triangle only, judgments written as fractions. */
const HOUSE_CSV = [
  ",size,transport,neighbourhood,age,yard,facilities,condition,financing",
  "size,1,5,3,7,6,6,1/3,1/4",
  "transport,,1,1/3,5,3,3,1/5,1/7",
  "neighbourhood,,,1,6,3,4,6,1/5",
  "age,,,,1,1/3,1/4,1/7,1/8",
  "yard,,,,,1,1/2,1/5,1/6",
  "facilities,,,,,,1,1/5,1/6",
  "condition,,,,,,,1,1/2",
  "financing,,,,,,,,1",
].join("\r\n");

interface AhpBody {
  weights: Record<string, number>;
  lambdaMax: number;
  consistencyIndex: number;
  consistencyRatio: number;
  verdict: string;
  worstJudgments: { row: string; column: string; advice: string }[];
}

describe("POST /v1/weights/ahp", () => {
  it("reproduces Saaty's (1990) house example from a JSON matrix, with advice on the worst judgments", async () => {
    const response = await post("/v1/weights/ahp", JSON.stringify({ matrix: HOUSE }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as AhpBody;
    for (const [i, id] of HOUSE.ids.entries()) expect(body.weights[id]).toBeCloseTo(HOUSE_PRIORITIES[i]!, 2);
    expect(body.lambdaMax).toBeCloseTo(9.669, 3);
    expect(body.consistencyIndex).toBeCloseTo(0.238, 3);
    expect(body.consistencyRatio).toBeCloseTo(0.169, 3);
    expect(body.verdict).toBe("revise");
    expect(body.worstJudgments.length).toBe(3);
    expect(body.worstJudgments[0]!.advice).toMatch(
      new RegExp(`^${body.worstJudgments[0]!.row} vs ${body.worstJudgments[0]!.column}: `),
    );
  });

  it("reads the same example as a pairwise CSV (upper triangle, fractions) with options by query", async () => {
    const response = await post(
      "/v1/weights/ahp?method=eigenvector&randomIndex=saaty-1980",
      HOUSE_CSV,
      "text/csv",
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as AhpBody;
    for (const [i, id] of HOUSE.ids.entries()) expect(body.weights[id]).toBeCloseTo(HOUSE_PRIORITIES[i]!, 2);
    expect(body.consistencyRatio).toBeCloseTo(0.169, 3);
  });

  it("completes missing judgments optimally when asked, by JSON option or CSV query", async () => {
    // Bozoki, Fulop & Ronyai (2010), Example 3 (a_34 missing); the optimal a_34 = 0.7303 as AHPy prints it.
    const matrix = {
      ids: ["a", "b", "c", "d"],
      values: [
        [1, 1, 5, 2],
        [1, 1, 3, 4],
        [1 / 5, 1 / 3, 1, null],
        [1 / 2, 1 / 4, null, 1],
      ],
    };
    const json = await post(
      "/v1/weights/ahp",
      JSON.stringify({ matrix, options: { completion: "optimal" } }),
    );
    expect(json.status).toBe(200);
    const body = (await json.json()) as AhpBody & { completion: string; completed: number[][] };
    expect(body.completion).toBe("optimal");
    expect(body.completed[2]![3]).toBeCloseTo(0.7303, 4);
    const csv = await post(
      "/v1/weights/ahp?completion=optimal",
      ",a,b,c,d\na,1,1,5,2\nb,,1,3,4\nc,,,1,\nd,,,,1\n",
      "text/csv",
    );
    expect(((await csv.json()) as { completed: number[][] }).completed[2]![3]).toBeCloseTo(0.7303, 4);
    const harker = (await (await post("/v1/weights/ahp", JSON.stringify({ matrix }))).json()) as AhpBody & {
      completion: string;
    };
    expect(harker.completion).toBe("harker");
    expect(harker.lambdaMax).toBeGreaterThan(body.lambdaMax);
    const bad = await post("/v1/weights/ahp", JSON.stringify({ matrix, options: { completion: "best" } }));
    const problem = await problemOf(bad, 422);
    expect(problem.errors?.[0]?.pointer).toBe("/options/completion");
  });

  it("aggregates several raters (group AHP) and reports their agreement", async () => {
    const rater = (name: string, a: number) => ({
      rater: name,
      matrix: {
        ids: ["cost", "speed"],
        values: [
          [1, a],
          [1 / a, 1],
        ],
      },
    });
    const response = await post(
      "/v1/weights/ahp",
      JSON.stringify({
        raters: [rater("ann", 3), rater("bo", 1 / 3)],
        options: { aggregation: "judgments" },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      aggregation: string;
      weights: Record<string, number>;
      individuals: { rater: string; result: AhpBody }[];
      agreement: { w: number | null; raters: number };
    };
    expect(body.aggregation).toBe("judgments");
    // The geometric mean of 3 and 1/3 is 1: the group weighs both equally.
    expect(body.weights.cost).toBeCloseTo(0.5, 12);
    expect(body.individuals.map(({ rater: name }) => name)).toEqual(["ann", "bo"]);
    expect(body.individuals[0]!.result.weights.cost).toBeCloseTo(0.75, 12);
    expect(body.agreement).toMatchObject({ raters: 2, w: 0 });
  });

  it.each([
    [
      "a judgment off Saaty's scale",
      {
        matrix: {
          ids: ["a", "b", "c"],
          values: [
            [1, 3, 5],
            [null, 1, 20],
            [null, null, 1],
          ],
        },
      },
      "/matrix/values/1/2",
    ],
    [
      "a repeated id",
      {
        matrix: {
          ids: ["a", "a"],
          values: [
            [1, 2],
            [null, 1],
          ],
        },
      },
      "/matrix/ids/1",
    ],
    [
      "an unknown option",
      {
        matrix: {
          ids: ["a", "b"],
          values: [
            [1, 2],
            [null, 1],
          ],
        },
        options: { fast: true },
      },
      "/options/fast",
    ],
    [
      "a bad method",
      {
        matrix: {
          ids: ["a", "b"],
          values: [
            [1, 2],
            [null, 1],
          ],
        },
        options: { method: "x" },
      },
      "/options/method",
    ],
    ["a single rater", { raters: [{ rater: "ann", matrix: { ids: ["a"], values: [[1]] } }] }, "/raters"],
    ["a missing matrix", { options: {} }, "/matrix"],
  ])("answers 422 for %s, pointing at %s", async (_name, body, pointer) => {
    const problem = await problemOf(await post("/v1/weights/ahp", JSON.stringify(body)), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it("answers 422 with the CSV row and column of a bad cell", async () => {
    const problem = await problemOf(
      await post("/v1/weights/ahp", ",a,b,c\na,1,3,5\nb,,1,x\nc,,,1\n", "text/csv"),
      422,
    );
    expect(problem.errors).toEqual([
      {
        row: 3,
        column: 4,
        detail: 'expected a judgment such as 3, 1/3 or 0.333, or an empty cell, received "x"',
      },
    ]);
  });

  it("answers 422 naming a bad query parameter for CSV", async () => {
    const problem = await problemOf(await post("/v1/weights/ahp?method=mean", HOUSE_CSV, "text/csv"), 422);
    expect(problem.errors).toEqual([
      {
        field: "method",
        detail:
          'expected one of "eigenvector", "geometric-mean" for the query parameter method, received "mean"',
      },
    ]);
  });

  it.each([
    ["not JSON", 400, "{", "application/json"],
    ["CSV with an unclosed quote", 400, ',"a\na,1', "text/csv"],
    ["plain text", 415, "a b", "text/plain"],
    [
      "a body over the limit",
      413,
      JSON.stringify({ matrix: { ids: ["a"], values: [[1]] }, pad: "x".repeat(5000) }),
      "application/json",
    ],
  ])("answers %s with %i", async (_name, status, body, type) => {
    const problem = await problemOf(await post("/v1/weights/ahp", body, type), status);
    if (status === 413) expect(problem.limit).toBe(4096);
  });
});

describe("POST /v1/weights/ahp with criteria by label", () => {
  const cliFixture = (name: string) =>
    readFileSync(new URL(`../../../../test/cli/fixtures/${name}`, import.meta.url), "utf8");

  it("answers weights by criterion id for a CSV headed by labels in any case and spacing", async () => {
    const response = await post("/v1/weights/ahp", cliFixture("pairwise-labels.csv"), "text/csv");
    expect(response.status).toBe(200);
    const { weights } = (await response.json()) as { weights: Record<string, number> };
    expect(Object.keys(weights)).toEqual([
      "cx_impact",
      "cost_to_serve",
      "revenue_retention",
      "employee_experience",
      "strategic_fit",
    ]);
    expect(weights.cx_impact).toBeCloseTo(8 / 17, 9);
  });

  it("reports a header typo, an unreadable judgment and one off the scale at once, where the CLI does", async () => {
    const problem = await problemOf(
      await post("/v1/weights/ahp", cliFixture("pairwise-all-problems.csv"), "text/csv"),
      422,
    );
    expect(problem.errors?.map(({ row, column }) => [row, column])).toEqual([
      [1, 3],
      [2, 3],
      [2, 4],
    ]);
  });

  it("reports an id that names no criterion and a judgment off the scale in one JSON answer", async () => {
    const problem = await problemOf(
      await post(
        "/v1/weights/ahp",
        JSON.stringify({
          raters: [
            {
              rater: "ann",
              matrix: {
                ids: ["Data readyness", "time_to_value"],
                values: [
                  [1, 3],
                  [null, 1],
                ],
              },
            },
            {
              rater: "bob",
              matrix: {
                ids: ["data_readiness", "time_to_value"],
                values: [
                  [1, 12],
                  [null, 1],
                ],
              },
            },
          ],
        }),
      ),
      422,
    );
    expect(problem.errors?.map((error) => error.pointer)).toEqual([
      "/raters/0/matrix/ids/0",
      "/raters/1/matrix/values/0/1",
    ]);
  });

  it("names each header that is not a criterion at the cell the CLI names", async () => {
    const problem = await problemOf(
      await post("/v1/weights/ahp", cliFixture("pairwise-label-typos.csv"), "text/csv"),
      422,
    );
    expect(problem.errors).toEqual([
      {
        row: 1,
        column: 3,
        detail:
          'expected a criterion id or label of model cx-ai-prism, received "Cost to serve" (did you mean cost_to_serve, "Cost-to-serve reduction"?)',
      },
      {
        row: 1,
        column: 4,
        detail:
          'expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
      },
    ]);
  });

  it("maps the labels of a JSON matrix and of each rater's matrix, pointing at an unknown one", async () => {
    const values = [
      [1, 3],
      [1 / 3, 1],
    ];
    const single = await post(
      "/v1/weights/ahp",
      JSON.stringify({ matrix: { ids: ["Data readiness", "time to VALUE"], values } }),
    );
    expect(Object.keys(((await single.json()) as { weights: object }).weights)).toEqual([
      "data_readiness",
      "time_to_value",
    ]);
    const group = await post(
      "/v1/weights/ahp",
      JSON.stringify({
        raters: [
          { rater: "ann", matrix: { ids: ["data_readiness", "time_to_value"], values } },
          { rater: "bob", matrix: { ids: ["Data readiness", "Time to valeu"], values } },
        ],
      }),
    );
    const problem = await problemOf(group, 422);
    expect(problem.errors).toEqual([
      {
        pointer: "/raters/1/matrix/ids/1",
        detail:
          'expected a criterion id or label of model cx-ai-prism, received "Time to valeu" (did you mean time_to_value, "Time to value"?)',
      },
    ]);
  });
});

describe("POST /v1/weights/rank", () => {
  // Barron & Barrett (1996), Management Science 42(11), Table 1: ROC weights for n = 4.
  it("answers rank-order centroid weights (Barron & Barrett 1996, n = 4)", async () => {
    const ids = ["cx_impact", "cost_to_serve", "revenue_retention", "strategic_fit"];
    const response = await post("/v1/weights/rank", JSON.stringify({ ranking: ids }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { method: string; weights: Record<string, number> };
    expect(body.method).toBe("rank-order-centroid");
    for (const [i, w] of [0.5208, 0.2708, 0.1458, 0.0625].entries())
      expect(body.weights[ids[i]!]).toBeCloseTo(w, 4);
  });

  it("shares the weight of tied places and honours the method", async () => {
    const response = await post(
      "/v1/weights/rank",
      JSON.stringify({ ranking: [["cx_impact", "strategic_fit"]], method: "equal" }),
    );
    expect(await response.json()).toEqual({
      method: "equal",
      weights: { cx_impact: 0.5, strategic_fit: 0.5 },
      ranking: [["cx_impact", "strategic_fit"]],
      axes: { value: [["cx_impact", "strategic_fit"]] },
    });
  });

  it("takes criteria by label, ranks a mixed ranking per axis, and answers ids", async () => {
    const response = await post(
      "/v1/weights/rank",
      JSON.stringify({
        ranking: ["Customer experience impact", ["DATA READINESS", "strategic_fit"], "time_to_value"],
      }),
    );
    expect(await response.json()).toEqual({
      method: "rank-order-centroid",
      weights: { cx_impact: 0.75, strategic_fit: 0.25, data_readiness: 0.75, time_to_value: 0.25 },
      ranking: [["cx_impact"], ["data_readiness", "strategic_fit"], ["time_to_value"]],
      axes: {
        value: [["cx_impact"], ["strategic_fit"]],
        feasibility: [["data_readiness"], ["time_to_value"]],
      },
    });
  });

  it("names every unknown criterion with the one meant, against the model sent", async () => {
    const model = {
      ...defaultModel,
      id: "two",
      criteria: defaultModel.criteria.filter((c) => c.id === "cx_impact" || c.id === "data_readiness"),
    };
    const problem = await problemOf(
      await post("/v1/weights/rank", JSON.stringify({ ranking: ["cx_impcat", "strategic_fit"], model })),
      422,
    );
    expect(problem.errors).toEqual([
      {
        pointer: "/ranking/0",
        detail:
          'expected a criterion id or label of model two, received "cx_impcat" (did you mean cx_impact, "Customer experience impact"?)',
      },
      {
        pointer: "/ranking/1",
        detail:
          'expected a criterion id or label of model two, received "strategic_fit" (did you mean one of cx_impact, data_readiness?)',
      },
    ]);
  });

  it.each([
    ["a repeated id", { ranking: ["cx_impact", ["strategic_fit", "cx_impact"]] }, "/ranking/1/1"],
    ["an empty ranking", { ranking: [] }, "/ranking"],
    ["an unknown method", { ranking: ["cx_impact"], method: "vote" }, "/method"],
  ])("answers 422 for %s at %s", async (_name, body, pointer) => {
    const problem = await problemOf(await post("/v1/weights/rank", JSON.stringify(body)), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
  });

  it.each([
    ["not JSON", 400, "[", "application/json"],
    ["CSV", 415, "a,b", "text/csv"],
  ])("answers %s with %i", async (_name, status, body, type) => {
    await problemOf(await post("/v1/weights/rank", body, type), status);
  });
});
