import { describe, expect, it } from "vitest";
import { createApiKeyring, generateApiKey, parseApiKeys, sha256Hex } from "./api-keys.js";

describe("sha256Hex", () => {
  // FIPS 180-2 appendix B.1 test vector.
  it("hashes 'abc' to the published digest", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("parseApiKeys", () => {
  const hash = "a".repeat(64);
  it.each([
    [undefined, 0],
    ["", 0],
    [`[{"sha256":"${hash}","tenant":"acme","role":"owner"}]`, 1],
    [
      `[{"sha256":"${hash.toUpperCase()}","tenant":"acme","role":"viewer"},{"sha256":"${hash}","tenant":"b","role":"rater","rater":"ann"}]`,
      2,
    ],
  ])("reads %s into %i entries", (setting, count) => {
    expect(parseApiKeys(setting)).toHaveLength(count);
  });

  it.each([
    ["not json", /not JSON/],
    [`[{"sha256":"abc","tenant":"acme","role":"owner"}]`, /SHA-256/],
    [`[{"sha256":"${hash}","tenant":"acme","role":"rater"}]`, /rater/],
    [`[{"sha256":"${hash}","tenant":"acme","role":"admin"}]`, /role/],
    [`[{"sha256":"${hash}","tenant":"a#b","role":"owner"}]`, /tenant/],
  ])("refuses %s", (setting, message) => {
    expect(() => parseApiKeys(setting)).toThrow(message);
  });
});

describe("createApiKeyring", () => {
  it("finds the principal of a known key and nothing for others", async () => {
    const owner = generateApiKey();
    const rater = generateApiKey();
    const ring = createApiKeyring([
      { sha256: await sha256Hex(owner), tenant: "acme", role: "owner" },
      { sha256: await sha256Hex(rater), tenant: "acme", role: "rater", rater: "ann" },
    ]);
    expect(await ring.authenticate(owner)).toEqual({ tenant: "acme", role: "owner" });
    expect(await ring.authenticate(rater)).toEqual({ tenant: "acme", role: "rater", rater: "ann" });
    expect(await ring.authenticate(`${owner}x`)).toBeUndefined();
    expect(await ring.authenticate("")).toBeUndefined();
    expect(await createApiKeyring([]).authenticate(owner)).toBeUndefined();
  });

  it("generates distinct keys of 256 bits", () => {
    const keys = new Set(Array.from({ length: 50 }, generateApiKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^cxp_[A-Za-z0-9_-]{43}$/);
  });
});
