import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

  it.each(
    blocks("sh")
      .flatMap((block) => block.trim().split("\n"))
      .filter((line) => /^npx -y pnpm@[\d.]+ cxprism /.test(line)),
  )("CLI example runs as written: %s", (line) => {
    const output = execFileSync("bash", ["-c", line], { cwd: root, encoding: "utf8" });
    expect(output).toContain("Agent scheduling and load forecasting");
  });

  it.each(blocks("ts").map((code, i) => [i, code] as const))(
    "TypeScript example %i runs as written",
    (i, code) => {
      const file = join(scratch, `example-${i}.ts`);
      writeFileSync(file, code);
      const output = execFileSync(
        process.execPath,
        ["--import", "tsx", "--conditions=@cxprism/source", file],
        {
          cwd: root,
          encoding: "utf8",
        },
      );
      expect(output.trim().length).toBeGreaterThan(0);
    },
  );
});
