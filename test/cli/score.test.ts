import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel, type InitiativeInput, score } from "@cxprism/core";
import { parse } from "csv-parse/sync";
import stringWidth from "string-width";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, runCli } from "./run-cli.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface JsonOutput {
  model: { id: string };
  results: {
    id: string;
    name: string;
    rank: number;
    priority: number;
    quadrant: string;
    extra?: Record<string, string>;
  }[];
}

describe("cxprism score: a clean file", () => {
  it("prints a ranked, aligned table without colour when piped", () => {
    const run = runCli(["score", fixture("clean.csv")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("note: kept as extra columns: owner\n");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^rank\s+initiative\s+value\s+feasibility\s+priority\s+quadrant$/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^\s+1\s+Virtual assistant\s+77\.5\s+48\.8\s+60\.4\s+Calculated risk$/);
    expect(run.stdout).not.toContain("\u001b[");
  });

  it.each([
    [{ FORCE_COLOR: "1" }, true],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false],
    [{ NO_COLOR: "" }, false],
  ])("colours quadrants only on a terminal or when forced, never with NO_COLOR (%j)", (env, coloured) => {
    // The test's stdout is a pipe; FORCE_COLOR stands in for a terminal. NO_COLOR wins.
    const run = runCli(["score", fixture("clean.csv")], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.includes("\u001b[32mLikely win\u001b[39m")).toBe(coloured);
  });

  it("prints {model, results} as JSON, with extra columns passed through", () => {
    const run = runCli(["score", fixture("clean.csv"), "--format", "json"]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as JsonOutput;
    expect(output.model.id).toBe("cx-ai-prism");
    expect(output.results.map((result) => result.id)).toEqual(["va", "ks", "sa", "ac"]);
    expect(output.results[2]!.extra).toEqual({ owner: "Lee, Ana" });
  });

  it("prints CSV a spreadsheet (or csv-parse) reads back, with cost and ratings, extra columns last", () => {
    const run = runCli(["score", fixture("clean.csv"), "--format", "csv"]);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "rank",
      "id",
      "name",
      "category",
      "value",
      "feasibility",
      "priority",
      "quadrant",
      "cost",
      ...defaultModel.criteria.map((criterion) => criterion.id),
      "owner",
    ]);
    expect(rows.map((row) => [row.rank, row.id, row.owner])).toEqual([
      ["1", "va", "Maria"],
      ["2", "ks", "Jussi"],
      ["3", "sa", "Lee, Ana"],
      ["4", "ac", "Omar"],
    ]);
    expect(Number(rows[0]!.priority)).toBeCloseTo(60.4, 1);
  });

  it("prints a Markdown table", () => {
    const run = runCli(["score", fixture("clean.csv"), "--format", "md"]);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "| rank | initiative | value | feasibility | priority | quadrant |",
      "| ---: | --- | ---: | ---: | ---: | --- |",
      "| 1 | Virtual assistant | 77.5 | 48.8 | 60.4 | Calculated risk |",
    ]);
  });

  it.each([
    [
      ["--top", "2"],
      ["va", "ks"],
    ],
    [
      ["--quadrant", "calculated-risk"],
      ["va", "ac"],
    ],
    [["--quadrant", "Calculated risk", "--top", "1"], ["va"]],
    [["--quadrant", "unlikely"], []],
  ])("filters with %j", (flags, expected) => {
    const run = runCli(["score", fixture("clean.csv"), "--format", "json", ...flags]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonOutput).results.map((result) => result.id)).toEqual(expected);
  });

  it("reads stdin with -", () => {
    const run = runCli(["score", "-", "--format", "csv"], {
      input: readFileSync(fixture("clean.csv"), "utf8"),
    });
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toHaveLength(6);
  });

  it("combines several raters of one initiative", () => {
    const run = runCli(["score", fixture("raters.csv"), "--format", "json"]);
    expect(run.code).toBe(0);
    const results = (JSON.parse(run.stdout) as { results: { id: string; raters: number }[] }).results;
    expect(results.map((result) => [result.id, result.raters])).toEqual([
      ["ks", 2],
      ["va", 2],
    ]);
  });
});

