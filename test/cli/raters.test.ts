import { describe, expect, it } from "vitest";
import { fixture, runCli } from "./run-cli.js";

interface Discussion {
  discuss: {
    initiative: string;
    criterion: string;
    min: number;
    max: number;
    range: number;
    discuss: boolean;
    impact: { quadrantChanges: boolean; rankAtLowest: number; rankAtHighest: number };
  }[];
  spreads: { initiative: string; criterion: string; discuss: boolean }[];
  agreement: { w: number; raters: number; items: number } | null;
}

describe("cxprism score with a rater column: the discussion list", () => {
  it("adds the discussion list after the ranking, the rating that can move a quadrant first", () => {
    const run = runCli(["score", fixture("workshop-raters.csv")]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const [ranking, discussion] = run.stdout.split("\n\n");
    expect(ranking!.split("\n")).toHaveLength(4);
    expect(discussion!.split("\n")).toEqual([
      "Discuss: 2 rating(s) where raters differ by 2 point(s) or more, those that can move a quadrant or rank first",
      "initiative         criterion                   ratings          range  can move",
      "Virtual assistant  Data readiness              2..5 (3 raters)      3  quadrant Calculated risk <-> Likely win, rank 2 <-> 1",
      "Knowledge search   Customer experience impact  3..5 (3 raters)      2  rank 2 <-> 1",
      "Agreement of the raters' own rankings: Kendall's W 1.00 (3 raters, 3 initiatives; 1 = identical, 0 = none)",
      "",
    ]);
  });

  it("adds it to --format json as discussion, every spread with its discuss flag", () => {
    const run = runCli(["score", fixture("workshop-raters.csv"), "--format", "json"]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { results: unknown[]; discussion: Discussion };
    expect(json.results).toHaveLength(3);
    const { discuss, spreads, agreement } = json.discussion;
    expect(discuss.map((s) => [s.initiative, s.criterion, s.min, s.max, s.impact.quadrantChanges])).toEqual([
      ["va", "data_readiness", 2, 5, true],
      ["ks", "cx_impact", 3, 5, false],
    ]);
    // 3 initiatives x 11 criteria, each rated by 3 raters.
    expect(spreads).toHaveLength(33);
    expect(spreads.filter((s) => s.discuss)).toHaveLength(2);
    expect(agreement).toMatchObject({ raters: 3, items: 3 });
  });

  it("flags more with a lower --discuss-threshold", () => {
    const run = runCli([
      "score",
      fixture("workshop-raters.csv"),
      "--format",
      "json",
      "--discuss-threshold",
      "1",
    ]);
    const discuss = (JSON.parse(run.stdout) as { discussion: Discussion }).discussion.discuss;
    expect(discuss.map((s) => `${s.initiative}/${s.criterion}`)).toEqual([
      "va/data_readiness",
      "ks/cx_impact",
      "sa/employee_experience",
    ]);
  });

  it("colours the quadrant-changing row only when colour is on", () => {
    expect(runCli(["score", fixture("workshop-raters.csv")], { env: { FORCE_COLOR: "1" } }).stdout).toContain(
      "\u001b[33mVirtual assistant  Data readiness",
    );
    expect(
      runCli(["score", fixture("workshop-raters.csv")], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout,
    ).not.toContain("\u001b[");
  });

  it("adds nothing to a file without a rater column", () => {
    const table = runCli(["score", fixture("clean.csv")]);
    expect(table.stdout).not.toContain("Discuss");
    const json = JSON.parse(runCli(["score", fixture("clean.csv"), "--format", "json"]).stdout) as object;
    expect(json).not.toHaveProperty("discussion");
  });

  it("rejects a threshold that is not a number of points (exit 2)", () => {
    const run = runCli(["score", fixture("workshop-raters.csv"), "--discuss-threshold", "lots"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      'cxprism score: --discuss-threshold: expected a number of at least 0, received "lots"',
    );
  });
});
