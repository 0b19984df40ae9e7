/**
 * The storage contract: one suite that every {@link PortfolioStore} implementation must pass, run against
 * dynalite by `dynamodb-store.test.ts` and against DynamoDB Local by `scripts/dynamodb-local-contract.ts`.
 * Only for tests: it imports vitest.
 */
import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { type ImportEntry, type InitiativeData, type PortfolioStore, StoreError } from "./portfolio-store.js";

const NOW = "2026-11-22T12:00:00.000Z";
const fields = { name: "FY27 plan", description: "", model: defaultModel };

/** Import entries without ratings. */
const bare = (...initiatives: InitiativeData[]): ImportEntry[] =>
  initiatives.map((data) => ({ data, ratings: [] }));

const rating = (initiativeId: string, rater: string) => ({
  initiativeId,
  rater,
  weight: 1,
  ratings: { cx_impact: 3 },
  updatedAt: NOW,
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof StoreError) return error.code;
    throw error;
  }
}

/**
 * Defines the contract suite.
 *
 * @param name - which implementation
 * @param makeStore - returns a store over a fresh or shared table (tests use unique tenants)
 * @param makeDyingStore - returns a store over the same table that stops reaching it for good after
 *   `writes` writes, as a process killed mid-write does, and whose leases have already ended
 */
