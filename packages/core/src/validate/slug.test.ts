import { describe, expect, it } from "vitest";
import { slugify } from "./slug.js";

describe("slugify", () => {
  it.each([
    ["Virtual Customer Assistant", "virtual-customer-assistant"],
    ["  Agent scheduling & load forecasting ", "agent-scheduling-load-forecasting"],
    ["Äänipalvelun ohjaus", "äänipalvelun-ohjaus"],
    ["Голосовой помощник", "голосовой-помощник"],
    ["المساعد الافتراضي", "المساعد-الافتراضي"],
    ["***", ""],
  ])("%s -> %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
