// End to end: the Node entry in a child process with its embedded dynalite (or an external one), called over
// real HTTP on 127.0.0.1: every route x role x another tenant's key, concurrent raters and edits, a restart,
// and the store stopped mid-run.

import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmbeddedDynamoDb,
  startEmbeddedDynamoDb,
} from "../../packages/api/src/storage/embedded-dynalite.js";
import { type ServerProcess, startServerProcess } from "./portfolio-server.js";

const KEYS = {
  owner: "e2e-owner",
  rater: "e2e-rater-ann",
  viewer: "e2e-viewer",
  other: "e2e-globex-owner",
} as const;
type Caller = keyof typeof KEYS | "none" | "bad";
const sha = (key: string) => createHash("sha256").update(key).digest("hex");
const API_KEYS = JSON.stringify([
  { sha256: sha(KEYS.owner), tenant: "acme", role: "owner" },
  { sha256: sha(KEYS.rater), tenant: "acme", role: "rater", rater: "ann" },
  { sha256: sha(KEYS.viewer), tenant: "acme", role: "viewer" },
  { sha256: sha(KEYS.other), tenant: "globex", role: "owner" },
]);
const ratings = (value: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, value]));

function client(base: () => string) {
  return async (
    caller: Caller,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const key = caller === "none" ? undefined : caller === "bad" ? "not-a-key" : KEYS[caller];
    return fetch(`${base()}${path}`, {
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
  };
}

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "cxprism-e2e-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("portfolios over HTTP on the Node entry with embedded dynalite", () => {
  let server: ServerProcess;
  let dataDir: string;
  let devKey: string;
  const call = client(() => server.url);

  beforeAll(async () => {
    dataDir = await tempDir();
    server = await startServerProcess({ CXPRISM_DATA_DIR: dataDir, CXPRISM_API_KEYS: API_KEYS });
    devKey = /\n {2}(cxp_\S+)/.exec(server.stdout())?.[1] ?? "";
  }, 60_000);
  afterAll(async () => server?.stop());

  async function freshPortfolio(): Promise<string> {
    const response = await call("owner", "POST", "/v1/portfolios", { name: "Fixture" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const imported = await call("owner", "POST", `/v1/portfolios/${id}/initiatives/import`, {
      initiatives: [
        { id: "a", name: "Agent assist", raters: [{ rater: "ann", ratings: ratings(4) }] },
        { id: "b", name: "Routing", ratings: ratings(3) },
      ],
    });
    expect(await imported.json()).toMatchObject({ created: 2 });
    return id;
  }

  it("prints a dev owner key once, stores only its hash, and the key works", async () => {
    expect(devKey).toMatch(/^cxp_/);
    const { readFile } = await import("node:fs/promises");
    const stored = await readFile(join(dataDir, "api-keys.json"), "utf8");
    expect(stored).not.toContain(devKey);
    expect(stored).toContain(sha(devKey));
    const response = await fetch(`${server.url}/v1/portfolios`, {
      headers: { Authorization: `Bearer ${devKey}` },
    });
    expect(response.status).toBe(200);
  });

  interface RouteCase {
    readonly name: string;
    readonly method: string;
    /** The path for a portfolio id. */
    readonly path: (id: string) => string;
    readonly body?: unknown;
    readonly headers?: Record<string, string>;
    /** Roles of the owning tenant allowed, with the success status. */
    readonly allowed: readonly Caller[];
    readonly ok: number;
    /** Whether the route is about one portfolio (another tenant gets 404). */
    readonly scoped: boolean;
  }
  const ALL: readonly Caller[] = ["owner", "rater", "viewer"];
  const ROUTES: readonly RouteCase[] = [
    {
      name: "list portfolios",
      method: "GET",
      path: () => "/v1/portfolios",
      allowed: ALL,
      ok: 200,
      scoped: false,
    },
    {
      name: "create portfolio",
      method: "POST",
      path: () => "/v1/portfolios",
      body: { name: "N" },
      allowed: ["owner"],
      ok: 201,
      scoped: false,
    },
    {
      name: "read portfolio",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}`,
      allowed: ALL,
      ok: 200,
      scoped: true,
    },
    {
      name: "update portfolio",
      method: "PATCH",
      path: (id) => `/v1/portfolios/${id}`,
      body: { name: "M" },
      headers: { "If-Match": '"v1"' },
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "delete portfolio",
      method: "DELETE",
      path: (id) => `/v1/portfolios/${id}`,
      allowed: ["owner"],
      ok: 204,
      scoped: true,
    },
    {
      name: "list initiatives",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}/initiatives`,
      allowed: ALL,
      ok: 200,
      scoped: true,
    },
    {
      name: "add initiative",
      method: "POST",
      path: (id) => `/v1/portfolios/${id}/initiatives`,
      body: { name: "New one" },
      allowed: ["owner"],
      ok: 201,
      scoped: true,
    },
    {
      name: "import JSON",
      method: "POST",
      path: (id) => `/v1/portfolios/${id}/initiatives/import`,
      body: { initiatives: [{ name: "C" }] },
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "import CSV",
      method: "POST",
      path: (id) => `/v1/portfolios/${id}/initiatives/import`,
      body: "name,cx_impact\nD,4\n",
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "read initiative",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}/initiatives/a`,
      allowed: ALL,
      ok: 200,
      scoped: true,
    },
    {
      name: "update initiative",
      method: "PATCH",
      path: (id) => `/v1/portfolios/${id}/initiatives/a`,
      body: { category: "Agents" },
      headers: { "If-Match": '"v1"' },
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "delete initiative",
      method: "DELETE",
      path: (id) => `/v1/portfolios/${id}/initiatives/a`,
      allowed: ["owner"],
      ok: 204,
      scoped: true,
    },
    {
      name: "rate as ann",
      method: "PUT",
      path: (id) => `/v1/portfolios/${id}/ratings/ann`,
      body: { ratings: { a: { cx_impact: 5 } } },
      allowed: ["owner", "rater"],
      ok: 200,
      scoped: true,
    },
    {
      name: "rate as bob",
      method: "PUT",
      path: (id) => `/v1/portfolios/${id}/ratings/bob`,
      body: { ratings: { a: { cx_impact: 2 } } },
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "results",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}/results`,
      // Blind while the workshop is rating (a fresh portfolio is); after the reveal every role reads it.
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "matrix.svg",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}/matrix.svg`,
      // Blind while the workshop is rating (a fresh portfolio is); after the reveal every role reads it.
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
    {
      name: "export.csv",
      method: "GET",
      path: (id) => `/v1/portfolios/${id}/export.csv`,
      // Blind while the workshop is rating (a fresh portfolio is); after the reveal every role reads it.
      allowed: ["owner"],
      ok: 200,
      scoped: true,
    },
  ];
  const CALLERS: readonly Caller[] = ["owner", "rater", "viewer", "other", "none", "bad"];
  const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.name, caller, route] as const));

  it.each(cases)("%s as %s", async (_name, caller, route) => {
    const id = await freshPortfolio();
    const before = await (await call("owner", "GET", `/v1/portfolios/${id}/export.csv`)).text();
    const response = await call(caller, route.method, route.path(id), route.body, route.headers);
    let expected: number;
    if (caller === "none" || caller === "bad") expected = 401;
    else if (caller === "other") expected = route.scoped ? 404 : route.ok;
    else expected = route.allowed.includes(caller) ? route.ok : 403;
    expect(response.status).toBe(expected);
    if (expected >= 400) {
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: expected });
      if (expected === 401) expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
      // A refused request changes nothing.
      const after = await call("owner", "GET", `/v1/portfolios/${id}/export.csv`);
      expect(await after.text()).toBe(before);
    }
    if (caller === "other" && !route.scoped && route.method === "GET") {
      const { items } = (await response.json()) as { items: { id: string }[] };
      expect(items.map((item) => item.id)).not.toContain(id);
    }
  });

  it("50 concurrent raters x 20 initiatives: every rating stored exactly once", async () => {
    const id = (await (await call("owner", "POST", "/v1/portfolios", { name: "Workshop" })).json()) as {
      id: string;
    };
    const ids = Array.from({ length: 20 }, (_, i) => `i${i}`);
    const imported = await call("owner", "POST", `/v1/portfolios/${id.id}/initiatives/import`, {
      initiatives: ids.map((i) => ({ id: i, name: `Initiative ${i}` })),
    });
    expect(await imported.json()).toMatchObject({ created: 20 });
    const raters = Array.from({ length: 50 }, (_, r) => `rater-${r}`);
    // 50 raters at once, each rating the 20 initiatives one PUT at a time, as from their own laptops.
    const responses = (
      await Promise.all(
        raters.map(async (rater, r) => {
          const statuses: number[] = [];
          for (const [i, initiative] of ids.entries()) {
            const response = await call("owner", "PUT", `/v1/portfolios/${id.id}/ratings/${rater}`, {
              ratings: { [initiative]: { ...ratings(((r + i) % 5) + 1) } },
            });
            statuses.push(response.status);
          }
          return statuses;
        }),
      )
    ).flat();
    expect(responses).toHaveLength(1000);
    expect(responses.filter((status) => status !== 200)).toEqual([]);
    const csv = await (await call("owner", "GET", `/v1/portfolios/${id.id}/export.csv`)).text();
    const rows = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    expect(rows).toHaveLength(1000);
    const seen = new Set(rows.map((row) => `${row[0]}/${row[7]}`));
    expect(seen.size).toBe(1000);
    for (const row of rows) {
      const r = Number(row[7]!.slice("rater-".length));
      const i = Number(row[0]!.slice(1));
      expect(row[8]).toBe(String(((r + i) % 5) + 1));
    }
    const results = (await (await call("owner", "GET", `/v1/portfolios/${id.id}/results`)).json()) as {
      raters: number;
      results: { raters: number }[];
    };
    expect(results.raters).toBe(50);
    expect(results.results.every((result) => result.raters === 50)).toBe(true);
  });

  it("imports a pre-rated CSV all or nothing, partly with ?partial, under the rater ?rater names; DELETE removes that rater", async () => {
    const { id } = (await (await call("owner", "POST", "/v1/portfolios", { name: "Survey" })).json()) as {
      id: string;
    };
    const criteria = defaultModel.criteria.map((criterion) => criterion.id);
    const row = (name: string, value: (criterion: string) => number) =>
      [name, ...criteria.map((criterion) => String(value(criterion)))].join(",");
    const csv = [
      ["name", ...criteria].join(","),
      row("Agent assist", () => 4),
      row("Routing", (criterion) => (criterion === "cx_impact" ? 7 : 3)),
      row("Knowledge search", () => 3),
      "",
    ].join("\n");
    const importPath = `/v1/portfolios/${id}/initiatives/import?rater=survey`;

    const refused = await call("owner", "POST", importPath, csv);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      errors: [{ row: 3, column: 2, detail: expect.stringContaining("7") }],
    });
    const empty = (await (await call("owner", "GET", `/v1/portfolios/${id}/initiatives`)).json()) as {
      items: unknown[];
    };
    expect(empty.items).toEqual([]);

    const partial = await call("owner", "POST", `${importPath}&partial=true`, csv);
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({
      created: 2,
      invalid: 1,
      outcomes: [
        { row: 2, status: "created" },
        { row: 3, status: "invalid" },
        { row: 4, status: "created" },
      ],
    });
    const progress = async () =>
      ((await (await call("owner", "GET", `/v1/portfolios/${id}/progress`)).json()) as { raters: object[] })
        .raters;
    expect(await progress()).toMatchObject([{ rater: "survey", rated: 2 }]);
    const survey = (await (
      await call("owner", "GET", `/v1/portfolios/${id}/ratings/survey`)
    ).json()) as object;
    expect(JSON.stringify(survey)).toContain("agent-assist");

    expect((await call("owner", "DELETE", `/v1/portfolios/${id}/ratings/survey`)).status).toBe(204);
    expect(await progress()).toEqual([]);
    const results = (await (
      await call("owner", "GET", `/v1/portfolios/${id}/results?missing=neutral`)
    ).json()) as { results: { quadrant: string }[] };
    expect(results.results.map((result) => result.quadrant)).toEqual(["unrated", "unrated"]);
  });

  it("10 concurrent edits of one portfolio: exactly one succeeds, the rest get 412 with the current version", async () => {
    const { id } = (await (await call("owner", "POST", "/v1/portfolios", { name: "Race" })).json()) as {
      id: string;
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        call("owner", "PATCH", `/v1/portfolios/${id}`, { name: `edit ${n}` }, { "If-Match": '"v1"' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412, 412, 412]);
    for (const response of responses.filter((r) => r.status === 412)) {
      expect(response.headers.get("ETag")).toBe('"v2"');
      expect(await response.json()).toMatchObject({ status: 412, currentVersion: 2 });
    }
    const winner = responses.find((response) => response.status === 200)!;
    const { name } = (await winner.json()) as { name: string };
    const stored = await call("viewer", "GET", `/v1/portfolios/${id}`);
    expect(stored.headers.get("ETag")).toBe('"v2"');
    expect(await stored.json()).toMatchObject({ name, version: 2 });
  });

  it("replays a POST with the same Idempotency-Key and refuses the key with another body", async () => {
    const headers = { "Idempotency-Key": "create-once-1" };
    const first = await call("owner", "POST", "/v1/portfolios", { name: "Once" }, headers);
    const again = await call("owner", "POST", "/v1/portfolios", { name: "Once" }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const other = await call("owner", "POST", "/v1/portfolios", { name: "Different" }, headers);
    expect(other.status).toBe(422);
    // Another tenant's identical key is its own.
    expect(
      (await call("other", "POST", "/v1/portfolios", { name: "Once" }, headers)).headers.get(
        "Idempotent-Replayed",
      ),
    ).toBeNull();
  });

  it("pages through portfolios with a cursor, at most 100 per page", async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await call(
        "viewer",
        "GET",
        `/v1/portfolios?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      const page = (await response.json()) as { items: { id: string }[]; cursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(7);
      for (const item of page.items) seen.add(item.id);
      cursor = page.cursor;
      pages++;
    } while (cursor !== undefined && pages < 100);
    expect(seen.size).toBeGreaterThan(7);
    expect((await call("viewer", "GET", "/v1/portfolios?limit=101")).status).toBe(422);
    expect((await call("viewer", "GET", "/v1/portfolios?cursor=%%%")).status).toBe(422);
  });

  it("keeps the data across a restart and prints no new key", async () => {
    const id = await freshPortfolio();
    const before = await (await call("owner", "GET", `/v1/portfolios/${id}/export.csv`)).text();
    await server.stop();
    server = await startServerProcess({ CXPRISM_DATA_DIR: dataDir, CXPRISM_API_KEYS: API_KEYS });
    expect(server.stdout()).not.toContain("cxp_");
    const after = await call("owner", "GET", `/v1/portfolios/${id}/export.csv`);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(before);
    const withDevKey = await fetch(`${server.url}/v1/portfolios`, {
      headers: { Authorization: `Bearer ${devKey}` },
    });
    expect(withDevKey.status).toBe(200);
  }, 60_000);
});