export function describeStoreContract(
  name: string,
  makeStore: () => PortfolioStore,
  makeDyingStore: (writes: number) => PortfolioStore,
): void {
  let counter = 0;
  const tenant = () => `t-${Date.now().toString(36)}-${counter++}`;

  describe(`PortfolioStore contract: ${name}`, () => {
    it("creates, reads, updates with the version, refuses a stale version, deletes", async () => {
      const store = makeStore();
      const t = tenant();
      const created = await store.createPortfolio(t, "p1", fields, NOW);
      expect(created.version).toBe(1);
      expect(await codeOf(store.createPortfolio(t, "p1", fields, NOW))).toBe("already-exists");
      expect((await store.getPortfolio(t, "p1")).name).toBe("FY27 plan");
      const updated = await store.updatePortfolio(t, "p1", { ...fields, name: "renamed" }, 1, NOW);
      expect(updated.version).toBe(2);
      const stale = await store.updatePortfolio(t, "p1", fields, 1, NOW).catch((error: StoreError) => error);
      expect(stale).toBeInstanceOf(StoreError);
      expect((stale as StoreError).code).toBe("version-conflict");
      expect((stale as StoreError).currentVersion).toBe(2);
      expect(await codeOf(store.deletePortfolio(t, "p1", 1))).toBe("version-conflict");
      await store.deletePortfolio(t, "p1", 2);
      expect(await codeOf(store.getPortfolio(t, "p1"))).toBe("not-found");
      expect(await codeOf(store.deletePortfolio(t, "p1"))).toBe("not-found");
    });

    it("grows the revision after every write to the portfolio or its contents, and only then", async () => {
      const store = makeStore();
      const t = tenant();
      const revisions: number[] = [(await store.createPortfolio(t, "p", fields, NOW)).revision];
      const seen = async () => revisions.push((await store.getPortfolio(t, "p")).revision);
      await store.addInitiative(t, "p", { id: "a", name: "A" }, NOW);
      await seen();
      await store.importInitiatives(t, "p", [{ data: { id: "b", name: "B" }, ratings: [] }], NOW);
      await seen();
      await store.updateInitiative(t, "p", { id: "a", name: "A2" }, 1, NOW);
      await seen();
      await store.putRatings(t, "p", [
        { initiativeId: "a", rater: "x", weight: 1, ratings: { cx_impact: 4 }, updatedAt: NOW },
      ]);
      await seen();
      await store.deleteInitiative(t, "p", "b");
      await seen();
      await store.updatePortfolio(t, "p", { ...fields, name: "renamed" }, 1, NOW);
      await seen();
      await store.readContents(t, "p");
      await store.listInitiatives(t, "p", 10);
      await seen();
      expect(revisions.slice(1, -1).every((revision, k) => revision > revisions[k]!)).toBe(true);
      expect(revisions.at(-1)).toBe(revisions.at(-2));
      // Concurrent writes share touches, but each resolves only once the revision has moved past it.
      const before = (await store.getPortfolio(t, "p")).revision;
      await Promise.all(
        Array.from({ length: 8 }, (_, r) =>
          store.putRatings(t, "p", [
            { initiativeId: "a", rater: `r${r}`, weight: 1, ratings: { cx_impact: 3 }, updatedAt: NOW },
          ]),
        ),
      );
      expect((await store.getPortfolio(t, "p")).revision).toBeGreaterThan(before);
    });

    it("keeps tenants apart: another tenant's id is not found", async () => {
      const store = makeStore();
      const [a, b] = [tenant(), tenant()];
      await store.createPortfolio(a, "shared-id", fields, NOW);
      expect(await codeOf(store.getPortfolio(b, "shared-id"))).toBe("not-found");
      expect(await codeOf(store.listInitiatives(b, "shared-id", 10))).toBe("not-found");
      expect((await store.listPortfolios(b, 10)).items).toEqual([]);
    });

    it("pages through portfolios and initiatives with opaque cursors, each item once", async () => {
      const store = makeStore();
      const t = tenant();
      for (let i = 0; i < 7; i++) await store.createPortfolio(t, `p${i}`, fields, NOW);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listPortfolios(t, 3, cursor);
        expect(page.items.length).toBeLessThanOrEqual(3);
        for (const item of page.items) seen.push(item.id);
        cursor = page.cursor;
      } while (cursor !== undefined);
      expect(seen.sort()).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
      expect(await codeOf(store.listPortfolios(t, 3, "not-a-cursor!"))).toBe("invalid-cursor");
      await expect(store.listPortfolios(t, 101)).rejects.toThrow(RangeError);
    });

    it("adds, updates, lists and deletes initiatives; ids with # stay in their own key", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      await store.addInitiative(t, "p", { id: "a#b", name: "A hash B" }, NOW);
      await store.addInitiative(t, "p", { id: "a", name: "A" }, NOW);
      expect(await codeOf(store.addInitiative(t, "p", { id: "a", name: "again" }, NOW))).toBe(
        "already-exists",
      );
      const updated = await store.updateInitiative(t, "p", { id: "a", name: "A2" }, 1, NOW);
      expect(updated.version).toBe(2);
      expect(await codeOf(store.updateInitiative(t, "p", { id: "a", name: "A3" }, 1, NOW))).toBe(
        "version-conflict",
      );
      await store.putRatings(t, "p", [
        { initiativeId: "a", rater: "x", weight: 1, ratings: { cx_impact: 4 }, updatedAt: NOW },
        { initiativeId: "a#b", rater: "x", weight: 1, ratings: { cx_impact: 2 }, updatedAt: NOW },
      ]);
      await store.deleteInitiative(t, "p", "a");
      const contents = await store.readContents(t, "p");
      expect(contents.initiatives.map((record) => record.data.id)).toEqual(["a#b"]);
      expect(contents.ratings.map((rating) => rating.initiativeId)).toEqual(["a#b"]);
      expect(await codeOf(store.getInitiative(t, "p", "a"))).toBe("not-found");
      expect(await store.existingInitiatives(t, "p", ["a", "a#b", "zzz"])).toEqual(new Set(["a#b"]));
      expect(await store.countInitiatives(t, "p")).toBe(1);
    });

    it("reads a rating's targets: the portfolio and which initiatives exist; not-found once deleted", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      await store.importInitiatives(t, "p", bare({ id: "a", name: "A" }, { id: "b", name: "B" }), NOW);
      const targets = await store.ratingTargets(t, "p", ["a", "zzz", "b", "a"]);
      expect(targets.portfolio.model).toEqual((await store.getPortfolio(t, "p")).model);
      expect(targets.existing).toEqual(new Set(["a", "b"]));
      expect(await codeOf(store.ratingTargets(t, "nope", ["a"]))).toBe("not-found");
      await store.deletePortfolio(t, "p", 1);
      expect(await codeOf(store.ratingTargets(t, "p", ["a"]))).toBe("not-found");
    });

    it("removes one rater's ratings, of every initiative or of some", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      await store.importInitiatives(t, "p", bare({ id: "a", name: "A" }, { id: "b", name: "B" }), NOW);
      await store.putRatings(t, "p", [
        rating("a", "x"),
        rating("b", "x"),
        rating("a", "y"),
        rating("b", "y"),
      ]);
      expect(await store.deleteRatings(t, "p", "x")).toBe(2);
      expect(await store.deleteRatings(t, "p", "y", ["b"])).toBe(1);
      expect(await store.deleteRatings(t, "p", "nobody")).toBe(0);
      const contents = await store.readContents(t, "p");
      expect(contents.ratings.map((record) => [record.initiativeId, record.rater])).toEqual([["a", "y"]]);
    });

    it("stores each rater's ratings as their own record: concurrent raters never overwrite each other", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      const ids = Array.from({ length: 30 }, (_, i) => `i${i}`);
      const outcomes = await store.importInitiatives(
        t,
        "p",
        bare(...ids.map((id) => ({ id, name: id }))),
        NOW,
      );
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      await Promise.all(
        Array.from({ length: 12 }, (_, r) =>
          store.putRatings(
            t,
            "p",
            ids.map((initiativeId) => ({
              initiativeId,
              rater: `r${r}`,
              weight: 1,
              ratings: { cx_impact: (r % 5) + 1 },
              updatedAt: NOW,
            })),
          ),
        ),
      );
      const contents = await store.readContents(t, "p");
      expect(contents.initiatives).toHaveLength(30);
      expect(contents.ratings).toHaveLength(30 * 12);
      const keys = new Set(contents.ratings.map((rating) => `${rating.initiativeId}/${rating.rater}`));
      expect(keys.size).toBe(360);
      await store.deletePortfolio(t, "p");
      expect(await codeOf(store.readContents(t, "p"))).toBe("not-found");
    });

    it("claims an idempotency key once, replays the stored answer, releases on failure", async () => {
      const store = makeStore();
      const t = tenant();
      const first = await store.claimIdempotencyKey(t, "k1", "f1", 60, 30);
      expect(first.state).toBe("claimed");
      const owner = first.state === "claimed" ? first.owner : "";
      expect(await store.claimIdempotencyKey(t, "k1", "f1", 60, 30)).toEqual({
        state: "pending",
        fingerprint: "f1",
      });
      expect(await store.renewIdempotencyKey(t, "k1", owner, 30)).toBe(true);
      expect(await store.renewIdempotencyKey(t, "k1", "someone-else", 30)).toBe(false);
      const response = { fingerprint: "f1", status: 201, headers: { ETag: '"1"' }, body: "{}" };
      expect(await store.completeIdempotencyKey(t, "k1", "someone-else", response, 60)).toBe(false);
      expect(await store.completeIdempotencyKey(t, "k1", owner, response, 60)).toBe(true);
      expect(await store.claimIdempotencyKey(t, "k1", "f1", 60, 30)).toEqual({ state: "done", response });
      expect((await store.claimIdempotencyKey(tenant(), "k1", "f1", 60, 30)).state).toBe("claimed");
      const second = await store.claimIdempotencyKey(t, "k2", "f2", 60, 30);
      await store.releaseIdempotencyKey(t, "k2", second.state === "claimed" ? second.owner : "");
      expect((await store.claimIdempotencyKey(t, "k2", "f2", 60, 30)).state).toBe("claimed");
      // An expired record counts as absent even before TTL sweeps it.
      expect((await store.claimIdempotencyKey(t, "k3", "f3", -10, 30)).state).toBe("claimed");
      expect((await store.claimIdempotencyKey(t, "k3", "f3", 60, 30)).state).toBe("claimed");
    });

    it("frees a pending key whose lease ended (its owner died) and refuses the late owner's answer", async () => {
      const store = makeStore();
      const t = tenant();
      const dead = await store.claimIdempotencyKey(t, "k", "f", 60, -1);
      const taken = await store.claimIdempotencyKey(t, "k", "f", 60, 30);
      expect(taken.state).toBe("claimed");
      const response = { fingerprint: "f", status: 200, headers: {}, body: "late" };
      const deadOwner = dead.state === "claimed" ? dead.owner : "";
      expect(await store.completeIdempotencyKey(t, "k", deadOwner, response, 60)).toBe(false);
      expect(await store.renewIdempotencyKey(t, "k", deadOwner, 30)).toBe(false);
    });

    it("keeps an answer far above DynamoDB's 400 KB item limit, in parts checked by a digest", async () => {
      const store = makeStore();
      const t = tenant();
      const claim = await store.claimIdempotencyKey(t, "big", "f", 60, 30);
      // 1.2 MB of text with multi-byte characters and surrogate pairs on every part boundary.
      const body = `{"outcomes":"${"é😀a".repeat(300_000)}"}`;
      const response = { fingerprint: "f", status: 200, headers: {}, body };
      const owner = claim.state === "claimed" ? claim.owner : "";
      expect(await store.completeIdempotencyKey(t, "big", owner, response, 60)).toBe(true);
      const replay = await store.claimIdempotencyKey(t, "big", "f", 60, 30);
      expect(replay.state).toBe("done");
      expect(replay.state === "done" && replay.response.body === body).toBe(true);
    });

    it("imports initiatives with their ratings, shown together once the import commits", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      const entries = Array.from({ length: 60 }, (_, i) => ({
        data: { id: `i${i}`, name: `I ${i}` },
        ratings: [
          { initiativeId: `i${i}`, rater: "x", weight: 1, ratings: { cx_impact: 3 }, updatedAt: NOW },
        ],
      }));
      const outcomes = await store.importInitiatives(t, "p", entries, NOW);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      const contents = await store.readContents(t, "p");
      expect([contents.initiatives.length, contents.ratings.length]).toEqual([60, 60]);
      expect((await store.listInitiatives(t, "p", 100)).items).toHaveLength(60);
      expect((await store.getInitiative(t, "p", "i0")).data.name).toBe("I 0");
    });

    it("deletes behind a tombstone: a delete cut short reads as gone and a retried delete finishes it", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      await store.importInitiatives(t, "p", bare({ id: "a", name: "A" }), NOW);
      await store.deletePortfolio(t, "p", 1);
      expect(await codeOf(store.getPortfolio(t, "p"))).toBe("not-found");
      expect((await store.listPortfolios(t, 10)).items).toEqual([]);
      expect(await codeOf(store.importInitiatives(t, "p", bare({ id: "b", name: "B" }), NOW))).toBe(
        "not-found",
      );
      // The same id can be made again, empty.
      await store.createPortfolio(t, "p", fields, NOW);
      expect((await store.readContents(t, "p")).initiatives).toEqual([]);
    });

    it("adds an initiative with its ratings as one unit", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      const raters = (value: number) =>
        ["x", "y", "z"].map((rater) => ({ ...rating("a", rater), ratings: { cx_impact: value } }));
      await store.addInitiative(t, "p", { id: "a", name: "A" }, NOW, raters(4));
      expect(await codeOf(store.addInitiative(t, "p", { id: "a", name: "again" }, NOW, raters(1)))).toBe(
        "already-exists",
      );
      const contents = await store.readContents(t, "p");
      expect(contents.initiatives.map((record) => record.data.name)).toEqual(["A"]);
      expect(contents.ratings.map((record) => [record.rater, record.ratings.cx_impact])).toEqual([
        ["x", 4],
        ["y", 4],
        ["z", 4],
      ]);
    });

    it("writes a rater's batch, removals included, as one unit", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "p", fields, NOW);
      await store.importInitiatives(t, "p", bare(...["a", "b", "c"].map((id) => ({ id, name: id }))), NOW);
      await store.putRatings(
        t,
        "p",
        ["a", "b", "c"].map((id) => rating(id, "x")),
      );
      await store.putRatings(t, "p", [rating("a", "y")]);
      await store.putRatings(
        t,
        "p",
        ["a", "b"].map((id) => ({ ...rating(id, "x"), ratings: { cx_impact: 5 }, comment: "sure" })),
        [
          { initiativeId: "c", rater: "x" },
          { initiativeId: "b", rater: "nobody" },
        ],
      );
      const contents = await store.readContents(t, "p");
      expect(
        contents.ratings.map((record) => [record.initiativeId, record.rater, record.ratings.cx_impact]),
      ).toEqual([
        ["a", "x", 5],
        ["a", "y", 3],
        ["b", "x", 5],
      ]);
      expect(contents.ratings[0]?.comment).toBe("sure");
      // A batch over a removal shown before writes on an empty key.
      await store.putRatings(t, "p", [rating("c", "x"), rating("b", "x")]);
      expect((await store.readContents(t, "p")).ratings).toHaveLength(4);
    });

    describe("after a process died part-way (its leases ended), readers see all or nothing and the sweep clears the rest", () => {
      /** Sweeps until nothing is left (other tests' dead writers share the table). */
      const sweepAll = async (store: PortfolioStore) => {
        let swept = 0;
        for (let round = 0; round < 20; round++) {
          const count = await store.sweep(100);
          swept += count;
          if (count === 0) return swept;
        }
        throw new Error("the sweep did not finish within 20 rounds");
      };
      const ids = Array.from({ length: 40 }, (_, i) => `i${String(i).padStart(2, "0")}`);

      it("an import", async () => {
        const store = makeStore();
        const t = tenant();
        await store.createPortfolio(t, "p", fields, NOW);
        // Writes: the sweep entry, the pending id, then batches of 25 rows; it dies in the second batch.
        const entries = ids.map((id) => ({ data: { id, name: id }, ratings: [rating(id, "x")] }));
        await expect(makeDyingStore(3).importInitiatives(t, "p", entries, NOW)).rejects.toThrow();
        expect(await store.readContents(t, "p")).toMatchObject({ initiatives: [], ratings: [] });
        expect(await store.existingInitiatives(t, "p", ids)).toEqual(new Set());
        // Its rows are hidden, not gone: their ids are taken until the sweep.
        expect(await codeOf(store.addInitiative(t, "p", { id: "i00", name: "A" }, NOW))).toBe(
          "already-exists",
        );
        expect(await sweepAll(store)).toBeGreaterThanOrEqual(1);
        await store.addInitiative(t, "p", { id: "i00", name: "A" }, NOW);
        expect((await store.readContents(t, "p")).ratings).toEqual([]);
      });

      it("an initiative added with its ratings", async () => {
        const store = makeStore();
        const t = tenant();
        await store.createPortfolio(t, "p", fields, NOW);
        const raters = ids.map((rater) => rating("a", rater));
        // Writes: the sweep entry, the pending id, the initiative, 25 ratings; it dies before the rest.
        await expect(
          makeDyingStore(4).addInitiative(t, "p", { id: "a", name: "A" }, NOW, raters),
        ).rejects.toThrow();
        expect(await codeOf(store.getInitiative(t, "p", "a"))).toBe("not-found");
        expect((await store.readContents(t, "p")).ratings).toEqual([]);
        await sweepAll(store);
        await store.addInitiative(t, "p", { id: "a", name: "A" }, NOW, raters.slice(0, 2));
        expect((await store.readContents(t, "p")).ratings).toHaveLength(2);
      });

      it("a rater's batch over earlier ratings, which show until the sweep puts them back", async () => {
        const store = makeStore();
        const t = tenant();
        await store.createPortfolio(t, "p", fields, NOW);
        await store.importInitiatives(t, "p", bare(...ids.map((id) => ({ id, name: id }))), NOW);
        await store.putRatings(
          t,
          "p",
          ids.slice(0, 30).map((id) => rating(id, "x")),
        );
        const seen = async () =>
          (await store.readContents(t, "p")).ratings.map(
            (record) => `${record.initiativeId}=${record.ratings.cx_impact}`,
          );
        const before = await seen();
        expect(before).toHaveLength(30);
        // 28 changes and a removal: the sweep entry, the pending id, 25 rows, and it dies in the next batch.
        const changed = ids.slice(0, 28).map((id) => ({ ...rating(id, "x"), ratings: { cx_impact: 1 } }));
        const removed = [{ initiativeId: "i29", rater: "x" }];
        await expect(makeDyingStore(3).putRatings(t, "p", changed, removed)).rejects.toThrow();
        expect(await seen()).toEqual(before);
        // Readers while the sweep rolls it back, and while the batch is sent again, see all of it or none.
        const reads = (count: number) => Promise.all(Array.from({ length: count }, seen));
        const [, during] = await Promise.all([sweepAll(store), reads(6)]);
        for (const read of during) expect(read).toEqual(before);
        expect(await seen()).toEqual(before);
        const after = [...ids.slice(0, 28).map((id) => `${id}=1`), "i28=3"];
        const [, racing] = await Promise.all([store.putRatings(t, "p", changed, removed), reads(6)]);
        for (const read of racing) expect([before, after]).toContainEqual(read);
        expect(await seen()).toEqual(after);
      });

      it("a delete", async () => {
        const store = makeStore();
        const t = tenant();
        await store.createPortfolio(t, "p", fields, NOW);
        await store.importInitiatives(
          t,
          "p",
          ids.map((id) => ({ data: { id, name: id }, ratings: [rating(id, "x")] })),
          NOW,
        );
        // Writes: the sweep entry, the tombstone, one batch of deletions; it dies in the next.
        await expect(makeDyingStore(3).deletePortfolio(t, "p")).rejects.toThrow();
        expect(await codeOf(store.getPortfolio(t, "p"))).toBe("not-found");
        // The tombstone still holds the id until the sweep finishes the delete.
        expect(await codeOf(store.createPortfolio(t, "p", fields, NOW))).toBe("already-exists");
        await sweepAll(store);
        await store.createPortfolio(t, "p", fields, NOW);
        expect(await store.readContents(t, "p")).toMatchObject({ initiatives: [], ratings: [] });
      });
    });

    it("reads a portfolio past 1 MB of items through paged Queries", async () => {
      const store = makeStore();
      const t = tenant();
      await store.createPortfolio(t, "big", fields, NOW);
      const text = "x".repeat(3900);
      const outcomes = await store.importInitiatives(
        t,
        "big",
        Array.from({ length: 400 }, (_, i) => ({
          data: { id: `i${String(i).padStart(3, "0")}`, name: `I ${i}`, description: text },
          ratings: [],
        })),
        NOW,
      );
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      const contents = await store.readContents(t, "big");
      expect(contents.initiatives).toHaveLength(400);
    });
  });
}
