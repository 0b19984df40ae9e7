import { CxprismError } from "../errors.js";

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

/** The most closed subsets one dependency group may have (a group is items linked by dependencies). */
export const MAX_GROUP_OPTIONS = 20_000;

/** One closed subset of a dependency group, as an option of the multiple-choice knapsack. */
export interface Option {
  readonly weight: number;
  readonly effort: number;
  readonly value: number;
  readonly members: readonly number[];
}

/** The DP table shared by the stages: `best[w * span + e]` = best value within w budget and e effort cells. */
export interface Table {
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
export type Stage = (cell: number, selected: number[]) => number;

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
export function addSingle(table: Table, index: number, item: KnapsackItem): Stage {
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
export function addTree(table: Table, group: readonly number[], items: readonly KnapsackItem[]): Stage {
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
export function addGroup(table: Table, options: readonly Option[]): Stage {
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

/**
 * The closed subsets of one group that fit, without the empty one, not dominated (another fits in no more
 * budget and effort and is worth at least as much), and worth more than nothing.
 */
export function groupOptions(
  group: readonly number[],
  items: readonly KnapsackItem[],
  capacity: number,
  effortCapacity: number,
): Option[] {
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
