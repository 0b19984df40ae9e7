// A portfolio's large imports and rating batches are parsed and checked on the worker pool (Node), and its
// results are built from the stored items there: the answers are exactly the inline ones, refusals included.

import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFLOAD_BODY_BYTES } from "../config/deps.js";
import { createWorkerPool } from "../cpu/worker-pool.js";
import { type DynaliteApp, startAppOnDynalite } from "../storage/dynalite-app.test-helpers.js";

const OWNER = "k-owner";
const pool = createWorkerPool({ size: 1, deadlineMs: 60_000 });
const kinds: string[] = [];
let pooled: DynaliteApp;
let inline: DynaliteApp;

beforeAll(async () => {
  const keys = [{ key: OWNER, tenant: "acme", role: "owner" as const }];
  [pooled, inline] = await Promise.all([
    startAppOnDynalite("pooled", keys, {
      runCpu: (job) => {
        kinds.push(job.kind);
        return pool.run(job);
      },
    }),
    startAppOnDynalite("inline", keys),
  ]);
});
afterAll(async () => {
  await pool.close();
  await Promise.all([pooled?.close(), inline?.close()]);
});

const call = (app: DynaliteApp, method: string, path: string, body?: string, type = "application/json") =>
  app.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${OWNER}`, ...(body === undefined ? {} : { "Content-Type": type }) },
    ...(body === undefined ? {} : { body }),
  });

const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);

/**
 * `count` initiatives x 3 raters as CSV; with `flaws`, rows 11 (initiative i3) and 50 (i16) have a rating
 * off the scale.
 */
function table(count: number, flaws = true): string {
  const lines = [["id", "name", "rater", ...CRITERIA].join(",")];
  for (let i = 0; i < count; i++)
    for (const rater of ["ann", "bo", "cy"])
      lines.push([`i${i}`, `Initiative ${i}`, rater, ...CRITERIA.map((_, c) => ((i + c) % 5) + 1)].join(","));
  if (flaws) {
    lines[10] = lines[10]!.replace(/,\d$/, ",9");
    lines[49] = lines[49]!.replace(/,\d$/, ",0");
  }
  return `${lines.join("\n")}\n`;
}

/** Both apps' answers to the same request, on a fresh portfolio of each. */
async function both(send: (app: DynaliteApp, base: string) => Response | Promise<Response>) {
  const answer = async (app: DynaliteApp) => {
    const created = await call(app, "POST", "/v1/portfolios", JSON.stringify({ name: "Offload" }));
    const base = `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
    const response = await send(app, base);
    return { status: response.status, text: await response.text() };
  };
  // One after the other: the pooled app's jobs are the ones counted.
  const fromPool = await answer(pooled);
  return [fromPool, await answer(inline)] as const;
}

describe("a portfolio's large bodies on the worker pool", () => {
  it("imports a table over the offload size on the pool, with the inline answer, row problems included", async () => {
    const csv = table(700);
    expect(csv.length).toBeGreaterThan(OFFLOAD_BODY_BYTES);
    kinds.length = 0;
    const [fromPool, fromInline] = await both((app, base) =>
      call(app, "POST", `${base}/initiatives/import?partial=true`, csv, "text/csv"),
    );
    expect(kinds).toEqual(["read-import"]);
    expect(fromPool.status, fromPool.text.slice(0, 600)).toBe(200);
    expect(fromPool.text).toBe(fromInline.text);
    expect(JSON.parse(fromPool.text)).toMatchObject({ created: 698, invalid: 2 });
    // Without ?partial the same problems refuse the whole import: an API error crosses from the thread.
    const [refused, refusedInline] = await both((app, base) =>
      call(app, "POST", `${base}/initiatives/import`, csv, "text/csv"),
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toBe(refusedInline.text);
    expect(refused.text).toContain('"row":11');
    const [malformed, malformedInline] = await both((app, base) =>
      call(app, "POST", `${base}/initiatives/import`, `${csv}"unterminated\n`, "text/csv"),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.text).toBe(malformedInline.text);
  });

  it("checks a rating batch over the offload size on the pool, and scores the stored portfolio there", async () => {
    const count = 700;
    const csv = table(count, false);
    const ratings = (value: number) => Object.fromEntries(CRITERIA.map((id) => [id, value]));
    const batch = Object.fromEntries(Array.from({ length: count }, (_, i) => [`i${i}`, ratings(4)]));
    const bad = JSON.stringify({ ratings: { ...batch, i3: { ...ratings(4), data_readiness: 7 }, nope: {} } });
    expect(bad.length).toBeGreaterThan(OFFLOAD_BODY_BYTES);
    const answers = await both(async (app, base) => {
      await call(app, "POST", `${base}/initiatives/import`, csv, "text/csv");
      const refused = await call(app, "PUT", `${base}/ratings/dee`, bad);
      expect(refused.status).toBe(422);
      const problems = (await refused.json()) as { errors: { pointer: string }[] };
      expect(problems.errors.map((error) => error.pointer)).toEqual([
        "/ratings/i3/data_readiness",
        "/ratings/nope",
      ]);
      if (app === pooled) kinds.length = 0;
      const put = await call(app, "PUT", `${base}/ratings/dee`, JSON.stringify({ ratings: batch }));
      expect(put.status).toBe(200);
      return call(app, "GET", `${base}/results`);
    });
    expect(kinds).toEqual(["read-ratings", "score-stored"]);
    const [fromPool, fromInline] = answers;
    expect(fromPool.status).toBe(200);
    // The same results but for the portfolio's id, which is new in each store.
    const results = (text: string) => ({ ...JSON.parse(text), portfolio: undefined });
    expect(results(fromPool.text)).toEqual(results(fromInline.text));
    expect(JSON.parse(fromPool.text)).toMatchObject({ raters: 4 });
  });
});
