import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, fixture, ROOT, runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-weights-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface AhpJson {
  weights: Record<string, number>;
  method: string;
  lambdaMax: number;
  ci: number;
  cr: number | null;
  randomIndex: number | null;
  completion: string;
  verdict: string;
  missing: number;
  worstJudgments: { row: string; column: string; suggestedValue: number; advice: string }[];
}

function ahp(file: string, ...args: string[]): AhpJson {
  const run = runCli(["weights", "ahp", fixture(file), "--format", "json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as AhpJson;
}

/** The consistent fixture is built from weights 8 : 4 : 2 : 2 : 1 (a_ij = w_i / w_j). */
const CONSISTENT = {
  cx_impact: 8 / 17,
  cost_to_serve: 4 / 17,
  revenue_retention: 2 / 17,
  employee_experience: 2 / 17,
  strategic_fit: 1 / 17,
};

describe("cxprism weights ahp", () => {
  it.each([
    ["pairwise-consistent.csv", "eigenvector"],
    ["pairwise-consistent.csv", "geometric-mean"],
    // BOM, CRLF, `;`, decimal commas and only some judgments given (mirrors filled in)
    ["pairwise-semicolon.csv", "eigenvector"],
    ["pairwise-semicolon.csv", "geometric-mean"],
  ])("gives a consistent matrix (%s) its exact weights and CR 0 (%s)", (file, method) => {
    const json = ahp(file, "--method", method);
    for (const [id, weight] of Object.entries(CONSISTENT)) expect(json.weights[id]).toBeCloseTo(weight, 9);
    expect(json.lambdaMax).toBeCloseTo(5, 9);
    expect(json.cr).toBeCloseTo(0, 9);
    expect(json.verdict).toBe("acceptable");
    expect(json.worstJudgments).toEqual([]);
  });

  it.each([["pairwise-labels.csv"], ["pairwise-labels.xlsx"]])(
    "writes criterion ids for a matrix headed by labels in any case and spacing (%s)",
    (file) => {
      const json = ahp(file);
      expect(Object.keys(json.weights)).toEqual(Object.keys(CONSISTENT));
      for (const [id, weight] of Object.entries(CONSISTENT)) expect(json.weights[id]).toBeCloseTo(weight, 9);
    },
  );

  it("reads a workbook on stdin, told by its zip signature", () => {
    const child = spawnSync(process.execPath, [CLI, "weights", "ahp", "-", "--format", "json"], {
      input: readFileSync(fixture("pairwise-labels.xlsx")),
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(child.stderr).toBe("");
    expect((JSON.parse(child.stdout) as AhpJson).weights.cx_impact).toBeCloseTo(8 / 17, 9);
  });

  it("names each header that is not a criterion once one is, with the criterion meant", () => {
    const run = runCli(["weights", "ahp", fixture("pairwise-label-typos.csv")]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      'test/cli/fixtures/pairwise-label-typos.csv:1:Cost to serve: expected a criterion id or label of model cx-ai-prism, received "Cost to serve" (did you mean cost_to_serve, "Cost-to-serve reduction"?)',
      'test/cli/fixtures/pairwise-label-typos.csv:1:Data readyness: expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
      "2 problems",
    ]);
  });

  it("reports a header that names no criterion, an unreadable judgment and one off the scale at once", () => {
    // Once "high" hid the 12 beside it, and a header typo hid both (issue #13).
    const run = runCli(["weights", "ahp", fixture("pairwise-all-problems.csv")]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      'test/cli/fixtures/pairwise-all-problems.csv:1:Cost to serve: expected a criterion id or label of model cx-ai-prism, received "Cost to serve" (did you mean cost_to_serve, "Cost-to-serve reduction"?)',
      'test/cli/fixtures/pairwise-all-problems.csv:2:Cost to serve: expected a judgment such as 3, 1/3 or 0.333, or an empty cell, received "high"',
      "test/cli/fixtures/pairwise-all-problems.csv:2:strategic_fit: expected a judgment from 1/9 to 9 (Saaty's scale) (row Customer experience impact, column strategic_fit), received 12",
      "3 problems",
    ]);
  });

  it("places the same problems at their cells in a workbook", () => {
    const run = runCli(["weights", "ahp", fixture("pairwise-all-problems.xlsx")]);
    expect(run.code).toBe(1);
    expect(
      run.stderr
        .trimEnd()
        .split("\n")
        .map((line) => line.split(": expected")[0]),
    ).toEqual([
      "test/cli/fixtures/pairwise-all-problems.xlsx:'pairwise-all-problems'!C1:Cost to serve",
      "test/cli/fixtures/pairwise-all-problems.xlsx:'pairwise-all-problems'!C2:Cost to serve",
      "test/cli/fixtures/pairwise-all-problems.xlsx:'pairwise-all-problems'!D2:strategic_fit",
      "3 problems",
    ]);
  });

  it("reproduces Saaty's (1990) house example: lambda-max 9.669, CI 0.238, CR 0.169, revise", () => {
    // Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process", EJOR 48, 9-26.
    const json = ahp("pairwise-house.csv");
    const printed = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333];
    Object.values(json.weights).forEach((weight, i) => {
      expect(weight).toBeCloseTo(printed[i]!, 3);
    });
    expect(json.lambdaMax).toBeCloseTo(9.669, 3);
    expect(json.ci).toBeCloseTo(0.238, 3);
    expect(json.cr).toBeCloseTo(0.169, 3);
    expect(json.verdict).toBe("revise");
    expect(json.worstJudgments[0]).toMatchObject({
      row: "neighbourhood",
      column: "condition",
      suggestedValue: 1,
    });
  });

  it("prints the house example as a table: weights sorted, figures, verdict and advice", () => {
    const run = runCli(["weights", "ahp", fixture("pairwise-house.csv")]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^criterion\s+weight$/);
    expect(lines[1]).toMatch(/^financing\s+0\.3332\s+█+$/);
    expect(lines[8]).toMatch(/^age\s+0\.0175\s+█+$/);
    expect(run.stdout).toContain("lambda-max  9.6689\nCI          0.2384\nCR          0.1691");
    expect(run.stdout).toContain("verdict     revise the judgments (CR above 0.10)");
    expect(run.stdout).toMatch(
      /\n {2}neighbourhood vs condition: 6 given, 1\.128 would be consistent \(try 1: CR falls by 0\.\d{3}\)/,
    );
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("completes a missing judgment optimally with --completion optimal (Bozoki, Fulop & Ronyai 2010, Example 3)", () => {
    // The numbers AHPy's README prints for this example: c vs d = 0.7303, weights a .3738, b .392, CR .0372
    // with Donegan-Dodd's RI; Harker's completion gives a different value.
    const optimal = ahp(
      "pairwise-incomplete.csv",
      "--completion",
      "optimal",
      "--random-index",
      "donegan-dodd-1991",
    );
    expect(optimal).toMatchObject({ completion: "optimal", missing: 1 });
    expect(optimal.weights.a).toBeCloseTo(0.3738, 4);
    expect(optimal.weights.b).toBeCloseTo(0.392, 4);
    expect(optimal.cr).toBeCloseTo(0.0372, 4);
    const harker = ahp("pairwise-incomplete.csv");
    expect(harker.lambdaMax).toBeGreaterThan(optimal.lambdaMax);
    const table = runCli(["weights", "ahp", fixture("pairwise-incomplete.csv"), "--completion", "optimal"]);
    expect(table.stdout).toContain("missing     1 judgment(s), completed to minimise lambda-max");
  });

  it("uses another published random index when asked", () => {
    const json = ahp("pairwise-house.csv", "--random-index", "alonso-lamata-2006");
    expect(json.randomIndex).toBe(1.4056);
    expect(json.cr).toBeCloseTo(json.ci / 1.4056, 12);
  });

  it("reads the matrix from stdin with -", () => {
    const run = runCli(["weights", "ahp", "-", "--format", "json"], {
      input: readFileSync(fixture("pairwise-consistent.csv"), "utf8"),
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as AhpJson).weights.cx_impact).toBeCloseTo(8 / 17, 9);
  });

  it.each([
    [
      "pairwise-non-reciprocal.csv",
      [
        "test/cli/fixtures/pairwise-non-reciprocal.csv:3:a: expected 1/3, the reciprocal of 3 (row a, column b), received 3 (row b, column a)",
      ],
    ],
    [
      "pairwise-out-of-range.csv",
      [
        "test/cli/fixtures/pairwise-out-of-range.csv:2:b: expected a judgment from 1/9 to 9 (Saaty's scale) (row a, column b), received 12",
        "test/cli/fixtures/pairwise-out-of-range.csv:3:c: expected a judgment from 1/9 to 9 (Saaty's scale) (row b, column c), received 1/20",
      ],
    ],
    [
      "pairwise-non-square.csv",
      [
        "test/cli/fixtures/pairwise-non-square.csv:4: expected a square matrix: 3 row(s) of judgments, one per header id, received 2",
      ],
    ],
    [
      "pairwise-label-mismatch.csv",
      [
        'test/cli/fixtures/pairwise-label-mismatch.csv:3:criterion: expected row label "b" (rows in the same order as the header), received "c"',
        'test/cli/fixtures/pairwise-label-mismatch.csv:4:criterion: expected row label "c" (rows in the same order as the header), received "b"',
      ],
    ],
  ])("reports every problem of %s at FILE:ROW:COLUMN and exits 1", (file, expected) => {
    const run = runCli(["weights", "ahp", fixture(file)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1)).toEqual(expected);
    expect(lines.at(-1)).toBe(`${expected.length} problem${expected.length === 1 ? "" : "s"}`);
  });

  it("reports comparisons that leave criteria unconnected", () => {
    const file = join(temp, "disconnected.csv");
    writeFileSync(file, "x,a,b,c,d\na,1,3,,\nb,,1,,\nc,,,1,2\nd,,,,1\n");
    const run = runCli(["weights", "ahp", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: expected judgments that connect every criterion`);
  });

  it.each([
    [
      ["weights", "ahp", fixture("pairwise-house.csv"), "--random-index", "saaty"],
      "--random-index: expected one of",
    ],
    [["weights", "ahp", fixture("pairwise-house.csv"), "--method", "roc"], "--method: expected one of"],
    [
      ["weights", "ahp", fixture("pairwise-house.csv"), "--completion", "best"],
      "--completion: expected one of harker, optimal",
    ],
    [
      ["weights", "rank", "cx_impact,strategic_fit", "--completion", "optimal"],
      "--completion: expected only with weights ahp",
    ],
    [["weights", "ahp"], "expected a pairwise CSV or .xlsx file"],
    [["weights", "pca", "x.csv"], 'expected ahp or rank after weights, received "pca"'],
    [["weights"], "expected ahp|rank, received nothing"],
  ])("is a usage error (exit 2): %j", (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Usage: cxprism weights");
  });

  it("shows help with examples", () => {
    const run = runCli(["weights", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Examples:\n");
    expect(run.stdout).toContain("cxprism weights rank");
  });
});

describe("cxprism weights rank", () => {
  it("gives rank-order-centroid weights, ties sharing the positions they span (Barron & Barrett 1996)", () => {
    const run = runCli([
      "weights",
      "rank",
      "cx_impact,cost_to_serve=revenue_retention,strategic_fit",
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      weights: Record<string, number>;
      method: string;
      ranking: string[][];
    };
    // ROC for n = 4: 0.5208, 0.2708, 0.1458, 0.0625; the tied pair shares (0.2708 + 0.1458) / 2.
    expect(json.weights.cx_impact).toBeCloseTo(0.5208, 4);
    expect(json.weights.cost_to_serve).toBeCloseTo(0.2083, 4);
    expect(json.weights.revenue_retention).toBeCloseTo(0.2083, 4);
    expect(json.weights.strategic_fit).toBeCloseTo(0.0625, 4);
    expect(json.method).toBe("rank-order-centroid");
    expect(json.ranking).toEqual([["cx_impact"], ["cost_to_serve", "revenue_retention"], ["strategic_fit"]]);
  });

  it.each([
    ["rank-sum", [0.4, 0.3, 0.2, 0.1]],
    ["rank-reciprocal", [12 / 25, 6 / 25, 4 / 25, 3 / 25]],
    ["equal", [0.25, 0.25, 0.25, 0.25]],
  ])("--method %s", (method, expected) => {
    const run = runCli([
      "weights",
      "rank",
      "cx_impact,cost_to_serve,revenue_retention,strategic_fit",
      "--method",
      method,
      "--format",
      "json",
    ]);
    const weights = (JSON.parse(run.stdout) as { weights: Record<string, number> }).weights;
    expect(Object.values(weights).map((w) => Number(w.toFixed(12)))).toEqual(
      expected.map((w) => Number(w.toFixed(12))),
    );
  });

  it("prints a table, heaviest first", () => {
    const run = runCli(["weights", "rank", "cx_impact,strategic_fit"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "criterion      weight",
      `cx_impact      0.7500  ${"█".repeat(30)}`,
      `strategic_fit  0.2500  ${"█".repeat(10)}`,
    ]);
  });

  it("takes criteria by label in any case and spacing, and writes ids that score --weights takes", () => {
    const file = join(temp, "by-label.json");
    const made = runCli([
      "weights",
      "rank",
      "customer experience impact, STRATEGIC  FIT",
      "--format",
      "json",
      "--out",
      file,
    ]);
    expect(made.code).toBe(0);
    const json = JSON.parse(readFileSync(file, "utf8")) as { weights: Record<string, number> };
    expect(json.weights).toEqual({ cx_impact: 0.75, strategic_fit: 0.25 });
    const run = runCli(["score", fixture("clean.csv"), "--weights", file, "--format", "json"]);
    expect(run.code).toBe(0);
  });

  it("ranks a ranking that mixes value and feasibility criteria per axis, and says so", () => {
    const ranking = "cx_impact,data_readiness=strategic_fit,time_to_value";
    const json = JSON.parse(runCli(["weights", "rank", ranking, "--format", "json"]).stdout) as {
      weights: Record<string, number>;
      axes: Record<string, string[][]>;
    };
    expect(json.axes).toEqual({
      value: [["cx_impact"], ["strategic_fit"]],
      feasibility: [["data_readiness"], ["time_to_value"]],
    });
    expect(json.weights).toEqual({
      cx_impact: 0.75,
      strategic_fit: 0.25,
      data_readiness: 0.75,
      time_to_value: 0.25,
    });
    const table = runCli(["weights", "rank", ranking]);
    expect(table.stdout).toContain(
      "ranked per axis (each axis' weights sum to 1): value cx_impact > strategic_fit; feasibility data_readiness > time_to_value\n",
    );
  });

  it("names every unknown or repeated criterion with the one meant, and exits 1", () => {
    const run = runCli(["weights", "rank", "cx_impcat,Data readyness,budget,cx_impact=CX_IMPACT"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      'ranking:place 1: expected a criterion id or label of model cx-ai-prism, received "cx_impcat" (did you mean cx_impact, "Customer experience impact"?)',
      'ranking:place 2: expected a criterion id or label of model cx-ai-prism, received "Data readyness" (did you mean data_readiness, "Data readiness"?)',
      expect.stringMatching(
        /^ranking:place 3: .*received "budget" \(did you mean one of cx_impact, cost_to_serve, /,
      ),
      'ranking:place 4: expected each criterion once, received cx_impact again (as "CX_IMPACT"; first as "cx_impact")',
      "4 problems",
    ]);
  });

  it("checks the ranking against --model", () => {
    const model = join(temp, "two.json");
    writeFileSync(
      model,
      JSON.stringify({
        ...defaultModel,
        id: "two",
        criteria: defaultModel.criteria.filter((c) => c.id === "cx_impact" || c.id === "data_readiness"),
      }),
    );
    const run = runCli(["weights", "rank", "cx_impact,strategic_fit", "--model", model]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'ranking:place 2: expected a criterion id or label of model two, received "strategic_fit"',
    );
  });

  it.each([["cx_impact,,strategic_fit"], ["cx_impact=,strategic_fit"]])(
    "rejects %s as a usage error",
    (ranking) => {
      const run = runCli(["weights", "rank", ranking]);
      expect(run.code).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(/^cxprism weights: .*expected/);
    },
  );
});

describe("cxprism score --weights", () => {
  it.each([["pairwise-consistent.csv"], ["pairwise-labels.csv"]])(
    "scores with the weights of weights ahp %s --format json, other criteria keeping theirs",
    (pairwise) => {
      const weightsFile = join(temp, `ahp-${pairwise}.json`);
      const made = runCli(["weights", "ahp", fixture(pairwise), "--format", "json", "--out", weightsFile]);
      expect(made.code).toBe(0);
      const run = runCli(["score", fixture("clean.csv"), "--weights", weightsFile, "--format", "json"]);
      expect(run.code).toBe(0);
      const model = (JSON.parse(run.stdout) as { model: { criteria: { id: string; weight: number }[] } })
        .model;
      for (const criterion of model.criteria) {
        const expected =
          CONSISTENT[criterion.id as keyof typeof CONSISTENT] ??
          defaultModel.criteria.find((c) => c.id === criterion.id)!.weight;
        expect(criterion.weight).toBeCloseTo(expected, 9);
      }
    },
  );

  it("changes the ranking as the weights say", () => {
    const file = join(temp, "feasible.json");
    // All value weight on employee experience, where Knowledge search (4) beats Virtual assistant (3).
    writeFileSync(
      file,
      JSON.stringify({
        cx_impact: 0,
        cost_to_serve: 0,
        revenue_retention: 0,
        strategic_fit: 0,
        employee_experience: 1,
      }),
    );
    const before = runCli(["score", fixture("clean.csv"), "--format", "csv"]).stdout.split("\n")[1];
    const after = runCli(["score", fixture("clean.csv"), "--weights", file, "--format", "csv"]).stdout.split(
      "\n",
    )[1];
    expect(before).toMatch(/^1,va,/);
    expect(after).toMatch(/^1,ks,/);
  });

  it("reports unknown ids in the weights file with the nearest criterion id, and exits 1", () => {
    const file = join(temp, "typo.json");
    writeFileSync(file, JSON.stringify({ weights: { cx_impactt: 0.5, strategic_fit: 0.5 } }));
    const run = runCli(["score", fixture("clean.csv"), "--weights", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe(
      `${file}:cx_impactt: expected a criterion id or label of model cx-ai-prism, received "cx_impactt" (did you mean cx_impact, "Customer experience impact"?)`,
    );
  });

  it("takes weights keyed by label (any case and spacing) as by id", () => {
    const byLabel = join(temp, "labels.json");
    writeFileSync(
      byLabel,
      JSON.stringify({ weights: { "Employee and AGENT experience": 1, "Strategic  fit": 0 } }),
    );
    const byId = join(temp, "ids.json");
    writeFileSync(byId, JSON.stringify({ weights: { employee_experience: 1, strategic_fit: 0 } }));
    const labelled = runCli(["score", fixture("clean.csv"), "--weights", byLabel, "--format", "json"]);
    expect(labelled.code).toBe(0);
    const ided = runCli(["score", fixture("clean.csv"), "--weights", byId, "--format", "json"]);
    const modelOf = (stdout: string) => (JSON.parse(stdout) as { model: unknown }).model;
    expect(modelOf(labelled.stdout)).toEqual(modelOf(ided.stdout));
  });

  it("refuses a criterion given by id and by label", () => {
    const file = join(temp, "twice.json");
    writeFileSync(file, JSON.stringify({ data_readiness: 1, "Data readiness": 2 }));
    const run = runCli(["score", fixture("clean.csv"), "--weights", file]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      `${file}:Data readiness: expected one entry for criterion data_readiness, received "Data readiness" and "data_readiness"`,
    );
  });

  it("names the weights it applied: a line under the table, a field in JSON, a note beside CSV", () => {
    const file = join(temp, "named.json");
    writeFileSync(file, JSON.stringify({ weights: { "Customer experience impact": 3, cost_to_serve: 1 } }));
    const table = runCli(["score", fixture("clean.csv"), "--weights", file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`\n\nweights: custom from ${file} (value: cx_impact 0.`);
    expect(table.stdout).toMatch(/; feasibility: [a-z_]+ \d\.\d\d, .*\)\n$/);
    const json = JSON.parse(
      runCli(["score", fixture("clean.csv"), "--weights", file, "--format", "json"]).stdout,
    ) as {
      weights: { source: string; file: string; model: string; value: Record<string, number> };
    };
    expect(json.weights).toMatchObject({ source: "file", file, model: "cx-ai-prism" });
    const value = Object.values(json.weights.value).reduce((a, b) => a + b, 0);
    expect(value).toBeCloseTo(1, 12);
    expect(json.weights.value.cx_impact! / json.weights.value.cost_to_serve!).toBeCloseTo(3, 12);
    const csv = runCli(["score", fixture("clean.csv"), "--weights", file, "--format", "csv"]);
    expect(csv.stdout).toMatch(/^rank,id,name,/);
    expect(csv.stderr).toContain(`note: weights: custom from ${file} (value: cx_impact`);
    const plain = JSON.parse(runCli(["score", fixture("clean.csv"), "--format", "json"]).stdout) as {
      weights: { source: string };
    };
    expect(plain.weights.source).toBe("model");
    expect(runCli(["score", fixture("clean.csv")]).stdout).not.toContain("weights:");
  });

  it("reports a weights file that cannot be read", () => {
    const run = runCli(["score", fixture("clean.csv"), "--weights", join(temp, "none.json")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot read the weights file (no such file)");
  });
});
