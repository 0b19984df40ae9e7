import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { score, scorePortfolio } from "../pipeline/score.js";
import type { ModelInput } from "../schema/model.js";
import { type Portfolio, validatePortfolio } from "../validate/portfolio.js";
import { ratingStep } from "./kernel.js";
import { buildTornado } from "./tornado.js";

function portfolioOf(initiatives: unknown, model?: ModelInput): Portfolio {
  const validation = validatePortfolio(initiatives, model === undefined ? {} : { model });
  if (!validation.success) throw new Error(JSON.stringify(validation.problems));
  return validation.portfolio;
}

/** A numeric 1-5, a T-shirt label scale (cost), a continuous 0-1000 scale and an unweighted criterion. */
const mixed: ModelInput = {
  id: "mixed",
  name: "Mixed scales",
  criteria: [
    { id: "impact", label: "Impact", axis: "value", weight: 2, scale: { min: 1, max: 5 } },
    { id: "savings", label: "Savings", axis: "value", weight: 1, scale: { min: 0, max: 1000 } },
    {
      id: "effort",
      label: "Effort",
      axis: "feasibility",
      weight: 1,
      direction: "cost",
      scale: { labels: ["XS", "S", "M", "L", "XL"] },
    },
    { id: "note", label: "Note", axis: "feasibility", weight: 0, scale: { min: 1, max: 5 } },
  ],
};

describe("ratingStep", () => {
  it.each([
    [{ min: 1, max: 5 }, 1],
    [{ min: 0, max: 10 }, 1],
    [{ min: 0, max: 100 }, 10],
    [{ min: 0, max: 1 }, 1],
    [{ min: 0, max: 2.5 }, 0.25],
    [{ labels: ["no", "yes"] }, 1],
  ])("a step on %j is %f", (scale, step) => {
    expect(ratingStep({ id: "x", label: "X", axis: "value", weight: 1, direction: "benefit", scale })).toBe(
      step,
    );
  });
});

describe("buildTornado", () => {
  const initiatives = [
    { id: "bot", name: "Bot", ratings: { impact: 5, savings: 400, effort: "M" } },
    { id: "router", name: "Router", ratings: { impact: 3, savings: 950, effort: "XS" } },
    { id: "qa", name: "QA", ratings: { impact: 2, savings: 100, effort: "XL" } },
  ];
  const portfolio = portfolioOf(initiatives, mixed);
  const tornadoes = buildTornado(portfolio);
  const bot = tornadoes[0]!;

  /** Core's priority for `id` with one rating replaced. */
  function priorityWith(id: string, criterion: string, rating: number | string): number {
    const changed = initiatives.map((item) =>
      item.id === id ? { ...item, ratings: { ...item.ratings, [criterion]: rating } } : item,
    );
    return score(changed, { model: mixed }).find((result) => result.id === id)!.priority;
  }

  it("moves each weighted rating one step down and up and scores it with core's pipeline", () => {
    const impact = bot.bars.find((bar) => bar.criterion === "impact")!;
    expect([impact.rating, impact.ratingDown, impact.ratingUp]).toEqual([5, 4, 5]); // clipped at the top
    expect(impact.priorityDown).toBeCloseTo(priorityWith("bot", "impact", 4), 12);
    expect(impact.deltaUp).toBe(0);
    const savings = bot.bars.find((bar) => bar.criterion === "savings")!;
    expect([savings.step, savings.ratingDown, savings.ratingUp]).toEqual([100, 300, 500]);
    expect(savings.priorityUp).toBeCloseTo(priorityWith("bot", "savings", 500), 12);
    // Effort is a cost on labels: one label down (S) is better, one up (L) is worse.
    const effort = bot.bars.find((bar) => bar.criterion === "effort")!;
    expect([effort.rating, effort.ratingDown, effort.ratingUp]).toEqual([2, 1, 3]);
    expect(effort.priorityDown).toBeCloseTo(priorityWith("bot", "effort", "S"), 12);
    expect(effort.priorityUp).toBeCloseTo(priorityWith("bot", "effort", "L"), 12);
    expect(effort.deltaDown).toBeGreaterThan(0);
    expect(effort.deltaUp).toBeLessThan(0);
  });

  it("has no bar for an unweighted criterion and sorts bars by swing", () => {
    for (const tornado of tornadoes) {
      expect(tornado.bars.map((bar) => bar.criterion)).not.toContain("note");
      const swings = tornado.bars.map((bar) => Math.abs(bar.priorityUp - bar.priorityDown));
      expect(swings).toEqual([...swings].sort((a, b) => b - a));
    }
  });

  it("reports the base priority and the rank a one-step change would give", () => {
    const scored = scorePortfolio(portfolio);
    for (const tornado of tornadoes) {
      const result = scored.find((r) => r.id === tornado.id)!;
      expect(tornado.priority).toBe(result.priority);
      expect(tornado.rank).toBe(scored.indexOf(result) + 1);
    }
    const qa = tornadoes[2]!;
    const effort = qa.bars.find((bar) => bar.criterion === "effort")!;
    // From XL down to L: does QA overtake anyone? Compare with a full re-score.
    const changed = initiatives.map((item) =>
      item.id === "qa" ? { ...item, ratings: { ...item.ratings, effort: "L" } } : item,
    );
    const rescored = score(changed, { model: mixed });
    expect(effort.rankDown).toBe(rescored.findIndex((r) => r.id === "qa") + 1);
  });

  it("keeps every priority in range on the catalog and returns one tornado per initiative", () => {
    const catalog = portfolioOf(catalogInitiatives());
    const all = buildTornado(catalog);
    expect(all).toHaveLength(catalog.initiatives.length);
    for (const tornado of all) {
      expect(tornado.bars).toHaveLength(11);
      for (const bar of tornado.bars) {
        for (const p of [bar.priorityDown, bar.priorityUp]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
        }
        // Every default criterion is a benefit or a cost on 1-5: raising a benefit never lowers priority.
        const cost = bar.criterion === "integration_effort" || bar.criterion === "time_to_value";
        expect(cost ? bar.deltaUp <= 1e-12 : bar.deltaUp >= -1e-12).toBe(true);
      }
    }
  });
});
