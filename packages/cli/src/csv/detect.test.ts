import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./detect.js";

describe("detectDelimiter", () => {
  it.each([
    ["name,cx_impact,cost\na;b,1,2", ","],
    ["name;cx_impact;cost\r\na,b;1,5;2", ";"],
    ["name\tcx_impact\tcost\n", "\t"],
    ['"a;b;c",x,y\n', ","], // delimiters inside quotes do not count
    ["name\n", ","], // one column: comma
    ["", ","],
    ["name;x,y\n", ","], // a tie goes to the comma
  ])("%j -> %j", (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });
});
