import { CxprismError } from "../errors.js";
import { dependencyGroups, findDependencyCycle } from "./dependencies.js";

/** One candidate for the knapsack, its sizes already in whole cells of the granularity. */
export interface KnapsackItem {
  /** Budget cells it uses (>= 0, whole). */
  readonly weight: number;
  /** Capacity cells it uses (>= 0, whole); ignored without an effort capacity. */
  readonly effort?: number | undefined;
  /** What it adds to the objective (may be negative: then it is taken only as a prerequisite worth it). */
  readonly value: number;
  /** Indices of the items it needs: it is selected only with all of them. */
  readonly prerequisites: readonly number[];
}

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

/** The largest DP table accepted, in cells (budget cells x capacity cells). */
export const MAX_KNAPSACK_CELLS = 10_000_000;
/** The most closed subsets one dependency group may have (a group is items linked by dependencies). */
export const MAX_GROUP_OPTIONS = 20_000;

interface Option {
  readonly weight: number;
  readonly effort: number;
  readonly value: number;
  readonly members: readonly number[];
}

/**
 * Solves the 0/1 knapsack with prerequisites exactly: maximise the total value of a selection whose weights
 * fit the capacity (and whose efforts fit the effort capacity), where an item is selected only together with
 * all its prerequisites.
 *
 * How: items linked by dependencies form a group; each group's options are its closed subsets (every member's
 * prerequisites inside), enumerated and pruned to those that fit and are not dominated. Choosing at most one
 * option per group is then a multiple-choice knapsack, solved by dynamic programming over the (budget x
 * effort) cells, O(cells x options). Independent items are groups of one, so a portfolio without dependencies
 * is the textbook 0/1 knapsack DP. Among selections of equal value the first found in item order is kept.
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
  const groups = dependencyGroups(prerequisites).map((group) =>
    groupOptions(group, items, capacity, useEffort ? effortCapacity : Number.POSITIVE_INFINITY),
  );
  const best = new Float64Array(cells);
  const choices: (Uint32Array | Uint16Array)[] = [];
  const scale = items.reduce((sum, item) => sum + Math.abs(item.value), 0);
  const epsilon = 1e-12 * Math.max(1, scale);
  for (const options of groups) {
    if (options.length === 1) choices.push(addSingle(best, options[0]!, capacity, span, epsilon));
    else if (options.length > 1) choices.push(addGroup(best, options, capacity, span, epsilon));
    else choices.push(new Uint16Array(0));
  }
  const selected: number[] = [];
  let weight = 0;
  let effort = 0;
  let value = 0;
  let cell = cells - 1;
  for (let g = groups.length - 1; g >= 0; g--) {
    const options = groups[g]!;
    if (options.length === 0) continue;
    const choice = choices[g]!;
    const picked = options.length === 1 ? (choice[cell >>> 5]! >>> (cell & 31)) & 1 : choice[cell]!;
    if (picked === 0) continue;
    const option = options[picked - 1]!;
    selected.push(...option.members);
    weight += option.weight;
    effort += option.effort;
    value += option.value;
    cell -= option.weight * span + (useEffort ? option.effort : 0);
  }
  return { selected: selected.sort((a, b) => a - b), value, weight, effort };
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

/**
 * The closed subsets of one group that fit, without the empty one, not dominated (another fits in no more
 * budget and effort and is worth at least as much), and worth more than nothing.
 */
function groupOptions(
  group: readonly number[],
  items: readonly KnapsackItem[],
  capacity: number,
  effortCapacity: number,
): Option[] {
  if (group.length === 1) {
    const item = items[group[0]!]!;
    const effort = item.effort ?? 0;
    return item.weight <= capacity && effort <= effortCapacity && item.value > 0
      ? [{ weight: item.weight, effort, value: item.value, members: group }]
      : [];
  }
  const options: Option[] = [];
  const chosen = new Set<number>();
  const members: number[] = [];
  // `group` lists prerequisites first, so each item's prerequisites are decided before it is.
  const visit = (k: number, weight: number, effort: number, value: number) => {
    if (k === group.length) {
      if (members.length > 0 && value > 0) options.push({ weight, effort, value, members: [...members] });
      return;
    }
    if (options.length > MAX_GROUP_OPTIONS) return;
    const item = group[k]!;
    visit(k + 1, weight, effort, value);
    const { weight: w, effort: e = 0, value: v, prerequisites } = items[item]!;
    if (weight + w > capacity || effort + e > effortCapacity) return;
    if (!prerequisites.every((other) => chosen.has(other))) return;
    chosen.add(item);
    members.push(item);
    visit(k + 1, weight + w, effort + e, value + v);
    members.pop();
    chosen.delete(item);
  };
  visit(0, 0, 0, 0);
  if (options.length > MAX_GROUP_OPTIONS) {
    throw new CxprismError("invalid-options", [
      {
        path: ["items", group[0]!],
        message: `expected at most ${MAX_GROUP_OPTIONS} ways to pick from the ${group.length} items linked by dependencies to item ${group[0]}, received more: plan them with fewer dependencies or a smaller budget`,
      },
    ]);
  }
  return undominated(options);
}

function undominated(options: Option[]): Option[] {
  options.sort((a, b) => a.weight - b.weight || a.effort - b.effort || b.value - a.value);
  const kept: Option[] = [];
  for (const option of options) {
    const dominated = kept.some((other) => other.effort <= option.effort && other.value >= option.value);
    if (!dominated) kept.push(option);
  }
  return kept;
}

/** Adds a one-option group in place (cells from the top down, so each cell reads the previous row); bit per cell. */
function addSingle(
  best: Float64Array,
  option: Option,
  capacity: number,
  span: number,
  epsilon: number,
): Uint32Array {
  const chosen = new Uint32Array(Math.ceil(best.length / 32));
  const { weight, value } = option;
  const effort = span > 1 ? option.effort : 0;
  const offset = weight * span + effort;
  for (let w = capacity; w >= weight; w--) {
    const row = w * span;
    for (let e = span - 1; e >= effort; e--) {
      const cell = row + e;
      const candidate = best[cell - offset]! + value;
      if (candidate > best[cell]! + epsilon) {
        best[cell] = candidate;
        chosen[cell >>> 5]! |= 1 << (cell & 31);
      }
    }
  }
  return chosen;
}

/** Adds a group with several mutually exclusive options; the choice per cell is 1 + the option index, or 0. */
function addGroup(
  best: Float64Array,
  options: readonly Option[],
  capacity: number,
  span: number,
  epsilon: number,
): Uint16Array | Uint32Array {
  const previous = best.slice();
  const choice = options.length < 0xffff ? new Uint16Array(best.length) : new Uint32Array(best.length);
  options.forEach((option, o) => {
    const effort = span > 1 ? option.effort : 0;
    const offset = option.weight * span + effort;
    for (let w = option.weight; w <= capacity; w++) {
      const row = w * span;
      for (let e = effort; e < span; e++) {
        const cell = row + e;
        const candidate = previous[cell - offset]! + option.value;
        if (candidate > best[cell]! + epsilon) {
          best[cell] = candidate;
          choice[cell] = o + 1;
        }
      }
    }
  });
  return choice;
}
