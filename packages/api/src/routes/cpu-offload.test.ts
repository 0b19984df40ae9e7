// Large plans and scores run on the worker pool (Node), small ones inline; a full pool answers 503 with
// Retry-After at once instead of queueing without bound.

import { catalogInitiatives, validatePortfolio } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { createInlineRunner, INLINE_WORK_LIMITS } from "../cpu/cpu-jobs.js";
import { CpuPoolError, createWorkerPool } from "../cpu/worker-pool.js";
import { ratings } from "./fixtures.test-helpers.js";

const pool = createWorkerPool({ size: 1, queueLimit: 1, deadlineMs: 60_000 });
afterAll(() => pool.close());
const pooled = createApp({ runCpu: pool.run });
const inline = createApp();

const many = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `i${i}`,
    name: `Initiative ${i}`,
    cost: 100 + ((i * 37) % 400),
    ratings: ratings({ cx_impact: (i % 5) + 1, data_readiness: ((i + 2) % 5) + 1 }),
  }));
const PLAN = { initiatives: many(INLINE_WORK_LIMITS.planInitiatives + 10), options: { budget: 5000 } };
const SCORE = { initiatives: many(INLINE_WORK_LIMITS.scoreInitiatives + 10) };

const post = (app: ReturnType<typeof createApp>, path: string, body: unknown, accept = "application/json") =>
  app.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: accept },
    body: JSON.stringify(body),
  });

/** A simulation that keeps the pool's one thread busy for seconds. */
const validation = validatePortfolio(
  catalogInitiatives().map(({ dependsOn: _d, ...initiative }) => initiative),
);
if (!validation.success) throw new Error("the catalog should validate");
const slow = {
  kind: "sensitivity",
  portfolio: validation.portfolio,
  settings: { iterations: 5_000_000, seed: 1 },
  topK: undefined,
} as const;

