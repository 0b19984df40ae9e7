import { describe, expect, it } from "vitest";
import { editDistance, suggestNearest } from "./suggest.js";

describe("suggestNearest", () => {
  const ids = ["data_readiness", "cx_impact", "time_to_value"];
  it.each([
    ["data_readines", "data_readiness"],
    ["Data_Readiness", "data_readiness"],
    ["cx_impcat", "cx_impact"],
    ["budget", undefined],
  ])("%s -> %s", (word, expected) => {
    expect(suggestNearest(word, ids)).toBe(expected);
  });

  it("computes Levenshtein distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
