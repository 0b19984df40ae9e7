import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CxprismError } from "../errors.js";
import { dependencyClosure, findDependencyCycle, topologicalOrder } from "./dependencies.js";
import { type KnapsackProblem, MAX_KNAPSACK_BYTES, MAX_KNAPSACK_STEPS, solveKnapsack } from "./knapsack.js";
import { type KnapsackItem, treeCost, treeShape } from "./knapsack-stages.js";

/** Every subset closed under prerequisites that fits, best value first found. */
function bruteForce(problem: KnapsackProblem): number {
  const { items, capacity, effortCapacity } = problem;
  let best = 0;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    let weight = 0;
    let effort = 0;
    let value = 0;
    let closed = true;
    items.forEach((item, i) => {
      if (!(mask & (1 << i))) return;
      weight += item.weight;
      effort += item.effort ?? 0;
      value += item.value;
      if (item.prerequisites.some((p) => !(mask & (1 << p)))) closed = false;
    });
    if (closed && weight <= capacity && (effortCapacity === undefined || effort <= effortCapacity)) {
      best = Math.max(best, value);
    }
  }
  return best;
}

/**
 * Random small instances; prerequisites point to lower indices, so there is never a cycle. With at most one
 * prerequisite each, every dependency group is a tree (the tree DP); with two, many are not (the subsets).
 */
const problemArbitrary = (maxPrerequisites: number) =>
  fc.integer({ min: 0, max: 11 }).chain((n) =>
    fc.record({
      items: fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.record({
            weight: fc.integer({ min: 0, max: 12 }),
            effort: fc.integer({ min: 0, max: 6 }),
            value: fc.oneof(fc.integer({ min: -20, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
            prerequisites:
              i === 0
                ? fc.constant([])
                : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: maxPrerequisites }),
          }),
        ),
      ),
      capacity: fc.integer({ min: 0, max: 40 }),
      effortCapacity: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }),
    }),
  ) as fc.Arbitrary<KnapsackProblem>;

