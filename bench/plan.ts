/**
 * Benchmark: plan 200 initiatives within a budget of 2,000,000 counted in units of 1,000 (2,001 budget
 * cells), with dependencies. Prints the median time of `createPlan` (validate, score, knapsack, waves) and of
 * `solveKnapsack` alone, each as a ratio to a baseline measured in the same run: a bare 0/1 knapsack DP loop
 * over a Float64Array of the same size, without dependencies. Goal: createPlan <= 0.5 s.
 *
 * Run: npx tsx --conditions=@cxprism/source bench/plan.ts
 */
import type { InitiativeInput } from "@cxprism/core";
import { createPlan, type KnapsackItem, solveKnapsack } from "@cxprism/core/plan";
import { createRandom, medianMs } from "./lib.js";

const N = 200;
const BUDGET = 2_000_000;
const GRANULARITY = 1_000;
const RUNS = 15;

/** Median of RUNS timed runs after 3 warm-up runs. */
const measure = (run: () => unknown) => medianMs(run, RUNS, 3);

const CRITERIA = [
  "cx_impact",
  "cost_to_serve",
  "revenue_retention",
  "employee_experience",
  "strategic_fit",
  "tech_maturity",
  "data_readiness",
  "integration_effort",
  "org_readiness",
  "acceptance",
  "time_to_value",
];

function portfolio(): InitiativeInput[] {
  const random = createRandom(20261122);
  const pick = (max: number) => Math.floor(random() * max);
  return Array.from({ length: N }, (_, i) => {
    // About one in four initiatives needs one or two of the ten before it: small dependency groups.
    const dependsOn =
      i >= 10 && random() < 0.25
        ? [...new Set(Array.from({ length: 1 + pick(2) }, () => `i${i - 1 - pick(10)}`))]
        : [];
    return {
      id: `i${i}`,
      name: `Initiative ${i}`,
      ratings: Object.fromEntries(CRITERIA.map((id) => [id, 1 + pick(5)])),
      cost: 10_000 + pick(190) * 1_000 + pick(1000),
      effort: 1 + pick(12),
      benefit: pick(300) * 1_000,
      runCost: pick(50) * 1_000,
      kpis: ["csat", "aht", "fcr", "containment"].slice(0, 1 + pick(4)) as InitiativeInput["kpis"],
      dependsOn,
    };
  });
}

/** The baseline: the textbook 0/1 knapsack DP over the same cells, no dependencies, no reconstruction. */
function bareKnapsack(weights: Int32Array, values: Float64Array, capacity: number): number {
  const best = new Float64Array(capacity + 1);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    const v = values[i]!;
    for (let c = capacity; c >= w; c--) {
      const candidate = best[c - w]! + v;
      if (candidate > best[c]!) best[c] = candidate;
    }
  }
  return best[capacity]!;
}

const initiatives = portfolio();
const plan = createPlan(initiatives, { budget: BUDGET, granularity: GRANULARITY });
const index = new Map(initiatives.map((initiative, i) => [initiative.id, i]));
const priority = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative.priority]));
const items: KnapsackItem[] = initiatives.map((initiative) => ({
  weight: Math.ceil(initiative.cost! / GRANULARITY),
  value: priority.get(initiative.id!)!,
  prerequisites: (initiative.dependsOn ?? []).map((id) => index.get(id)!),
}));
const capacity = Math.floor(BUDGET / GRANULARITY);
const weights = Int32Array.from(items, (item) => item.weight);
const values = Float64Array.from(items, (item) => item.value);

const baseline = measure(() => bareKnapsack(weights, values, capacity));
const knapsack = measure(() => solveKnapsack({ items, capacity }));
const full = measure(() => createPlan(initiatives, { budget: BUDGET, granularity: GRANULARITY }));
const CAPACITY = 120;
const withCapacity = measure(() =>
  createPlan(initiatives, { budget: BUDGET, granularity: GRANULARITY, capacity: CAPACITY }),
);

const withDependencies = initiatives.filter((initiative) => (initiative.dependsOn ?? []).length > 0).length;
console.log(
  `plan: ${N} initiatives (${withDependencies} with prerequisites), budget ${BUDGET} in units of ${GRANULARITY} (${capacity + 1} cells); selected ${plan.totals.initiatives} in ${plan.waves.length} waves, cost ${plan.totals.cost}`,
);
console.log(`baseline  bare 0/1 DP loop, no dependencies  ${baseline.toFixed(3)} ms  1.0x`);
console.log(
  `solveKnapsack (with dependency groups)      ${knapsack.toFixed(3)} ms  ${(knapsack / baseline).toFixed(1)}x`,
);
console.log(
  `createPlan (validate, score, knapsack, waves) ${full.toFixed(3)} ms  ${(full / baseline).toFixed(1)}x  goal <= 500 ms: ${full <= 500 ? "met" : "MISSED"}`,
);
console.log(
  `createPlan + capacity ${CAPACITY} person-months (${(capacity + 1) * (CAPACITY + 1)} cells) ${withCapacity.toFixed(3)} ms  ${(withCapacity / baseline).toFixed(1)}x`,
);
