// A stored portfolio holds at most `maxPortfolioInitiatives` initiatives, whatever adds them: an import
// (all or nothing, or partial) or a single add past the cap is refused with 422 naming the limit, before
// anything is written.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynaliteApp, startAppOnDynalite } from "../storage/dynalite-app.test-helpers.js";

const OWNER = "k-owner";
const CAP = 5;
let dynalite: DynaliteApp;

beforeAll(async () => {
  dynalite = await startAppOnDynalite("cap", [{ key: OWNER, tenant: "acme", role: "owner" }], {
    limits: { maxPortfolioInitiatives: CAP },
  });
});
afterAll(async () => dynalite?.close());

const call = (method: string, path: string, body?: unknown, type = "application/json") =>
  dynalite.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${OWNER}`, ...(body === undefined ? {} : { "Content-Type": type }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

const named = (...ids: string[]) => ids.map((id) => ({ id, name: `Initiative ${id}` }));

interface Problem {
  status: number;
  limit?: number;
  detail: string;
  errors: { pointer?: string; detail: string }[];
}

describe("the portfolio size cap", () => {
  it("refuses an import or an add past the cap, naming it, and takes them again below it", async () => {
    const created = await call("POST", "/v1/portfolios", { name: "Capped" });
    const base = `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
    const items = async () =>
      ((await (await call("GET", `${base}/initiatives`)).json()) as { items: { id: string }[] }).items.map(
        (item) => item.id,
      );
    expect(
      (await call("POST", `${base}/initiatives/import`, { initiatives: named("a", "b", "c") })).status,
    ).toBe(200);

    for (const partial of ["false", "true"]) {
      const refused = await call("POST", `${base}/initiatives/import?partial=${partial}`, {
        initiatives: named("d", "e", "f"),
      });
      expect(refused.status).toBe(422);
      expect(refused.headers.get("Content-Type")).toContain("application/problem+json");
      const problem = (await refused.json()) as Problem;
      expect(problem.limit).toBe(CAP);
      expect(problem.errors).toEqual([
        {
          pointer: "/initiatives",
          detail:
            "expected a portfolio of at most 5 initiatives, but it has 3 and this request adds 3: delete initiatives or split the portfolio, then add at most 2",
        },
      ]);
    }
    // A CSV import counts the same way; ids the portfolio has already add nothing.
    const csv = "id,name\nc,Initiative c\nd,Initiative d\ne,Initiative e\n";
    const partial = await call("POST", `${base}/initiatives/import?partial=true`, csv, "text/csv");
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ created: 2, exists: 1 });
    expect(await items()).toEqual(["a", "b", "c", "d", "e"]);

    const full = await call("POST", `${base}/initiatives`, named("f")[0]);
    expect(full.status).toBe(422);
    expect((await full.json()) as Problem).toMatchObject({
      limit: CAP,
      errors: [{ pointer: "", detail: expect.stringContaining("at most 5 initiatives, but it has 5") }],
    });
    expect(await items()).toEqual(["a", "b", "c", "d", "e"]);

    expect((await call("DELETE", `${base}/initiatives/a`)).status).toBe(204);
    expect((await call("POST", `${base}/initiatives`, named("f")[0])).status).toBe(201);
    expect(await items()).toEqual(["b", "c", "d", "e", "f"]);
  });
});
