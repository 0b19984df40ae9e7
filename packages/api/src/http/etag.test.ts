import { describe, expect, it } from "vitest";
import { createCachedBody, matchesIfNoneMatch, respondCached, STATIC_CACHE_CONTROL } from "./etag.js";

describe("createCachedBody", () => {
  it("derives a strong, quoted, stable ETag from the body", () => {
    const a = createCachedBody('{"a":1}', "application/json");
    expect(a.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(createCachedBody('{"a":1}', "application/json").etag).toBe(a.etag);
  });

  it.each([
    ['{"a":1}', '{"a":2}'],
    ["ab", "ba"],
    ["", " "],
  ])("gives %j and %j different tags", (one, other) => {
    expect(createCachedBody(one, "text/plain").etag).not.toBe(createCachedBody(other, "text/plain").etag);
  });
});

describe("matchesIfNoneMatch", () => {
  it.each([
    [null, false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ["*", true],
    ['"abcd"', false],
    ["abc", false],
  ])('%j matches "abc": %s', (header, matches) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(matches);
  });
});

describe("respondCached", () => {
  const cached = createCachedBody("hello", "text/plain");

  it("answers 200 with the body, ETag and Cache-Control", async () => {
    const response = respondCached(new Request("http://x/"), cached);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello");
    expect(response.headers.get("ETag")).toBe(cached.etag);
    expect(response.headers.get("Cache-Control")).toBe(STATIC_CACHE_CONTROL);
  });

  it("answers 304 without a body when the tag matches", async () => {
    const response = respondCached(
      new Request("http://x/", { headers: { "If-None-Match": cached.etag } }),
      cached,
    );
    expect(response.status).toBe(304);
    expect(response.headers.get("ETag")).toBe(cached.etag);
    expect(await response.text()).toBe("");
  });
});
