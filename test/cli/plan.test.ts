import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-plan-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const PORTFOLIO = "examples/plan-inputs/portfolio.csv";
const APPS = "examples/plan-inputs/apps.csv";
const SAVINGS_MODEL = "examples/plan-inputs/model-savings.json";

interface PlanJson {
  budget: number;
  granularity: number;
  capacity: number | null;
  totals: { initiatives: number; cost: number; effort: number | null; objective: number };
  waves: { number: number; label: string; initiatives: string[] }[];
  initiatives: {
    id: string;
    cost: number;
    effort: number | null;
    objective: number;
    selected: boolean;
    wave: number | null;
    dependsOn: string[];
    overlap: { message?: string } | null;
  }[];
  kpiCoverage: { uncovered: string[] };
  capabilities: unknown;
}

function planJson(args: readonly string[]): PlanJson {
  const run = runCli(["plan", PORTFOLIO, "--format", "json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as PlanJson;
}

/** The best objective over every dependency-closed subset within budget and capacity: 2^13 subsets. */
function bruteForceBest(plan: PlanJson): number {
  const items = plan.initiatives;
  const index = new Map(items.map((item, k) => [item.id, k]));
  let best = 0;
  for (let mask = 0; mask < 1 << items.length; mask++) {
    let cost = 0;
    let effort = 0;
    let objective = 0;
    let closed = true;
    items.forEach((item, k) => {
      if ((mask & (1 << k)) === 0) return;
      cost += Math.ceil(item.cost / plan.granularity);
      effort += item.effort ?? 0;
      objective += item.objective;
      for (const id of item.dependsOn) if ((mask & (1 << index.get(id)!)) === 0) closed = false;
    });
    if (closed && cost <= Math.floor(plan.budget / plan.granularity) && effort <= (plan.capacity ?? Infinity))
      best = Math.max(best, objective);
  }
  return best;
}

describe("cxprism plan", () => {
  it.each([
    [["--budget", "1500000"]],
    [["--budget", "1_500_000", "--capacity", "40"]],
    [["--budget", "900000", "--objective", "net-benefit"]],
    [["--budget", "2000000", "--capacity", "30", "--objective", "value", "--granularity", "5000"]],
  ])("selects the best dependency-closed set within budget and capacity: %j", (args) => {
    const plan = planJson(args);
    const selected = plan.initiatives.filter((item) => item.selected);
    expect(plan.totals.cost).toBeLessThanOrEqual(plan.budget);
    if (plan.capacity !== null) expect(plan.totals.effort!).toBeLessThanOrEqual(plan.capacity);
    const waveOf = new Map(selected.map((item) => [item.id, item.wave!]));
    for (const item of selected)
      for (const id of item.dependsOn) {
        expect(waveOf.has(id)).toBe(true);
        expect(waveOf.get(id)!).toBeLessThan(item.wave!);
      }
    expect(plan.totals.objective).toBeCloseTo(bruteForceBest(plan), 6);
  });

  it("writes Markdown with waves, KPI goals, capability overlap and right-sizing", () => {
    const run = runCli([
      "plan",
      PORTFOLIO,
      "--budget",
      "1500000",
      "--capacity",
      "40",
      "--goals",
      "fcr,csat,retention",
      "--inventory",
      APPS,
      "--format",
      "md",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# AI initiative plan\n/);
    expect(run.stdout).toContain("## Wave 1: pilots");
    expect(run.stdout).toContain("**Goals left uncovered:** Customer retention.");
    expect(run.stdout).toContain("**Knowledge search**: already covered by Knowledge base, CRM");
    expect(run.stdout).toContain("**Applications in use:** 5; **needed** to keep every capability: 4");
  });

  it("reads an inventory from JSON and from an .xlsx workbook as from CSV", () => {
    const json = join(temp, "apps.json");
    writeFileSync(
      json,
      JSON.stringify([
        {
          name: "Contact-centre suite",
          capabilities: ["Routing", "Call recording", "Workforce management", "IVR"],
          runCost: 180000,
        },
        { name: "Knowledge base", capabilities: ["Knowledge search"], runCost: 12000 },
        {
          name: "CRM",
          capabilities: ["Case management", "Knowledge search", "Case classification"],
          runCost: 95000,
        },
        { name: "Survey tool", capabilities: ["Surveys", "Sentiment analysis"], runCost: 20000 },
        {
          name: "Speech analytics pilot",
          capabilities: ["Speech analytics", "Call recording"],
          runCost: 40000,
        },
      ]),
    );
    const fromJson = planJson(["--budget", "1500000", "--inventory", json, "--value-discount", "0.5"]);
    const fromCsv = planJson(["--budget", "1500000", "--inventory", APPS, "--value-discount", "0.5"]);
    expect(fromJson).toEqual(fromCsv);
    // The same applications in a workbook (apps.csv saved as .xlsx by LibreOffice Calc).
    const fromXlsx = planJson([
      "--budget",
      "1500000",
      "--inventory",
      "test/cli/fixtures/apps.xlsx",
      "--value-discount",
      "0.5",
    ]);
    expect(fromXlsx).toEqual(fromCsv);
    // Half the value of a fully covered initiative is discounted away.
    const knowledge = fromCsv.initiatives.find((item) => item.id === "knowledge-search")!;
    expect(knowledge.overlap?.message).toContain("already covered");
  });

  it("writes an SVG roadmap atomically, the format taken from --out", () => {
    const out = join(temp, "roadmap.svg");
    const run = runCli(["plan", PORTFOLIO, "--budget", "1500000", "--out", out]);
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const svg = readFileSync(out, "utf8");
    const errors: string[] = [];
    const document = new DOMParser({
      onError: (level, message) => void errors.push(`${level}: ${message}`),
    }).parseFromString(svg, "image/svg+xml");
    expect(errors).toEqual([]);
    expect(document.documentElement!.nodeName).toBe("svg");
    expect(svg).toContain("Pilots");
    expect(runCli(["plan", PORTFOLIO, "--budget", "1500000", "--out", join(temp, "plan.md")]).code).toBe(0);
    expect(readFileSync(join(temp, "plan.md"), "utf8")).toMatch(/^# AI initiative plan/);
  });

  it("computes formula criteria from the CSV's numeric columns", () => {
    const scored = runCli(["score", PORTFOLIO, "--model", SAVINGS_MODEL, "--format", "json"]);
    expect(scored.code).toBe(0);
    const results = (
      JSON.parse(scored.stdout) as {
        results: { id: string; contributions: { value: Record<string, number> } }[];
      }
    ).results;
    // virtual-customer-assistant: 1,200,000 x 0.08 x 4.5 = 432,000, clamped to the scale's 400,000: the top.
    const assistant = results.find((result) => result.id === "virtual-customer-assistant")!;
    const none = results.find((result) => result.id === "churn-prediction")!;
    expect(assistant.contributions.value.annual_savings).toBeGreaterThan(0);
    expect(none.contributions.value.annual_savings).toBeCloseTo(0, 9);
    expect(
      runCli(["plan", PORTFOLIO, "--budget", "1500000", "--model", SAVINGS_MODEL, "--format", "json"]).code,
    ).toBe(0);
  });
});

describe("cxprism plan: broken inputs", () => {
  it.each([
    [["--budget=-5"], 'cxprism plan: --budget: expected a number of at least 0, received "-5"'],
    [["--budget", "-5"], 'cxprism plan: --budget: expected a number of at least 0, received "-5"'],
    [
      ["--budget", "500.000"],
      'cxprism plan: --budget: expected a number of at least 0 without thousands separators (such as 1500000, 1_500_000 or 1.5e6), received "500.000", which is ambiguous',
    ],
    [["--budget", "lots"], 'cxprism plan: --budget: expected a number of at least 0, received "lots"'],
    [[], "cxprism plan: --budget: expected an amount, received nothing"],
    [
      ["--budget", "1000", "--capacity=-1"],
      'cxprism plan: --capacity: expected a number of at least 0, received "-1"',
    ],
    [
      ["--budget", "1000", "--granularity", "0"],
      'cxprism plan: --granularity: expected an amount above 0, received "0"',
    ],
    [
      ["--budget", "1000", "--value-discount", "2"],
      'cxprism plan: --value-discount: expected a share from 0 to 1, received "2"',
    ],
    [
      ["--budget", "1000", "--goals", "fcr,happiness"],
      "cxprism plan: --goals: expected KPI ids from fcr, ces, csat",
    ],
    [
      ["--budget", "1000", "--objective", "profit"],
      "cxprism plan: --objective: expected one of priority, value, net-benefit",
    ],
    [["--budget", "1000", "--format", "pdf"], "cxprism plan: --format: expected one of md, json, svg"],
    [
      ["--budget", "2000000", "--granularity", "1", "--capacity", "30"],
      "cxprism plan: --granularity: expected a table of at most",
    ],
  ])("%j is a usage error (exit 2)", (args, message) => {
    const run = runCli(["plan", PORTFOLIO, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr).toContain("Usage: cxprism plan");
  });

  it("reports every bad inventory row at FILE:ROW:COLUMN (exit 1)", () => {
    const apps = join(temp, "bad-apps.csv");
    writeFileSync(
      apps,
      "app,capabilities,run_cost\nCRM,Case management,12\n,Routing,3\nWiki,Knowledge search,lots\n",
    );
    const run = runCli(["plan", PORTFOLIO, "--budget", "1000000", "--inventory", apps]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        `${apps}:3:app: expected an application name in column app or name, received ""`,
        `${apps}:4:run_cost: expected a yearly running cost of at least 0, received "lots"`,
        "2 problems",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ['[{"name": "CRM"}]', "[0].capabilities: expected this required field, received nothing"],
    [
      "{not json",
      "expected an inventory as JSON (an array of {name, capabilities}), received text that is not JSON",
    ],
  ])("reports a bad JSON inventory %s with its JSON path", (text, message) => {
    const apps = join(temp, "bad-apps.json");
    writeFileSync(apps, text);
    const run = runCli(["plan", PORTFOLIO, "--budget", "1000000", "--inventory", apps]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${apps}: ${message}`);
  });

  it("reports a missing inventory file in one line", () => {
    const run = runCli(["plan", PORTFOLIO, "--budget", "1000000", "--inventory", "no-such-apps.csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("no-such-apps.csv: cannot read the file (no such file)\n");
  });

  it("places missing costs, missing efforts, cycles and formula fields at their rows and columns", () => {
    const lines = readFileSync(PORTFOLIO, "utf8").trimEnd().split("\n");
    const header = lines[0]!.split(",");
    const edit = (row: number, column: string, value: string) => {
      const cells = lines[row - 1]!.split(",");
      cells[header.indexOf(column)] = value;
      lines[row - 1] = cells.join(",");
    };
    edit(2, "cost", "");
    edit(3, "effort", "");
    edit(2, "depends_on", "email-case-auto-response");
    edit(4, "deflection_rate", "");
    const file = join(temp, "broken-plan.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const plan = runCli(["plan", file, "--budget", "1000000", "--capacity", "30"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      `${file}:2:cost: expected a one-off cost of at least 0 to plan within a budget, received nothing`,
    );
    expect(plan.stderr).toContain(
      `${file}:3:effort: expected an effort in person-months to plan within a capacity, received nothing`,
    );
    expect(plan.stderr).toMatch(/:\d+:depends_on: expected dependsOn without cycles, received the cycle /);
    const formula = runCli(["score", file, "--model", SAVINGS_MODEL]);
    expect(formula.code).toBe(1);
    expect(formula.stderr).toContain(
      `${file}:4:deflection_rate: expected a number for deflection_rate (the formula of criterion annual_savings reads it), received nothing`,
    );
  });

  it("says which rows lack a cost when the CSV has no cost column", () => {
    const run = runCli(["plan", "examples/contact-center.csv", "--budget", "1000000"]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      "examples/contact-center.csv:2: expected a one-off cost of at least 0 to plan within a budget, received nothing",
    );
  });
});

describe("help", () => {
  it.each(["plan", "plot"])("%s --help prints usage and examples, exit 0", (name) => {
    const run = runCli([name, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: cxprism ${name}`);
    expect(run.stdout).toMatch(/Examples:\n {2}# .+\n {2}cxprism /);
    expect(runCli(["--help"]).stdout).toContain(`  ${name}  `);
  });
});
