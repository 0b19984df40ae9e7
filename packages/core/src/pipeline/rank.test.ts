import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { rankInitiatives } from "./rank.js";

function rank(rows: [string, number, number][]) {
  const { order, ranks } = rankInitiatives(
    Float64Array.from(rows, (row) => row[1]),
    Float64Array.from(rows, (row) => row[2]),
    rows.map((row) => row[0]),
  );
  return [...order].map((i) => `${ranks[i]}:${rows[i]![0]}`);
}

/** A seeded generator in [0, 1) (Park and Miller's minimal standard). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** Checks order and ranks against the definition: a comparison sort on tolerance keys, ties sharing a rank. */
function expectSameAsComparison(
  priority: Float64Array,
  value: Float64Array,
  ids: string[],
  last: Uint8Array,
) {
  const { order, ranks } = rankInitiatives(priority, value, ids, last);
  const key = (score: number) => Math.round(score / 1e-9);
  const expected = [...order].sort(
    (a, b) =>
      last[a]! - last[b]! ||
      key(priority[b]!) - key(priority[a]!) ||
      key(value[b]!) - key(value[a]!) ||
      (ids[a]! < ids[b]! ? -1 : 1),
  );
  expect([...order]).toEqual(expected);
  expected.forEach((i, k) => {
    const previous = expected[k - 1];
    const tied =
      previous !== undefined && last[i] === last[previous] && key(priority[i]!) === key(priority[previous]!);
    expect(ranks[i]).toBe(tied ? ranks[previous!] : k + 1);
  });
}

describe("rankInitiatives", () => {
  it("orders by priority, then value, then id; tied priorities share a rank (1, 2, 2, 4)", () => {
    expect(
      rank([
        ["d", 40, 10],
        ["b", 60, 30],
        ["c", 60, 50],
        ["a", 90, 10],
      ]),
    ).toEqual(["1:a", "2:c", "2:b", "4:d"]);
  });

  it("breaks a full tie by id", () => {
    expect(
      rank([
        ["zeta", 50, 50],
        ["alpha", 50, 50],
      ]),
    ).toEqual(["1:alpha", "1:zeta"]);
  });

  it("treats floating-point noise below 1e-9 as a tie", () => {
    expect(
      rank([
        ["b", 0.1 + 0.2, 1],
        ["a", 0.3, 1],
      ]),
    ).toEqual(["1:a", "1:b"]);
  });

  it("orders large portfolios (radix path) exactly as small ones (comparison path)", () => {
    const n = 5000;
    const priority = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 997) / 9.97);
    const value = Float64Array.from({ length: n }, (_, i) => ((i * 31) % 13) * 7);
    const ids = Array.from({ length: n }, (_, i) => `id-${(i * 104729) % n}`);
    const { order } = rankInitiatives(priority, value, ids);
    const expected = [...order].sort(
      (a, b) => priority[b]! - priority[a]! || value[b]! - value[a]! || (ids[a]! < ids[b]! ? -1 : 1),
    );
    expect([...order]).toEqual(expected);
  });

  it("orders large portfolios with common ties (integer ratings: sorted by value, then by priority)", () => {
    const n = 8000;
    const next = seeded(11);
    const priority = Float64Array.from({ length: n }, () => Math.floor(next() * 300) / 3);
    const value = Float64Array.from({ length: n }, () => Math.floor(next() * 6) * 20);
    const ids = Array.from({ length: n }, (_, i) => `id-${(i * 104729) % n}`);
    const last = Uint8Array.from({ length: n }, (_, i) => (i % 13 === 0 ? 1 : 0));
    expectSameAsComparison(priority, value, ids, last);
  });

  it("orders large portfolios with rare ties (one radix sort, ties settled after) as the comparison path", () => {
    const n = 6000;
    const next = seeded(7);
    // Mostly distinct priorities (few ties, so the radix path sorts by priority and settles ties after):
    // every 40th shares one priority (a run of 150, longer than an insertion block), every 97th another
    // within the tolerance, with values that tie too.
    const priority = Float64Array.from({ length: n }, (_, i) =>
      i % 40 === 0 ? 42 : i % 97 === 0 ? 0.1 + 0.2 : next() * 100,
    );
    const value = Float64Array.from({ length: n }, (_, i) =>
      i % 3 === 0 ? 50 : Math.floor(next() * 20) * 5,
    );
    const ids = Array.from({ length: n }, (_, i) => `id-${(i * 104729) % n}`);
    const last = Uint8Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 1 : 0));
    expectSameAsComparison(priority, value, ids, last);
  });

  it("handles the empty list", () => {
    expect(rank([])).toEqual([]);
  });
});

describe("rankInitiatives: properties (large portfolios, every sorting path)", () => {
  /** Above the 2,048 initiatives below which a comparison sort is used. */
  const size = fc.integer({ min: 2049, max: 6000 });
  /**
   * Scores on `levels` evenly spaced points of [0, 100] (all distinct when `levels` is 0), some nudged by less
   * than the tie tolerance so that ties must be found by tolerance, not by equality.
   */
  function scores(n: number, levels: number, next: () => number): Float64Array {
    return Float64Array.from({ length: n }, () => {
      if (levels === 0) return next() * 100;
      const score = (Math.floor(next() * levels) * 100) / levels;
      return next() < 0.1 ? Math.min(100, Math.max(0, score + (next() - 0.5) * 1e-10)) : score;
    });
  }
  function expectSameAsComparisonFor(n: number, priorityLevels: number, valueLevels: number, seed: number) {
    const next = seeded(seed);
    const priority = scores(n, priorityLevels, next);
    const value = scores(n, valueLevels, next);
    const ids = Array.from({ length: n }, (_, i) => `id-${(i * 104729) % n}`);
    const unratedShare = next() < 0.5 ? 0 : next() * 0.2;
    const last = Uint8Array.from({ length: n }, () => (next() < unratedShare ? 1 : 0));
    expectSameAsComparison(priority, value, ids, last);
  }
  const seed = fc.integer({ min: 1, max: 2147483646 });

  test.prop([size, fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1, max: 120 }), seed], {
    numRuns: 20,
  })(
    "many ties (integer ratings): the same order and ranks as a comparison sort",
    (n, priorityLevels, valueLevels, seedValue) => {
      expectSameAsComparisonFor(n, priorityLevels, valueLevels, seedValue);
    },
  );

  test.prop([size, fc.constantFrom(0, 20_000), fc.constantFrom(0, 7), seed], { numRuns: 10 })(
    "continuous or nearly distinct scores: the same order and ranks as a comparison sort",
    (n, priorityLevels, valueLevels, seedValue) => {
      expectSameAsComparisonFor(n, priorityLevels, valueLevels, seedValue);
    },
  );

  // About n / 8 distinct keys: some runs gather them all, others give up part-way and fall back.
  test.prop(
    [
      size,
      fc.double({ min: 1 / 16, max: 1 / 4, noNaN: true }),
      fc.double({ min: 1 / 16, max: 1 / 4, noNaN: true }),
      seed,
    ],
    { numRuns: 20 },
  )(
    "distinct keys near the count the dense ranks give up at: the same order and ranks as a comparison sort",
    (n, priorityShare, valueShare, seedValue) => {
      expectSameAsComparisonFor(n, Math.round(n * priorityShare), Math.round(n * valueShare), seedValue);
    },
  );
});