describe("CPU-heavy routes on the worker pool", () => {
  it("answers a request with a large body whole on the pool, exactly as inline, errors included", async () => {
    const offloading = createApp({ runCpu: pool.run, offloadBodyBytes: 1024 });
    const broken = { initiatives: [...many(20), { id: "bad", name: "Bad", ratings: { cx_impact: 9 } }] };
    for (const [path, body, accept] of [
      ["/v1/score", SCORE, "application/json"],
      ["/v1/matrix", { initiatives: many(20) }, "image/svg+xml"],
      ["/v1/score", broken, "application/json"],
    ] as const) {
      const [fromPool, fromInline] = await Promise.all([
        post(offloading, path, body, accept),
        post(inline, path, body, accept),
      ]);
      expect(fromPool.status).toBe(fromInline.status);
      expect(fromPool.headers.get("Content-Type")).toBe(fromInline.headers.get("Content-Type"));
      const [pooledText, inlineText] = [await fromPool.text(), await fromInline.text()];
      expect(pooledText.length).toBeGreaterThan(1024 / 4);
      expect(pooledText).toBe(inlineText);
    }
  });

  it("answers the board pack, an AHP analysis and a scoring with many raters through the runner", async () => {
    const kinds: string[] = [];
    const spying = createApp({
      renderReport: async () => new Uint8Array([1, 2, 3]),
      runCpu: (job) => {
        kinds.push(job.kind);
        return createInlineRunner({ renderReport: async () => new Uint8Array([1, 2, 3]) })(job);
      },
    });
    const report = await post(spying, "/v1/report", { initiatives: many(3) }, "application/pdf");
    expect(report.status).toBe(200);
    expect([...new Uint8Array(await report.arrayBuffer())]).toEqual([1, 2, 3]);
    const ahp = await post(spying, "/v1/weights/ahp", {
      matrix: {
        ids: ["a", "b", "c"],
        values: [
          [1, 3, null],
          [1 / 3, 1, 2],
          [null, 1 / 2, 1],
        ],
      },
      options: { completion: "optimal" },
    });
    expect(ahp.status).toBe(200);
    // 200 initiatives x 3 raters: more rater rows than INLINE_WORK_LIMITS.scoreRaterRows.
    const raters = many(200).map(({ ratings: own, ...initiative }) => ({
      ...initiative,
      raters: ["ann", "bo", "cy"].map((rater) => ({ rater, ratings: own })),
    }));
    expect(raters.length * 3).toBeGreaterThan(INLINE_WORK_LIMITS.scoreRaterRows);
    expect((await post(spying, "/v1/score", { initiatives: raters })).status).toBe(200);
    expect(kinds).toEqual(["report", "ahp", "score"]);
  });

  it("answers a large plan and a large score from the pool exactly as inline", async () => {
    for (const accept of ["application/json", "text/markdown", "image/svg+xml"]) {
      const [fromPool, fromInline] = await Promise.all([
        post(pooled, "/v1/plan", PLAN, accept),
        post(inline, "/v1/plan", PLAN, accept),
      ]);
      expect(fromPool.status).toBe(200);
      expect(fromPool.headers.get("Content-Type")).toBe(fromInline.headers.get("Content-Type"));
      expect(await fromPool.text()).toBe(await fromInline.text());
    }
    const score = await post(pooled, "/v1/score", SCORE);
    expect(score.status).toBe(200);
    expect(await score.text()).toBe(await (await post(inline, "/v1/score", SCORE)).text());
  });

  it("answers small JSON scores whole on the pool, many at once, each exactly as inline, errors included", async () => {
    const seen: string[] = [];
    const spied = createApp({
      runCpu: async (job) => {
        // A refused body comes back from the thread as its error, which the app answers as inline.
        const answer = await pool.run(job).catch((error: Error) => error);
        seen.push(`${job.kind}:${answer === undefined ? "declined" : "pooled"}`);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const withRaters = many(4).map(({ ratings: own, ...initiative }) => ({
      ...initiative,
      raters: [
        { rater: "ann", ratings: own },
        { rater: "bo", ratings: { ...own, cx_impact: 1 } },
      ],
    }));
    const { cx_impact: _dropped, ...missingOne } = ratings({});
    const bodies: [string, Uint8Array<ArrayBuffer>][] = [
      ["/v1/score", json({ initiatives: many(30) })],
      ["/v1/score", json({ initiatives: withRaters })],
      [
        "/v1/score",
        json({ initiatives: [{ id: "x", name: "X", ratings: missingOne }], options: { missing: "neutral" } }),
      ],
      ["/v1/score", json({ initiatives: [{ id: "x", name: "X", ratings: missingOne }] })],
      [
        "/v1/score",
        json({ initiatives: [...many(3), { id: "bad", name: "Bad", ratings: { cx_impact: 9 } }] }),
      ],
      ["/v1/score", json({ initiatives: many(2), extra: true })],
      ["/v1/score", new TextEncoder().encode('{"initiatives": [')],
      ["/v1/score", new Uint8Array([0x7b, 0xff, 0x7d])],
      ["/v1/score", new Uint8Array([0xef, 0xbb, 0xbf, ...json({ initiatives: many(1) })])],
      ["/v1/score?sheet=Sheet1", json({ initiatives: many(1) })],
    ];
    const send = (app: ReturnType<typeof createApp>, [path, body]: [string, Uint8Array<ArrayBuffer>]) =>
      app.request(path, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    // Four rounds at once: the pool's thread gets the light jobs queued on it and must answer each its own.
    const requests = [...bodies, ...bodies, ...bodies, ...bodies];
    const [fromPool, fromInline] = await Promise.all([
      Promise.all(requests.map((request) => send(spied, request))),
      Promise.all(requests.map((request) => send(inline, request))),
    ]);
    for (const [k, response] of fromPool.entries()) {
      expect(response.status).toBe(fromInline[k]!.status);
      expect(response.headers.get("Content-Type")).toBe(fromInline[k]!.headers.get("Content-Type"));
      expect(await response.text()).toBe(await fromInline[k]!.text());
    }
    expect(fromPool.map((response) => response.status)).toEqual(
      requests.map((_, k) => [200, 200, 200, 422, 422, 422, 400, 400, 200, 422][k % bodies.length]),
    );
    // The ?sheet= body is refused before it is read; every other one went to the pool as one job.
    expect(seen).toHaveLength(4 * (bodies.length - 1));
    expect(new Set(seen)).toEqual(new Set(["score-json:pooled"]));
  });

  it("scores a lone small JSON body on the request's thread, without a hop to the pool", async () => {
    const seen: string[] = [];
    const app = createApp({
      runCpu: async (job) => {
        seen.push(job.kind);
        return pool.run(job);
      },
    });
    const body = { initiatives: many(30) };
    for (let round = 0; round < 3; round++) {
      const [answered, expected] = await Promise.all([
        post(app, "/v1/score", body),
        post(inline, "/v1/score", body),
      ]);
      expect(answered.status).toBe(200);
      expect(await answered.text()).toBe(await expected.text());
    }
    expect(seen).toEqual([]);
  });

  it("scores small JSON bodies on the request's thread while the pool runs heavier work", async () => {
    const busy = createWorkerPool({ size: 1, deadlineMs: 60_000 });
    const seen: string[] = [];
    const app = createApp({
      runCpu: async (job) => {
        const answer = await busy.run(job);
        seen.push(`${job.kind}:${answer === undefined ? "declined" : "pooled"}`);
        return answer;
      },
    });
    const running = busy.run(slow).catch((error: Error) => error);
    const body = { initiatives: many(30) };
    // Two at once, so each is offered to the pool (a lone one would not be).
    const [first, second, expected] = await Promise.all([
      post(app, "/v1/score", body),
      post(app, "/v1/score", body),
      post(inline, "/v1/score", body),
    ]);
    const text = await expected.text();
    for (const answered of [first, second]) {
      expect(answered.status).toBe(200);
      expect(await answered.text()).toBe(text);
    }
    expect(seen).toEqual(["score-json:declined", "score-json:declined"]);
    await busy.close();
    expect(await running).toBeInstanceOf(CpuPoolError);
  });

  it("answers 503 problem+json with Retry-After when the pool is full, and small requests still run", async () => {
    const running = pool.run(slow).catch((error: Error) => error);
    const waiting = pool.run(slow).catch((error: Error) => error);
    for (const [path, body] of [
      ["/v1/plan", PLAN],
      ["/v1/score", SCORE],
    ] as const) {
      const refused = await post(pooled, path, body);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("Retry-After")).toBe("2");
      expect(refused.headers.get("Content-Type")).toContain("application/problem+json");
      expect(await refused.json()).toMatchObject({ status: 503 });
    }
    // Under the inline limit: answered on the request's thread while the pool is full.
    const small = await post(pooled, "/v1/plan", { initiatives: many(5), options: { budget: 500 } });
    expect(small.status).toBe(200);
    await pool.close();
    expect(await waiting).toMatchObject({ code: "closed" });
    expect(await running).toMatchObject({ code: "crashed" });
  });
});
