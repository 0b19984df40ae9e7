import { catalog, catalogInitiatives, defaultModel, type InitiativeInput } from "@cxprism/core";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "./app.js";
import type { Logger } from "./config/deps.js";

const app = createApp({ requestId: () => "req-1" });

const FULL_RATINGS = {
  cx_impact: 4,
  cost_to_serve: 5,
  revenue_retention: 3,
  employee_experience: 3,
  strategic_fit: 5,
  tech_maturity: 4,
  data_readiness: 3,
  integration_effort: 4,
  org_readiness: 3,
  acceptance: 3,
  time_to_value: 3,
};

const postJson = (body: unknown, target = app, path = "/v1/score") =>
  target.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const postCsv = (csv: string, query = "") =>
  app.request(`/v1/score${query}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: csv });

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  limit?: number;
  errors?: { pointer?: string; row?: number; column?: number; field?: string; detail: string }[];
}

async function problemOf(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^\/docs#problem-/) });
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(JSON.stringify(problem)).not.toMatch(/\n\s+at /); // never a stack trace
  return problem;
}

describe("GET /health", () => {
  it("answers ok with the version and a request id", async () => {
    const response = await app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", version: "0.1.0" });
    expect(response.headers.get("X-Request-Id")).toBe("req-1");
  });
});

describe.each([
  [
    "/v1/catalog",
    (body: unknown) => expect((body as { useCases: unknown[] }).useCases).toHaveLength(catalog.length),
  ],
  ["/v1/models/default", (body: unknown) => expect(body).toEqual(JSON.parse(JSON.stringify(defaultModel)))],
  ["/openapi.json", (body: unknown) => expect((body as { openapi: string }).openapi).toBe("3.1.0")],
])("GET %s (cached document)", (path, check) => {
  it("answers the document with a strong ETag and Cache-Control", async () => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
    check(await response.json());
  });

  it.each([
    ["the same tag", (etag: string) => etag, 304],
    ["a weak form of the tag", (etag: string) => `W/${etag}`, 304],
    ["a list holding the tag", (etag: string) => `"other", ${etag}`, 304],
    ["*", () => "*", 304],
    ["another tag", () => '"stale"', 200],
  ])("answers If-None-Match with %s: %i", async (_name, header, status) => {
    const etag = (await app.request(path)).headers.get("ETag")!;
    const response = await app.request(path, { headers: { "If-None-Match": header(etag) } });
    expect(response.status).toBe(status);
    expect(response.headers.get("ETag")).toBe(etag);
    if (status === 304) expect(await response.text()).toBe("");
  });

  it("answers HEAD without a body", async () => {
    const response = await app.request(path, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});

describe("GET /docs", () => {
  it("renders a self-contained reference page from the OpenAPI document", async () => {
    const response = await app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    for (const text of [
      "/v1/score",
      "/v1/catalog",
      'id="schema-Initiative"',
      'id="problem-validation-failed"',
    ])
      expect(html).toContain(text);
    expect(html).not.toMatch(/<script|https?:\/\/(?!spec\.openapis)/);
  });
});

describe("POST /v1/score with JSON", () => {
  it("scores initiatives with the default model", async () => {
    const response = await postJson({ initiatives: catalogInitiatives() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: unknown; results: { rank: number; priority: number }[] };
    expect(body.model).toEqual({ id: "cx-ai-prism", name: defaultModel.name });
    expect(body.results).toHaveLength(catalog.length);
    expect(body.results.map((result) => result.rank)[0]).toBe(1);
    for (let i = 1; i < body.results.length; i++)
      expect(body.results[i - 1]!.priority).toBeGreaterThanOrEqual(body.results[i]!.priority);
  });

  it("returns the core Result fields", async () => {
    const response = await postJson({
      initiatives: [{ name: "Virtual customer assistant", ratings: FULL_RATINGS }],
    });
    const { results } = (await response.json()) as { results: Record<string, unknown>[] };
    expect(Object.keys(results[0]!).sort()).toEqual(
      [
        "category",
        "contributions",
        "disagreement",
        "feasibility",
        "id",
        "name",
        "priority",
        "quadrant",
        "quadrantLabel",
        "rank",
        "raters",
        "value",
        "warnings",
      ].sort(),
    );
    expect(results[0]).toMatchObject({ id: "virtual-customer-assistant", rank: 1, raters: 1 });
  });

  it("accepts a custom model and options.missing", async () => {
    const model = {
      id: "tiny",
      name: "Tiny",
      criteria: [
        { id: "impact", label: "Impact", axis: "value", weight: 1, scale: { min: 0, max: 10 } },
        {
          id: "ease",
          label: "Ease",
          axis: "feasibility",
          weight: 1,
          scale: { labels: ["hard", "ok", "easy"] },
        },
      ],
    };
    const response = await postJson({
      initiatives: [{ name: "A", ratings: { impact: 10 } }],
      model,
      options: { missing: "neutral" },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      model: unknown;
      results: { value: number; feasibility: number }[];
    };
    expect(body.model).toEqual({ id: "tiny", name: "Tiny" });
    expect(body.results[0]!.value).toBeCloseTo(100);
    expect(body.results[0]!.feasibility).toBeCloseTo(50); // "ok" is the midpoint of three labels
  });

  it("accepts application/*+json and a charset parameter", async () => {
    const response = await app.request("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/vnd.cxprism+json; charset=utf-8" },
      body: JSON.stringify({ initiatives: [] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      model: { id: "cx-ai-prism", name: defaultModel.name },
      results: [],
    });
  });

  it.each([
    ["truncated JSON", '{"initiatives": ['],
    ["not JSON at all", "initiatives=1"],
    ["an empty body", ""],
  ])("answers 400 for %s", async (_name, body) => {
    const problem = await problemOf(await postJson(body), 400);
    expect(problem.detail).toMatch(/^expected a JSON document/);
  });

  it("answers 400 for bytes that are not UTF-8", async () => {
    const response = await app.request("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect((await problemOf(response, 400)).detail).toMatch(/UTF-8/);
  });

  it("answers 422 with a JSON Pointer for every problem at once", async () => {
    const initiatives: InitiativeInput[] = [
      { name: "A", ratings: FULL_RATINGS },
      { name: "B", ratings: FULL_RATINGS },
      { name: "C", ratings: FULL_RATINGS },
      { name: "D", ratings: { ...FULL_RATINGS, data_readiness: "high" } },
      { name: "", ratings: { ...FULL_RATINGS, cx_impact: 7 } },
    ];
    const problem = await problemOf(await postJson({ initiatives }), 422);
    expect(problem.errors).toEqual([
      {
        pointer: "/initiatives/3/ratings/data_readiness",
        detail: 'expected a number from 1 to 5, received "high"',
      },
      { pointer: "/initiatives/4/name", detail: expect.stringMatching(/^expected a non-empty name/) },
    ]);
    expect(problem.detail).toBe("The request has 2 problems; each is listed in errors.");
  });

  it.each([
    [[], "/", "expected an object with an initiatives array, received an array"],
    [null, "/", "expected an object with an initiatives array, received null"],
    ['"text"', "/", "expected an object with an initiatives array, received a string"],
    [{}, "/initiatives", "expected this required field, received nothing"],
    [{ initiatives: {} }, "/initiatives", "expected an array, received an object"],
    [{ initiatives: [], extra: 1 }, "/extra", 'expected a known field, received unknown field "extra"'],
    [
      { initiatives: [], options: { missing: "zero" } },
      "/options/missing",
      'expected one of "error", "neutral", received "zero"',
    ],
    [
      { initiatives: [], options: { fast: true } },
      "/options/fast",
      'expected a known field, received unknown field "fast"',
    ],
  ])("answers 422 for the envelope %j at %s", async (body, pointer, detail) => {
    const problem = await problemOf(await postJson(body), 422);
    expect(problem.errors).toContainEqual({ pointer: pointer === "/" ? "" : pointer, detail });
  });

  it("reports problems in a custom model under /model", async () => {
    const problem = await problemOf(await postJson({ initiatives: [], model: { id: "Bad Id" } }), 422);
    expect(problem.errors!.map((error) => error.pointer)).toContain("/model/id");
    expect(problem.errors!.every((error) => error.pointer!.startsWith("/model"))).toBe(true);
  });

  it("reports a model value outside a picklist (a core crash found by the property test)", async () => {
    const problem = await problemOf(
      await postJson({ initiatives: [], model: { criteria: [{ direction: "up" }] } }),
      422,
    );
    expect(problem.errors).toContainEqual({
      pointer: "/model/criteria/0/direction",
      detail: 'expected one of "benefit", "cost", received "up"',
    });
  });

  it("enforces the initiative limit", async () => {
    const small = createApp({ limits: { maxInitiatives: 2 } });
    const initiatives = [1, 2, 3].map((n) => ({ name: `I${n}`, ratings: FULL_RATINGS }));
    const problem = await problemOf(await postJson({ initiatives }, small), 422);
    expect(problem.errors).toEqual([
      {
        pointer: "/initiatives",
        detail: "expected at most 2 initiatives per request, received an array of 3 item(s)",
      },
    ]);
  });

  it("has a 5,000-initiative limit by default", async () => {
    const initiatives = Array.from({ length: 5001 }, () => 0);
    const problem = await problemOf(await postJson({ initiatives }), 422);
    expect(problem.errors![0]!.detail).toMatch(/^expected at most 5000 initiatives per request/);
  });

  it("enforces the criteria limit before the core sees the model", async () => {
    const small = createApp({ limits: { maxCriteria: 3 } });
    const criteria = [1, 2, 3, 4].map((n) => ({
      id: `c${n}`,
      label: `C${n}`,
      axis: "value",
      weight: 1,
      scale: { min: 1, max: 5 },
    }));
    const problem = await problemOf(await postJson({ initiatives: [], model: { criteria } }, small), 422);
    expect(problem.errors).toEqual([
      { pointer: "/model/criteria", detail: "expected at most 3 criteria, received 4" },
    ]);
  });

  it("bounds strings through the core schemas", async () => {
    const problem = await problemOf(
      await postJson({ initiatives: [{ name: "x".repeat(201), ratings: FULL_RATINGS }] }),
      422,
    );
    expect(problem.errors).toEqual([
      {
        pointer: "/initiatives/0/name",
        detail: "expected text of at most 200 characters, received 201 characters",
      },
    ]);
  });
});

describe("POST /v1/score with CSV", () => {
  const header = `name,${Object.keys(FULL_RATINGS).join(",")}`;
  const row = (name: string, ratings = FULL_RATINGS) => `${name},${Object.values(ratings).join(",")}`;

  it("scores a comma CSV", async () => {
    const response = await postCsv(`${header}\n${row("Agent assist")}\n${row("Routing")}\n`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { name: string; rank: number }[] };
    expect(body.results.map((result) => result.rank)).toEqual([1, 1]);
  });

  it("answers the same scores for CSV and for the same data as JSON", async () => {
    const csv = await (await postCsv(`${header}\n${row("Agent assist")}\n`)).json();
    const json = await (
      await postJson({ initiatives: [{ name: "Agent assist", ratings: FULL_RATINGS }] })
    ).json();
    expect(csv).toEqual(json);
  });

  it("points CSV problems at row and column", async () => {
    const bad = { ...FULL_RATINGS, data_readiness: "high" as unknown as number };
    const problem = await problemOf(await postCsv(`${header}\n${row("A")}\n${row("B", bad)}\n`), 422);
    expect(problem.errors).toEqual([
      {
        row: 3,
        column: 8,
        field: "data_readiness",
        detail: 'expected a number from 1 to 5, received "high"',
      },
    ]);
  });

  it("honours ?missing=neutral", async () => {
    const response = await postCsv("name,cx_impact\nA,5\n", "?missing=neutral");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { quadrant: string; warnings: { code: string }[] }[] };
    // Ten midpoints, and no feasibility rating at all: unrated.
    expect(body.results[0]!.warnings.map((warning) => warning.code)).toEqual([
      ...Array(10).fill("missing-rating"),
      "unrated",
    ]);
    expect(body.results[0]!.quadrant).toBe("unrated");
  });

  it("answers 422 for an unknown ?missing value", async () => {
    const problem = await problemOf(await postCsv("name,cx_impact\nA,5\n", "?missing=maybe"), 422);
    expect(problem.errors![0]).toMatchObject({ field: "missing" });
  });

  it("answers 400 with the line for a CSV syntax error", async () => {
    const problem = await problemOf(await postCsv(`${header}\n"Unclosed,1\n`), 400);
    expect(problem.detail).toMatch(
      /^expected CSV, received a syntax error in row 2: expected a closing quote/,
    );
  });

  it("answers 422 when the name column is missing", async () => {
    const problem = await problemOf(await postCsv("title,cx_impact\nA,3\n"), 422);
    // Every problem of the header at once: no name column, and each criterion without a column.
    expect(problem.errors![0]).toEqual({
      row: 1,
      detail: 'expected a "name" column, received the columns "title", "cx_impact"',
    });
    expect(problem.errors).toHaveLength(11);
  });
});

