import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = (lang: string) =>
  [...readme.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((match) => match[1]!);
// Temporary files live inside the repository so that `@cxprism/core` resolves as it does for a user.
const scratch = mkdtempSync(join(root, "test/readme/.tmp-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("README", () => {
  it("names the test command that .ci/run runs, and a main-job command", () => {
    const commands = blocks("sh").map((block) => block.trim());
    const testCommand = commands.find((command) => command.endsWith(" test"));
    expect(testCommand).toBeDefined();
    expect(readFileSync(join(root, ".ci/run"), "utf8")).toContain(`\n${testCommand}\n`);
    expect(commands.some((command) => command.includes("install &&") && !command.endsWith(" test"))).toBe(
      true,
    );
  });

  it("the main-job command builds the workshop app and starts `pnpm serve` (test/web runs that server)", () => {
    const main = blocks("sh")
      .map((block) => block.trim())
      .find((command) => command.includes("install &&") && !command.endsWith(" test"));
    expect(main).toMatch(/install && npx -y pnpm@[\d.]+ workshop$/);
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<
      string,
      string
    >;
    expect(scripts.workshop).toBe("pnpm --filter @cxprism/web run build && pnpm run serve");
    expect(scripts.serve).toContain("packages/api/src/node.ts");
  });

  it.each(
    blocks("sh")
      .flatMap((block) => block.trim().split("\n"))
      .filter((line) => /^npx -y pnpm@[\d.]+ cxprism /.test(line)),
  )("CLI example runs as written: %s", (line) => {
    const output = execFileSync("bash", ["-c", line], { cwd: root, encoding: "utf8" });
    expect(output).toContain("Agent scheduling and load forecasting");
  });

  // Nine CLI processes in a row: on a shared machine that can take longer than one test's usual time.
  it("the workshop block runs line by line, each command exiting 0", { timeout: 180_000 }, () => {
    const block = blocks("sh").find((code) => code.startsWith("cxprism() {"));
    expect(block).toBeDefined();
    // The same commands against the built CLI (the block's first line defines `cxprism` through pnpm), with
    // the examples copied so that files the block writes land in a scratch folder.
    const dir = mkdtempSync(join(scratch, "workshop-"));
    cpSync(join(root, "examples"), join(dir, "examples"), { recursive: true });
    const script = [
      "set -e",
      `cxprism() { node ${JSON.stringify(join(root, "packages/cli/dist/main.js"))} "$@"; }`,
      ...block!.trim().split("\n").slice(1),
    ].join("\n");
    const output = execFileSync("bash", ["-c", script], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(output).toContain("Likely win");
    expect(readFileSync(join(dir, "matrix.png")).subarray(1, 4).toString()).toBe("PNG");
    expect(JSON.parse(readFileSync(join(dir, "weights.json"), "utf8")).weights).toBeDefined();
  });

  it.each(blocks("ts").map((code, i) => [i, code] as const))(
    "TypeScript example %i runs as written",
    (i, code) => {
      const file = join(scratch, `example-${i}.ts`);
      writeFileSync(file, code);
      // As a user runs it: against the built packages (`install` builds them), not the sources.
      const output = execFileSync(process.execPath, ["--import", "tsx", file], {
        cwd: root,
        encoding: "utf8",
      });
      expect(output.trim().length).toBeGreaterThan(0);
    },
  );
});
