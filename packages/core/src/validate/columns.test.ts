import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { scoreColumns, scorePortfolio } from "../pipeline/score.js";
import type { ModelInput } from "../schema/model.js";
import { type InitiativeColumns, portfolioFromColumns, validateColumns } from "./columns.js";
import { type ScoreOptions, validatePortfolio } from "./portfolio.js";

const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);

/** The default model with its first criterion on a label scale, so labels and numbers meet one scale each. */
const LABEL_MODEL: ModelInput = {
  ...defaultModel,
  criteria: defaultModel.criteria.map((criterion, c) =>
    c === 0 ? { ...criterion, scale: { labels: ["low", "mid", "high"] } } : criterion,
  ),
};

type Row = Record<string, unknown>;

/** The columns that stand for `rows` (see InitiativeColumns): numbers in the arrays, anything else in cells. */
function columnsOf(rows: readonly Row[], ratingKeys: readonly string[]): InitiativeColumns {
  const size = rows.length;
  const column = <T>(key: string): T[] | undefined =>
    rows.some((row) => key in row) ? rows.map((row) => row[key] as T) : undefined;
  const extraNames = [...new Set(rows.flatMap((row) => Object.keys((row.extra ?? {}) as Row)))];
  const ratings: Record<string, Float64Array> = {};
  const ratingCells: Record<string, Map<number, unknown>> = {};
  for (const key of ratingKeys) {
    ratings[key] = new Float64Array(size).fill(Number.NaN);
    ratingCells[key] = new Map();
    rows.forEach((row, i) => {
      const value = (row.ratings as Row)[key];
      if (typeof value === "number" && !Number.isNaN(value)) ratings[key]![i] = value;
      else if (value !== null || i % 2 === 0) ratingCells[key]!.set(i, value); // null both ways
    });
  }
  return {
    size,
    ids: column("id"),
    names: rows.map((row) => row.name as string),
    categories: column("category"),
    descriptions: column("description"),
    costs: column("cost"),
    kpis: column("kpis"),
    dependsOn: column("dependsOn"),
    capabilities: column("capabilities"),
    ...(extraNames.length === 0
      ? {}
      : {
          extra: Object.fromEntries(
            extraNames.map((name) => [name, rows.map((row) => (row.extra as Record<string, string>)[name])]),
          ),
        }),
    ratings,
    ratingCells,
  };
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Valid values only when `clean` (so that whole portfolios validate often), else valid and invalid ones. */
const pick = <T>(clean: boolean, valid: readonly T[], invalid: readonly T[]) =>
  fc.constantFrom(...valid, ...(clean ? [] : invalid));

const rowArbitrary = (ratingKeys: readonly string[], withExtra: boolean, clean: boolean, labels: boolean) =>
  fc
    .record({
      id: optional(pick(clean, ["alpha", "beta", " gamma "], ["", "x".repeat(129)])),
      name: pick(clean, ["Alpha", "Beta", " Delta "], ["", "!!", "x".repeat(201)]),
      category: optional(pick(clean, ["Ops", " padded ", ""], ["x".repeat(121)])),
      description: optional(pick(clean, ["Ops", " padded ", ""], ["x".repeat(4001)])),
      cost: optional(pick<unknown>(clean, [0, 1200], [-1, Number.POSITIVE_INFINITY, "cheap"])),
      kpis: optional(pick<string[]>(clean, [[], ["csat"], ["csat", "aht"]], [["bogus"]])),
      dependsOn: optional(pick<string[]>(clean, [[]], [["alpha"], ["beta", "gamma"], ["nowhere"], [""]])),
      capabilities: optional(pick<string[]>(clean, [[], ["crm"], [" crm "]], [["x".repeat(121)]])),
      extra: withExtra
        ? fc.record({ notes: pick(clean, ["a", ""], ["x".repeat(4001)]) }, { requiredKeys: [] })
        : fc.constant(undefined),
      ratings: fc.tuple(
        ...ratingKeys.map((key) =>
          labels && key === CRITERIA[0]
            ? pick<unknown>(clean, ["low", "MID", " high ", null], [2, "medium", undefined, true])
            : pick<unknown>(
                clean,
                [1, 2.5, 3, 5, "3", " 4 ", null],
                [0, 6, -1, Number.NaN, Number.POSITIVE_INFINITY, undefined, "", "3,5", "low", true],
              ),
        ),
      ),
    })
    .map(({ ratings, ...row }) => {
      const object: Row = { ratings: Object.fromEntries(ratingKeys.map((key, k) => [key, ratings[k]])) };
      for (const [key, value] of Object.entries(row)) if (value !== undefined) object[key] = value;
      return object;
    });

const caseArbitrary = fc
  .record({
    // A subset of the criteria in model order, sometimes a key no criterion has.
    keep: fc.array(fc.boolean(), { minLength: CRITERIA.length, maxLength: CRITERIA.length }),
    unknown: fc.boolean(),
    withExtra: fc.boolean(),
    missing: fc.constantFrom<ScoreOptions["missing"]>("error", "neutral"),
    labels: fc.boolean(),
    clean: fc.boolean(),
  })
  .chain(({ keep, unknown, withExtra, missing, labels, clean }) => {
    const keys = CRITERIA.filter((_, c) => keep[c]);
    if (unknown && !clean) keys.push("cx_impactt");
    const rows = fc.array(rowArbitrary(keys, withExtra, clean, labels), { minLength: 1, maxLength: 8 });
    return fc.record({
      keys: fc.constant(keys),
      // Clean portfolios get unique names and ids, so that they validate more often than not.
      rows: clean
        ? rows.map((list) =>
            list.map((row, i) => ({
              ...row,
              name: `${row.name} ${i}`,
              ...(row.id === undefined ? {} : { id: `${row.id}-${i}` }),
            })),
          )
        : rows,
      options: fc.constant<ScoreOptions>({
        missing: clean ? "neutral" : missing,
        ...(labels ? { model: LABEL_MODEL } : {}),
      }),
    });
  });

describe("validateColumns", () => {
  test.prop([caseArbitrary], { numRuns: 400 })(
    "gives the same portfolio, or the same problems in the same order, as validatePortfolio on the equivalent objects",
    ({ keys, rows, options }) => {
      const objects = validatePortfolio(rows, options);
      const columns = validateColumns(columnsOf(rows, keys), options);
      if (!objects.success) {
        expect(columns).toEqual(objects);
        return;
      }
      expect(columns.success).toBe(true);
      if (!columns.success) return;
      expect(portfolioFromColumns(columns.portfolio)).toEqual(objects.portfolio);
      expect(scoreColumns(columns.portfolio)).toEqual(scoreColumns(objects.portfolio));
    },
  );

  test.prop([
    fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 11, maxLength: 11 }), {
      minLength: 1,
      maxLength: 30,
    }),
  ])("scores plainly valid rows exactly as scorePortfolio does", (ratingRows) => {
    const rows = ratingRows.map((values, i) => ({
      name: `Initiative ${i}`,
      ratings: Object.fromEntries(CRITERIA.map((id, c) => [id, values[c]])),
    }));
    const columns = validateColumns(columnsOf(rows, CRITERIA));
    const objects = validatePortfolio(rows);
    if (!columns.success || !objects.success) throw new Error("expected valid portfolios");
    const scored = scoreColumns(columns.portfolio);
    const results = scorePortfolio(objects.portfolio);
    expect(Array.from(scored.order, (i) => columns.portfolio.ids[i])).toEqual(results.map((r) => r.id));
    results.forEach((result, k) => {
      const i = scored.order[k]!;
      expect(scored.priority[i]).toBeCloseTo(result.priority, 12);
      expect(scored.rank[i]).toBe(result.rank);
    });
  });

  it.each([
    [
      "a ratings column of the wrong length",
      { size: 2, names: ["A", "B"], ratings: { cx_impact: new Float64Array(1) } },
      ["initiatives", "ratings", "cx_impact"],
    ],
    ["a names column of the wrong length", { size: 2, names: ["A"], ratings: {} }, ["initiatives", "names"]],
  ])("rejects %s before reading any row", (_, columns, path) => {
    const outcome = validateColumns(columns as InitiativeColumns, { missing: "neutral" });
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.code).toBe("invalid-input");
    expect(outcome.problems[0]!.path).toEqual(path);
    expect(outcome.problems[0]!.message).toMatch(/^expected a column of 2 entries \(size\), received 1$/);
  });

  it("shares one empty warning list between complete rows and lists missing ratings per row (a row with none is unrated)", () => {
    const outcome = validateColumns(
      { size: 2, names: ["A", "B"], ratings: { cx_impact: Float64Array.of(4, Number.NaN) } },
      { missing: "neutral" },
    );
    if (!outcome.success) throw new Error("expected success");
    // A: one value rating, none on feasibility: the missing ones, then "unrated".
    expect(outcome.portfolio.warnings[0]).toHaveLength(CRITERIA.length - 1 + 1);
    expect(outcome.portfolio.warnings[1]).toHaveLength(CRITERIA.length + 1);
    expect(outcome.portfolio.warnings[1]!.at(-1)!.code).toBe("unrated");
    expect(Array.from(outcome.portfolio.unrated)).toEqual([2, 3]);
    expect(outcome.portfolio.ids).toEqual(["a", "b"]);
  });
});
