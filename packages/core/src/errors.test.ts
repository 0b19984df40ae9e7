import { describe, expect, it } from "vitest";
import { CxprismError, formatPath, formatProblem, toJsonPointer } from "./errors.js";

describe("problem paths", () => {
  it.each([
    [
      ["initiatives", 3, "ratings", "data_readiness"],
      "initiatives[3].ratings.data_readiness",
      "/initiatives/3/ratings/data_readiness",
    ],
    [[], "(root)", ""],
    [["extra", "a/b~c"], 'extra["a/b~c"]', "/extra/a~1b~0c"],
  ] as const)("%o", (path, dotted, pointer) => {
    expect(formatPath(path)).toBe(dotted);
    expect(toJsonPointer(path)).toBe(pointer);
  });

  it("an error carries every problem and summarises them in its message", () => {
    const error = new CxprismError("invalid-input", [
      { path: ["a"], message: "expected x, received y" },
      { path: ["b"], message: "expected z, received w" },
    ]);
    expect(error.message).toBe("a: expected x, received y (and 1 more)");
    expect(error.problems).toHaveLength(2);
    expect(formatProblem(error.problems[1]!)).toBe("b: expected z, received w");
  });
});
