import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { rankInitiatives } from "../pipeline/rank.js";
import { InitiativeSorter } from "./order.js";

function idRanks(ids: readonly string[]): Uint32Array {
  const sorted = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const ranks = new Uint32Array(ids.length);
  sorted.forEach((i, position) => {
    ranks[i] = position;
  });
  return ranks;
}

function sortWith(priority: number[], value: number[], ids: string[]): number[] {
  const order = new Uint32Array(priority.length);
  new InitiativeSorter(idRanks(ids)).sort(Float64Array.from(priority), Float64Array.from(value), order);
  return Array.from(order);
}

describe("InitiativeSorter", () => {
  it.each([
    ["priority first", [50, 70, 60], [0, 0, 0], ["a", "b", "c"], [1, 2, 0]],
    ["value breaks a priority tie", [60, 60, 60], [10, 30, 20], ["a", "b", "c"], [1, 2, 0]],
    ["id breaks a full tie", [60, 60], [10, 10], ["b", "a"], [1, 0]],
    ["differences under the tie tolerance are ties", [60 + 1e-12, 60], [10, 20], ["a", "b"], [1, 0]],
    ["empty", [], [], [], []],
  ])("%s", (_, priority, value, ids, expected) => {
    expect(sortWith(priority, value, ids)).toEqual(expected);
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 })), { maxLength: 300 }),
  ])("matches core's rankInitiatives order, ties included", (rows) => {
    // Coarse integer scores make ties frequent; /4 keeps them exact in floating point.
    const priority = rows.map(([p]) => p / 4);
    const value = rows.map(([, v]) => v / 4);
    const ids = rows.map((_, i) => `id-${(i * 7919) % 1009}`);
    const expected = rankInitiatives(Float64Array.from(priority), Float64Array.from(value), ids).order;
    expect(sortWith(priority, value, ids)).toEqual(Array.from(expected));
  });

  it("reuses its buffers across sorts", () => {
    const sorter = new InitiativeSorter(idRanks(["a", "b", "c"]));
    const order = new Uint32Array(3);
    sorter.sort(Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 0), order);
    expect(Array.from(order)).toEqual([2, 1, 0]);
    sorter.sort(Float64Array.of(3, 2, 1), Float64Array.of(0, 0, 0), order);
    expect(Array.from(order)).toEqual([0, 1, 2]);
  });
});
