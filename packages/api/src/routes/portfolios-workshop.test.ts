import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../auth/api-keys.js";
import { type DynaliteApp, startAppOnDynalite } from "../storage/dynalite-app.test-helpers.js";
import { DynamoDbWorkshopStore } from "../storage/dynamodb-workshop-store.js";

let dynalite: DynaliteApp;
let app: DynaliteApp["app"];
let client: DynaliteApp["client"];
const OWNER = "k-owner";
const ENV_RATER = "k-env-rater";
/** DynamoDB operations sent, by command name: counts what a poll costs. */
const sent: string[] = [];

beforeAll(async () => {
  dynalite = await startAppOnDynalite("workshop", [
    { key: OWNER, tenant: "acme", role: "owner" },
    { key: ENV_RATER, tenant: "acme", role: "rater", rater: "env" },
  ]);
  ({ app, client } = dynalite);
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? "");
      return next(args);
    },
    { step: "initialize", name: "countCommands" },
  );
});
afterAll(async () => dynalite?.close());

const call = (
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const all = (value: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, value]));

async function newWorkshop(): Promise<string> {
  const created = await call(OWNER, "POST", "/v1/portfolios", { name: "Workshop" });
  const { id } = (await created.json()) as { id: string };
  const base = `/v1/portfolios/${id}`;
  for (const name of ["Agent assist", "Intelligent routing"])
    expect((await call(OWNER, "POST", `${base}/initiatives`, { name })).status).toBe(201);
  return base;
}

async function invite(base: string, body: object): Promise<{ id: string; key: string; link: string }> {
  const response = await call(OWNER, "POST", `${base}/invites`, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string; link: string };
}

