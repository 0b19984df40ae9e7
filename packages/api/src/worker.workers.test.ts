// Runs inside the real Workers runtime (workerd) through @cloudflare/vitest-pool-workers: the worker entry as
// wrangler bundles it, with the variables from wrangler.jsonc.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { catalogInitiatives, defaultModel } from "@cxprism/core";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createDyingStore } from "./storage/dying-client.test-helpers.js";
import { createDynamoDbClient, readDynamoDbSettings } from "./storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./storage/dynamodb-store.js";
import worker, { type WorkerEnv } from "./worker.js";

const call = (path: string, init?: RequestInit) => exports.default.fetch(`https://api.test${path}`, init);

describe("worker entry in workerd", () => {
  it("answers /health", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", version: expect.any(String) });
    expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("scores the catalog sent as JSON", async () => {
    const initiatives = catalogInitiatives();
    const response = await call("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initiatives }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: { id: string }; results: { rank: number }[] };
    expect(body.model.id).toBe("cx-ai-prism");
    expect(body.results).toHaveLength(initiatives.length);
    expect(body.results[0]!.rank).toBe(1);
  });

  it("scores a semicolon CSV with decimal commas (csv-parse browser build in workerd)", async () => {
    const csv =
      "\uFEFFname;cx_impact;cost_to_serve;revenue_retention;employee_experience;strategic_fit;tech_maturity;" +
      "data_readiness;integration_effort;org_readiness;acceptance;time_to_value\r\n" +
      "Agent assist;4,5;4;3;5;4;4;3;3;4;4;3\r\n";
    const response = await call("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: csv,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { name: string; contributions: { value: object } }[] };
    expect(body.results[0]!.name).toBe("Agent assist");
  });

  it("scores an .xlsx workbook and refuses a zip bomb (fflate's inflater in workerd)", async () => {
    const criteria =
      "cx_impact,cost_to_serve,revenue_retention,employee_experience,strategic_fit,tech_maturity,data_readiness,integration_effort,org_readiness,acceptance,time_to_value".split(
        ",",
      );
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const letters = "ABCDEFGHIJKL";
    const header = ["name", ...criteria].map((name, i) => cell(`${letters[i]}1`, name)).join("");
    const values = criteria.map((_, i) => `<c r="${letters[i + 1]}2"><v>4</v></c>`).join("");
    const workbook = (sheet: Uint8Array) =>
      zipSync({
        "[Content_Types].xml": strToU8("<Types/>"),
        "xl/workbook.xml": strToU8(
          '<workbook><sheets><sheet name="Ratings" r:id="rId1"/></sheets></workbook>',
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        "xl/worksheets/sheet1.xml": sheet,
      });
    const sheet = strToU8(
      `<worksheet><sheetData><row r="1">${header}</row><row r="2">${cell("A2", "Agent assist")}${values}</row></sheetData></worksheet>`,
    );
    const scored = await call("/v1/score?sheet=ratings", {
      method: "POST",
      headers: { "Content-Type": XLSX_MEDIA_TYPE },
      body: workbook(sheet),
    });
    expect(scored.status).toBe(200);
    expect(((await scored.json()) as { results: { name: string }[] }).results[0]!.name).toBe("Agent assist");
    // With a custom model, in multipart/form-data: the workbook part told by its zip signature alone.
    const model = {
      id: "two-axes",
      name: "Two axes",
      criteria: [
        { id: "impact", label: "Customer impact", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
        { id: "ease", label: "Ease", axis: "feasibility", weight: 1, scale: { labels: ["S", "M", "L"] } },
      ],
    };
    const form = new FormData();
    const labelled = `<row r="1">${cell("A1", "name")}${cell("B1", "Customer impact")}${cell("C1", "Ease")}</row><row r="2">${cell("A2", "Voice bot")}<c r="B2"><v>5</v></c>${cell("C2", "L")}</row>`;
    form.append(
      "csv",
      new File([workbook(strToU8(`<worksheet><sheetData>${labelled}</sheetData></worksheet>`))], "upload"),
    );
    form.append("model", JSON.stringify(model));
    const custom = await call("/v1/score", { method: "POST", body: form });
    expect(custom.status).toBe(200);
    expect(((await custom.json()) as { results: { priority: number }[] }).results[0]!.priority).toBe(100);
    const bomb = await call("/v1/score", {
      method: "POST",
      headers: { "Content-Type": XLSX_MEDIA_TYPE },
      body: workbook(new Uint8Array(40 * 1024 * 1024).fill(0x20)),
    });
    expect(bomb.status).toBe(422);
  });

  it("refuses a body over the configured limit with 413 while streaming", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
        for (let i = 0; i < 20; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await call("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(((await response.json()) as { limit: number }).limit).toBe(1048576);
  });

  it("answers problems for unknown routes and methods", async () => {
    const missing = await call("/v2/anything");
    expect(missing.status).toBe(404);
    const wrongMethod = await call("/v1/catalog", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("serves the catalog with an ETag and answers 304 when it matches", async () => {
    const first = await call("/v1/catalog");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^".+"$/);
    const second = await call("/v1/catalog", { headers: { "If-None-Match": etag } });
    expect(second.status).toBe(304);
  });

  it("answers 406 to a board pack, naming where one is rendered: the PDF and PPTX libraries need Node", async () => {
    for (const accept of [
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]) {
      const response = await call("/v1/report", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: accept },
        body: JSON.stringify({ initiatives: catalogInitiatives() }),
      });
      expect(response.status).toBe(406);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(((await response.json()) as { detail: string }).detail).toContain(
        "the Node server renders application/pdf and PPTX",
      );
    }
  });

  it("draws the matrix as SVG but answers 406 to PNG: workerd has no rasteriser", async () => {
    const body = JSON.stringify({ initiatives: catalogInitiatives() });
    const init = (accept: string) => ({
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: accept },
      body,
    });
    const svg = await call("/v1/matrix", init("image/svg+xml"));
    expect(svg.status).toBe(200);
    expect(await svg.text()).toMatch(/^<svg /);
    const png = await call("/v1/matrix", init("image/png"));
    expect(png.status).toBe(406);
    expect(png.headers.get("Content-Type")).toBe("application/problem+json");
    expect(((await png.json()) as { detail: string }).detail).toBe(
      'expected an Accept header that allows one of image/svg+xml, application/vnd.vegalite.v5+json, received "image/png"',
    );
  });

  it("runs the sensitivity analysis and a plan with a formula criterion (mathjs in workerd)", async () => {
    const initiatives = catalogInitiatives().map(({ dependsOn: _dependsOn, ...initiative }) => initiative);
    const sensitivity = await call("/v1/sensitivity", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initiatives, options: { iterations: 1000 } }),
    });
    expect(sensitivity.status).toBe(200);
    const model = (await (await call("/v1/models/default")).json()) as { criteria: object[] };
    const formula = {
      id: "savings",
      label: "Savings",
      axis: "value",
      weight: 0.2,
      scale: { min: 0, max: 1000 },
      formula: "contacts * 0.01",
    };
    const plan = await call("/v1/plan", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/markdown" },
      body: JSON.stringify({
        model: { ...model, criteria: [...model.criteria, formula] },
        initiatives: initiatives
          .slice(0, 4)
          .map((initiative, k) => ({ ...initiative, cost: 100, fields: { contacts: 1000 * k } })),
        options: { budget: 250 },
      }),
    });
    expect(plan.status).toBe(200);
    expect(await plan.text()).toMatch(/^# AI initiative plan/);
  });

  it("serves the workshop app from static assets, its bundles cached by content hash", async () => {
    const page = await env.ASSETS.fetch("https://api.test/");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const bundle = await env.ASSETS.fetch(`https://api.test${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("Content-Type")).toContain("javascript");
    expect(bundle.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  });

  it("runs a blind workshop on the portfolio routes against a DynamoDB-compatible store", async () => {
    const as = (
      key: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      call(path, {
        method,
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const owner = "k-workers-owner";
    const created = await as(owner, "POST", "/v1/portfolios", { name: "Edge workshop" });
    expect(created.status).toBe(201);
    const base = `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
    const initiatives = catalogInitiatives()
      .slice(0, 3)
      .map(({ ratings: _ratings, dependsOn: _dependsOn, extra: _extra, ...initiative }) => initiative);
    expect((await as(owner, "POST", `${base}/initiatives/import`, { initiatives })).status).toBe(200);
    const invite = (await (
      await as(owner, "POST", `${base}/invites`, { role: "rater", rater: "ann" })
    ).json()) as {
      key: string;
    };
    const poll = await as(owner, "GET", `${base}/progress`);
    const etag = poll.headers.get("ETag")!;
    expect((await as(owner, "GET", `${base}/progress`, undefined, { "If-None-Match": etag })).status).toBe(
      304,
    );
    const ratings = { [initiatives[0]!.id as string]: { cx_impact: 4, data_readiness: null } };
    expect((await as(invite.key, "PUT", `${base}/ratings/ann`, { ratings })).status).toBe(200);
    const blind = await as(invite.key, "GET", `${base}/results`);
    expect(blind.status).toBe(403);
    expect(await blind.json()).toMatchObject({ reason: "blind" });
    const progress = await as(owner, "GET", `${base}/progress`, undefined, { "If-None-Match": etag });
    expect(await progress.json()).toMatchObject({ raters: [{ rater: "ann", rated: 1 }] });
    expect(
      (await as(owner, "PATCH", `${base}/workshop`, { phase: "revealed" }, { "If-Match": '"v1"' })).status,
    ).toBe(200);
    const results = await as(invite.key, "GET", `${base}/results`);
    expect(results.status).toBe(200);
    expect(((await results.json()) as { results: unknown[] }).results).toHaveLength(3);
  });
});

describe("the worker's Cron Trigger", () => {
  it("sweeps an import whose isolate died mid-write, with no request to its portfolio", async () => {
    const owner = "k-workers-owner";
    const as = (method: string, path: string, body?: unknown) =>
      call(path, {
        method,
        headers: { Authorization: `Bearer ${owner}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await as("POST", "/v1/portfolios", { name: "Swept at the edge" });
    const id = ((await created.json()) as { id: string }).id;
    // A writer that stops reaching the store after the sweep entry, the pending id and one batch of rows.
    const settings = readDynamoDbSettings(env as unknown as Record<string, string | undefined>);
    const client = createDynamoDbClient(settings);
    const dying = createDyingStore(client, settings.table, 3);
    const entries = Array.from({ length: 30 }, (_, i) => ({
      data: { id: `d${i}`, name: `D ${i}` },
      ratings: [],
    }));
    await expect(dying.importInitiatives("edge", id, entries, new Date().toISOString())).rejects.toThrow();
    client.destroy();
    // Hidden, and its ids still taken, until the sweep.
    expect((await as("POST", `/v1/portfolios/${id}/initiatives`, { id: "d0", name: "again" })).status).toBe(
      409,
    );
    const context = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), env as WorkerEnv, context);
    await waitOnExecutionContext(context);
    expect((await as("POST", `/v1/portfolios/${id}/initiatives`, { id: "d0", name: "again" })).status).toBe(
      201,
    );
  });
});

describe("the DynamoDB store in workerd", () => {
  it("builds a large import's and rating batch's items in stretches, yielding between them", async () => {
    const settings = readDynamoDbSettings(env as unknown as Record<string, string | undefined>);
    const client = createDynamoDbClient(settings);
    const store = new DynamoDbPortfolioStore(client, { table: settings.table });
    const now = new Date().toISOString();
    await store.createPortfolio(
      "edge-stretches",
      "p",
      { name: "P", description: "", model: defaultModel },
      now,
    );
    // 2,500 initiatives with a rating each: 5,000 items, so the import yields four times on its way.
    const ids = Array.from({ length: 2500 }, (_, i) => `s${i}`);
    const rating = (initiativeId: string, rater: string) => ({
      initiativeId,
      rater,
      weight: 1,
      ratings: { cx_impact: 3 },
      updatedAt: now,
    });
    const outcomes = await store.importInitiatives(
      "edge-stretches",
      "p",
      ids.map((id) => ({ data: { id, name: id }, ratings: [rating(id, "import")] })),
      now,
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    await store.putRatings(
      "edge-stretches",
      "p",
      ids.map((id) => rating(id, "ann")),
    );
    const contents = await store.readContents("edge-stretches", "p");
    expect([contents.initiatives.length, contents.ratings.length]).toEqual([2500, 5000]);
    client.destroy();
  });
});
