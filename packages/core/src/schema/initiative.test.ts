import { describe, expect, it } from "vitest";
import { validatePortfolio } from "../validate/portfolio.js";

describe("initiative ids and raters", () => {
  it.each([
    ["an id", { id: "a\ud800", name: "A", ratings: {} }, ["initiatives", 0, "id"]],
    ["a dependency", { name: "A", ratings: {}, dependsOn: ["\udfff"] }, ["initiatives", 0, "dependsOn", 0]],
    [
      "a rater",
      { name: "A", raters: [{ rater: "r\ud800", ratings: {} }] },
      ["initiatives", 0, "raters", 0, "rater"],
    ],
  ])("refuses a lone surrogate in %s, naming the place", (_, initiative, path) => {
    const validation = validatePortfolio([initiative]);
    expect(validation.success).toBe(false);
    if (validation.success) return;
    expect(validation.problems).toContainEqual(
      expect.objectContaining({ path, message: expect.stringContaining("lone UTF-16 surrogate") }),
    );
  });

  it("accepts a well-formed pair", () => {
    const validation = validatePortfolio([{ id: "smile-😀", name: "😀", ratings: {} }], {
      missing: "neutral",
    });
    expect(validation.success).toBe(true);
  });
});
