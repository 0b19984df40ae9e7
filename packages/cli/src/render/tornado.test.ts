import type { Tornado, TornadoBar } from "@cxprism/core/confidence";
import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { HALF_WIDTH, renderBar, renderTornadoChart, truncateColumns } from "./tornado.js";

function bar(label: string, deltaDown: number, deltaUp: number, rating = 3): TornadoBar {
  return {
    criterion: label.toLowerCase(),
    label,
    axis: "value",
    step: 1,
    rating,
    ratingDown: rating - 1,
    ratingUp: rating + 1,
    priorityDown: 50 + deltaDown,
    priorityUp: 50 + deltaUp,
    deltaDown,
    deltaUp,
    rankDown: 1,
    rankUp: 1,
  };
}

function tornado(bars: TornadoBar[], name = "Virtual assistant"): Tornado {
  return { id: "va", name, priority: 50, rank: 2, bars };
}

describe("renderBar", () => {
  it.each([
    [0, false, ""],
    [1, false, "█"],
    [2.5, false, "██▌"],
    [2.5, true, "▐██"],
    [0.2, true, ""],
    [0.3, false, "▌"],
  ])("%d columns (growing left: %s) -> %j", (cells, left, expected) => {
    expect(renderBar(cells, left)).toBe(expected);
  });
});

describe("truncateColumns", () => {
  it.each([
    ["Data readiness", 18, "Data readiness"],
    ["Organisational readiness", 18, "Organisational re…"],
    ["顧客体験インパクト", 10, "顧客体験…"],
  ])("%j in %i columns -> %j", (text, width, expected) => {
    expect(truncateColumns(text, width)).toBe(expected);
    expect(stringWidth(truncateColumns(text, width))).toBeLessThanOrEqual(width);
  });
});

describe("renderTornadoChart", () => {
  it("puts the fall on the left and the rise on the right, the widest swing filling a half", () => {
    const chart = renderTornadoChart(
      tornado([bar("Data readiness", -4, 2), bar("Integration effort", 1, -2, 4)]),
      {
        colour: false,
      },
    );
    const [, , first, second] = chart.split("\n");
    expect(first).toBe(
      `Data readiness       3   -4.0 ↓ ${"█".repeat(HALF_WIDTH)}│${"█".repeat(9)}${" ".repeat(9)} ↑ +2.0`,
    );
    // A cost criterion: moving the rating up lowers priority, so the up move is on the left.
    expect(second).toBe(
      `Integration effort   4   -2.0 ↑ ${" ".repeat(9)}${"█".repeat(9)}│${"█".repeat(4)}▌${" ".repeat(13)} ↓ +1.0`,
    );
  });

  it("uses no escape sequences without colour, and colours the bars with it", () => {
    const bars = [bar("Data readiness", -4, 2)];
    expect(renderTornadoChart(tornado(bars), { colour: false })).not.toContain("\u001b[");
    expect(renderTornadoChart(tornado(bars), { colour: true })).toContain("\u001b[33m");
  });

  it("says so when nothing can move the priority", () => {
    expect(renderTornadoChart(tornado([]), { colour: false })).toContain("no weighted criterion");
  });

  it("fits every bar row in 80 columns, whatever the labels and deltas", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.string({ unit: "grapheme", maxLength: 60 }),
            down: fc.double({ min: -100, max: 100, noNaN: true }),
            up: fc.double({ min: -100, max: 100, noNaN: true }),
            rating: fc.integer({ min: 1, max: 100 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          const chart = renderTornadoChart(tornado(specs.map((s) => bar(s.label, s.down, s.up, s.rating))), {
            colour: false,
          });
          const rows = chart.split("\n").slice(2, 2 + specs.length);
          for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(80);
        },
      ),
      { numRuns: 200 },
    );
  });
});
