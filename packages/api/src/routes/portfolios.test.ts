import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReportOnNode } from "../node/render-report.js";
import { type DynaliteApp, startAppOnDynalite } from "../storage/dynalite-app.test-helpers.js";

let dynalite: DynaliteApp;
let app: DynaliteApp["app"];
const KEYS = { owner: "k-owner", rater: "k-rater-ann", viewer: "k-viewer", other: "k-other-owner" };

beforeAll(async () => {
  dynalite = await startAppOnDynalite(
    "app",
    [
      { key: KEYS.owner, tenant: "acme", role: "owner" },
      { key: KEYS.rater, tenant: "acme", role: "rater", rater: "ann" },
      { key: KEYS.viewer, tenant: "acme", role: "viewer" },
      { key: KEYS.other, tenant: "globex", role: "owner" },
    ],
    { renderReport: renderReportOnNode },
  );
  app = dynalite.app;
});
afterAll(async () => dynalite?.close());

const call = (
  key: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method,
    headers: {
      ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }),
      ...(body === undefined
        ? {}
        : { "Content-Type": typeof body === "string" ? "text/csv" : "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

const ratings = (value: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, value]));

describe("/v1/portfolios in process", () => {
  it("answers and replays an import whose answer is past DynamoDB's 400 KB item limit", async () => {
    const created = await call(KEYS.owner, "POST", "/v1/portfolios", { name: "Big answer" });
    const { id } = (await created.json()) as { id: string };
    // 5,000 initiatives with 64-character ids: the answer lists each, about 550 KB in all.
    const initiatives = Array.from({ length: 5000 }, (_, i) => ({
      id: `${String(i).padStart(4, "0")}-${"x".repeat(59)}`,
      name: `I ${i}`,
    }));
    const send = () =>
      call(
        KEYS.owner,
        "POST",
        `/v1/portfolios/${id}/initiatives/import`,
        { initiatives },
        {
          "Idempotency-Key": "big-answer",
        },
      );
    const first = await send();
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(400 * 1024);
    expect(JSON.parse(body)).toMatchObject({ created: 5000 });
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.text()).toBe(body);
  }, 60_000);

  it("walks a portfolio through its life", async () => {
    expect((await call(undefined, "GET", "/v1/portfolios")).status).toBe(401);
    const created = await call(
      KEYS.owner,
      "POST",
      "/v1/portfolios",
      { name: "FY27" },
      { "Idempotency-Key": "c1" },
    );
    expect(created.status).toBe(201);
    const portfolio = (await created.json()) as { id: string; version: number };
    expect(created.headers.get("ETag")).toBe('"v1"');
    const replay = await call(
      KEYS.owner,
      "POST",
      "/v1/portfolios",
      { name: "FY27" },
      { "Idempotency-Key": "c1" },
    );
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(((await replay.json()) as { id: string }).id).toBe(portfolio.id);
    const base = `/v1/portfolios/${portfolio.id}`;
    expect((await call(KEYS.other, "GET", base)).status).toBe(404);
    const added = await call(KEYS.owner, "POST", `${base}/initiatives`, {
      name: "Virtual assistant",
      ratings: ratings(4),
    });
    expect(added.status).toBe(201);
    const csv = `id,name,rater,cx_impact\nrouting,Intelligent routing,ann,3\nrouting,Intelligent routing,bob,5\n`;
    const imported = await call(KEYS.owner, "POST", `${base}/initiatives/import`, csv);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      created: 1,
      outcomes: [{ row: 2, id: "routing", status: "created" }],
    });
    expect(
      (await call(KEYS.rater, "PUT", `${base}/ratings/bob`, { ratings: { routing: { cx_impact: 1 } } }))
        .status,
    ).toBe(403);
    const put = await call(KEYS.rater, "PUT", `${base}/ratings/ann`, {
      ratings: { routing: ratings(2), "virtual-assistant": ratings(5) },
    });
    expect(put.status).toBe(200);
    const blind = await call(KEYS.viewer, "GET", `${base}/results`);
    expect(blind.status).toBe(403);
    expect(await blind.json()).toMatchObject({ reason: "blind" });
    const revealed = await call(
      KEYS.owner,
      "PATCH",
      `${base}/workshop`,
      { phase: "revealed" },
      { "If-Match": '"v1"' },
    );
    expect(revealed.status).toBe(200);
    const results = await call(KEYS.viewer, "GET", `${base}/results`);
    expect(results.status).toBe(200);
    const body = (await results.json()) as { raters: number; results: { id: string; raters: number }[] };
    expect(body.raters).toBe(3);
    expect(body.results.find((r) => r.id === "routing")!.raters).toBe(2);
    const svg = await call(KEYS.viewer, "GET", `${base}/matrix.svg`);
    expect(svg.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    const pdf = await call(KEYS.viewer, "GET", `${base}/report.pdf?lang=de&date=2026-11-30`);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const pptx = await call(KEYS.viewer, "GET", `${base}/report.pptx?date=2026-11-30`);
    expect(pptx.headers.get("Content-Disposition")).toContain("board-pack.pptx");
    const exported = await (await call(KEYS.viewer, "GET", `${base}/export.csv`)).text();
    expect(exported.split("\r\n")[0]).toMatch(/^id,name,category,description,cost,kpis,depends_on,rater,/);
    const stale = await call(KEYS.owner, "PATCH", base, { name: "x" }, { "If-Match": '"v0"' });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ currentVersion: 1 });
    expect((await call(KEYS.owner, "PATCH", base, { name: "x" })).status).toBe(428);
    expect((await call(KEYS.viewer, "DELETE", base)).status).toBe(403);
    expect((await call(KEYS.owner, "DELETE", base)).status).toBe(204);
    expect((await call(KEYS.owner, "GET", base)).status).toBe(404);
  });

  it("scores results once per change: a poll with the ETag gets 304, any write scores again", async () => {
    const created = await call(KEYS.owner, "POST", "/v1/portfolios", { name: "Workshop" });
    const base = `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
    await call(KEYS.owner, "POST", `${base}/initiatives`, { id: "bot", name: "Bot", ratings: ratings(3) });
    await call(KEYS.owner, "POST", `${base}/initiatives`, {
      id: "kb",
      name: "Knowledge",
      ratings: ratings(2),
    });
    // Revealed, so the viewer passes the blind gate.
    await call(KEYS.owner, "PATCH", `${base}/workshop`, { phase: "revealed" }, { "If-Match": '"v1"' });
    const read = async (headers: Record<string, string> = {}) => {
      const response = await call(KEYS.viewer, "GET", `${base}/results`, undefined, headers);
      const etag = response.headers.get("ETag");
      const body =
        response.status === 200 ? ((await response.json()) as { results: { id: string }[] }) : undefined;
      return { status: response.status, etag, body, cacheControl: response.headers.get("Cache-Control") };
    };
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(first.cacheControl).toBe("private, no-cache");
    expect(first.body!.results.map((result) => result.id)).toEqual(["bot", "kb"]);
    expect(await read({ "If-None-Match": first.etag! })).toMatchObject({ status: 304, etag: first.etag });
    // A rater's write changes the order; the next poll must see it, with a new ETag.
    expect(
      (await call(KEYS.rater, "PUT", `${base}/ratings/ann`, { ratings: { kb: ratings(5) } })).status,
    ).toBe(200);
    const afterRating = await read({ "If-None-Match": first.etag! });
    expect(afterRating.status).toBe(200);
    expect(afterRating.etag).not.toBe(first.etag);
    expect(afterRating.body!.results.map((result) => result.id)).toEqual(["kb", "bot"]);
    // So do an initiative's removal and a change of the portfolio's own fields.
    await call(KEYS.owner, "DELETE", `${base}/initiatives/bot`);
    const afterDelete = await read();
    expect(afterDelete.body!.results.map((result) => result.id)).toEqual(["kb"]);
    const renamed = await call(KEYS.owner, "PATCH", base, { name: "Renamed" }, { "If-Match": '"v1"' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).not.toHaveProperty("revision");
    const afterRename = await read({ "If-None-Match": afterDelete.etag! });
    expect(afterRename.status).toBe(200);
    expect(afterRename.body).toMatchObject({ portfolio: { name: "Renamed", version: 2 } });
  });

  it("documents every portfolio route in /openapi.json, and /docs renders them", async () => {
    const document = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    const served = new Set(
      app.routes
        .filter((route) => route.method !== "ALL" && route.path.startsWith("/v1/portfolios"))
        .map(
          (route) =>
            `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`,
        ),
    );
    const documented = new Set(
      Object.entries(document.paths)
        .filter(([path]) => path.startsWith("/v1/portfolios"))
        .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`)),
    );
    expect([...documented].sort()).toEqual([...served].sort());
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const docs = await (await app.request("/docs")).text();
    expect(docs).toContain("/v1/portfolios/{portfolio}/ratings/{rater}");
  });

  it.each([
    ["no header", undefined, 401],
    ["a wrong scheme", "Basic abc", 401],
    ["an unknown key", "Bearer nope", 401],
  ])("answers 401 with WWW-Authenticate for %s", async (_name, header, status) => {
    const response = await app.request(
      "/v1/portfolios",
      header === undefined ? {} : { headers: { Authorization: header } },
    );
    expect(response.status).toBe(status);
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="cxprism"');
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  });
});

