import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import type { InitiativeInput } from "../schema/initiative.js";
import { createPlan, type PlanInput, safeCreatePlan } from "./plan.js";

/** The catalog with deterministic illustrative costs (100k-640k), efforts and money. */
function costedCatalog(): InitiativeInput[] {
  return catalogInitiatives().map((initiative, i) => ({
    ...initiative,
    // The one pilot-grade use case (a likely win with data readiness 4) is made cheap enough to fit.
    cost: initiative.id === "agent-scheduling-forecasting" ? 90_000 : 100_000 + ((i * 37) % 19) * 30_000,
    effort: 2 + ((i * 5) % 9),
    benefit: 50_000 + ((i * 11) % 7) * 40_000,
    runCost: 20_000 + ((i * 3) % 5) * 5_000,
  }));
}

function planOf(initiatives: unknown, input: PlanInput) {
  return createPlan(initiatives, input);
}

function problemsOf(run: () => unknown): CxprismError {
  try {
    run();
  } catch (error) {
    if (error instanceof CxprismError) return error;
    throw error;
  }
  throw new Error("expected a CxprismError");
}

describe("createPlan on the costed catalog", () => {
  const initiatives = costedCatalog();
  const plan = planOf(initiatives, { budget: 2_000_000, goals: ["fcr", "clv", "revenue"] });
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  const selected = plan.initiatives.filter((initiative) => initiative.selected);

  it("stays within the budget and says in which unit it counted", () => {
    expect(plan.granularity).toBe(1000);
    expect(plan.totals.cost).toBeLessThanOrEqual(2_000_000);
    expect(plan.totals.cost).toBe(selected.reduce((sum, initiative) => sum + initiative.cost, 0));
  });

  it("selects every prerequisite of what it selects", () => {
    for (const initiative of selected)
      for (const id of initiative.dependsOn) expect(byId.get(id)!.selected).toBe(true);
  });

  it("puts every prerequisite in an earlier wave", () => {
    for (const initiative of selected) {
      for (const id of initiative.dependsOn) expect(byId.get(id)!.wave!).toBeLessThan(initiative.wave!);
    }
  });

  it("starts with pilots: likely wins with high data readiness and no prerequisites", () => {
    expect(plan.waves[0]!.label).toBe("Pilots");
    for (const id of plan.waves[0]!.initiatives) {
      const pilot = byId.get(id)!;
      expect(pilot).toMatchObject({ quadrant: "likely-win", pilot: true, dependsOn: [] });
      expect(pilot.dataReadiness!).toBeGreaterThanOrEqual(0.75);
    }
  });

  it("lists each wave's KPIs and cost", () => {
    for (const wave of plan.waves) {
      const members = wave.initiatives.map((id) => byId.get(id)!);
      expect(new Set(wave.kpis)).toEqual(new Set(members.flatMap((member) => member.kpis)));
      expect(wave.cost).toBe(members.reduce((sum, member) => sum + member.cost, 0));
      expect(wave.initiatives.length).toBeLessThanOrEqual(3);
    }
  });

  it("reports uncovered goals", () => {
    const moved = new Set(selected.flatMap((initiative) => initiative.kpis));
    expect(plan.kpiCoverage.uncoveredGoals).toEqual(
      ["fcr", "clv", "revenue"].filter((kpi) => !moved.has(kpi as never)),
    );
  });

  it("shows a business case for initiatives with benefit or running cost", () => {
    expect(selected.every((initiative) => initiative.businessCase !== null)).toBe(true);
  });

  it("respects a capacity in person-months as a second constraint", () => {
    const tight = planOf(initiatives, { budget: 2_000_000, capacity: 20 });
    expect(tight.totals.effort!).toBeLessThanOrEqual(20);
    expect(tight.totals.objective).toBeLessThanOrEqual(plan.totals.objective + 1e-9);
  });

  it("never exceeds random budgets, and more budget never lowers the objective", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        (budget, extra) => {
          const small = planOf(initiatives, { budget, granularity: 5_000 });
          const large = planOf(initiatives, { budget: budget + extra, granularity: 5_000 });
          expect(small.totals.cost).toBeLessThanOrEqual(budget);
          expect(large.totals.objective).toBeGreaterThanOrEqual(small.totals.objective - 1e-9);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe("createPlan", () => {
  const ratings = (value: number, readiness: number) => ({
    cx_impact: value,
    cost_to_serve: value,
    revenue_retention: value,
    employee_experience: value,
    strategic_fit: value,
    tech_maturity: 4,
    data_readiness: readiness,
    integration_effort: 2,
    org_readiness: 4,
    acceptance: 4,
    time_to_value: 2,
  });

  it("maximises net benefit when asked, leaving out a negative NPV", () => {
    const plan = planOf(
      [
        { id: "good", name: "Good", ratings: ratings(2, 3), cost: 100, benefit: 100, runCost: 0 },
        { id: "bad", name: "Bad", ratings: ratings(5, 5), cost: 100, benefit: 10, runCost: 0 },
      ],
      { budget: 1000, objective: "net-benefit", discountRate: 0, horizonYears: 2 },
    );
    expect(plan.initiatives.filter((i) => i.selected).map((i) => i.id)).toEqual(["good"]);
    expect(plan.totals.objective).toBeCloseTo(100, 9);
    expect(plan.totals.npv).toBeCloseTo(100, 9);
  });

  it("discounts value already covered by the inventory, and flags it", () => {
    const initiatives = [
      { id: "kb", name: "KB", ratings: ratings(4, 4), cost: 100, capabilities: ["Knowledge search"] },
      { id: "wfm", name: "WFM", ratings: ratings(3, 4), cost: 100, capabilities: ["Forecasting"] },
    ];
    const inventory = [{ name: "Confluence", capabilities: ["knowledge search"] }];
    const flagged = planOf(initiatives, { budget: 100, inventory });
    expect(flagged.initiatives.find((i) => i.id === "kb")!.overlap!.message).toBe(
      "already covered by Confluence - consolidate before buying",
    );
    expect(flagged.initiatives.find((i) => i.selected)!.id).toBe("kb");
    const discounted = planOf(initiatives, { budget: 100, inventory, valueDiscount: 0.9 });
    expect(discounted.initiatives.find((i) => i.selected)!.id).toBe("wfm");
    expect(discounted.capabilities).toMatchObject({ appsInUse: 1, appsNeeded: 1 });
  });

  it("starts with the best initiative without prerequisites when none qualifies as a pilot, and says so", () => {
    const plan = planOf(
      [
        { id: "a", name: "A", ratings: ratings(4, 1), cost: 1 },
        { id: "b", name: "B", ratings: ratings(5, 1), cost: 1, dependsOn: ["a"] },
      ],
      { budget: 10 },
    );
    expect(plan.waves.map((wave) => [wave.label, wave.initiatives])).toEqual([
      ["Wave 1", ["a"]],
      ["Wave 2", ["b"]],
    ]);
    expect(plan.notes[0]).toContain("Improve data readiness");
  });

  it("plans nothing on midpoints: an initiative nobody rated on an axis adds nothing, and the note names it", () => {
    const unratedValue = {
      ...ratings(3, 4),
      cx_impact: null,
      cost_to_serve: null,
      revenue_retention: null,
      employee_experience: null,
      strategic_fit: null,
    };
    const initiatives = [
      { id: "rated", name: "Rated", ratings: ratings(2, 2), cost: 10, benefit: 1, runCost: 0 },
      { id: "blank", name: "Blank", ratings: unratedValue, cost: 10, benefit: 50, runCost: 0 },
    ];
    const plan = planOf(initiatives, { budget: 100, missing: "neutral" });
    expect(plan.initiatives.map((i) => [i.id, i.quadrant, i.selected, i.objective])).toEqual([
      ["rated", expect.any(String), true, expect.any(Number)],
      ["blank", "unrated", false, 0],
    ]);
    expect(plan.notes).toContainEqual(
      "1 initiative(s) have no ratings on an axis, so their priority is unknown and counts for nothing in the plan: blank. Rate them to plan them.",
    );
    // Net benefit reads the stated money, not the ratings: the blank initiative's NPV counts.
    const money = planOf(initiatives, { budget: 10, missing: "neutral", objective: "net-benefit" });
    expect(money.initiatives.find((i) => i.selected)!.id).toBe("blank");
    expect(money.notes.join(" ")).not.toContain("no ratings");
    // A prerequisite comes with what needs it, rated or not, and the note says why it is there.
    const needed = planOf([{ ...initiatives[0]!, dependsOn: ["blank"] }, initiatives[1]!], {
      budget: 100,
      missing: "neutral",
      objective: "value",
    });
    expect(needed.initiatives.filter((i) => i.selected).map((i) => i.id)).toEqual(["blank", "rated"]);
    expect(needed.notes.at(-1)).toBe(
      "1 initiative(s) have no ratings on an axis, so their value is unknown and counts for nothing in the plan: blank. Rate them to plan them; blank is in the plan only as a prerequisite.",
    );
  });

  it("reports a dependency cycle with the ids in it", () => {
    const error = problemsOf(() =>
      planOf(
        [
          { id: "a", name: "A", ratings: ratings(3, 3), cost: 1, dependsOn: ["c"] },
          { id: "b", name: "B", ratings: ratings(3, 3), cost: 1, dependsOn: ["a"] },
          { id: "c", name: "C", ratings: ratings(3, 3), cost: 1, dependsOn: ["b"] },
        ],
        { budget: 10 },
      ),
    );
    expect(error.problems).toEqual([
      {
        path: ["initiatives", 0, "dependsOn"],
        message: "expected dependsOn without cycles, received the cycle a -> c -> b -> a",
      },
    ]);
  });

  it("needs every cost, and every effort when planning within a capacity", () => {
    const error = problemsOf(() =>
      planOf(
        [
          { name: "A", ratings: ratings(3, 3) },
          { name: "B", ratings: ratings(3, 3), cost: 3 },
        ],
        {
          budget: 10,
          capacity: 5,
        },
      ),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.problems.map((problem) => problem.path.join("."))).toEqual([
      "initiatives.0.cost",
      "initiatives.0.effort",
      "initiatives.1.effort",
    ]);
  });

  it("reports a missing cost with the rating problems, in one pass", () => {
    const broken = { ...ratings(3, 3), cx_impact: 9 };
    const error = problemsOf(() =>
      planOf(
        [
          { name: "A", ratings: broken },
          { name: "B", ratings: ratings(3, 3) },
        ],
        { budget: 10 },
      ),
    );
    expect(error.problems.map((problem) => problem.path.join("."))).toEqual([
      "initiatives.0.cost",
      "initiatives.0.ratings.cx_impact",
      "initiatives.1.cost",
    ]);
  });

  it("returns the problems instead of throwing from safeCreatePlan", () => {
    const outcome = safeCreatePlan([{ name: "A", ratings: ratings(3, 3) }], { budget: 1 });
    expect(outcome.success).toBe(false);
    if (!outcome.success) expect(outcome.error.problems[0]!.path).toEqual(["initiatives", 0, "cost"]);
    expect(safeCreatePlan([], { budget: 1 })).toMatchObject({
      success: true,
      plan: { totals: { initiatives: 0 } },
    });
  });

  it.each([
    [{ budget: -1 }, "budget"],
    [{ budget: 10, objective: "profit" }, "objective"],
    [{ budget: 10, valueDiscount: 2 }, "valueDiscount"],
  ])("refuses bad options %j", (input, field) => {
    const error = problemsOf(() => planOf([], input as PlanInput));
    expect(error.code).toBe("invalid-options");
    expect(error.problems[0]!.path).toEqual([field]);
    expect(error.problems[0]!.message).toMatch(/^expected /);
  });
});
