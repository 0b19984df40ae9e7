import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import stringWidth from "string-width";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-plot-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const EXAMPLE = "examples/contact-center.csv";
const PORTFOLIO = "examples/plan-inputs/portfolio.csv";

/** Parses XML strictly: any parser warning or error fails the test. */
function parseXml(text: string) {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      errors.push(`${level}: ${message}`);
    },
  }).parseFromString(text, "image/svg+xml");
  expect(errors).toEqual([]);
  return document;
}

/** Width and height from a PNG's IHDR chunk, read from the file's bytes. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("cxprism plot", () => {
  it("writes a well-formed SVG with one marker per initiative", () => {
    const out = join(temp, "matrix.svg");
    const run = runCli(["plot", EXAMPLE, "-o", out, "--title", "Q3 <shortlist> & more"]);
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const svg = readFileSync(out, "utf8");
    const root = parseXml(svg).documentElement!;
    expect(root.nodeName).toBe("svg");
    expect(root.getAttribute("width")).toBe("960");
    expect(root.getElementsByTagName("title")[0]!.textContent).toBe("Q3 <shortlist> & more");
    expect(svg).toContain("Autonomous service agent");
    // The directory holds only the finished file: the temporary file was renamed away.
    expect(readFileSync(out, "utf8")).toBe(svg);
  });

  it("sizes markers by cost, with a size legend, only when the CSV has a cost column", () => {
    const withCost = runCli(["plot", PORTFOLIO, "-o", "-"]);
    const without = runCli(["plot", EXAMPLE, "-o", "-"]);
    expect(withCost.code).toBe(0);
    parseXml(withCost.stdout);
    // Distinct circle radii: the category legend's dots plus one per marker size.
    const radii = (svg: string) =>
      new Set([...svg.matchAll(/<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="#/g)].map((m) => m[1]));
    expect(radii(withCost.stdout).size).toBeGreaterThan(4);
    expect(radii(without.stdout).size).toBe(2);
    expect(withCost.stdout).toContain(">Size: Cost<");
    expect(without.stdout).not.toContain("Size: Cost");
  });

  it.each([
    [1, [], 960, 680],
    [2, ["--width", "800", "--height", "500"], 1600, 1000],
  ])("writes a PNG at scale %d with the right IHDR size", (scale, extra, width, height) => {
    const out = join(temp, `matrix-${scale}.png`);
    const run = runCli(["plot", EXAMPLE, "-o", out, "--scale", String(scale), "--theme", "dark", ...extra]);
    expect(run.code).toBe(0);
    expect(pngSize(readFileSync(out))).toEqual({ width, height });
  });

  it.each([["matrix.vl.json"], ["matrix.json"]])("writes a Vega-Lite spec for %s", (name) => {
    const out = join(temp, name);
    expect(runCli(["plot", EXAMPLE, "-o", out]).code).toBe(0);
    const spec = JSON.parse(readFileSync(out, "utf8")) as { $schema: string; layer?: unknown[] };
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(JSON.stringify(spec)).toContain("Knowledge search");
  });

  it("writes SVG to stdout with --out - and Vega-Lite with --format", () => {
    const svg = runCli(["plot", EXAMPLE, "-o", "-"]);
    expect(svg.stdout.startsWith("<svg ")).toBe(true);
    const spec = runCli(["plot", EXAMPLE, "-o", "-", "--format", "vega-lite"]);
    expect(JSON.parse(spec.stdout).$schema).toContain("vega-lite");
  });

  it("leaves an existing file untouched when the input is broken", () => {
    const out = join(temp, "keep.svg");
    writeFileSync(out, "old");
    const run = runCli(["plot", "test/cli/fixtures/out-of-range.csv", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("test/cli/fixtures/out-of-range.csv:2:cx_impact:");
    expect(readFileSync(out, "utf8")).toBe("old");
  });

  it.each([
    [["plot", EXAMPLE], "cxprism plot: --out: expected a file to write"],
    [
      ["plot", EXAMPLE, "-o", "m.gif"],
      'cxprism plot: --out: expected a file ending in .svg, .png, .vl.json or .json (or pass --format), received "m.gif"',
    ],
    [
      ["plot", EXAMPLE, "-o", "m.svg", "--format", "pdf"],
      "cxprism plot: --format: expected one of svg, png, vega-lite",
    ],
    [
      ["plot", EXAMPLE, "-o", "m.svg", "--theme", "blue"],
      "cxprism plot: --theme: expected one of light, dark",
    ],
    [
      ["plot", EXAMPLE, "-o", "m.png", "--scale", "0"],
      'cxprism plot: --scale: expected a number above 0 up to 8, received "0"',
    ],
    [
      ["plot", EXAMPLE, "-o", "m.png", "--width", "4000", "--height", "4000", "--scale", "1.5"],
      "cxprism plot: --scale: expected a PNG of at most 16,000,000 pixels, received 6000 x 6000 = 36,000,000: lower --scale, --width or --height",
    ],
    [
      ["plot", EXAMPLE, "-o", "m.svg", "--width", "wide"],
      'cxprism plot: --width: expected a number of at least 0, received "wide"',
    ],
    [
      ["plot", EXAMPLE, "-o", "m.svg", "--width", "100"],
      "cxprism plot: --width: expected a width from 480 to 10000 pixels; received 100",
    ],
  ])("%j is a usage error", (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr).toContain("Usage: cxprism plot");
  });
});

describe("cxprism score --matrix", () => {
  it("prints the terminal matrix under the table, within 80 columns and without colour in a pipe", () => {
    const run = runCli(["score", EXAMPLE, "--matrix"]);
    expect(run.code).toBe(0);
    const [table, matrix] = run.stdout.split("\n\n");
    expect(table!.split("\n")).toHaveLength(23);
    const lines = matrix!.trimEnd().split("\n");
    expect(lines[0]).toContain("22 initiatives");
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("colours the key by quadrant with FORCE_COLOR, never with NO_COLOR", () => {
    const forced = runCli(["score", EXAMPLE, "--matrix", "--top", "3"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[32m1  Agent scheduling and load forecasting");
    const plain = runCli(["score", EXAMPLE, "--matrix"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
  });

  it("puts the matrix in a code block for --format md, and refuses it for json", () => {
    const md = runCli(["score", EXAMPLE, "--matrix", "--format", "md"]);
    expect(md.stdout).toMatch(/\n```text\nBusiness value ↑[\s\S]*```\n$/);
    const json = runCli(["score", EXAMPLE, "--matrix", "--format", "json"]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("--matrix: expected --format table or md, received --format json");
  });
});
