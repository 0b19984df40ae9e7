import { describe, expect, it } from "vitest";
import { readPlotFormat, renderPng } from "./plot.js";

describe("readPlotFormat", () => {
  it.each([
    [undefined, "matrix.svg", "svg"],
    [undefined, "MATRIX.PNG", "png"],
    [undefined, "matrix.vl.json", "vega-lite"],
    [undefined, "matrix.json", "vega-lite"],
    [undefined, "-", "svg"],
    ["png", "-", "png"],
    ["vega-lite", "chart.svg", "vega-lite"],
  ] as const)("--format %s --out %s -> %s", (format, out, expected) => {
    expect(readPlotFormat(format, out)).toBe(expected);
  });

  it.each([
    [undefined, "matrix.gif", "--out: expected a file ending in .svg, .png, .vl.json or .json"],
    ["pdf", "matrix.svg", "--format: expected one of svg, png, vega-lite"],
  ])("--format %s --out %s is a usage error", (format, out, message) => {
    expect(() => readPlotFormat(format, out)).toThrow(message);
  });
});

describe("renderPng", () => {
  it.each([
    [1, 100, 40],
    [2.5, 250, 100],
  ])("draws at scale %d to %dx%d", async (scale, width, height) => {
    const png = Buffer.from(
      await renderPng(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect width="100" height="40" fill="#123456"/></svg>',
        scale,
      ),
    );
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([width, height]);
  });
});
