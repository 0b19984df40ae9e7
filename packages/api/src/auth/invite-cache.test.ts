import { describe, expect, it } from "vitest";
import type { InviteGrant } from "../storage/workshop-store.js";
import { InviteCache } from "./invite-cache.js";

const grant = (id: string, portfolioId = "p", tenant = "t"): InviteGrant => ({
  id,
  portfolioId,
  tenant,
  role: "rater",
  rater: id,
  label: id,
  createdAt: "2026-11-30T00:00:00.000Z",
});

describe("InviteCache", () => {
  it("keeps a working grant for its time to live, then reads the store again", () => {
    let now = 1_000;
    const cache = new InviteCache({ ttlMs: 100, clock: () => now });
    cache.remember("h1", grant("ann"));
    now += 99;
    expect(cache.get("h1")).toMatchObject({ id: "ann" });
    now += 1;
    expect(cache.get("h1")).toBeUndefined();
  });

  it("never keeps a revoked grant or one to a deleted workshop", () => {
    const cache = new InviteCache();
    cache.remember("revoked", { ...grant("ann"), revokedAt: "2026-11-30T00:00:00.000Z" });
    cache.remember("deleted", { ...grant("bob"), portfolioDeletedAt: "2026-11-30T00:00:00.000Z" });
    expect(cache.get("revoked")).toBeUndefined();
    expect(cache.get("deleted")).toBeUndefined();
  });

  it("forgets one revoked invite, or every invite of a deleted workshop, and no other", () => {
    const cache = new InviteCache();
    cache.remember("a", grant("ann", "p"));
    cache.remember("b", grant("bob", "p"));
    cache.remember("c", grant("cy", "q"));
    cache.remember("d", grant("ann", "p", "other-tenant"));
    cache.forget("t", "p", "ann");
    expect([cache.get("a"), cache.get("b")?.id, cache.get("c")?.id, cache.get("d")?.id]).toEqual([
      undefined,
      "bob",
      "cy",
      "ann",
    ]);
    cache.forget("t", "p");
    expect([cache.get("b"), cache.get("c")?.id, cache.get("d")?.id]).toEqual([undefined, "cy", "ann"]);
  });

  it("holds at most its capacity, forgetting the oldest first", () => {
    const cache = new InviteCache({ capacity: 2 });
    cache.remember("a", grant("ann"));
    cache.remember("b", grant("bob"));
    cache.remember("c", grant("cy"));
    expect([cache.get("a"), cache.get("b")?.id, cache.get("c")?.id]).toEqual([undefined, "bob", "cy"]);
  });
});
