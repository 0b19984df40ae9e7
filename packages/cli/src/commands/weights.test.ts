import { describe, expect, it } from "vitest";
import { CliError } from "../errors.js";
import { parseRanking } from "./weights.js";

describe("parseRanking", () => {
  it.each([
    ["a,b,c", [["a"], ["b"], ["c"]]],
    ["a,b=c,d", [["a"], ["b", "c"], ["d"]]],
    [" a , b = c ", [["a"], ["b", "c"]]],
    ["a=b=c", [["a", "b", "c"]]],
  ])("%j -> %j", (text, expected) => {
    expect(parseRanking(text)).toEqual(expected);
  });

  it.each(["a,,b", "a,b=", ",a", ""])("rejects %j (an empty id) as a usage error", (text) => {
    expect(() => parseRanking(text)).toThrow(CliError);
  });
});
