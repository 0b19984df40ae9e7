import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, runCli } from "./run-cli.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);
const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-errors-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("cxprism score: broken files exit 1 with FILE:ROW:COLUMN lines", () => {
  it.each([
    [
      "missing-column.csv",
      [
        'test/cli/fixtures/missing-column.csv:1: expected a column for criterion data_readiness ("Data readiness"), received none (or set missing to "neutral" to score the scale midpoint: --missing neutral, ?missing=neutral)',
      ],
    ],
    [
      "no-name-column.csv",
      [
        expect.stringMatching(
          /^test\/cli\/fixtures\/no-name-column\.csv:1: expected a "name" column, received the columns "id", "cx_impact",/,
        ),
      ],
    ],
    [
      "text-in-number.csv",
      [
        'test/cli/fixtures/text-in-number.csv:3:data_readiness: expected a number from 1 to 5, received "high"',
      ],
    ],
    [
      "out-of-range.csv",
      [
        "test/cli/fixtures/out-of-range.csv:2:cx_impact: expected a number from 1 to 5, received 7",
        "test/cli/fixtures/out-of-range.csv:3:time_to_value: expected a number from 1 to 5, received 0",
      ],
    ],
    [
      "duplicate-id.csv",
      ['test/cli/fixtures/duplicate-id.csv:4:id: expected a unique id, received "a", already used by row 2'],
    ],
    [
      "empty.csv",
      ["test/cli/fixtures/empty.csv: expected a header row and initiative rows, received an empty file"],
    ],
    [
      "header-only.csv",
      [
        "test/cli/fixtures/header-only.csv:2: expected at least one initiative row after the header, received none",
      ],
    ],
    [
      "garbage.bin",
      [
        'test/cli/fixtures/garbage.bin: expected a CSV file in UTF-8 text, received binary or non-UTF-8 data (save the spreadsheet as "CSV UTF-8")',
      ],
    ],
    [
      "unclosed-quote.csv",
      [
        "test/cli/fixtures/unclosed-quote.csv:3: expected a closing quote for the quoted field that starts in this row, received the end of the file",
      ],
    ],
  ])("%s", (name, lines) => {
    const run = runCli(["score", fixture(name)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const printed = run.stderr.trimEnd().split("\n");
    expect(printed.slice(0, -1)).toEqual(lines);
    expect(printed.at(-1)).toBe(`${lines.length} problem${lines.length === 1 ? "" : "s"}`);
  });

  it("scores a file with a missing column when missing is neutral, and says so", () => {
    const run = runCli(["score", fixture("missing-column.csv"), "--missing", "neutral"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Alpha");
    expect(run.stderr).toBe(
      "note: 1 initiative(s) had missing ratings, scored at the scale midpoint (--missing neutral)\n",
    );
  });

  it("reports every problem at once, the first 20 and how many more", () => {
    const file = join(temp, "many.csv");
    const rows = Array.from({ length: 30 }, (_, k) => `i${k},Item ${k},high${",3".repeat(ids.length - 1)}`);
    writeFileSync(file, `id,name,${ids.join(",")}\n${rows.join("\n")}\n`);
    const run = runCli(["score", file]);
    expect(run.code).toBe(1);
    const printed = run.stderr.trimEnd().split("\n");
    expect(printed).toHaveLength(21);
    expect(printed[0]).toBe(`${file}:2:cx_impact: expected a number from 1 to 5, received "high"`);
    expect(printed[19]).toBe(`${file}:21:cx_impact: expected a number from 1 to 5, received "high"`);
    expect(printed[20]).toBe("... and 10 more (30 problems in all; fix these and rerun)");
  });

  it("places a rater's problem at that rater's row", () => {
    const file = join(temp, "raters.csv");
    const r = ",3".repeat(ids.length - 1);
    writeFileSync(
      file,
      `id,name,rater,${ids.join(",")}\na,A,Maria,3${r}\na,A,,4${r}\nb,B,Maria,3${r}\nb,B,Jussi,9${r}\n`,
    );
    const run = runCli(["score", file]);
    expect(run.stderr.trimEnd().split("\n").slice(0, -1)).toEqual([
      `${file}:3:rater: expected a rater name, received nothing`,
      `${file}:5:cx_impact: expected a number from 1 to 5, received 9`,
    ]);
  });

  it("reports a missing file in one line", () => {
    const run = runCli(["score", "no-such-file.csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("no-such-file.csv: cannot read the file (no such file)\n");
  });

  it("reports a broken model file with its JSON path", () => {
    const file = join(temp, "model.json");
    writeFileSync(
      file,
      JSON.stringify({ ...defaultModel, criteria: [{ ...defaultModel.criteria[0], weight: -1 }] }),
    );
    const run = runCli(["score", fixture("clean.csv"), "--model", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: criteria[0].weight: expected a weight of at least 0, received -1`);
  });
});

describe("cxprism validate", () => {
  it("says ok and exits 0 for a clean file", () => {
    const run = runCli(["validate", fixture("messy.csv")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("test/cli/fixtures/messy.csv: ok, 5 initiatives from 5 rows\n");
  });

  it("reports problems and exits 1", () => {
    const run = runCli(["validate", fixture("out-of-range.csv")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("out-of-range.csv:2:cx_impact:");
  });
});

describe("usage errors exit 2 with the command's help", () => {
  it.each([
    [["score"], "cxprism score: expected FILE|-, received nothing"],
    [
      ["score", "a.csv", "--format", "xml"],
      'cxprism score: --format: expected one of table, json, csv, md, received "xml"',
    ],
    [
      ["score", "a.csv", "--top", "0"],
      'cxprism score: --top: expected a whole number of at least 1, received "0"',
    ],
    [["score", "a.csv", "--quadrant", "best"], "cxprism score: --quadrant: expected one of likely-win"],
    [["score", "a.csv", "--missing", "zero"], "cxprism score: --missing: expected one of error, neutral"],
    [["score", "a.csv", "--colour"], "cxprism score: Unknown option '--colour'"],
    [
      ["score", "a.csv", "b.csv"],
      'cxprism score: expected at most 1 argument(s), received 2: "a.csv" "b.csv"',
    ],
    [["catalog", "--format", "md"], "cxprism catalog: --format: expected one of table, csv, json"],
    [["model", "--schemas"], "cxprism model: Unknown option '--schemas'"],
  ])("%j", (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr).toContain(`Usage: cxprism ${args[0]}`);
    expect(run.stderr).toContain("Examples:");
  });

  it("suggests the nearest command for a typo", () => {
    const run = runCli(["scor", "a.csv"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('received "scor" (did you mean "score"?)');
    expect(run.stderr).toContain("Commands:");
  });

  it("prints the main help on stderr with no command", () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: cxprism COMMAND");
  });

  it.each(["score", "validate", "catalog", "init", "model"])(
    "%s --help prints usage and examples, exit 0",
    (name) => {
      const run = runCli([name, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: cxprism ${name}`);
      expect(run.stdout).toMatch(/Examples:\n {2}# .+\n {2}cxprism /);
    },
  );
});
