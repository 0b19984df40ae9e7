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

  it("handles the empty list", () => {
    expect(rank([])).toEqual([]);
  });
});
