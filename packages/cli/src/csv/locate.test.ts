import { describe, expect, it } from "vitest";
import { formatFileProblem } from "./locate.js";

describe("formatFileProblem", () => {
  it.each([
    [{ file: "f.csv", row: 3, column: "Data readiness", message: "m" }, "f.csv:3:Data readiness: m"],
    [{ file: "f.csv", row: 2, message: "m" }, "f.csv:2: m"],
    [{ file: "f.csv", message: "m" }, "f.csv: m"],
  ])("%j -> %j", (problem, line) => {
    expect(formatFileProblem(problem)).toBe(line);
  });
});
