import { describe, expect, it } from "vitest";
import { lockedMath } from "./locked-math.js";

describe("lockedMath", () => {
  // Defence in depth: even a tree that skipped compileFormula's checks cannot reach these functions.
  it.each(["import", "createUnit", "evaluate", "parse", "simplify", "derivative", "resolve", "compile"])(
    "has %s disabled inside expressions",
    (name) => {
      const node = lockedMath().parse(`${name}("1 + 1")`);
      expect(() => node.compile().evaluate(new Map())).toThrow(`function ${name} is disabled`);
    },
  );

  it.each(["pi", "e", "matrix([1])", 'unit(5, "cm")', "cos(0)"])("knows nothing of %s", (text) => {
    expect(() => lockedMath().parse(text).compile().evaluate(new Map())).toThrow();
  });

  it("is built once", () => {
    expect(lockedMath()).toBe(lockedMath());
  });
});
