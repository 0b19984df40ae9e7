import { describe, expect, it } from "vitest";
import { isUnavailable } from "./dynamodb-errors.js";
import {
  decodeCursor,
  encodeCursor,
  initiativeSortKey,
  portfolioPartition,
  ratingSortKey,
  tenantKey,
} from "./dynamodb-keys.js";

describe("portfolio table keys", () => {
  it.each([
    ["acme", "p1", "TENANT#acme#PORTFOLIO#p1"],
    ["a#b", "c", "TENANT#a%23b#PORTFOLIO#c"],
    ["a", "b#PORTFOLIO#c", "TENANT#a#PORTFOLIO#b%23PORTFOLIO%23c"],
  ])("keeps tenant %s and portfolio %s in their own partition", (tenant, portfolio, key) => {
    expect(portfolioPartition(tenant, portfolio)).toBe(key);
    expect(portfolioPartition(tenant, portfolio).startsWith(tenantKey(tenant))).toBe(true);
  });

  it("never lets an initiative id with # reach another initiative's ratings", () => {
    expect(ratingSortKey("a#b", "c")).not.toBe(ratingSortKey("a", "b#c"));
    expect(initiativeSortKey("a#b")).toBe("INIT#a%23b");
  });
});

describe("cursors", () => {
  it.each(["PORTFOLIO#p1", "INIT#Интеллект%20x", "INIT#مساعد"])("round-trips %s", (sortKey) => {
    const prefix = sortKey.slice(0, sortKey.indexOf("#") + 1);
    const cursor = encodeCursor(sortKey);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, prefix)).toBe(sortKey);
  });

  it.each([
    ["not base64url", "%%%", "PORTFOLIO#"],
    ["another listing's cursor", encodeCursor("INIT#x"), "PORTFOLIO#"],
    ["the bare prefix", encodeCursor("PORTFOLIO#"), "PORTFOLIO#"],
    ["empty", "", "PORTFOLIO#"],
  ])("refuses %s", (_name, cursor, prefix) => {
    expect(decodeCursor(cursor, prefix)).toBeUndefined();
  });
});

describe("isUnavailable", () => {
  const sdkError = (name: string, status?: number, code?: string) =>
    Object.assign(new Error(name), {
      name,
      $metadata: status === undefined ? {} : { httpStatusCode: status },
      code,
    });
  it.each([
    ["throttling", sdkError("ThrottlingException", 400), true],
    ["provisioned throughput", sdkError("ProvisionedThroughputExceededException", 400), true],
    ["a 500", sdkError("InternalServerError", 500), true],
    ["connection refused", sdkError("Error", undefined, "ECONNREFUSED"), true],
    ["no answer at all", sdkError("Error"), true],
    ["a fetch failure (Workers)", new TypeError("fetch failed"), true],
    ["a validation error", sdkError("ValidationException", 400), false],
    ["a failed condition", sdkError("ConditionalCheckFailedException", 400), false],
    ["a plain bug", new RangeError("bad"), false],
    ["not an error", "text", false],
  ])("%s -> %s", (_name, error, expected) => {
    expect(isUnavailable(error)).toBe(expected);
  });
});