describe("portfolios over HTTP with the store stopped mid-run", () => {
  let store: EmbeddedDynamoDb;
  let storeDir: string;
  let server: ServerProcess;
  const call = client(() => server.url);

  beforeAll(async () => {
    storeDir = await tempDir();
    store = await startEmbeddedDynamoDb({ path: join(storeDir, "db") });
    server = await startServerProcess({
      CXPRISM_DATA_DIR: await tempDir(),
      CXPRISM_API_KEYS: API_KEYS,
      DYNAMODB_ENDPOINT: store.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  it("answers 503 problem+json with Retry-After while the store is down; every stored item is whole after", async () => {
    const { id } = (await (await call("owner", "POST", "/v1/portfolios", { name: "Outage" })).json()) as {
      id: string;
    };
    const ids = Array.from({ length: 20 }, (_, i) => `i${i}`);
    await call("owner", "POST", `/v1/portfolios/${id}/initiatives/import`, {
      initiatives: ids.map((i) => ({ id: i, name: i })),
    });
    const port = store.port;
    const statuses: { rater: string; status: number }[] = [];
    const run = (async () => {
      for (let r = 0; r < 40; r++) {
        const rater = `r${r}`;
        const response = await call("owner", "PUT", `/v1/portfolios/${id}/ratings/${rater}`, {
          ratings: Object.fromEntries(ids.map((i) => [i, ratings(3)])),
        });
        statuses.push({ rater, status: response.status });
        if (response.status === 503) {
          expect(response.headers.get("Content-Type")).toBe("application/problem+json");
          expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await store.close();
    const down = await call("owner", "GET", `/v1/portfolios/${id}/results`);
    expect(down.status).toBe(503);
    expect(down.headers.get("Retry-After")).not.toBeNull();
    expect(await down.json()).toMatchObject({ status: 503, type: "/docs#problem-service-unavailable" });
    await run;
    expect(statuses.some((entry) => entry.status === 503)).toBe(true);
    expect(statuses.every((entry) => entry.status === 200 || entry.status === 503)).toBe(true);
    store = await startEmbeddedDynamoDb({ path: join(storeDir, "db"), port });
    const csv = await (await call("owner", "GET", `/v1/portfolios/${id}/export.csv`)).text();
    const rows = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(","));
    const byRater = new Map<string, string[][]>();
    for (const row of rows) byRater.set(row[7]!, [...(byRater.get(row[7]!) ?? []), row]);
    for (const { rater, status } of statuses) {
      // Every rater whose PUT succeeded has all 20 ratings, each complete; none is half-written.
      if (status === 200) expect(byRater.get(rater)).toHaveLength(20);
    }
    for (const row of rows)
      if (row[7] !== "import")
        expect(row.slice(8, 8 + defaultModel.criteria.length)).toEqual(defaultModel.criteria.map(() => "3"));
    // Raters refused with 503 retry and are stored.
    for (const { rater } of statuses.filter((entry) => entry.status === 503)) {
      const retry = await call("owner", "PUT", `/v1/portfolios/${id}/ratings/${rater}`, {
        ratings: Object.fromEntries(ids.map((i) => [i, ratings(3)])),
      });
      expect(retry.status).toBe(200);
    }
    const results = (await (await call("owner", "GET", `/v1/portfolios/${id}/results`)).json()) as {
      raters: number;
    };
    expect(results.raters).toBe(40);
  }, 120_000);
});
