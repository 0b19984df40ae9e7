import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveOutTarget } from "./out-target.js";
import { openOutput } from "./output.js";
import { writeFileAtomic } from "./write-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cxprism-out-"));
});
afterEach(() => {
  process.removeAllListeners("warning");
});

const streamed = async (path: string, chunks: number) => {
  const output = openOutput(path, process.stdout);
  for (let i = 0; i < chunks; i++) await output.write(`row ${i}\n`);
  await output.close();
};

describe("--out", () => {
  it("keeps an existing file's mode, written whole or streamed", async () => {
    const file = join(dir, "scores.csv");
    writeFileSync(file, "old", { mode: 0o600 });
    await writeFileAtomic(file, "new");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await streamed(file, 3);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe("row 0\nrow 1\nrow 2\n");
  });

  it("follows a symbolic link and updates its target, keeping the link", async () => {
    const target = join(dir, "q3.csv");
    const link = join(dir, "latest.csv");
    writeFileSync(target, "old");
    symlinkSync(target, link);
    await writeFileAtomic(link, "new");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("new");
  });

  it("refuses a link to nothing, and a folder, naming why", () => {
    symlinkSync(join(dir, "missing.csv"), join(dir, "dangling.csv"));
    expect(() => resolveOutTarget(join(dir, "dangling.csv"))).toThrow(
      "will not write here: it is a symbolic link to a file that does not exist",
    );
    mkdirSync(join(dir, "folder"));
    expect(() => resolveOutTarget(join(dir, "folder"))).toThrow("it is a folder; name a file inside it");
  });

  it("writes through a device instead of renaming over it", async () => {
    expect(resolveOutTarget("/dev/null")).toEqual({ kind: "through", path: "/dev/null" });
    await writeFileAtomic("/dev/null", "discarded");
    await streamed("/dev/null", 2);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("reports a full device as an io error and leaves it a device", async () => {
    await expect(writeFileAtomic("/dev/full", "x".repeat(100_000))).rejects.toMatchObject({ code: "io" });
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it("streams 20,000 writes without a MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    process.on("warning", (warning) => warnings.push(warning.name));
    await streamed(join(dir, "long.csv"), 20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});
