/**
 * Worker bundle size: `wrangler deploy --dry-run --outdir` of the API worker, gzipped, against the same
 * bundling of a hello-world Hono worker measured in the same run (the floor any Hono worker pays). Reports
 * whether mathjs is in the bundle: it is since `POST /v1/plan` derives formula criteria (about 48 KiB gzip,
 * its instance is built only at the first formula). Goal: <= 250 KiB gzip.
 *
 *   npx tsx --conditions=@cxprism/source bench/api-bundle.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const apiDir = new URL("../packages/api/", import.meta.url).pathname;
const wrangler = join(apiDir, "node_modules/.bin/wrangler");
const work = mkdtempSync(join(tmpdir(), "cxprism-bundle-"));

function bundle(config: string): { raw: number; gzip: number; text: string } {
  const outdir = join(work, `out-${Math.random().toString(36).slice(2)}`);
  execFileSync(wrangler, ["deploy", "--dry-run", "--outdir", outdir, "--config", config], {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The bundle is named after the entry: worker.js for the API.
  const file = readdirSync(outdir).find((name) => name.endsWith(".js"))!;
  const text = readFileSync(join(outdir, file), "utf8");
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).byteLength, text };
}

try {
  const api = bundle(join(apiDir, "wrangler.jsonc"));
  // The baseline lives beside the API so it resolves the same hono; it is removed afterwards.
  const helloEntry = join(apiDir, "src", "_bench-hello-worker.ts");
  const helloConfig = join(work, "hello.jsonc");
  writeFileSync(
    helloEntry,
    'import { Hono } from "hono";\nconst app = new Hono();\napp.get("/", (c) => c.text("Hello, world!"));\n// biome-ignore lint/style/noDefaultExport: Workers entry\nexport default app;\n',
  );
  writeFileSync(
    helloConfig,
    JSON.stringify({ name: "hello", main: helloEntry, compatibility_date: "2026-04-20", minify: true }),
  );
  let hello: ReturnType<typeof bundle>;
  try {
    hello = bundle(helloConfig);
  } finally {
    rmSync(helloEntry, { force: true });
  }
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`hello-world Hono worker: ${kib(hello.raw)} minified, ${kib(hello.gzip)} gzip (baseline)`);
  console.log(`cxprism API worker:      ${kib(api.raw)} minified, ${kib(api.gzip)} gzip`);
  console.log(`API / hello-world gzip ratio: ${(api.gzip / hello.gzip).toFixed(2)}`);
  console.log(
    `gzip size vs 250 KiB goal: ${(api.gzip / (250 * 1024)).toFixed(3)} ${api.gzip <= 250 * 1024 ? "met" : "NOT met"}`,
  );
  console.log(`mathjs in bundle: ${/mathjs/i.test(api.text) ? "yes" : "no"}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