describe("imports and raters", () => {
  async function newPortfolio(name: string): Promise<string> {
    const created = await call(KEYS.owner, "POST", "/v1/portfolios", { name });
    return `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
  }
  const results = async (base: string) =>
    (await (await call(KEYS.owner, "GET", `${base}/results`)).json()) as {
      raters: number;
      results: { id: string; raters: number }[];
    };
  const header = `name,${defaultModel.criteria.map((c) => c.id).join(",")}`;
  const row = (name: string, cell: string) => `${name},${defaultModel.criteria.map(() => cell).join(",")}`;

  it("imports all or nothing: one 422 with every problem, nothing written; ?partial=true keeps the valid rows", async () => {
    const base = await newPortfolio("all or nothing");
    const csv = `${header}\n${row("Chatbot", "3")}\n${row("Routing", "high")}\n${row("Summaries", "9")}\n`;
    const refused = await call(KEYS.owner, "POST", `${base}/initiatives/import`, csv);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { row: number; field: string }[] };
    expect(problem.errors).toHaveLength(2 * defaultModel.criteria.length);
    expect(new Set(problem.errors.map((error) => error.row))).toEqual(new Set([3, 4]));
    expect((await results(base)).results).toEqual([]);
    const partial = await call(KEYS.owner, "POST", `${base}/initiatives/import?partial=true`, csv);
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({
      created: 1,
      invalid: 2,
      outcomes: [
        { row: 2, id: "chatbot", status: "created" },
        { row: 3, status: "invalid" },
        { row: 4, status: "invalid" },
      ],
    });
    // A second import of the same rows: the existing id is one more problem, all or nothing.
    const again = await call(
      KEYS.owner,
      "POST",
      `${base}/initiatives/import`,
      `${header}\n${row("Chatbot", "3")}\n`,
    );
    expect(again.status).toBe(422);
    expect(((await again.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toContain(
      "the portfolio already has",
    );
  });

  it("stores imported ratings under the rater chosen at import, and removes a rater with DELETE", async () => {
    const base = await newPortfolio("raters");
    const imported = await call(
      KEYS.owner,
      "POST",
      `${base}/initiatives/import?rater=baseline`,
      `${header}\n${row("Chatbot", "3")}\n`,
    );
    expect(imported.status).toBe(200);
    await call(KEYS.rater, "PUT", `${base}/ratings/ann`, { ratings: { chatbot: ratings(5) } });
    expect((await results(base)).results[0]!.raters).toBe(2);
    expect((await call(KEYS.rater, "DELETE", `${base}/ratings/baseline`)).status).toBe(403);
    expect((await call(KEYS.owner, "DELETE", `${base}/ratings/baseline`)).status).toBe(204);
    expect((await results(base)).results[0]!.raters).toBe(1);
    // An empty object is not a rating: it removes the rater's record instead of counting as a rater.
    await call(KEYS.owner, "PUT", `${base}/ratings/cem`, { ratings: { chatbot: ratings(4) } });
    expect((await results(base)).results[0]!.raters).toBe(2);
    expect((await call(KEYS.owner, "PUT", `${base}/ratings/cem`, { ratings: { chatbot: {} } })).status).toBe(
      200,
    );
    expect((await results(base)).results[0]!.raters).toBe(1);
    expect((await call(KEYS.rater, "DELETE", `${base}/ratings/ann`)).status).toBe(204);
    // Nobody's rating left: the initiative is unrated and counts no rater, not one.
    const unrated = await results(base);
    expect(unrated.raters).toBe(0);
    expect(unrated.results[0]).toMatchObject({ quadrant: "unrated", raters: 0 });
  });

  it("refuses a header close to a criterion in either mode: never extra, never scored at the midpoint", async () => {
    const base = await newPortfolio("typo header");
    const typo = header.replace("data_readiness", "Data readyness");
    for (const query of ["", "?partial=true"]) {
      const imported = await call(
        KEYS.owner,
        "POST",
        `${base}/initiatives/import${query}`,
        `${typo}\n${row("Chatbot", "3")}\n`,
      );
      expect(imported.status).toBe(422);
      expect(((await imported.json()) as { errors: unknown[] }).errors).toEqual([
        {
          row: 1,
          column: 8,
          field: "Data readyness",
          detail:
            'expected a column named after a criterion or a known field, received "Data readyness" (did you mean criterion data_readiness, "Data readiness"?)',
        },
      ]);
    }
    expect((await results(base)).results).toEqual([]);
  });

  it("lists a CSV import's extra columns once, as the CLI words them", async () => {
    const base = await newPortfolio("extras");
    const imported = await call(
      KEYS.owner,
      "POST",
      `${base}/initiatives/import`,
      `${header},Owner,Notes\n${row("Chatbot", "3")},Ann,pilot\n`,
    );
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({
      created: 1,
      extraColumns: ["Owner", "Notes"],
      notes: ["kept as extra columns: Owner, Notes"],
    });
  });

  it("stores ratings sent by criterion label under the criterion's id, and names an unknown key", async () => {
    const base = await newPortfolio("labels");
    await call(KEYS.owner, "POST", `${base}/initiatives/import`, `${header}\n${row("Chatbot", "3")}\n`);
    const byLabel = Object.fromEntries(defaultModel.criteria.map((c) => [c.label.toUpperCase(), 4]));
    const put = await call(KEYS.rater, "PUT", `${base}/ratings/ann`, { ratings: { chatbot: byLabel } });
    expect(put.status).toBe(200);
    const stored = (await (await call(KEYS.rater, "GET", `${base}/ratings/ann`)).json()) as {
      ratings: Record<string, Record<string, number>>;
    };
    expect(stored.ratings.chatbot).toEqual(ratings(4));
    const bad = await call(KEYS.rater, "PUT", `${base}/ratings/ann`, {
      ratings: { chatbot: { "Data readyness": 4, "Data readiness": 9, data_readiness: 2 } },
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([
      {
        pointer: "/ratings/chatbot/Data readyness",
        detail:
          'expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
      },
      {
        pointer: "/ratings/chatbot/data_readiness",
        detail:
          'expected one entry for criterion data_readiness, received "data_readiness" and "Data readiness"',
      },
      {
        pointer: "/ratings/chatbot/Data readiness",
        detail: expect.stringMatching(/from 1 to 5, received 9/),
      },
    ]);
  });
});