describe("POST /v1/score limits and media types", () => {
  it("answers 413 when Content-Length declares more than the limit", async () => {
    const small = createApp({ limits: { maxBodyBytes: 100 } });
    const response = await small.request("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": "101" },
      body: "x".repeat(101),
    });
    const problem = await problemOf(response, 413);
    expect(problem.limit).toBe(100);
    expect(problem.detail).toBe("expected a body of at most 100 bytes, received a Content-Length of 101");
  });

  it("answers 413 for a streamed body without Content-Length, without reading it all", async () => {
    const small = createApp({ limits: { maxBodyBytes: 1000 } });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(400).fill(0x20));
        if (pulled > 100) controller.close();
      },
    });
    const response = await small.request("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect((await problemOf(response, 413)).limit).toBe(1000);
    expect(pulled).toBeLessThan(10);
  });

  it("accepts a body of exactly the limit", async () => {
    const body = JSON.stringify({ initiatives: [] });
    const exact = createApp({ limits: { maxBodyBytes: new TextEncoder().encode(body).length } });
    expect((await postJson(body, exact)).status).toBe(200);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
    [undefined, "no Content-Type"],
  ])("answers 415 for %s", async (type, shown) => {
    const response = await app.request("/v1/score", {
      method: "POST",
      ...(type === undefined ? {} : { headers: { "Content-Type": type } }),
      body: new Blob(["{}"]),
    });
    const problem = await problemOf(response, 415);
    expect(problem.detail).toBe(
      `expected a body of type application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or multipart/form-data, received ${shown}`,
    );
    expect(response.headers.get("Accept-Post")).toBe(
      "application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, multipart/form-data",
    );
  });
});

