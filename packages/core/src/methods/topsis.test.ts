import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { FIGHTER_AIRCRAFT, scaledProblems } from "./published-cases.test-helpers.js";
import { topsis } from "./topsis.js";

describe("topsis", () => {
  it("reproduces Hwang & Yoon's fighter-aircraft example with vector normalisation", () => {
    const { closeness } = topsis(FIGHTER_AIRCRAFT, "vector");
    [0.643277, 0.2683836, 0.6135423, 0.3122911].forEach((expected, i) => {
      expect(closeness[i]).toBeCloseTo(expected, 6);
    });
  });

  it("ranks the same example with min-max normalisation (over the four aircraft)", () => {
    const { closeness } = topsis(FIGHTER_AIRCRAFT, "min-max");
    [0.6127482, 0.3660254, 0.5306419, 0.3516895].forEach((expected, i) => {
      expect(closeness[i]).toBeCloseTo(expected, 6);
    });
  });

  it("gives every alternative 0.5 when all are equal", () => {
    const problem = { ...FIGHTER_AIRCRAFT, values: FIGHTER_AIRCRAFT.values.map(() => [1, 1, 1, 1, 1, 1]) };
    expect([...topsis(problem, "vector").closeness]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect([...topsis(problem, "min-max").closeness]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it("rejects a malformed problem, naming every place", () => {
    const problem = {
      ...FIGHTER_AIRCRAFT,
      values: [[Number.NaN, 1, 1, 1, 1, 1], [1, 1], ...FIGHTER_AIRCRAFT.values.slice(2)],
    };
    expect(() => topsis(problem)).toThrow(CxprismError);
    try {
      topsis(problem);
    } catch (error) {
      expect((error as CxprismError).problems.map((p) => p.path)).toEqual([
        ["values", 0, 0],
        ["values", 1],
      ]);
    }
  });

  test.prop([scaledProblems, fc.constantFrom("vector", "min-max" as const)])(
    "closeness is unchanged when every weight is scaled",
    ({ at, factor }, normalisation) => {
      const base = topsis(at(1), normalisation).closeness;
      const scaled = topsis(at(factor), normalisation).closeness;
      base.forEach((c, i) => {
        expect(scaled[i]).toBeCloseTo(c, 10);
      });
    },
  );
});
