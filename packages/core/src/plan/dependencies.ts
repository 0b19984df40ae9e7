/**
 * A dependency cycle: each item needs the next, and the last needs the first. Empty when there is none.
 */
export type DependencyCycle = readonly number[];

/**
 * Finds a dependency cycle, if any, by depth-first search.
 *
 * @param prerequisites - for each item, the indices of the items it needs
 * @returns the items of one cycle in dependency order (`[a, b]`: a needs b, b needs a), or `[]`
 */
export function findDependencyCycle(prerequisites: readonly (readonly number[])[]): DependencyCycle {
  const n = prerequisites.length;
  const state = new Uint8Array(n); // 0 unvisited, 1 on the current path, 2 done
  const path: number[] = [];
  const visit = (item: number): number[] | undefined => {
    state[item] = 1;
    path.push(item);
    for (const next of prerequisites[item]!) {
      if (state[next] === 1) return path.slice(path.indexOf(next));
      if (state[next] === 0) {
        const cycle = visit(next);
        if (cycle !== undefined) return cycle;
      }
    }
    path.pop();
    state[item] = 2;
    return undefined;
  };
  for (let item = 0; item < n; item++) {
    if (state[item] !== 0) continue;
    const cycle = visit(item);
    if (cycle !== undefined) return cycle;
  }
  return [];
}

/**
 * The items a set needs, transitively, including the set itself: what an initiative costs is its own cost
 * plus every prerequisite's.
 *
 * @param items - the starting items
 * @param prerequisites - for each item, the indices of the items it needs (acyclic or not: each item is visited once)
 * @returns the closure, in ascending index order
 */
export function dependencyClosure(
  items: Iterable<number>,
  prerequisites: readonly (readonly number[])[],
): number[] {
  const seen = new Set<number>();
  const stack = [...items];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (seen.has(item)) continue;
    seen.add(item);
    for (const other of prerequisites[item]!) stack.push(other);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * Splits items into groups linked by dependencies in either direction (the connected components), each in
 * an order where prerequisites come first. Items without dependencies are groups of one.
 *
 * @param prerequisites - for each item, the indices of the items it needs; must be acyclic
 * @returns the groups, ordered by their smallest item
 */
export function dependencyGroups(prerequisites: readonly (readonly number[])[]): number[][] {
  const n = prerequisites.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  prerequisites.forEach((needs, item) => {
    for (const other of needs) parent[find(item)] = find(other);
  });
  const order = topologicalOrder(prerequisites);
  const groups = new Map<number, number[]>();
  for (const item of order) {
    const root = find(item);
    const group = groups.get(root) ?? [];
    group.push(item);
    groups.set(root, group);
  }
  return [...groups.values()].sort((a, b) => smallest(a) - smallest(b));
}

function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

/**
 * Orders items so that every item comes after its prerequisites; among items that are ready together, the
 * lower index first (Kahn's algorithm), so the order is deterministic.
 *
 * @param prerequisites - for each item, the indices of the items it needs; must be acyclic
 * @returns all items, prerequisites first
 */
export function topologicalOrder(prerequisites: readonly (readonly number[])[]): number[] {
  const n = prerequisites.length;
  const waiting = Uint32Array.from(prerequisites, (needs) => new Set(needs).size);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  prerequisites.forEach((needs, item) => {
    for (const other of new Set(needs)) dependents[other]!.push(item);
  });
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => b - a);
    const item = ready.pop()!;
    order.push(item);
    for (const dependent of dependents[item]!) if (--waiting[dependent]! === 0) ready.push(dependent);
  }
  return order;
}