describe("cxprism score --out", () => {
  it("writes the file whole and leaves no temporary file", () => {
    const out = join(temp, "ranking.csv");
    const run = runCli(["score", fixture("clean.csv"), "--format", "csv", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(out, "utf8").split("\n")[1]).toMatch(/^1,va,/);
    expect(readdirSync(temp)).toEqual(["ranking.csv"]);
  });

  it("leaves an existing file untouched when the input has problems", () => {
    const out = join(temp, "keep.csv");
    writeFileSync(out, "previous\n");
    const run = runCli(["score", fixture("out-of-range.csv"), "--out", out]);
    expect(run.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
  });

  it("reports a directory it cannot write to in one line", () => {
    const run = runCli(["score", fixture("clean.csv"), "--out", join(temp, "no/such/dir/x.csv")]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("cannot write the file");
  });
});

describe("cxprism score: a messy spreadsheet export", () => {
  // Semicolons, a BOM, CRLF, decimal commas, quoted line breaks, headers by label in any case, and names in
  // Finnish, Russian, Arabic and Japanese.
  const expectedNames = [
    "コールセンター要約",
    "Äänipalvelun ohjaus",
    "مساعد الوكيل",
    "Голосовой помощник",
    'Chatbot "Aino"',
  ];

  it("scores it exactly like the same ratings given to the library", () => {
    const run = runCli(["score", fixture("messy.csv"), "--format", "json"]);
    expect(run.code).toBe(0);
    const rows: [string, string, number[]][] = [
      ["Äänipalvelun ohjaus", "routing & workforce", [4, 3.5, 3, 3, 4, 4, 3, 3, 4, 5, 2]],
      ["Голосовой помощник", "self-service", [4.5, 5, 3, 3, 5, 4, 2.5, 4, 3, 3, 3]],
      ["مساعد الوكيل", "agent assist", [3, 3, 2, 4.25, 4, 4, 3, 2, 4, 5, 2]],
      ["コールセンター要約", "agent assist", [3, 4, 2, 5, 4, 5, 4, 2, 4, 5, 1]],
      ['Chatbot "Aino"', "self-service", [3, 4, 2, 2, 3, 4, 3, 3, 3, 4, 2]],
    ];
    const initiatives: InitiativeInput[] = rows.map(([name, category, values]) => ({
      name,
      category,
      ratings: Object.fromEntries(ids.map((id, k) => [id, values[k]!])),
    }));
    const expected = score(initiatives);
    const actual = (JSON.parse(run.stdout) as JsonOutput).results;
    expect(actual.map((result) => result.name)).toEqual(expected.map((result) => result.name));
    actual.forEach((result, k) => {
      expect(result.priority).toBeCloseTo(expected[k]!.priority, 12);
    });
    expect(actual.map((result) => result.name)).toEqual(expectedNames);
    expect(actual[1]!.extra).toEqual({ Huomio: "tärkeä" });
    expect(actual[2]!.extra).toEqual({ Huomio: "ملاحظة" });
  });

  it("keeps every name intact through CSV output", () => {
    const run = runCli(["score", fixture("messy.csv"), "--format", "csv"]);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.name)).toEqual(expectedNames);
    expect(rows[1]!.id).toBe("äänipalvelun-ohjaus");
  });

  it("aligns the table by display width, whatever the script", () => {
    const run = runCli(["score", fixture("messy.csv")]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    // The value column ends at the same display column on every line.
    const ends = lines.map((line) => {
      const match = /^(.*?\S)\s+(value|\d+\.\d)\s/.exec(line)!;
      return stringWidth(line.slice(0, match.index + match[0].length));
    });
    expect(new Set(ends).size).toBe(1);
  });
});
