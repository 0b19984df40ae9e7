import { describe, expect, it } from "vitest";
import { CliError } from "../errors.js";
import { readDiscussThreshold } from "./score-raters.js";

describe("readDiscussThreshold", () => {
  it.each([
    [undefined, undefined],
    ["2", 2],
    ["0", 0],
    ["1.5", 1.5],
  ])("%j -> %j", (value, expected) => {
    expect(readDiscussThreshold(value)).toBe(expected);
  });

  it.each(["-1", "two", "", "1.000", true])("rejects %j", (value) => {
    expect(() => readDiscussThreshold(value)).toThrow(CliError);
  });
});
