// Two attacks on the real Node server over an external dynalite process: cells a spreadsheet would run as a
// formula (export.csv must neutralise them, and a re-import must give them back exactly), and a store that
// stops answering (SIGSTOP: the connection stays open, nothing comes back), which must give 503 with
// Retry-After within the documented store timeout while /health keeps answering.

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttackTarget, call, ratings, startAttackTarget } from "./attack-kit.js";

/** docs/limits.md: 2 s to connect, 3 s to answer, 3 attempts, "about 10 s in all". */
const STORE_TIMEOUT_MS = 10_000;
/** What OWASP lists as a formula's first character: `=`, `+`, `-`, `@`, tab and carriage return. */
const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

let target: AttackTarget;

beforeAll(async () => {
  target = await startAttackTarget();
}, 60_000);

afterAll(async () => {
  await target?.stop();
});

async function newPortfolio(name: string): Promise<string> {
  const created = await call(target.server, "POST", "/v1/portfolios", { name });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function exportCsv(id: string): Promise<string> {
  const response = await call(target.server, "GET", `/v1/portfolios/${id}/export.csv`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("formula injection through export.csv", () => {
  // Every text a user controls, beginning with each trigger: names, categories, descriptions, extra
  // columns and rater names; and a payload that would fetch a URL in a spreadsheet.
  const payload = (trigger: string, what: string) => `${trigger}${what}`;
  const initiatives = TRIGGERS.map((trigger, i) => ({
    id: `inj-${i}`,
    name: payload(trigger, 'HYPERLINK("http://example.invalid","click")'),
    category: payload(trigger, "1+1"),
    description: payload(trigger, "cmd|' /C calc'!A0"),
    extra: { owner_team: payload(trigger, "SUM(A1:A9)") },
    raters: [{ rater: payload(trigger, `rater${i}`), ratings: ratings((i % 5) + 1) }],
  }));

  it("neutralises every such cell in the file and gives each back exactly on re-import", async () => {
    const first = await newPortfolio("Injection");
    const imported = await call(target.server, "POST", `/v1/portfolios/${first}/initiatives/import`, {
      initiatives,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const csv = await exportCsv(first);

    // What was stored (the import trims surrounding white space, so a leading tab or CR goes already).
    const listed = async (id: string) =>
      (
        (await (await call(target.server, "GET", `/v1/portfolios/${id}/initiatives?limit=100`)).json()) as {
          items: { id: string; name: string; category?: string; description?: string; extra?: object }[];
        }
      ).items
        .map(({ id: own, name, category, description, extra }) => ({
          id: own,
          name,
          category,
          description,
          extra,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const raterNames = async (id: string) =>
      (
        (await (await call(target.server, "GET", `/v1/portfolios/${id}/ratings`)).json()) as {
          items: { rater: string }[];
        }
      ).items
        .map((item) => item.rater)
        .sort();
    const stored = await listed(first);
    const texts = [
      ...stored.flatMap((item) => [
        item.name,
        item.category,
        item.description,
        ...Object.values(item.extra ?? {}),
      ]),
      ...(await raterNames(first)),
    ].filter((text): text is string => typeof text === "string");
    const triggered = texts.filter((text) => TRIGGERS.some((trigger) => text.startsWith(trigger)));
    expect(triggered.length).toBeGreaterThanOrEqual(4 * 4);

    // In the file: no cell starts with a trigger (but a number); each such text starts with ' before it.
    const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat();
    const dangerous = cells.filter((cell) => TRIGGERS.some((trigger) => cell.startsWith(trigger)));
    expect(dangerous.filter((cell) => !/^-?\d+(\.\d+)?$/.test(cell))).toEqual([]);
    for (const text of triggered) expect(cells).toContain(`'${text}`);

    // Re-imported: the same texts as stored (the ' is removed only before a trigger), the same export.
    const second = await newPortfolio("Injection again");
    const again = await call(target.server, "POST", `/v1/portfolios/${second}/initiatives/import`, csv, {
      "Content-Type": "text/csv",
    });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await listed(second)).toEqual(stored);
    expect(await raterNames(second)).toEqual(await raterNames(first));
    expect(await exportCsv(second)).toBe(csv);
  });
});

describe("a store that stops answering", () => {
  it("answers 503 with Retry-After within the store timeout, keeps /health up, and recovers", async () => {
    const id = await newPortfolio("Paused");
    target.store.pause();
    try {
      const started = performance.now();
      const [answer, health] = await Promise.all([
        call(target.server, "GET", `/v1/portfolios/${id}`),
        (async () => {
          // While the portfolio request waits for the store, /health answers at once.
          await new Promise((resolve) => setTimeout(resolve, 500));
          const before = performance.now();
          const response = await fetch(`${target.server.url}/health`);
          return { status: response.status, ms: performance.now() - before };
        })(),
      ]);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(answer.headers.get("Content-Type")).toContain("application/problem+json");
      expect(elapsed).toBeLessThan(STORE_TIMEOUT_MS + 2000);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(100);
    } finally {
      target.store.resume();
    }
    const back = await call(target.server, "GET", `/v1/portfolios/${id}`);
    expect(back.status).toBe(200);
  }, 60_000);
});
