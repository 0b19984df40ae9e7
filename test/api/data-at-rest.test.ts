import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "./portfolio-server.js";

/** Every folder and file under `dir` with its permission bits. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { withFileTypes: true }).reduce<[string, number][]>(
    (found, entry) => {
      const path = join(dir, entry.name);
      return found.concat(entry.isDirectory() ? modes(path) : [[path, statSync(path).mode & 0o777]]);
    },
    [[dir, statSync(dir).mode & 0o777]],
  );
}

describe("the embedded store's data at rest", () => {
  it("is owner-only: folders 0700, files 0600, including a store made world-readable before", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cxprism-data-")), "data");
    // A store from an earlier version: readable by every local user.
    mkdirSync(join(dataDir, "dynamodb"), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, "dynamodb", "LOG.old"), "old", { mode: 0o644 });
    const server = await startServerProcess({ CXPRISM_DATA_DIR: dataDir });
    try {
      const created = await fetch(`${server.url}/health`);
      expect(created.status).toBe(200);
      const found = modes(dataDir);
      expect(found.length).toBeGreaterThan(3);
      const loose = found.filter(([path, mode]) =>
        statSync(path).isDirectory() ? mode !== 0o700 : mode !== 0o600,
      );
      expect(loose).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
