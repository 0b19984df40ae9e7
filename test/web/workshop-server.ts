// `pnpm serve` on a random port and a temporary data dir, for the browser tests.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { type ServerProcess, startServerProcess } from "../api/portfolio-server.js";
import { ROOT } from "../cli/run-cli.js";
import { CHROMIUM } from "./browser.js";

const WEB_DIST = join(ROOT, "packages/web/dist/index.html");

/** A running workshop server: its process, data dir and the facilitator link it printed. */
export interface WorkshopServer {
  readonly server: ServerProcess;
  readonly dataDir: string;
  /** The printed link, `http://127.0.0.1:PORT/#key=...`: it opens the revealed demo workshop. */
  readonly facilitatorLink: string;
  /**
   * Calls the API with the facilitator link's owner key, expects a 2xx answer and answers its JSON.
   *
   * @param method - the HTTP method
   * @param path - the path, from `/v1`
   * @param body - sent as JSON when given
   */
  api(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/**
 * Builds the app when its build is missing, then starts `pnpm serve` and waits for the facilitator link,
 * which follows the demo workshop the first start builds through the API.
 *
 * @returns the running server
 * @throws when chromium is missing (with how to install it) or no link is printed
 */
export async function startWorkshopServer(): Promise<WorkshopServer> {
  if (!existsSync(CHROMIUM))
    throw new Error(`expected Debian's chromium at ${CHROMIUM}: run scripts/ensure-system-deps.sh as root`);
  if (!existsSync(WEB_DIST))
    execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build"], {
      cwd: join(ROOT, "packages/web"),
      stdio: "ignore",
    });
  const dataDir = mkdtempSync(join(tmpdir(), "cxprism-web-"));
  const server = await startServerProcess({ CXPRISM_DATA_DIR: dataDir });
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 900 && !/facilitator link[^\n]*\n\s*\S+/.test(server.stdout()); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const printed = /facilitator link[^\n]*\n\s*(\S+)/.exec(server.stdout());
  if (printed === null) {
    await stop();
    throw new Error(`expected the facilitator link on stdout, received:\n${server.stdout()}`);
  }
  const facilitatorLink = printed[1]!;
  const origin = new URL(facilitatorLink).origin;
  const key = new URLSearchParams(new URL(facilitatorLink).hash.slice(1)).get("key")!;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
    return response.json() as Promise<unknown>;
  };
  return { server, dataDir, facilitatorLink, api, stop };
}
