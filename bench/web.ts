/**
 * The rater page: its gzipped JS and CSS (budget: 60 KiB of JS), and its time to first render (the first
 * initiative's heading on screen) in headless Debian chromium against the Node server, as a ratio to a static
 * hello page served by the same server. Needs `pnpm --filter @cxprism/web build` (pnpm bench builds first).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createApp } from "../packages/api/src/app.js";
import { createWebAssetHandler } from "../packages/api/src/http/web-assets.js";
import { startLocalPortfolios } from "../packages/api/src/node/local-portfolios.js";
import { startNodeServer } from "../packages/api/src/node/server.js";
import { DEFAULT_WEB_DIR, readWebAssets } from "../packages/api/src/node/web-assets.js";
import { launchChromium } from "../test/web/browser.js";

const RUNS = 7;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const html = readFileSync(join(DEFAULT_WEB_DIR, "index.html"), "utf8");
const entry = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!);
const gzipped = (paths: readonly string[]) =>
  paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(DEFAULT_WEB_DIR, path))).length, 0);
const js = gzipped(entry(/<script[^>]+src="([^"]+)"/g));
const css = gzipped(entry(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g));
console.log(
  `rater page JS (gzip)   ${kib(js).padStart(10)}  [budget 60 KiB: ${js <= 60 * 1024 ? "met" : "NOT met"}]`,
);
console.log(`rater page CSS (gzip)  ${kib(css).padStart(10)}`);

const dataDir = mkdtempSync(join(tmpdir(), "cxprism-bench-web-"));
const local = await startLocalPortfolios({ CXPRISM_DATA_DIR: dataDir });
const files = (await readWebAssets())!;
const hello = new Uint8Array(
  new TextEncoder().encode('<!doctype html><html lang="en"><title>hello</title><h1>Hello</h1></html>'),
);
files.set("/hello.html", { body: hello, contentType: "text/html; charset=utf-8" });
const app = createApp({ portfolios: local.deps, webAssets: createWebAssetHandler(files) });
const server = await startNodeServer({ app, port: 0 });
const owner = { Authorization: `Bearer ${local.facilitatorKey}`, "Content-Type": "application/json" };
const post = async (path: string, body: unknown) =>
  (await (
    await fetch(`${server.url}${path}`, { method: "POST", headers: owner, body: JSON.stringify(body) })
  ).json()) as Record<string, string>;
const { id } = await post("/v1/portfolios", { name: "Bench" });
const catalog = (await (await fetch(`${server.url}/v1/catalog`)).json()) as {
  useCases: { id: string; name: string; description: string }[];
};
await post(`/v1/portfolios/${id}/initiatives/import`, {
  initiatives: catalog.useCases.slice(0, 12).map(({ id, name, description }) => ({ id, name, description })),
});
const invite = await post(`/v1/portfolios/${id}/invites`, { role: "rater", rater: "bench" });
const first = [...catalog.useCases.slice(0, 12)].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!.name;

const browser = await launchChromium();
async function firstRender(url: string, heading: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await page.getByRole("heading", { name: heading }).waitFor();
    times.push(performance.now() - start);
    await context.close();
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}
const helloMs = await firstRender(`${server.url}/hello.html`, "Hello");
const raterMs = await firstRender(`${server.url}${invite.link}`, first);
console.log(`hello page first render ${helloMs.toFixed(0).padStart(6)} ms (baseline)`);
console.log(
  `rater page first render ${raterMs.toFixed(0).padStart(6)} ms  ${(raterMs / helloMs).toFixed(2)}x baseline`,
);
await browser.close();
await server.close();
await local.close();
rmSync(dataDir, { recursive: true, force: true });
