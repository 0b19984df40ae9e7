import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Problem } from "../errors.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import type { Criterion } from "../schema/criterion.js";
import type { ModelInput } from "../schema/model.js";
import { checkIds, type ScoreOptions, validatePortfolio } from "./portfolio.js";

const CRITERION_IDS = defaultModel.criteria.map((criterion) => criterion.id);

/** A model with a label scale and a zero-weight criterion beside numeric ones. */
const mixedModel: ModelInput = {
  id: "mixed",
  name: "Mixed",
  criteria: [
    {
      id: "size",
      label: "Size",
      axis: "feasibility",
      weight: 1,
      direction: "cost",
      scale: { labels: ["XS", "S", "M", "L", "XL"] },
    },
    { id: "impact", label: "Impact", axis: "value", weight: 2, scale: { min: 0, max: 10 } },
    { id: "reach", label: "Reach", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
    { id: "note_only", label: "Note only", axis: "value", weight: 0, scale: { min: 1, max: 5 } },
  ],
};

const criterionKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CRITERION_IDS, "size", "impact", "reach", "note_only") },
  { weight: 1, arbitrary: fc.constantFrom("cx_impactt", "bogus", "Size", "0", "__proto__", "constructor") },
);
const ratingValue = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 11 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "3",
      " 4 ",
      "x",
      "",
      "M",
      "xl",
      null,
      undefined,
      Number.NaN,
      2.5,
      -1,
      true,
      [],
    ),
  },
);
/** Ratings in any order, with unknown keys, strings, out-of-scale and missing values. */
const anyRatings = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(criterionKey, ratingValue, { maxKeys: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, "5", [], 3) },
);
/** Ratings as JSON bodies usually come: some of the default model's criteria, in its order. */
const modelOrderRatings = fc
  .subarray(CRITERION_IDS)
  .chain((keys) =>
    fc
      .array(fc.integer({ min: 1, max: 5 }), { minLength: keys.length, maxLength: keys.length })
      .map((values) => Object.fromEntries(keys.map((key, k) => [key, values[k]]))),
  );
