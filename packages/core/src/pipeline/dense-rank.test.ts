import { describe, expect, it } from "vitest";
import { sortByDenseRanks } from "./dense-rank.js";

function run(priorityKey: number[], valueKey: number[], order: number[]) {
  const sorted = Uint32Array.from(order);
  const done = sortByDenseRanks(
    sorted,
    new Uint32Array(order.length),
    Float64Array.from(priorityKey),
    Float64Array.from(valueKey),
  );
  return { done, order: [...sorted] };
}

describe("sortByDenseRanks", () => {
  it("orders by priority key, then value key, high first, keeping the given order among full ties", () => {
    // 32 initiatives, 4 distinct (priority, value) pairs (keys past 2^32 too): within the 32 / 8 limit.
    const priorityKey = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 2 ** 36 + 5 : 7));
    const valueKey = Array.from({ length: 32 }, (_, i) => (i % 4 < 2 ? 2 ** 36 + 1 : 3));
    const order = Array.from({ length: 32 }, (_, k) => 31 - k);
    const expected = [...order].sort(
      (a, b) => priorityKey[b]! - priorityKey[a]! || valueKey[b]! - valueKey[a]!,
    );
    expect(run(priorityKey, valueKey, order)).toEqual({ done: true, order: expected });
  });

  it.each([
    ["priority", Array.from({ length: 64 }, (_, i) => i % 9), Array.from({ length: 64 }, () => 1)],
    ["value", Array.from({ length: 64 }, () => 1), Array.from({ length: 64 }, (_, i) => i % 9)],
  ])(
    "gives up, leaving the order as it was, past n / 8 distinct pairs (%s keys differ)",
    (_, priorityKey, valueKey) => {
      const order = Array.from({ length: 64 }, (_, k) => (k * 7) % 64);
      expect(run(priorityKey, valueKey, order)).toEqual({ done: false, order });
    },
  );
});
