import { describe, expect, it } from "vitest";
import { negotiate, negotiateOrThrow } from "./negotiate.js";

const OFFERS = ["image/svg+xml", "application/vnd.vegalite.v5+json", "image/png"];

describe("negotiate", () => {
  it.each([
    [null, "image/svg+xml"],
    ["", "image/svg+xml"],
    ["*/*", "image/svg+xml"],
    ["image/png", "image/png"],
    ["image/*", "image/svg+xml"],
    ["image/*;q=0.5, image/png", "image/png"],
    ["application/vnd.vegalite.v5+json", "application/vnd.vegalite.v5+json"],
    ["IMAGE/PNG", "image/png"],
    ["image/svg+xml;q=0.2, */*;q=0.8", "application/vnd.vegalite.v5+json"],
    ["image/png;q=0, image/*", "image/svg+xml"],
    ["text/html", undefined],
    ["image/png;q=0", undefined],
  ])("Accept %j picks %j", (header, expected) => {
    expect(negotiate(header, OFFERS)).toBe(expected);
  });
});

describe("negotiateOrThrow", () => {
  it("answers not-acceptable naming every type it can produce", () => {
    const request = new Request("http://x/", { headers: { Accept: "image/png" } });
    expect(() => negotiateOrThrow(request, OFFERS.slice(0, 2))).toThrow(
      'expected an Accept header that allows one of image/svg+xml, application/vnd.vegalite.v5+json, received "image/png"',
    );
  });
});
