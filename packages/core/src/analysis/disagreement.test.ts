import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { score } from "../pipeline/score.js";
import type { ModelInput } from "../schema/model.js";
import { analyseDisagreement } from "./disagreement.js";

const TINY: ModelInput = {
  id: "tiny",
  name: "Tiny",
  criteria: [
    { id: "v", label: "Value", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
    { id: "f", label: "Feasibility", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
    { id: "size", label: "Size", axis: "feasibility", weight: 0, scale: { labels: ["S", "M", "L"] } },
  ],
};

const WORKSHOP = [
  {
    id: "edge",
    name: "Edge case",
    raters: [
      { rater: "ana", ratings: { v: 2, f: 4, size: "S" } },
      { rater: "ben", ratings: { v: 5, f: 4, size: "L" } },
    ],
  },
  {
    id: "solid",
    name: "Solid",
    raters: [
      { rater: "ana", ratings: { v: 5, f: 3 } },
      { rater: "ben", ratings: { v: 3, f: 4 } },
    ],
  },
  { id: "single", name: "Single rater", ratings: { v: 4, f: 4 } },
];

describe("analyseDisagreement", () => {
  it("gives the spread of every rating with two or more raters", () => {
    const { spreads } = analyseDisagreement(WORKSHOP, { model: TINY });
    expect(spreads.map((s) => `${s.initiative}/${s.criterion}`)).toEqual([
      "edge/v",
      "edge/f",
      "edge/size",
      "solid/v",
      "solid/f",
    ]);
    const edgeValue = spreads[0]!;
    expect(edgeValue).toMatchObject({
      min: 2,
      max: 5,
      range: 3,
      aggregate: 3.5,
      threshold: 2,
      discuss: true,
    });
    expect(edgeValue.standardDeviation).toBeCloseTo(1.5, 12);
    expect(edgeValue.rangeShare).toBeCloseTo(0.75, 12);
    expect(spreads[1]).toMatchObject({ range: 0, discuss: false, impact: null });
    // Label scales are measured in label positions: S..L spans the whole scale.
    expect(spreads[2]).toMatchObject({ min: 0, max: 2, rangeShare: 1, discuss: true });
    expect(spreads[2]!.ratings.map((r) => r.rating)).toEqual(["S", "L"]);
  });

  it("flags a range of exactly half the scale (2 points on 1-5) and not 1 point", () => {
    const { spreads } = analyseDisagreement(WORKSHOP, { model: TINY });
    expect(spreads.find((s) => s.initiative === "solid" && s.criterion === "v")!.discuss).toBe(true);
    expect(spreads.find((s) => s.initiative === "solid" && s.criterion === "f")!.discuss).toBe(false);
  });

  it.each([
    [{ threshold: 3 }, ["edge/v"]],
    [{ threshold: 1 }, ["edge/v", "edge/size", "solid/v", "solid/f"]],
    [{ thresholdShare: 0.25 }, ["edge/v", "edge/size", "solid/v", "solid/f"]],
  ])("takes a configured threshold %j", (options, flagged) => {
    const { discuss } = analyseDisagreement(WORKSHOP, { model: TINY, ...options });
    expect(discuss.map((s) => `${s.initiative}/${s.criterion}`).sort()).toEqual([...flagged].sort());
  });

  it("puts the disagreement that decides the quadrant first, with what it does", () => {
    const { discuss } = analyseDisagreement(WORKSHOP, { model: TINY });
    const [first, ...rest] = discuss;
    expect(`${first!.initiative}/${first!.criterion}`).toBe("edge/v");
    // v = 2 gives value 25 (low), v = 5 gives 100 (high); feasibility 4 -> 75 either way.
    expect(first!.impact).toMatchObject({
      quadrant: "likely-win",
      quadrantAtLowest: "marginal-gain",
      quadrantAtHighest: "likely-win",
      quadrantChanges: true,
    });
    expect(first!.impact!.rankAtLowest).toBeGreaterThan(first!.impact!.rankAtHighest);
    expect(rest.every((s) => !s.impact!.quadrantChanges)).toBe(true);
    // The impact is the re-scored rank of the initiative, consistent with score().
    const baseline = score(WORKSHOP, { model: TINY }).find((r) => r.id === "edge")!;
    expect(first!.impact!.rank).toBe(baseline.rank);
  });

  it("measures how far the raters' own rankings agree (Kendall's W)", () => {
    const { agreement } = analyseDisagreement(WORKSHOP, { model: TINY });
    expect(agreement).toMatchObject({
      raterNames: ["ana", "ben"],
      initiatives: ["edge", "solid"],
      raters: 2,
    });
    // ana ranks solid (5, 3) above edge (2, 4); ben ranks edge (5, 4) above solid (3, 4): opposite orders.
    expect(agreement!.w).toBe(0);
    const agreeing = WORKSHOP.slice(0, 2).map((initiative) => ({
      ...initiative,
      raters: initiative.raters!.map((rater) => ({ ...rater, ratings: initiative.raters![0]!.ratings })),
    }));
    expect(analyseDisagreement(agreeing, { model: TINY }).agreement!.w).toBe(1);
    expect(analyseDisagreement(WORKSHOP.slice(0, 1), { model: TINY }).agreement).toBeNull();
  });

  it("leaves raters of weight 0 out", () => {
    const input = [
      {
        id: "x",
        name: "X",
        raters: [
          { rater: "ana", ratings: { v: 1, f: 3 } },
          { rater: "ben", ratings: { v: 2, f: 3 } },
          { rater: "observer", weight: 0, ratings: { v: 5, f: 3 } },
        ],
      },
    ];
    const { spreads, discuss } = analyseDisagreement(input, { model: TINY });
    expect(spreads[0]).toMatchObject({ criterion: "v", range: 1 });
    expect(discuss).toEqual([]);
  });

  it.each([
    [{ threshold: -1 }, /threshold/],
    [{ thresholdShare: 2 }, /share from 0 to 1/],
  ])("rejects options %j", (options, message) => {
    expect(() => analyseDisagreement(WORKSHOP, { model: TINY, ...options })).toThrow(message);
  });

  it("reports invalid initiatives as score does", () => {
    expect(() =>
      analyseDisagreement([{ name: "x", raters: [{ rater: "a", ratings: { v: 9, f: 1 } }] }], {
        model: TINY,
      }),
    ).toThrow(CxprismError);
  });

  it("keeps score's quadrant independent of rater order on a threshold (mean of 2, 2, 5 is exactly 3)", () => {
    const make = (order: number[]) => [
      { id: "x", name: "X", raters: order.map((f, r) => ({ rater: `r${r}`, ratings: { v: 1, f } })) },
    ];
    expect(score(make([2, 2, 5]), { model: TINY })[0]!.quadrant).toBe("marginal-gain");
    expect(score(make([5, 2, 2]), { model: TINY })[0]!.quadrant).toBe("marginal-gain");
    expect(score(make([2, 5, 2]), { model: TINY })[0]!.feasibility).toBe(50);
  });

  const rating = fc.integer({ min: 1, max: 5 });
  const raterArb = fc.record({ v: rating, f: rating });
  test.prop([
    fc.array(fc.array(raterArb, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
    fc.integer({ min: 0, max: 1000 }),
  ])("rater order changes nothing", (table, seed) => {
    const build = (reorder: boolean) =>
      table.map((raters, i) => {
        const list = raters.map((ratings, r) => ({ rater: `r${r}`, ratings }));
        // A deterministic rotation per initiative stands in for any reordering.
        const k = reorder ? (seed + i) % list.length : 0;
        return { id: `i${i}`, name: `I${i}`, raters: [...list.slice(k), ...list.slice(0, k)] };
      });
    // Summation order may change the last bit of a mean: compare to 1e-9.
    const strip = (report: ReturnType<typeof analyseDisagreement>) =>
      JSON.parse(
        JSON.stringify(
          report.discuss.map(({ ratings: _ratings, ...rest }) => rest),
          (_key, value) => (typeof value === "number" ? Math.round(value * 1e9) / 1e9 : value),
        ),
      );
    const a = analyseDisagreement(build(false), { model: TINY });
    const b = analyseDisagreement(build(true), { model: TINY });
    expect(strip(b)).toEqual(strip(a));
    b.spreads.forEach((spread, k) => {
      expect(spread.standardDeviation).toBeCloseTo(a.spreads[k]!.standardDeviation, 12);
    });
  });
});

describe("analyseDisagreement's impact, measured on one row", () => {
  // The impact is computed by scoring only the changed initiative and counting ranks against the others;
  // this checks it against scoring the whole portfolio again with the rating moved, as the definition says,
  // on portfolios full of ties (ratings 1, 3 or 5) and with unrated initiatives under missing=neutral.
  const rating = fc.oneof(fc.constantFrom(1, 3, 5), fc.constant(null));
  const rater = (name: string) =>
    fc.record({ rater: fc.constant(name), ratings: fc.record({ v: rating, f: rating }) });
  test.prop([fc.array(fc.tuple(rater("ana"), rater("ben")), { minLength: 1, maxLength: 12 })], {
    numRuns: 60,
  })("equals re-scoring the whole portfolio at the lowest and highest value", (pairs) => {
    const initiatives = pairs.map((raters, i) => ({ id: `i${i}`, name: `I${i}`, raters }));
    const model: ModelInput = { ...TINY, criteria: TINY.criteria.slice(0, 2) };
    const { spreads } = analyseDisagreement(initiatives, { model, missing: "neutral" });
    for (const spread of spreads) {
      if (spread.impact === null) continue;
      const at = (value: number) => {
        const moved = initiatives.map((initiative) =>
          initiative.id !== spread.initiative
            ? initiative
            : {
                ...initiative,
                raters: initiative.raters.map((r) => ({
                  ...r,
                  ratings: { ...r.ratings, [spread.criterion]: value },
                })),
              },
        );
        return score(moved, { model, missing: "neutral" }).find((r) => r.id === spread.initiative)!;
      };
      const lowest = at(spread.min);
      const highest = at(spread.max);
      expect(spread.impact.rankAtLowest).toBe(lowest.rank);
      expect(spread.impact.rankAtHighest).toBe(highest.rank);
      expect(spread.impact.quadrantAtLowest).toBe(lowest.quadrant);
      expect(spread.impact.quadrantAtHighest).toBe(highest.quadrant);
      expect(spread.impact.priorityAtLowest).toBeCloseTo(lowest.priority, 9);
      expect(spread.impact.priorityAtHighest).toBeCloseTo(highest.priority, 9);
    }
  });
});
