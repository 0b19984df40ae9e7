import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { CxprismError } from "../errors.js";
import { score } from "../pipeline/score.js";
import type { MatrixInput } from "./options.js";
import { renderMatrixText } from "./text.js";
import { terminalColumns } from "./text-width.js";

const example = score(catalogInitiatives());
const lines = (text: string): string[] => text.replace(/\n$/, "").split("\n");

function point(id: string, name: string, value: number, feasibility: number): MatrixInput {
  return { id, name, category: "", value, feasibility };
}

describe("renderMatrixText", () => {
  it("fits 80 columns by default and ends with a newline", () => {
    const text = renderMatrixText(example);
    expect(text.endsWith("\n")).toBe(true);
    for (const line of lines(text)) expect(terminalColumns(line)).toBeLessThanOrEqual(80);
  });

  it("draws a box with the thresholds as crossing lines", () => {
    const chart = lines(renderMatrixText(example));
    expect(chart[1]).toMatch(/^100 ┌─+┬─+┐$/);
    expect(chart.some((line) => /^ 50 ├.*┼.*┤$/.test(line))).toBe(true);
    expect(chart[22]).toMatch(/^ {2}0 └─+┴─+┘$/);
  });

  it("labels the quadrants and lists every initiative in the key, in priority order", () => {
    const text = renderMatrixText(example);
    for (const label of ["Likely win", "Calculated risk", "Marginal gain", "Unlikely"])
      expect(text).toContain(label);
    const key = lines(text).slice(25);
    expect(key).toHaveLength(example.length);
    key.forEach((line, index) => {
      expect(line.trimStart().startsWith(`${index + 1} `)).toBe(true);
      expect(line).toContain(example[index]!.name.slice(0, 20));
    });
  });

  it("puts a number in the cell of its scores", () => {
    const chart = lines(
      renderMatrixText([point("a", "Top right", 100, 100), point("b", "Bottom left", 0, 0)]),
    );
    // Row 2 is the top of the plot (value 100); the last plot row is value 0.
    expect(chart[2]!.trimEnd().endsWith("1│")).toBe(true);
    expect(chart[21]!.startsWith("    │2")).toBe(true);
  });

  it("never puts a number on a divider line, and keeps it on its own side", () => {
    const chart = lines(
      renderMatrixText([
        point("a", "On both thresholds", 50, 50),
        point("b", "Just below value", 49.9, 80),
        point("c", "Just below feasibility", 80, 49.9),
      ]),
    );
    const plot = chart.slice(2, 22);
    const column = plot[0]!.indexOf("│", 5);
    for (const line of plot) expect(["│", "┼"]).toContain(line[column]);
    const divider = plot.findIndex((line) => line.includes("┼"));
    expect(plot[divider]!.slice(5, -1)).toMatch(/^[─┼]+$/);
    const where = (n: string) => {
      const row = plot.findIndex((line) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(line.slice(5, -1)));
      return { above: row < divider, right: plot[row]!.indexOf(n, 5) > column };
    };
    // Numbered by priority: 1 = c (calculated risk), 2 = b (marginal gain), 3 = a (likely win, on both lines).
    expect(where("1")).toEqual({ above: true, right: false });
    expect(where("2")).toEqual({ above: false, right: true });
    expect(where("3")).toEqual({ above: true, right: true });
  });

  it("keeps numbers apart when initiatives share a spot", () => {
    const text = renderMatrixText(Array.from({ length: 12 }, (_, i) => point(`p${i}`, `P${i}`, 50, 50)));
    const numbers = lines(text)
      .slice(2, 22)
      .flatMap((line) => line.match(/\d+/g) ?? []);
    expect(numbers.map(Number).sort((a, b) => a - b)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => i + 1),
      50,
    ]);
  });

  it.each([
    [60, 16],
    [100, 30],
    [30, 10],
  ])("honours width %d and height %d", (width, height) => {
    const text = renderMatrixText(example, { width, height });
    const all = lines(text);
    expect(all.slice(0, height)).toHaveLength(height);
    expect(all[height - 1]).toMatch(/^ {4}0/);
    for (const line of all) expect(terminalColumns(line)).toBeLessThanOrEqual(width);
  });

  it("counts wide characters as two columns", () => {
    const text = renderMatrixText(
      [point("a", "客户服务智能助手客户服务智能助手客户服务智能助手客户服务智能助手", 70, 70)],
      {
        model: { quadrantLabels: { "likely-win": "优先实施" } },
      },
    );
    for (const line of lines(text)) expect(terminalColumns(line)).toBeLessThanOrEqual(80);
    expect(text).toContain("优先实施");
  });

  it.each([
    ["width", { width: 20 }],
    ["height", { height: 5 }],
  ])("rejects a %s too small", (_, options) => {
    expect(() => renderMatrixText(example, options)).toThrow(CxprismError);
  });

  test.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
        maxLength: 70,
      }),
    ],
    {
      numRuns: 30,
      seed: 3,
    },
  )("places every initiative's number exactly once, within 80 columns", (scores) => {
    const text = renderMatrixText(scores.map(([v, f], i) => point(`i${i}`, `Initiative ${i}`, v, f)));
    const plotRows = lines(text).slice(2, 22);
    const numbers = plotRows.flatMap((line) => line.slice(4).match(/\d+/g) ?? []).map(Number);
    // Threshold ticks sit left of the frame, so every number inside is a marker.
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: scores.length }, (_, i) => i + 1));
    expect(renderMatrixText(scores.map(([v, f], i) => point(`i${i}`, `Initiative ${i}`, v, f)))).toBe(text);
  });
});