const ratings = fc.oneof(modelOrderRatings, anyRatings);
const id = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "c", "d", "alpha", "beta", "a-b", "A") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(" a ", "", "\ud800x", "x".repeat(129)) },
);
const rater = fc.record(
  {
    rater: fc.oneof(fc.constantFrom("Ana", "Bo", " Cy "), fc.string({ maxLength: 3 })),
    weight: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 3, noNaN: true }), fc.constant(-1)),
    ratings,
  },
  { requiredKeys: ["rater", "ratings"] },
);
/** Initiatives valid and not: missing and unknown fields, wrong types, duplicate ids, unknown dependencies, raters. */
const initiative = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        id,
        name: fc.oneof(
          fc.constantFrom("Alpha", "Beta", "A b", "alpha", "!!", " "),
          fc.string({ maxLength: 5 }),
        ),
        category: fc.constantFrom("x", " y "),
        description: fc.string({ maxLength: 5 }),
        ratings,
        raters: fc.array(rater, { maxLength: 3 }),
        kpis: fc.constantFrom(["aht", "fcr"], ["nope"], []),
        dependsOn: fc.oneof(fc.array(id, { maxLength: 3 }), fc.constant("a")),
        cost: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(-1), fc.constant("3")),
        effort: fc.double({ min: 0, max: 10, noNaN: true }),
        extra: fc.constantFrom({ note: "n" }, { bad: 1 }),
        colour: fc.constant("red"),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 3, "x", [], {}) },
);
const options: fc.Arbitrary<ScoreOptions> = fc.record(
  {
    model: fc.constantFrom(undefined, mixedModel),
    missing: fc.constantFrom(undefined, "neutral", "error"),
    require: fc.constantFrom(undefined, ["cost"], ["effort", "acyclic"], ["acyclic"]),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ScoreOptions>;

/** The same value with every object's own keys in reverse order (arrays keep their order). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

/** An initiative object that is not a plain object, so that validation takes the schema's path for it. */
function notPlain(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.assign(Object.create({}), value);
}

const byJson = (problems: readonly Problem[]) => problems.map((problem) => JSON.stringify(problem)).sort();

describe("validatePortfolio", () => {
  test.prop([fc.array(initiative, { maxLength: 12 }), options], { numRuns: 400 })(
    "answers the same through the plain-object reader as through the schema",
    (initiatives, scoreOptions) => {
      expect(validatePortfolio(initiatives, scoreOptions)).toStrictEqual(
        validatePortfolio(initiatives.map(notPlain), scoreOptions),
      );
    },
  );

  test.prop([fc.array(initiative, { maxLength: 12 }), options], { numRuns: 400 })(
    "finds ratings by key whatever their order: the same portfolio, the same problems",
    (initiatives, scoreOptions) => {
      const inOrder = validatePortfolio(initiatives, scoreOptions);
      const reversed = validatePortfolio(reverseKeys(initiatives), scoreOptions);
      expect(reversed.success).toBe(inOrder.success);
      if (inOrder.success && reversed.success) {
        expect(reversed.portfolio.ratings).toEqual(inOrder.portfolio.ratings);
        expect(reversed.portfolio.warnings).toEqual(inOrder.portfolio.warnings);
        expect(reversed.portfolio.idOrder).toEqual(inOrder.portfolio.idOrder);
      } else if (!inOrder.success && !reversed.success) {
        expect(byJson(reversed.problems)).toEqual(byJson(inOrder.problems));
      }
    },
  );
});

describe("validatePortfolio with the default model changed in place", () => {
  it("finds each rating at the criterion's new position", () => {
    const criteria = defaultModel.criteria as Criterion[];
    const rate = () => {
      const checked = validatePortfolio([{ id: "a", name: "A", ratings: { cx_impact: 4 } }], {
        missing: "neutral",
      });
      if (!checked.success) throw new Error("expected a portfolio");
      return checked.portfolio.ratings.indexOf(4);
    };
    expect(rate()).toBe(0);
    [criteria[0], criteria[1]] = [criteria[1]!, criteria[0]!];
    try {
      expect(rate()).toBe(1);
    } finally {
      [criteria[0], criteria[1]] = [criteria[1]!, criteria[0]!];
    }
    expect(rate()).toBe(0);
  });
});

describe("checkIds", () => {
  const someId = fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[a-c]{1,3}$/) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, "") },
  );
  const lists = fc.array(
    fc.record({ id: someId, dependsOn: fc.array(fc.stringMatching(/^[a-d]{1,3}$/), { maxLength: 2 }) }),
    { maxLength: 150 },
  );

  test.prop([lists], { numRuns: 300 })(
    "sorts by id then position and finds duplicates and unknown dependencies as a plain sort and a set do",
    (entries) => {
      const ids = entries.map((entry) => entry.id);
      const problems: Problem[] = [];
      const sorted = checkIds(
        ids,
        (index) => `Name ${index}`,
        (index) => entries[index]!.dependsOn,
        problems,
      );
      const expected = ids
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => id !== undefined && id !== "")
        .sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : a.index - b.index))
        .map(({ index }) => index);
      expect(sorted).toEqual(expected);
      const known = new Set(ids.filter((id) => id !== undefined && id !== ""));
      const duplicates = expected
        .filter((index, k) => k > 0 && ids[index] === ids[expected[k - 1]!])
        .map((index) => ["initiatives", index, "id"]);
      const dependencies = entries.flatMap(({ id, dependsOn }, index) =>
        id === undefined
          ? []
          : dependsOn.flatMap((dependency, k) =>
              dependency === id || !known.has(dependency) ? [["initiatives", index, "dependsOn", k]] : [],
            ),
      );
      expect(problems.map((problem) => problem.path)).toEqual([...duplicates, ...dependencies]);
    },
  );
});
