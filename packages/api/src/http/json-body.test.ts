import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { parseJsonBody } from "./json-body.js";
import type { ApiError } from "./problem.js";

const refusal = (text: string): ApiError => {
  try {
    parseJsonBody(text);
  } catch (error) {
    return error as ApiError;
  }
  throw new Error("expected a refusal");
};

describe("parseJsonBody", () => {
  it("keeps well-formed surrogate pairs, escaped or not", () => {
    expect(parseJsonBody('{"name":"\\ud83d\\ude00 😀"}')).toEqual({ name: "😀 😀" });
  });

  it.each([
    ['{"initiatives":[{"id":"a\\ud800"}]}', "/initiatives/0/id"],
    ['{"raters":[{"rater":"\\udc00x"}]}', "/raters/0/rater"],
    ['{"a/b":{"\\ud800":1}}', "/a~1b/\ud800"],
  ])("refuses a lone surrogate in %s at %s with 422", (text, pointer) => {
    const error = refusal(text);
    expect(error.status).toBe(422);
    expect(error.extra.errors?.map((item) => item.pointer)).toEqual([pointer]);
  });

  it("lists at most 20, and walks a deep body without recursion", () => {
    const many = refusal(JSON.stringify({ ids: Array.from({ length: 50 }, () => "\ud800") }));
    expect(many.extra.errors).toHaveLength(20);
    expect(many.message).toContain("at least 20 strings");
    const deep = `${"[".repeat(5000)}"\\ud800"${"]".repeat(5000)}`;
    expect(refusal(deep).extra.errors).toHaveLength(1);
  });

  it("answers POST /v1/score with 422 naming the field, not 500", async () => {
    const response = await createApp().request("/v1/score", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"initiatives":[{"id":"x\\ud800","name":"X","ratings":{}}]}',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("Content-Type")).toContain("application/problem+json");
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: "/initiatives/0/id" })]);
  });
});