describe("workshop routes", () => {
  it("keeps ratings blind while rating, in the API, and reveals them on the phase change", async () => {
    const base = await newWorkshop();
    const ann = await invite(base, { role: "rater", rater: "ann", label: "Ann Lee" });
    const bob = await invite(base, { role: "rater", rater: "bob" });
    const viewer = await invite(base, { role: "viewer" });
    expect(ann.link).toMatch(/^\/#key=cxp_[\w-]+&workshop=/);

    const put = await call(ann.key, "PUT", `${base}/ratings/ann`, {
      ratings: { "agent-assist": all(4) },
      comments: { "agent-assist": "Needs clean knowledge articles" },
    });
    expect(put.status).toBe(200);
    expect(
      (await call(bob.key, "PUT", `${base}/ratings/bob`, { ratings: { "agent-assist": all(2) } })).status,
    ).toBe(200);
    expect(
      (await call(ann.key, "PUT", `${base}/ratings/bob`, { ratings: { "agent-assist": all(1) } })).status,
    ).toBe(403);

    const own = await call(ann.key, "GET", `${base}/ratings/ann`);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({
      rater: "ann",
      ratings: { "agent-assist": all(4) },
      comments: { "agent-assist": "Needs clean knowledge articles" },
    });
    for (const [key, path] of [
      [ann.key, `${base}/ratings/bob`],
      [ann.key, `${base}/results`],
      [ann.key, `${base}/matrix.svg`],
      [ann.key, `${base}/export.csv`],
      [ann.key, `${base}/rounds`],
      [ann.key, `${base}/ratings`],
      [viewer.key, `${base}/results`],
      [ENV_RATER, `${base}/results`],
    ] as const) {
      const refused = await call(key, "GET", path);
      expect(refused.status, path).toBe(403);
      const problem = (await refused.json()) as { reason: string; detail: string };
      expect(problem.reason).toBe("blind");
      expect(problem.detail).toContain("until the facilitator reveals them");
    }
    expect((await call(OWNER, "GET", `${base}/results`)).status).toBe(200);

    const workshop = await call(OWNER, "GET", `${base}/workshop`);
    expect(workshop.headers.get("ETag")).toBe('"v1"');
    expect(await workshop.json()).toMatchObject({ phase: "rating", round: 1, you: { role: "owner" } });
    expect((await call(OWNER, "PATCH", `${base}/workshop`, { phase: "revealed" })).status).toBe(428);
    expect(
      (await call(OWNER, "PATCH", `${base}/workshop`, { phase: "shown" }, { "If-Match": '"v1"' })).status,
    ).toBe(422);
    expect(
      (await call(ann.key, "PATCH", `${base}/workshop`, { phase: "revealed" }, { "If-Match": '"v1"' }))
        .status,
    ).toBe(403);
    const revealed = await call(
      OWNER,
      "PATCH",
      `${base}/workshop`,
      { phase: "revealed" },
      { "If-Match": '"v1"' },
    );
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get("ETag")).toBe('"v2"');
    const stale = await call(OWNER, "PATCH", `${base}/workshop`, { phase: "closed" }, { "If-Match": '"v1"' });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ currentVersion: 2 });

    expect((await call(ann.key, "GET", `${base}/results`)).status).toBe(200);
    expect((await call(viewer.key, "GET", `${base}/ratings/bob`)).status).toBe(200);
    const everyone = (await (await call(viewer.key, "GET", `${base}/ratings`)).json()) as { items: object[] };
    expect(everyone.items).toHaveLength(2);
    expect((await call(ann.key, "GET", `${base}/export.csv`)).status).toBe(200);

    expect(
      (await call(OWNER, "PATCH", `${base}/workshop`, { phase: "closed" }, { "If-Match": '"v2"' })).status,
    ).toBe(200);
    const closed = await call(ann.key, "PUT", `${base}/ratings/ann`, { ratings: { "agent-assist": all(5) } });
    expect(closed.status).toBe(403);
    expect(await closed.json()).toMatchObject({ reason: "closed" });
  });

  it("creates, lists and revokes invite keys bound to one portfolio, storing only hashes", async () => {
    const base = await newWorkshop();
    const other = await newWorkshop();
    const ann = await invite(base, { role: "rater", rater: "ann" });
    expect((await call(ann.key, "GET", `${base}/workshop`)).status).toBe(200);
    const elsewhere = await call(ann.key, "GET", `${other}/workshop`);
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({ reason: "other-portfolio" });
    expect((await call(ann.key, "GET", "/v1/portfolios")).status).toBe(403);
    expect((await call(ann.key, "POST", `${base}/invites`, { role: "viewer" })).status).toBe(403);

    const listed = (await (await call(OWNER, "GET", `${base}/invites`)).json()) as { items: object[] };
    expect(listed.items).toEqual([
      {
        id: ann.id,
        portfolioId: base.split("/").pop(),
        role: "rater",
        rater: "ann",
        label: "ann",
        createdAt: expect.any(String),
      },
    ]);
    const stored = JSON.stringify(
      await new DynamoDbWorkshopStore(client, { table: "workshop" }).findInvite(await sha256Hex(ann.key)),
    );
    expect(stored).not.toContain(ann.key);

    const bad = await call(OWNER, "POST", `${base}/invites`, { role: "rater" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ pointer: "/rater" }] });
    // `import` holds the ratings that came with an import: a person invited as it would merge with them.
    const reserved = await call(OWNER, "POST", `${base}/invites`, { role: "rater", rater: " import " });
    expect(reserved.status).toBe(422);
    expect(reserved.headers.get("content-type")).toContain("application/problem+json");
    expect(await reserved.json()).toMatchObject({
      errors: [{ pointer: "/rater", detail: expect.stringMatching(/other than 'import'.*import-2/) }],
    });
    expect((await invite(base, { role: "rater", rater: "import-2", label: "Import" })).id).toEqual(
      expect.any(String),
    );

    const revoked = await call(OWNER, "DELETE", `${base}/invites/${ann.id}`);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: ann.id, revokedAt: expect.any(String) });
    const refused = await call(ann.key, "GET", `${base}/workshop`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ reason: "revoked" });
    const unknown = await call("cxp_not-a-key", "GET", `${base}/workshop`);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ reason: "unknown-key" });
    expect((await call(OWNER, "DELETE", `${base}/invites/nope`)).status).toBe(404);

    expect((await call(OWNER, "DELETE", base)).status).toBe(204);
    const bob = await invite(other, { role: "rater", rater: "bob" });
    expect((await call(OWNER, "DELETE", other)).status).toBe(204);
    // An invite key outlives its deleted portfolio as an expiring marker: the link says the workshop is gone.
    const gone = await call(bob.key, "GET", `${other}/workshop`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ reason: "deleted" });
  });

  it("answers an unchanged progress poll with 304 after one GetItem, and a change within the next poll", async () => {
    const base = await newWorkshop();
    const ann = await invite(base, { role: "rater", rater: "ann" });
    const first = await call(OWNER, "GET", `${base}/progress`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ phase: "rating", round: 1, raters: [] });
    const etag = first.headers.get("ETag")!;

    sent.length = 0;
    const unchanged = await call(OWNER, "GET", `${base}/progress`, undefined, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(sent).toEqual(["GetItemCommand"]);

    await call(ann.key, "PUT", `${base}/ratings/ann`, { ratings: { "agent-assist": all(3) } });
    await call(ann.key, "PUT", `${base}/ratings/ann`, { ratings: { "agent-assist": all(4) } });
    await call(OWNER, "PUT", `${base}/ratings/cy`, {
      ratings: { "agent-assist": all(2), "intelligent-routing": all(2) },
    });
    const changed = await call(OWNER, "GET", `${base}/progress`, undefined, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      raters: [
        { rater: "ann", rated: 1, initiatives: ["agent-assist"] },
        { rater: "cy", rated: 2 },
      ],
    });
    const mine = await call(ann.key, "GET", `${base}/progress`);
    expect(
      ((await mine.json()) as { raters: { rater: string }[] }).raters.map((entry) => entry.rater),
    ).toEqual(["ann"]);
    // A rater's poll reads the workshop item only: its invite, read once, is remembered for a few seconds.
    sent.length = 0;
    const again = await call(ann.key, "GET", `${base}/progress`, undefined, {
      "If-None-Match": mine.headers.get("ETag")!,
    });
    expect(again.status).toBe(304);
    expect(sent).toEqual(["GetItemCommand"]);
    // A rating costs three reads (the initiatives, then the portfolio; the workshop beside them) and three
    // writes (the ratings, the progress, the portfolio's revision).
    sent.length = 0;
    expect(
      (await call(ann.key, "PUT", `${base}/ratings/ann`, { ratings: { "agent-assist": all(5) } })).status,
    ).toBe(200);
    expect(sent.sort()).toEqual([
      "BatchGetItemCommand",
      "BatchWriteItemCommand",
      "GetItemCommand",
      "GetItemCommand",
      "UpdateItemCommand",
      "UpdateItemCommand",
    ]);
  });

  it("counts imported ratings and a new initiative's ratings in the progress, and forgets a removed rater's", async () => {
    const created = await call(OWNER, "POST", "/v1/portfolios", { name: "Pre-rated" });
    const base = `/v1/portfolios/${((await created.json()) as { id: string }).id}`;
    const imported = await call(OWNER, "POST", `${base}/initiatives/import`, {
      initiatives: [
        { name: "Agent assist", ratings: all(4) },
        {
          name: "Intelligent routing",
          raters: [
            { rater: "dora", ratings: all(3) },
            { rater: "eli", ratings: all(2) },
          ],
        },
        { name: "Knowledge search" },
      ],
    });
    expect(imported.status).toBe(200);
    expect(
      (await call(OWNER, "POST", `${base}/initiatives`, { name: "Call summaries", ratings: all(5) })).status,
    ).toBe(201);
    const progress = async () =>
      ((await (await call(OWNER, "GET", `${base}/progress`)).json()) as { raters: object[] }).raters;
    expect(await progress()).toEqual([
      { rater: "dora", rated: 1, initiatives: ["intelligent-routing"] },
      { rater: "eli", rated: 1, initiatives: ["intelligent-routing"] },
      { rater: "import", rated: 2, initiatives: expect.arrayContaining(["agent-assist", "call-summaries"]) },
    ]);

    expect((await call(OWNER, "DELETE", `${base}/ratings/eli`)).status).toBe(204);
    expect((await progress()).map((entry) => (entry as { rater: string }).rater)).toEqual(["dora", "import"]);
  });

  it("keeps each round's ratings on a re-vote and opens only the chosen initiatives", async () => {
    const base = await newWorkshop();
    const ann = await invite(base, { role: "rater", rater: "ann" });
    await call(ann.key, "PUT", `${base}/ratings/ann`, {
      ratings: { "agent-assist": all(2), "intelligent-routing": all(3) },
    });
    await call(OWNER, "PATCH", `${base}/workshop`, { phase: "revealed" }, { "If-Match": '"v1"' });
    const unknown = await call(
      OWNER,
      "POST",
      `${base}/rounds`,
      { initiatives: ["nope"] },
      { "If-Match": '"v2"' },
    );
    expect(unknown.status).toBe(422);
    const round = await call(
      OWNER,
      "POST",
      `${base}/rounds`,
      { initiatives: ["agent-assist"] },
      { "If-Match": '"v2"' },
    );
    expect(round.status).toBe(201);
    expect(await round.json()).toMatchObject({
      phase: "rating",
      round: 2,
      reopened: ["agent-assist"],
      version: 3,
    });

    const locked = await call(ann.key, "PUT", `${base}/ratings/ann`, {
      ratings: { "intelligent-routing": all(5) },
    });
    expect(locked.status).toBe(422);
    expect(await locked.json()).toMatchObject({ errors: [{ pointer: "/ratings/intelligent-routing" }] });
    expect(
      (await call(ann.key, "PUT", `${base}/ratings/ann`, { ratings: { "agent-assist": all(5) } })).status,
    ).toBe(200);
    const progress = (await (await call(OWNER, "GET", `${base}/progress`)).json()) as object;
    expect(progress).toMatchObject({ round: 2, raters: [{ rater: "ann", rated: 1 }] });

    const rounds = (await (await call(OWNER, "GET", `${base}/rounds`)).json()) as {
      round: number;
      rounds: { round: number; ratings: { initiativeId: string; rater: string; ratings: object }[] }[];
    };
    expect(rounds.round).toBe(2);
    expect(rounds.rounds).toEqual([
      { round: 1, ratings: [{ initiativeId: "agent-assist", rater: "ann", weight: 1, ratings: all(2) }] },
    ]);
    const now = (await (await call(OWNER, "GET", `${base}/ratings/ann`)).json()) as {
      ratings: Record<string, object>;
    };
    expect(now.ratings["agent-assist"]).toEqual(all(5));
  });
});
