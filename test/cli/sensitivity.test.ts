import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { fixture, runCli } from "./run-cli.js";

interface SensitivityJson {
  monteCarlo: {
    iterations: number;
    seed: number;
    k: number;
    initiatives: {
      id: string;
      baseRank: number;
      rankProbabilities: number[];
      topK: number;
      quadrants: Record<string, number>;
      summary: string;
    }[];
  };
  stability: { method: string; k: number; top1: string; criteria: { criterion: string }[] };
  methods: {
    topK: number;
    rankings: { method: string; ranks: number[]; order: string[] }[];
    agreement: { methods: [string, string]; spearman: number | null; kendall: number | null }[];
    shortlistChanges: { id: string; inside: string[]; outside: string[] }[];
    vikor: { compromise: string[]; acceptableAdvantage: boolean | null; acceptableStability: boolean | null };
  };
  tornado?: { id: string; bars: unknown[] };
}

const FAST = ["--iterations", "2000"];

describe("cxprism sensitivity", () => {
  it("prints the probability table, summaries and stability intervals", () => {
    const run = runCli(["sensitivity", fixture("clean.csv"), ...FAST]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Monte Carlo: 2,000 plausible worlds, seed 1.");
    expect(lines[4]).toMatch(
      /^rank\s+initiative\s+P\(top-3\)\s+P\(rank 1\)\s+P\(quadrant\)\s+priority\s+90% interval$/,
    );
    expect(lines[5]).toMatch(
      /^\s+1\s+Virtual assistant\s+\d+%\s+\d+%\s+Calculated risk \d+%\s+\d+\.\d\s+\d+\.\d\.\.\d+\.\d$/,
    );
    expect(run.stdout).toMatch(/Virtual assistant is top-3 in .* of plausible worlds/);
    expect(run.stdout).toContain("Weight stability (exact)");
    expect(run.stdout).toMatch(/Customer experience impact\s+value\s+30\.0%/);
    expect(run.stdout).not.toContain("Tornado");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("gives byte-identical output for the same seed, and different output for another", () => {
    const args = ["sensitivity", fixture("workshop-raters.csv"), ...FAST, "--seed", "42"];
    const first = runCli(args);
    const second = runCli(args);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const json = runCli([...args, "--format", "json"]);
    expect(runCli([...args, "--format", "json"]).stdout).toBe(json.stdout);
    const other = runCli([
      "sensitivity",
      fixture("workshop-raters.csv"),
      ...FAST,
      "--seed",
      "43",
      "--format",
      "json",
    ]);
    expect(other.stdout).not.toBe(json.stdout);
  });

  it("keeps every base rank with probability 1 when nothing is perturbed", () => {
    const run = runCli([
      "sensitivity",
      fixture("clean.csv"),
      "--iterations",
      "100",
      "--concentration",
      "inf",
      "--uncertainty",
      "0",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as SensitivityJson;
    for (const initiative of json.monteCarlo.initiatives)
      expect(initiative.rankProbabilities[initiative.baseRank - 1]).toBe(1);
  });

  it("prints probabilities that sum to 1 per initiative and per rank, with --top as k", () => {
    const run = runCli(["sensitivity", fixture("clean.csv"), ...FAST, "--top", "2", "--format", "json"]);
    const json = JSON.parse(run.stdout) as SensitivityJson;
    expect(json.monteCarlo.k).toBe(2);
    expect(json.stability.k).toBe(2);
    const n = json.monteCarlo.initiatives.length;
    for (const initiative of json.monteCarlo.initiatives) {
      expect(initiative.rankProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Object.values(initiative.quadrants).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    for (let k = 0; k < n; k++)
      expect(json.monteCarlo.initiatives.reduce((sum, i) => sum + i.rankProbabilities[k]!, 0)).toBeCloseTo(
        1,
        12,
      );
    expect(json).not.toHaveProperty("tornado");
  });

  it("checks the ranking against other methods, as a table and as JSON", () => {
    const run = runCli(["sensitivity", fixture("clean.csv"), ...FAST]);
    expect(run.stdout).toMatch(/\ninitiative\s+model\s+sum\s+product\s+TOPSIS-v\s+TOPSIS-mm\s+VIKOR\n/);
    expect(run.stdout).toMatch(/\nmodel vs sum\s+-?\d\.\d{3}\s+-?\d\.\d{3}\n/);
    expect(run.stdout).toMatch(
      /\nVIKOR compromise: .+ \(acceptable advantage (met|not met), acceptable stability (met|not met)\)\n/,
    );
    const json = JSON.parse(
      runCli(["sensitivity", fixture("clean.csv"), ...FAST, "--top", "2", "--format", "json"]).stdout,
    ) as SensitivityJson;
    expect(json.methods.topK).toBe(2);
    expect(json.methods.rankings.map((ranking) => ranking.method)).toEqual([
      "model",
      "weighted-sum",
      "weighted-product",
      "topsis-vector",
      "topsis-min-max",
      "vikor",
    ]);
    expect(json.methods.agreement).toHaveLength(15);
    // The model's own ranking is the one score prints.
    const score = runCli(["score", fixture("clean.csv"), "--format", "json"]);
    const ids = (JSON.parse(score.stdout) as { results: { id: string }[] }).results.map(
      (result) => result.id,
    );
    expect(json.methods.rankings[0]!.order).toEqual(ids);
    for (const change of json.methods.shortlistChanges) {
      expect(change.inside.length + change.outside.length).toBe(6);
    }
  });

  it("draws a tornado for --id that fits 80 columns", () => {
    const run = runCli(["sensitivity", fixture("clean.csv"), ...FAST, "--id", "va"]);
    expect(run.code).toBe(0);
    const tornado = run.stdout.slice(run.stdout.indexOf("Tornado:"));
    const lines = tornado.trimEnd().split("\n");
    expect(lines[0]).toBe("Tornado: Virtual assistant (priority 60.4, rank 1)");
    // 11 weighted criteria, widest first: data readiness moves the virtual assistant most.
    expect(lines.slice(2, 13)).toHaveLength(11);
    expect(lines[2]).toMatch(/^Data readiness\s+3\s+-4\.1 ↓ █+│█+▌? ↑ \+4\.0$/);
    for (const line of lines.slice(1, 13)) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    const json = JSON.parse(
      runCli(["sensitivity", fixture("clean.csv"), ...FAST, "--id", "va", "--format", "json"]).stdout,
    ) as SensitivityJson;
    expect(json.tornado?.id).toBe("va");
    expect(json.tornado?.bars).toHaveLength(11);
  });

  it.each([
    [
      ["--id", "vaa"],
      '--id: expected an initiative id of test/cli/fixtures/clean.csv, received "vaa" (did you mean "va"?)',
    ],
    [["--iterations", "0"], '--iterations: expected a whole number from 1 to 100000000, received "0"'],
    [["--seed", "4294967296"], '--seed: expected a whole number from 0 to 4294967295, received "4294967296"'],
    [["--concentration", "0"], '--concentration: expected a number above 0 (or inf), received "0"'],
    [["--uncertainty", "much"], '--uncertainty: expected a number of at least 0, received "much"'],
    [["--format", "csv"], '--format: expected one of table, json, received "csv"'],
  ])("is a usage error (exit 2) for %j", (args, message) => {
    const run = runCli(["sensitivity", fixture("clean.csv"), ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe(`cxprism sensitivity: ${message}`);
  });

  it("reports problems in the file as score does (exit 1)", () => {
    const run = runCli(["sensitivity", fixture("out-of-range.csv")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^test\/cli\/fixtures\/out-of-range\.csv:\d+:/);
  });

  it("shows help with examples", () => {
    const run = runCli(["sensitivity", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Examples:\n");
    expect(run.stdout).toContain("--id ID");
  });
});
