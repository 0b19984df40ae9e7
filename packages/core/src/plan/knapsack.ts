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
 * How: items linked by dependencies form a group, and the groups are added one by one to a dynamic
 * programming table over the (budget x effort) cells, each cell holding the best value within that much:
 * - an item with no dependencies: the textbook 0/1 step, O(cells);
 * - a tree (every item needs at most one other): the depth-first-order tree knapsack, O(items x cells),
 *   where skipping an item skips everything that needs it;
 * - any other group: its closed subsets (every member's prerequisites inside), enumerated and pruned to those
 *   that fit and are not dominated, as mutually exclusive options: O(options x cells).
 * All three are exact, so the whole is exact. Among selections of equal value the first found is kept.
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
  };
  const stages = dependencyGroups(prerequisites).map((group): Stage => {
    if (group.length === 1) return addSingle(table, group[0]!, items[group[0]!]!);
    if (group.every((item) => items[item]!.prerequisites.length <= 1)) return addTree(table, group, items);
    const options = groupOptions(
      group,
      items,
      capacity,
      useEffort ? effortCapacity : Number.POSITIVE_INFINITY,
    );
    return addGroup(table, options);
  });
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

/** The DP table shared by the stages: `best[w * span + e]` = best value within w budget and e effort cells. */
interface Table {
  readonly best: Float64Array;
  readonly capacity: number;
  /** Effort cells + 1 (1 without an effort capacity). */
  readonly span: number;
  readonly useEffort: boolean;
  readonly epsilon: number;
}

/**
 * One group's part of the reconstruction: given the cell after the group, pushes the items it took and
 * returns the cell before it.
 */
type Stage = (cell: number, selected: number[]) => number;

function offsetOf(table: Table, item: KnapsackItem): number {
  return item.weight * table.span + (table.useEffort ? (item.effort ?? 0) : 0);
}

/**
 * Writes into `target` the best of `skip` and `value` plus `source` one item's size earlier, setting a bit in
 * `taken` where taking wins. `source` and `target` may be the same array: cells are visited from the top
 * down, so each reads a cell not yet written.
 */
function relax(
  table: Table,
  item: KnapsackItem,
  source: Float64Array,
  target: Float64Array,
  taken: Uint32Array,
): void {
  const { capacity, span, epsilon } = table;
  const weight = item.weight;
  const effort = table.useEffort ? (item.effort ?? 0) : 0;
  const offset = weight * span + effort;
  const value = item.value;
  for (let w = capacity; w >= weight; w--) {
    const row = w * span;
    for (let e = span - 1; e >= effort; e--) {
      const cell = row + e;
      const candidate = source[cell - offset]! + value;
      if (candidate > target[cell]! + epsilon) {
        target[cell] = candidate;
        taken[cell >>> 5]! |= 1 << (cell & 31);
      }
    }
  }
}

function isTaken(taken: Uint32Array, cell: number): boolean {
  return ((taken[cell >>> 5]! >>> (cell & 31)) & 1) === 1;
}

/** An item without dependencies: the textbook 0/1 step, in place. */
function addSingle(table: Table, index: number, item: KnapsackItem): Stage {
  if (!(item.value > 0)) return (cell) => cell;
  const taken = new Uint32Array(Math.ceil(table.best.length / 32));
  relax(table, item, table.best, table.best, taken);
  const offset = offsetOf(table, item);
  return (cell, selected) => {
    if (!isTaken(taken, cell)) return cell;
    selected.push(index);
    return cell - offset;
  };
}

/**
 * A group where every item needs at most one other: a tree rooted at the item that needs nothing. Exact in
 * O(items x cells) by the depth-first-order tree knapsack: with the items in preorder and `end[i]` the
 * position after item i's subtree, f(i) = max(f(end[i]), value(i) + f(i + 1) one size earlier): skipping an
 * item skips everything that needs it. f(past the last item) is the table so far, so the groups chain.
 * Rows are dropped as soon as no later step reads them (about as many live rows as the tree is deep).
 */
function addTree(table: Table, group: readonly number[], items: readonly KnapsackItem[]): Stage {
  const members = new Set(group);
  const children = new Map<number, number[]>();
  let root = group[0]!;
  for (const item of group) {
    const parent = items[item]!.prerequisites[0];
    if (parent === undefined || !members.has(parent)) root = item;
    else children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const order: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    order.push(item);
    const next = (children.get(item) ?? []).slice().sort((a, b) => b - a);
    stack.push(...next);
  }
  const k = order.length;
  const position = new Map(order.map((item, i) => [item, i]));
  const end = new Int32Array(k);
  for (let i = k - 1; i >= 0; i--) {
    const kids = children.get(order[i]!) ?? [];
    end[i] = kids.length === 0 ? i + 1 : Math.max(...kids.map((kid) => end[position.get(kid)!]!));
  }
  const refs = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) {
    refs[i + 1]!++;
    refs[end[i]!]!++;
  }
  const rows = new Map<number, Float64Array>([[k, table.best.slice()]]);
  const release = (j: number) => {
    if (--refs[j]! === 0) rows.delete(j);
  };
  const taken = order.map(() => new Uint32Array(Math.ceil(table.best.length / 32)));
  for (let i = k - 1; i >= 0; i--) {
    const row = rows.get(end[i]!)!.slice();
    relax(table, items[order[i]!]!, rows.get(i + 1)!, row, taken[i]!);
    rows.set(i, row);
    release(i + 1);
    release(end[i]!);
  }
  table.best.set(rows.get(0)!);
  return (cell, selected) => {
    let i = 0;
    while (i < k) {
      if (isTaken(taken[i]!, cell)) {
        selected.push(order[i]!);
        cell -= offsetOf(table, items[order[i]!]!);
        i++;
      } else i = end[i]!;
    }
    return cell;
  };
}

/** A group with items needing several others: its closed subsets as mutually exclusive options. */
function addGroup(table: Table, options: readonly Option[]): Stage {
  if (options.length === 0) return (cell) => cell;
  const { best, capacity, span, epsilon } = table;
  const previous = best.slice();
  const choice = options.length < 0xffff ? new Uint16Array(best.length) : new Uint32Array(best.length);
  options.forEach((option, o) => {
    const effort = table.useEffort ? option.effort : 0;
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
  return (cell, selected) => {
    const picked = choice[cell]!;
    if (picked === 0) return cell;
    const option = options[picked - 1]!;
    selected.push(...option.members);
    return cell - option.weight * span - (table.useEffort ? option.effort : 0);
  };
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
