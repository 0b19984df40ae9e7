import { catalogInitiatives, defaultModel, score } from "@cxprism/core";
import { renderMatrixText } from "@cxprism/core/matrix";
import { describe, expect, it } from "vitest";
import { colourMatrixText } from "./matrix-colour.js";

const results = score(catalogInitiatives());
const plain = renderMatrixText(results);
const coloured = colourMatrixText(plain, defaultModel.quadrantLabels);
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
const strip = (text: string) => text.replace(ANSI, "");

describe("colourMatrixText", () => {
  it("only adds colour: without the escapes it is the plain matrix", () => {
    expect(coloured).not.toBe(plain);
    expect(strip(coloured)).toBe(plain);
  });

  it("colours each key line by its quadrant", () => {
    const keyLines = coloured
      .split("\n")
      .filter((line) => /^\s*\d+ {2}/.test(strip(line)) && /[A-Za-z]/.test(line));
    const byLabel = { "Likely win": "32", "Calculated risk": "33", "Marginal gain": "36", Unlikely: "2" };
    for (const line of keyLines) {
      const label = Object.keys(byLabel).find((l) => strip(line).endsWith(l)) as keyof typeof byLabel;
      expect(line.startsWith(`\u001b[${byLabel[label]}m`)).toBe(true);
    }
    expect(keyLines).toHaveLength(results.length);
  });

  it("colours a number in the chart as its key line, and not the axis ticks", () => {
    const chart = coloured.split("\n\n")[0]!;
    // Number 1 is the best likely win: green in the chart.
    expect(chart).toContain("\u001b[32m1\u001b[39m");
    expect(chart).toMatch(/^100 /m);
    expect(chart.split("\n").at(-1)).not.toContain("\u001b[");
  });
});
