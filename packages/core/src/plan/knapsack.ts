import { CxprismError } from "../errors.js";
import { dependencyGroups, findDependencyCycle } from "./dependencies.js";
import {
  addGroup,
  addSingle,
  addTree,
  type Cost,
  groupCost,
  groupOptions,
  type KnapsackItem,
  reserve,
  type Stage,
  singleCost,
  type Table,
  treeCost,
  treeShape,
} from "./knapsack-stages.js";

export { MAX_GROUP_OPTIONS, MAX_KNAPSACK_BYTES, MAX_KNAPSACK_STEPS } from "./knapsack-stages.js";

/** A knapsack to solve: items, a budget in cells and optionally an effort capacity in cells. */
export interface KnapsackProblem {
  readonly items: readonly KnapsackItem[];
  readonly capacity: number;
  readonly effortCapacity?: number | undefined;
}

/** The best selection. */
export interface KnapsackSolution {
  /** Selected item indices, ascending; closed under prerequisites. */
  readonly selected: number[];
  readonly value: number;
  readonly weight: number;
  readonly effort: number;
}

/** The largest DP table accepted, in cells (budget cells x capacity cells): 32 MiB, half of {@link MAX_KNAPSACK_BYTES}. */
export const MAX_KNAPSACK_CELLS = 4_000_000;

/**
 * Solves the 0/1 knapsack with prerequisites exactly: maximise the total value of a selection whose weights
 * fit the capacity (and whose efforts fit the effort capacity), where an item is selected only together with
 * all its prerequisites.
 *
 * How: items linked by dependencies form a group, and the groups are added one by one to a dynamic
 * programming table over the (budget x effort) cells, each cell holding the best value within that much:
 * - an item with no dependencies: the textbook 0/1 step, O(cells);
 * - a tree (every item needs at most one other): the depth-first-order tree knapsack, O(items x cells),
 *   where skipping an item skips everything that needs it;
 * - any other group: its closed subsets (every member's prerequisites inside), enumerated and pruned to those
 *   that fit and are not dominated, as mutually exclusive options: O(options x cells).
 * All three are exact, so the whole is exact. Among selections of equal value the first found is kept.
 * Memory and work are reserved before each stage runs: a problem past {@link MAX_KNAPSACK_BYTES} or
 * {@link MAX_KNAPSACK_STEPS} is refused with a message naming the limit (the taken bits of each item and the
 * rows a tree keeps alive grow with items x cells, so the cell limit alone does not bound memory).
 *
 * @param problem - items (sizes in whole cells), capacity and optional effort capacity
 * @returns the best selection
 * @throws {@link CxprismError} `invalid-input` on a dependency cycle or a bad item; `invalid-options` when the
 *   table or a group is too large to solve exactly (coarser granularity, or fewer dependencies, helps)
 * @example
 * solveKnapsack({ capacity: 5, items: [
 *   { weight: 3, value: 1, prerequisites: [] }, { weight: 2, value: 5, prerequisites: [0] },
 *   { weight: 4, value: 4, prerequisites: [] } ] }).selected // [0, 1]
 */
export function solveKnapsack(problem: KnapsackProblem): KnapsackSolution {
  const { items } = problem;
  const capacity = problem.capacity;
  const effortCapacity = problem.effortCapacity ?? 0;
  const useEffort = problem.effortCapacity !== undefined;
  checkProblem(problem);
  const span = effortCapacity + 1;
  const cells = (capacity + 1) * span;
  const prerequisites = items.map((item) => item.prerequisites);
  const scale = items.reduce((sum, item) => sum + Math.abs(item.value), 0);
  const table: Table = {
    best: new Float64Array(cells),
    capacity,
    span,
    useEffort,
    epsilon: 1e-12 * Math.max(1, scale),
    meter: { bytes: 0, steps: 0 },
  };
  reserve(table, { kept: table.best.byteLength, transient: 0, steps: 0 });
  // Every stage is costed before any runs, so an oversized problem is refused before it uses memory or time.
  const planned = dependencyGroups(prerequisites).map((group): { cost: Cost; run: () => Stage } => {
    if (group.length === 1) {
      const item = items[group[0]!]!;
      return { cost: singleCost(table, item), run: () => addSingle(table, group[0]!, item) };
    }
    if (group.every((item) => items[item]!.prerequisites.length <= 1)) {
      const shape = treeShape(group, items);
      return { cost: treeCost(table, shape), run: () => addTree(table, shape, items) };
    }
    const options = groupOptions(
      group,
      items,
      capacity,
      useEffort ? effortCapacity : Number.POSITIVE_INFINITY,
    );
    return { cost: groupCost(table, options), run: () => addGroup(table, options) };
  });
  for (const stage of planned) reserve(table, stage.cost);
  const stages = planned.map((stage) => stage.run());
  const selected: number[] = [];
  let cell = cells - 1;
  for (let g = stages.length - 1; g >= 0; g--) cell = stages[g]!(cell, selected);
  selected.sort((a, b) => a - b);
  let weight = 0;
  let effort = 0;
  let value = 0;
  for (const item of selected) {
    weight += items[item]!.weight;
    effort += items[item]!.effort ?? 0;
    value += items[item]!.value;
  }
  return { selected, value, weight, effort };
}

function checkProblem(problem: KnapsackProblem): void {
  const { items, capacity, effortCapacity } = problem;
  const whole = (x: number) => Number.isInteger(x) && x >= 0;
  if (!whole(capacity) || (effortCapacity !== undefined && !whole(effortCapacity))) {
    throw new CxprismError("invalid-options", [
      {
        path: ["capacity"],
        message: `expected whole numbers of cells of at least 0, received ${capacity} and ${effortCapacity}`,
      },
    ]);
  }
  const cells = (capacity + 1) * ((effortCapacity ?? 0) + 1);
  if (cells > MAX_KNAPSACK_CELLS) {
    throw new CxprismError("invalid-options", [
      {
        path: ["granularity"],
        message: `expected a table of at most ${MAX_KNAPSACK_CELLS.toLocaleString("en")} cells (budget / granularity x capacity / capacity granularity), received ${cells.toLocaleString("en")}: use a coarser granularity`,
      },
    ]);
  }
  const problems = items.flatMap((item, index) => {
    const bad =
      !whole(item.weight) ||
      (item.effort !== undefined && !whole(item.effort)) ||
      !Number.isFinite(item.value) ||
      item.prerequisites.some(
        (other) => !Number.isInteger(other) || other < 0 || other >= items.length || other === index,
      );
    return bad
      ? [
          {
            path: ["items", index],
            message:
              "expected whole sizes of at least 0, a finite value and prerequisites that index other items",
          },
        ]
      : [];
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  const cycle = findDependencyCycle(items.map((item) => item.prerequisites));
  if (cycle.length > 0) {
    throw new CxprismError("invalid-input", [
      {
        path: ["items", cycle[0]!, "prerequisites"],
        message: `expected prerequisites without cycles, received the cycle ${[...cycle, cycle[0]!].join(" -> ")}`,
      },
    ]);
  }
}
