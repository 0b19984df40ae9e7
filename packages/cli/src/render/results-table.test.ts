import type { Result } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { oneLine, renderResultsMarkdown, renderResultsTable } from "./results-table.js";

function result(name: string, rank: number): Result {
  return {
    id: `i${rank}`,
    name,
    category: "",
    value: 62.5,
    feasibility: 40,
    priority: 50.123,
    quadrant: "calculated-risk",
    quadrantLabel: "Calculated risk",
    rank,
    contributions: { value: {}, feasibility: {} },
    raters: 1,
    disagreement: 0,
    warnings: [],
  };
}

describe("oneLine", () => {
  it.each([
    ["Two\r\nlines", "Two lines"],
    ["tab\there", "tab here"],
    ["\u001b[2Jwiped", "[2Jwiped"], // an escape sequence in a name cannot drive the terminal
    ["  padded  ", "padded"],
  ])("%j -> %j", (text, expected) => {
    expect(oneLine(text)).toBe(expected);
  });
});

describe("renderResultsTable", () => {
  it("pads names by display width, so wide characters line up", () => {
    const table = renderResultsTable([result("要約", 1), result("abcd", 2)], { colour: false });
    expect(table).toBe(
      [
        "rank  initiative  value  feasibility  priority  quadrant",
        "   1  要約         62.5         40.0      50.1  Calculated risk",
        "   2  abcd         62.5         40.0      50.1  Calculated risk",
        "",
      ].join("\n"),
    );
  });

  it("colours the quadrant when asked", () => {
    const table = renderResultsTable([result("A", 1)], { colour: true });
    expect(table).toContain("\u001b[33mCalculated risk\u001b[39m");
  });
});

describe("renderResultsMarkdown", () => {
  it("escapes pipes in names", () => {
    expect(renderResultsMarkdown([result("A | B", 1)]).split("\n")[2]).toBe(
      "| 1 | A \\| B | 62.5 | 40.0 | 50.1 | Calculated risk |",
    );
  });

  it("escapes HTML, so a name shows as text and never runs as markup", () => {
    expect(renderResultsMarkdown([result('<img src=x onerror="alert(1)"> & co', 1)]).split("\n")[2]).toBe(
      '| 1 | &lt;img src=x onerror="alert(1)"&gt; &amp; co | 62.5 | 40.0 | 50.1 | Calculated risk |',
    );
  });
});