describe("solveKnapsack", () => {
  it.each([1, 2])(
    "matches brute force on random instances with up to %i prerequisites each, within budget and closed",
    (most) => {
      fc.assert(
        fc.property(problemArbitrary(most), (problem) => {
          const solution = solveKnapsack(problem);
          expect(solution.value).toBeCloseTo(bruteForce(problem), 9);
          const chosen = new Set(solution.selected);
          let weight = 0;
          let effort = 0;
          let value = 0;
          for (const i of chosen) {
            const item = problem.items[i]!;
            weight += item.weight;
            effort += item.effort ?? 0;
            value += item.value;
            for (const p of item.prerequisites) expect(chosen.has(p)).toBe(true);
          }
          expect(weight).toBeLessThanOrEqual(problem.capacity);
          if (problem.effortCapacity !== undefined)
            expect(effort).toBeLessThanOrEqual(problem.effortCapacity);
          expect(value).toBeCloseTo(solution.value, 9);
          expect(solution.weight).toBe(weight);
        }),
        { numRuns: 400, seed: 20261122 },
      );
    },
  );

  it("takes a weak prerequisite when what it unlocks is worth it", () => {
    const items: KnapsackItem[] = [
      { weight: 3, value: 1, prerequisites: [] },
      { weight: 2, value: 5, prerequisites: [0] },
      { weight: 4, value: 4, prerequisites: [] },
    ];
    expect(solveKnapsack({ items, capacity: 5 }).selected).toEqual([0, 1]);
    expect(solveKnapsack({ items, capacity: 4 }).selected).toEqual([2]);
  });

  it("takes a negative-value prerequisite only for a larger gain", () => {
    const items: KnapsackItem[] = [
      { weight: 1, value: -3, prerequisites: [] },
      { weight: 1, value: 2, prerequisites: [0] },
      { weight: 1, value: 5, prerequisites: [0] },
    ];
    expect(solveKnapsack({ items, capacity: 3 })).toMatchObject({ selected: [0, 1, 2], value: 4 });
    expect(solveKnapsack({ items: items.slice(0, 2), capacity: 3 })).toMatchObject({
      selected: [],
      value: 0,
    });
  });

  it("respects the effort capacity as a second constraint", () => {
    const items: KnapsackItem[] = [
      { weight: 1, effort: 5, value: 10, prerequisites: [] },
      { weight: 1, effort: 2, value: 6, prerequisites: [] },
      { weight: 1, effort: 2, value: 6, prerequisites: [] },
    ];
    expect(solveKnapsack({ items, capacity: 3, effortCapacity: 4 }).selected).toEqual([1, 2]);
    expect(solveKnapsack({ items, capacity: 3 }).selected).toEqual([0, 1, 2]);
  });

  it.each([
    ["a two-item cycle", [[1], [0]], "0 -> 1 -> 0"],
    ["a three-item cycle behind a free item", [[], [2], [3], [1]], "1 -> 2 -> 3 -> 1"],
  ])("refuses %s, naming it", (_, prerequisites, cycle) => {
    const items = prerequisites.map((needs) => ({ weight: 1, value: 1, prerequisites: needs }));
    expect(() => solveKnapsack({ items, capacity: 5 })).toThrow(`received the cycle ${cycle}`);
  });

  it("refuses a table too large to solve, suggesting a coarser granularity", () => {
    expect(() => solveKnapsack({ items: [], capacity: 100_000, effortCapacity: 1000 })).toThrow(
      "use a coarser granularity",
    );
  });

  // The outside attack's cases: 600 initiatives at granularity 1 under a budget of 3,999,999 (+770 MB before),
  // and a dependency chain 200 deep. Both are refused before the tables are built, naming the limit.
  it.each([
    [
      "600 independent items over 4,000,000 cells",
      600,
      3_999_999,
      false,
      `${MAX_KNAPSACK_STEPS.toLocaleString("en")} steps`,
    ],
    [
      "a chain 200 deep over 1,000,000 cells",
      200,
      999_999,
      true,
      `${MAX_KNAPSACK_STEPS.toLocaleString("en")} steps`,
    ],
  ])("refuses %s before solving, naming the limit", (_, n, capacity, chain, limit) => {
    const items = Array.from({ length: n }, (_, i) => ({
      weight: 1 + ((i * 37) % 500),
      value: 1 + ((i * 13) % 17),
      prerequisites: chain && i > 0 ? [i - 1] : [],
    }));
    expect(() => solveKnapsack({ items, capacity })).toThrow(`needing more than ${limit}`);
  });

  it("keeps O(log items) rows alive for a chain 200 deep with a leaf on every link", () => {
    // Visiting the leaf before the rest of the chain releases each row at once; in index order (chain
    // first) this kept one 800 KB row per link: 160 MB, past MAX_KNAPSACK_BYTES.
    const depth = 200;
    const items = Array.from({ length: 2 * depth }, (_, i) => ({
      weight: 1,
      value: i < depth ? 1 : 2,
      prerequisites: i === 0 ? [] : i < depth ? [i - 1] : [i - depth],
    }));
    const shape = treeShape(
      items.map((_, i) => i),
      items,
    );
    const table = {
      best: new Float64Array(100_000),
      capacity: 99_999,
      span: 1,
      useEffort: false,
      epsilon: 0,
      meter: { bytes: 0, steps: 0 },
    };
    expect(treeCost(table, shape).transient).toBeLessThanOrEqual((Math.log2(2 * depth) + 3) * 800_000);
    expect(treeCost(table, shape).transient).toBeLessThan(MAX_KNAPSACK_BYTES / 4);
    expect(solveKnapsack({ items, capacity: 99_999 }).value).toBe(depth * 3);
  });

  it("solves a chain 200 deep within the limits when the cells are few", () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      weight: 1,
      value: 1,
      prerequisites: i > 0 ? [i - 1] : [],
    }));
    expect(solveKnapsack({ items, capacity: 150 }).selected).toHaveLength(150);
  });

  it("solves a wide tree exactly: one root with 16 dependants", () => {
    const items = [{ weight: 2, value: -5, prerequisites: [] as number[] }].concat(
      Array.from({ length: 16 }, (_, i) => ({ weight: 1, value: i + 1, prerequisites: [0] })),
    );
    // Budget 5: the root (2) and the three best dependants (16, 15, 14) - 5.
    expect(solveKnapsack({ items, capacity: 5 })).toMatchObject({ selected: [0, 14, 15, 16], value: 40 });
  });

  it("refuses a dependency group with too many closed subsets", () => {
    // Two roots that 16 items each need both of: 2^16 + 3 closed subsets, not a tree.
    const items = [
      { weight: 0, value: 1, prerequisites: [] as number[] },
      { weight: 0, value: 1, prerequisites: [] as number[] },
    ].concat(Array.from({ length: 16 }, () => ({ weight: 0, value: 1, prerequisites: [0, 1] })));
    try {
      solveKnapsack({ items, capacity: 1 });
      expect.unreachable();
    } catch (error) {
      expect((error as CxprismError).code).toBe("invalid-options");
    }
  });
});

describe("dependencies", () => {
  const prerequisites = [[], [0], [1], [], [2, 3]];

  it("closes a set under its prerequisites", () => {
    expect(dependencyClosure([4], prerequisites)).toEqual([0, 1, 2, 3, 4]);
    expect(dependencyClosure([1, 3], prerequisites)).toEqual([0, 1, 3]);
  });

  it("orders prerequisites first, lower index first among ready items", () => {
    expect(topologicalOrder([[1], [], [0], []])).toEqual([1, 0, 2, 3]);
  });

  it("finds no cycle in a DAG", () => {
    expect(findDependencyCycle(prerequisites)).toEqual([]);
  });
});
