import { describe, expect, it } from "vitest";
import { compileFormula, FORMULA_MAX_DEPTH } from "./compile-formula.js";

const FIELDS = new Set(["contacts_per_year", "deflection_rate", "cost_per_contact", "a", "b"]);

function evaluate(text: string, scope: Record<string, number>): number | undefined {
  const result = compileFormula(text, FIELDS);
  if (!result.success) throw new Error(`${result.problem.message} at ${result.problem.position}`);
  return result.formula.evaluate(new Map(Object.entries(scope)));
}

function refusal(text: string) {
  const result = compileFormula(text, FIELDS);
  expect(result.success).toBe(false);
  return result.success ? { position: -1, message: "" } : result.problem;
}

describe("compileFormula", () => {
  it("computes annual savings from three fields", () => {
    expect(
      evaluate("contacts_per_year * deflection_rate * cost_per_contact", {
        contacts_per_year: 1_200_000,
        deflection_rate: 0.2,
        cost_per_contact: 4.5,
      }),
    ).toBeCloseTo(1_080_000, 6);
  });

  it.each([
    ["a + b * 2", 11],
    ["(a + b) * 2", 14],
    ["-a + b", 1],
    ["a / b", 0.75],
    ["a ^ 2", 9],
    ["min(a, b, 1)", 1],
    ["max(a, b)", 4],
    ["abs(a - b)", 1],
    ["round(a / b, 1)", 0.8],
    ["sqrt(b)", 2],
    ["log(b, 2)", 2],
    ["exp(0)", 1],
    ["pow(b, 0.5)", 2],
    ["2a + 1e1", 16],
  ])("evaluates %s", (text, expected) => {
    expect(evaluate(text, { a: 3, b: 4 })).toBeCloseTo(expected, 12);
  });

  it("lists the fields it reads, once each, in order", () => {
    const result = compileFormula("b * a + b", FIELDS);
    expect(result.success && result.formula.fields).toEqual(["b", "a"]);
  });

  it.each([["a / 0"], ["log(a - 5)"], ["sqrt(-a)"]])(
    "returns undefined when %s is not a finite number",
    (text) => {
      expect(evaluate(text, { a: 3, b: 4 })).toBeUndefined();
    },
  );

  // Each attempt to escape the sandbox, with where it is refused and why.
  it.each([
    ["import({}, {})", 0, 'received "import("'],
    ['a + createUnit("x")', 4, 'received "createUnit("'],
    ['evaluate("1+1")', 0, 'received "evaluate("'],
    ['parse("a")', 0, 'received "parse("'],
    ["simplify(a)", 0, 'received "simplify("'],
    ["derivative(a, a)", 0, 'received "derivative("'],
    ["resolve(a)", 0, 'received "resolve("'],
    ["a.constructor", 1, "property access is not allowed"],
    ['a["constructor"]', 1, 'received "["'],
    ["a.__proto__", 1, "property access is not allowed"],
    ["constructor", 0, 'expected a known field, received "constructor"'],
    ["__proto__", 0, 'expected a known field, received "__proto__"'],
    ["f(x) = x", 0, 'received "f("'],
    ["a = 1", 2, 'received "="'],
    ["a; b", 1, 'received ";"'],
    ["{a: 1}", 0, 'received "{"'],
    ["[a, b]", 0, 'received "["'],
    ["a > b ? a : b", 2, 'received ">"'],
    ["a!", 1, 'received "!"'],
    ["a'", 1, 'received "\'"'],
    ["10 ^ 400", 5, "an exponent of at most 100 in size, received 400"],
    ["pow(a, 1e6)", 7, "received 1000000"],
    ["a ^ -(500)", 6, "received 500"],
    ["contacts_per_yer * 2", 0, 'did you mean "contacts_per_year"?'],
    ["Max(a, b)", 0, 'received "Max("'],
    ["pow(a)", 0, "expected 2 argument(s) to pow, received 1"],
    ["sqrt(a, b)", 0, "expected 1 argument(s) to sqrt, received 2"],
    ["a +", 3, "expected a well-formed formula"],
    ["(a", 2, "expected a well-formed formula"],
    ["a)", 1, 'a matching "("'],
  ])("refuses %s at position %i", (text, position, message) => {
    const problem = refusal(text);
    expect(problem.message).toContain(message);
    expect(problem.position).toBe(position);
  });

  it("refuses deep nesting at the first parenthesis too deep", () => {
    const text = `${"(".repeat(FORMULA_MAX_DEPTH + 1)}a${")".repeat(FORMULA_MAX_DEPTH + 1)}`;
    const problem = refusal(text);
    expect(problem.position).toBe(FORMULA_MAX_DEPTH);
    expect(problem.message).toContain(`at most ${FORMULA_MAX_DEPTH} deep`);
  });

  it("refuses deep nesting without parentheses (a chain of unary minus)", () => {
    const problem = refusal(`${"-".repeat(40)}a`);
    expect(problem.message).toContain(`nested at most ${FORMULA_MAX_DEPTH} deep`);
  });

  it("refuses a formula longer than 500 characters", () => {
    const problem = refusal(Array.from({ length: 200 }, () => "a").join(" + "));
    expect(problem.message).toBe("expected at most 500 characters, received 797");
  });

  it("refuses word operators even when a field carries their name", () => {
    const result = compileFormula("a mod b", new Set(["a", "b", "mod"]));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.problem.message).toContain("+ - * / ^");
  });

  it("returns undefined, never throws, when a field shadows a function it calls", () => {
    const result = compileFormula("max + max(1, 2)", new Set(["max"]));
    expect(result.success && result.formula.evaluate(new Map([["max", 3]]))).toBeUndefined();
  });

  it("returns undefined for a huge power of a field", () => {
    const result = compileFormula("a ^ b", FIELDS);
    expect(
      result.success &&
        result.formula.evaluate(
          new Map([
            ["a", 10],
            ["b", 1e6],
          ]),
        ),
    ).toBeUndefined();
  });

  it("refuses constants that are not finite numbers", () => {
    const result = compileFormula("a * true", new Set(["a", "true"]));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.problem.message).toContain('received "true"');
      expect(result.problem.position).toBe(4);
    }
  });
});
