import { describe, expect, it } from "vitest";
import { READ_RETRY_MS, retryDelayMs } from "./api.js";

describe("retryDelayMs", () => {
  it("waits a growing step when the server names no wait, staying at the last step", () => {
    expect([0, 1, 2, 3, 9].map((attempt) => retryDelayMs(null, attempt))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
    expect(READ_RETRY_MS).toHaveLength(4);
    expect(retryDelayMs("", 1)).toBe(1000);
  });

  it("waits as Retry-After asks, in seconds or as an HTTP date (RFC 9110 section 10.2.3), at most 10 s", () => {
    expect(retryDelayMs("2", 0)).toBe(2000);
    expect(retryDelayMs(" 0 ", 3)).toBe(0);
    expect(retryDelayMs("120", 0)).toBe(10_000);
    const now = Date.parse("Tue, 01 Dec 2026 12:00:00 GMT");
    expect(retryDelayMs("Tue, 01 Dec 2026 12:00:03 GMT", 0, now)).toBe(3000);
    expect(retryDelayMs("Tue, 01 Dec 2026 11:59:00 GMT", 0, now)).toBe(0);
  });

  it("falls back to its own step when Retry-After cannot be read", () => {
    expect(retryDelayMs("soon", 2)).toBe(2000);
    expect(retryDelayMs("-1", 0)).toBe(500);
  });
});
