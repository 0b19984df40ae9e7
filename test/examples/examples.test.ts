import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { catalog, catalogInitiatives, renderCatalogCsv, score } from "@cxprism/core";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("examples", () => {
  it("contact-center.csv is the catalog, row for row (rebuild with pnpm examples:build)", () => {
    const file = readFileSync(new URL("examples/contact-center.csv", `file://${root}`), "utf8");
    expect(file).toBe(renderCatalogCsv());
    expect(file.trim().split("\n")).toHaveLength(catalog.length + 1);
  });

  it("score-portfolio.ts prints the ranking of the example portfolio, best first", () => {
    const output = execFileSync(
      process.execPath,
      ["--import", "tsx", "--conditions=@cxprism/source", "examples/score-portfolio.ts"],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    const lines = output.trim().split("\n");
    expect(lines[0]).toMatch(/rank\s+initiative\s+value\s+feas\.\s+prio\.\s+quadrant/);
    const expectedOrder = score(catalogInitiatives()).map((result) => result.name);
    const printedOrder = lines
      .slice(1)
      .map((line) => expectedOrder.find((name) => line.includes(` ${name} `)));
    expect(printedOrder).toEqual(expectedOrder);
  });

  it("score-portfolio.ts reports a broken file at its row and column, exit code 1", () => {
    const run = () =>
      execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "--conditions=@cxprism/source",
          "examples/score-portfolio.ts",
          "test/examples/broken.csv",
        ],
        {
          cwd: root,
          encoding: "utf8",
          stdio: "pipe",
        },
      );
    expect(run).toThrow(/broken\.csv:2:cx_impact: expected a number from 1 to 5, received "high"/);
  });
});
