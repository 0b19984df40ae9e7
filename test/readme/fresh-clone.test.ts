import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The README's promise to a newcomer, kept literally: in a fresh copy of the repository (outside this one, so
// nothing resolves to this checkout's node_modules or builds), the set-up command works and the library
// snippet runs the way the README says to run it.
const root = fileURLToPath(new URL("../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const clone = mkdtempSync(join(tmpdir(), "cxprism-clone-"));
afterAll(() => rmSync(clone, { recursive: true, force: true }), 60_000);

const shell = (command: string) =>
  execFileSync("bash", ["-c", command], {
    cwd: clone,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });

describe("a fresh clone", { timeout: 600_000 }, () => {
  it("runs the set-up command, then the library snippet as the README says", () => {
    // What `git clone` would give, plus files not yet committed: every file git tracks or would track.
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\0")
      .filter((file) => file !== "");
    for (const file of files) {
      mkdirSync(join(clone, dirname(file)), { recursive: true });
      cpSync(join(root, file), join(clone, file));
    }

    const setUp = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map((match) => match[1]!.trim())
      .find((command) => command.includes(" install && ") && !command.endsWith(" test"));
    expect(setUp).toBeDefined();
    // The main job itself starts the workshop server and runs until stopped: only its install half runs here
    // (the server's start is tested in test/web), then the library snippet below.
    const install = setUp!.split(" && ").find((part) => / install$/.test(part));
    expect(install).toBeDefined();
    shell(install!);

    const library = readme.slice(readme.indexOf("## Quick start: the library"));
    const [, fileName, runCommand] = /save this as\s+`([^`]+)`[\s\S]*?run\s+`([^`]+)`/.exec(library) ?? [];
    const snippet = /```ts\n([\s\S]*?)```/.exec(library)?.[1];
    expect(fileName).toBeDefined();
    expect(snippet).toBeDefined();
    writeFileSync(join(clone, fileName!), snippet!);
    const lines = shell(runCommand!).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1 /);
  });
});