describe("unknown routes and methods", () => {
  it.each(["/", "/v1", "/v1/scores", "/v1/score/extra", "/v2/catalog"])(
    "answers 404 for %s",
    async (path) => {
      const problem = await problemOf(await app.request(path), 404);
      expect(problem.detail).toContain(path);
    },
  );

  it.each([
    ["GET", "/v1/score", "POST, OPTIONS"],
    ["PUT", "/v1/score", "POST, OPTIONS"],
    ["POST", "/v1/catalog", "GET, HEAD, OPTIONS"],
    ["DELETE", "/v1/models/default", "GET, HEAD, OPTIONS"],
    ["PATCH", "/health", "GET, HEAD, OPTIONS"],
    ["POST", "/openapi.json", "GET, HEAD, OPTIONS"],
    ["PUT", "/docs", "GET, HEAD, OPTIONS"],
  ])("answers 405 with Allow for %s %s", async (method, path, allow) => {
    const response = await app.request(path, { method });
    await problemOf(response, 405);
    expect(response.headers.get("Allow")).toBe(allow);
  });

  it("answers OPTIONS with 204 and Allow when CORS is off", async () => {
    const response = await app.request("/v1/score", { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toBe("POST, OPTIONS");
  });
});

describe("CORS", () => {
  const withCors = createApp({ corsOrigins: ["https://portal.example"] });

  it("sends no CORS headers by default", async () => {
    const response = await app.request("/health", { headers: { Origin: "https://portal.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("allows a configured origin and exposes the request id", async () => {
    const response = await withCors.request("/health", { headers: { Origin: "https://portal.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("https://portal.example");
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
  });

  it("answers a preflight for a configured origin", async () => {
    const response = await withCors.request("/v1/score", {
      method: "OPTIONS",
      headers: {
        Origin: "https://portal.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
  });

  it("does not allow another origin", async () => {
    const response = await withCors.request("/health", { headers: { Origin: "https://evil.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("allows any origin with *", async () => {
    const any = createApp({ corsOrigins: "*" });
    const response = await any.request("/health", { headers: { Origin: "https://anyone.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("internal errors", () => {
  it("answers 500 without a stack, logs the error with the request id and returns it in X-Request-Id", async () => {
    const logger: Logger = { error: vi.fn() };
    const failing = createApp({ logger, requestId: () => "req-500" });
    failing.get("/boom", () => {
      throw new Error("secret internals");
    });
    const response = await failing.request("/boom");
    const problem = await problemOf(response, 500);
    expect(response.headers.get("X-Request-Id")).toBe("req-500");
    expect(problem.detail).toContain("req-500");
    expect(JSON.stringify(problem)).not.toContain("secret internals");
    expect(logger.error).toHaveBeenCalledWith(
      "unhandled error",
      expect.objectContaining({ requestId: "req-500", path: "/boom", error: expect.any(Error) }),
    );
  });
});
