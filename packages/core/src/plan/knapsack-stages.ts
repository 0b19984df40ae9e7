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

/** The most memory the solver may hold at once, in bytes (tables, their copies and the taken-bit sets). */
export const MAX_KNAPSACK_BYTES = 64 * 2 ** 20;

/** The most cell updates the solver may make (about a second on one core; see docs/limits.md). */
export const MAX_KNAPSACK_STEPS = 100_000_000;

/** What one stage costs: bytes it holds until the solution is read back, bytes only while it runs, cell updates. */
export interface Cost {
  readonly kept: number;
  readonly transient: number;
  readonly steps: number;
}

/** What the solver has reserved so far: bytes held until the end, and cell updates. */
export interface Meter {
  bytes: number;
  steps: number;
}

/** The DP table shared by the stages: `best[w * span + e]` = best value within w budget and e effort cells. */
export interface Table {
  readonly best: Float64Array;
  readonly capacity: number;
  /** Effort cells + 1 (1 without an effort capacity). */
  readonly span: number;
  readonly useEffort: boolean;
  readonly epsilon: number;
  readonly meter: Meter;
}

/**
 * Reserves memory and work for a stage. The solver reserves every stage before running any, so an oversized
 * plan is refused before it costs anything rather than after it has taken the machine's memory.
 *
 * @param table - the shared table and its meter
 * @param cost - what the stage will hold and do
 * @throws {@link CxprismError} `invalid-options` past {@link MAX_KNAPSACK_BYTES} or {@link MAX_KNAPSACK_STEPS}
 */
export function reserve(table: Table, { kept, transient, steps }: Cost): void {
  const meter = table.meter;
  const bytes = meter.bytes + kept + transient;
  meter.steps += steps;
  if (bytes <= MAX_KNAPSACK_BYTES && meter.steps <= MAX_KNAPSACK_STEPS) {
    meter.bytes += kept;
    return;
  }
  const cells = table.best.length.toLocaleString("en");
  const over =
    bytes > MAX_KNAPSACK_BYTES
      ? `more than ${MAX_KNAPSACK_BYTES / 2 ** 20} MiB of memory (at least ${Math.ceil(bytes / 2 ** 20)} MiB)`
      : `more than ${MAX_KNAPSACK_STEPS.toLocaleString("en")} steps`;
  throw new CxprismError("invalid-options", [
    {
      path: ["granularity"],
      message: `expected a plan the optimiser can solve within ${MAX_KNAPSACK_BYTES / 2 ** 20} MiB and ${MAX_KNAPSACK_STEPS.toLocaleString("en")} steps, received one needing ${over} for ${cells} budget x capacity cells: use a coarser granularity or capacityGranularity, or plan fewer initiatives at once`,
    },
  ]);
}

