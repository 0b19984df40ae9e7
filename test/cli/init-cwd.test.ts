import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./run-cli.js";

// A folder inside the repository, so that pnpm finds the root package.json (and its `cxprism` script) above it.
const scratch = mkdtempSync(join(ROOT, "test/cli/.tmp-init-cwd-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the root `pnpm cxprism` script from `cwd`, as a user does from a subdirectory of the checkout. */
function pnpmCxprism(cwd: string, args: readonly string[]): string {
  const pnpm = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).packageManager as string;
  const { INIT_CWD: _inherited, ...env } = process.env;
  return execFileSync("npx", ["-y", pnpm, "-s", "cxprism", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1" },
  });
}

describe("pnpm cxprism from a subdirectory", { timeout: 120_000 }, () => {
  it("reads input paths, writes --out and runs init where the user stands (pnpm's INIT_CWD)", () => {
    const here = join(scratch, "user");
    mkdirSync(here);
    const init = pnpmCxprism(here, ["init", "workshop"]);
    expect(init).toBe("");
    expect(existsSync(join(here, "workshop", "initiatives.csv"))).toBe(true);
    expect(existsSync(join(ROOT, "workshop"))).toBe(false);
    pnpmCxprism(here, [
      "score",
      "workshop/initiatives.csv",
      "--model",
      "workshop/model.json",
      "--format",
      "csv",
      "--out",
      "ranking.csv",
    ]);
    expect(readFileSync(join(here, "ranking.csv"), "utf8")).toMatch(/^rank,id,name,/);
    expect(existsSync(join(ROOT, "ranking.csv"))).toBe(false);
  });
});