/** Bytes of one taken-bit set over the table. */
function bitsBytes(table: Table): number {
  return Math.ceil(table.best.length / 32) * 4;
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

/** What {@link addSingle} costs. */
export function singleCost(table: Table, item: KnapsackItem): Cost {
  return item.value > 0
    ? { kept: bitsBytes(table), transient: 0, steps: table.best.length }
    : { kept: 0, transient: 0, steps: 0 };
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
 * A dependency tree in the order the tree knapsack visits it: `order` is a preorder in which each item's
 * children come lightest subtree first (heaviest last), `end[i]` the position after item i's subtree, and
 * `refs[j]` how many later steps read row j.
 */
export interface TreeShape {
  readonly order: readonly number[];
  readonly end: Int32Array;
  readonly refs: Int32Array;
}

/**
 * Orders a tree for {@link addTree}. Visiting the heaviest child last bounds the rows alive at once by
 * log2(items) + 2, whatever the depth: a row stays alive while a step inside an ancestor's earlier (lighter)
 * child runs, and each such child holds at most half its parent's subtree. Memory is then cells x 8 bytes x
 * O(log items), not cells x depth (a chain with a leaf on every link used to keep one row per link).
 *
 * @param group - the tree's items; every item needs at most one other inside the group
 * @param items - all items
 * @returns the visiting order, subtree ends and row reference counts
 */
export function treeShape(group: readonly number[], items: readonly KnapsackItem[]): TreeShape {
  const members = new Set(group);
  const children = new Map<number, number[]>();
  let root = group[0]!;
  for (const item of group) {
    const parent = items[item]!.prerequisites[0];
    if (parent === undefined || !members.has(parent)) root = item;
    else {
      const siblings = children.get(parent);
      if (siblings === undefined) children.set(parent, [item]);
      else siblings.push(item);
    }
  }
  // Subtree sizes from a first preorder walked backwards (children before parents).
  const size = new Map<number, number>();
  const walk: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const item = pending.pop()!;
    walk.push(item);
    for (const kid of children.get(item) ?? []) pending.push(kid);
  }
  for (let i = walk.length - 1; i >= 0; i--) {
    const item = walk[i]!;
    size.set(
      item,
      (children.get(item) ?? []).reduce((sum, kid) => sum + size.get(kid)!, 1),
    );
  }
  const order: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    order.push(item);
    // Pushed heaviest first so they pop lightest first; ties by index, for a deterministic order.
    const next = (children.get(item) ?? []).slice().sort((a, b) => size.get(b)! - size.get(a)! || b - a);
    for (const kid of next) stack.push(kid);
  }
  const k = order.length;
  const position = new Map(order.map((item, i) => [item, i]));
  const end = new Int32Array(k);
  for (let i = k - 1; i >= 0; i--) {
    const kids = children.get(order[i]!) ?? [];
    end[i] =
      kids.length === 0 ? i + 1 : kids.reduce((last, kid) => Math.max(last, end[position.get(kid)!]!), 0);
  }
  const refs = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) {
    refs[i + 1]!++;
    refs[end[i]!]!++;
  }
  return { order, end, refs };
}

/** What {@link addTree} costs: a taken-bit set per item, and its peak of live rows while it runs. */
export function treeCost(table: Table, shape: TreeShape): Cost {
  const k = shape.order.length;
  return {
    kept: k * bitsBytes(table),
    transient: (peakLiveRows(shape.refs.slice(), shape.end) + 1) * table.best.byteLength,
    steps: k * table.best.length,
  };
}

/**
 * A group where every item needs at most one other: a tree rooted at the item that needs nothing. Exact in
 * O(items x cells) by the depth-first-order tree knapsack: with the items in preorder and `end[i]` the
 * position after item i's subtree, f(i) = max(f(end[i]), value(i) + f(i + 1) one size earlier): skipping an
 * item skips everything that needs it. f(past the last item) is the table so far, so the groups chain.
 * Rows are dropped as soon as no later step reads them; {@link treeShape}'s order keeps O(log items) alive.
 */
export function addTree(table: Table, shape: TreeShape, items: readonly KnapsackItem[]): Stage {
  const { order, end } = shape;
  const refs = shape.refs.slice();
  const k = order.length;
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

/**
 * The most rows the tree knapsack holds at once, replaying its reference counts without allocating: row k
 * first, then each step makes row i and drops rows i + 1 and end[i] when nothing later reads them.
 */
function peakLiveRows(refs: Int32Array, end: Int32Array): number {
  const k = end.length;
  let live = 1;
  let peak = 1;
  for (let i = k - 1; i >= 0; i--) {
    live++;
    peak = Math.max(peak, live);
    if (--refs[i + 1]! === 0) live--;
    if (--refs[end[i]!]! === 0) live--;
  }
  return peak;
}

/** What {@link addGroup} costs: a choice per cell, a copy of the table while it runs. */
export function groupCost(table: Table, options: readonly Option[]): Cost {
  if (options.length === 0) return { kept: 0, transient: 0, steps: 0 };
  return {
    kept: table.best.length * (options.length >= 0xffff ? 4 : 2),
    transient: table.best.byteLength,
    steps: options.length * table.best.length,
  };
}

/** A group with items needing several others: its closed subsets as mutually exclusive options. */
export function addGroup(table: Table, options: readonly Option[]): Stage {
  if (options.length === 0) return (cell) => cell;
  const { best, capacity, span, epsilon } = table;
  const wide = options.length >= 0xffff;
  const previous = best.slice();
  const choice = wide ? new Uint32Array(best.length) : new Uint16Array(best.length);
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
    for (const member of option.members) selected.push(member);
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
