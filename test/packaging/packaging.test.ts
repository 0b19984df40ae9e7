import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The four packages as a user gets them: packed by pnpm (which builds first), installed by npm into a project
// of their own outside the repository, with every other dependency from the registry.
const root = fileURLToPath(new URL("../../", import.meta.url));
const PACKAGES = ["core", "report", "cli", "api"] as const;
const PNPM = ["-y", "pnpm@10.34.8"];
const catalog = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
const pinned = (name: string) => {
  const version = new RegExp(`^  "?${name.replace("/", "\\/")}"?: (\\S+)$`, "m").exec(catalog)?.[1];
  if (version === undefined) throw new Error(`${name} is not in the pnpm catalog`);
  return version;
};

const work = mkdtempSync(join(tmpdir(), "cxprism-packaging-"));
const project = join(work, "project");
const tarballs: Record<(typeof PACKAGES)[number], string> = { core: "", report: "", cli: "", api: "" };

const run = (command: string, args: readonly string[], cwd = project) =>
  execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
const tarFile = (tarball: string, path: string) => run("tar", ["-xzOf", tarball, `package/${path}`], work);
const tarList = (tarball: string) => run("tar", ["-tzf", tarball], work).trim().split("\n");

beforeAll(() => {
  for (const name of PACKAGES) {
    const dir = join(root, "packages", name);
    // `pack` runs the package's `prepack`, which builds it; its output is not the tarball's name, so the name
    // comes from the manifest.
    run("npx", [...PNPM, "pack", "--pack-destination", work], dir);
    const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    tarballs[name] = join(work, `cxprism-${name}-${version}.tgz`);
  }
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: Object.fromEntries(
        PACKAGES.map((name) => [`@cxprism/${name}`, `file:${tarballs[name]}`]),
      ),
      devDependencies: { typescript: pinned("typescript"), "@types/node": pinned("@types/node") },
    }),
  );
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

describe.each(PACKAGES)("the @cxprism/%s tarball", { timeout: 120_000 }, (name) => {
  it("holds a README, the MIT licence and no source maps", () => {
    const files = tarList(tarballs[name]);
    expect(files).toEqual(
      expect.arrayContaining(["package/README.md", "package/LICENSE", "package/package.json"]),
    );
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(files.filter((file) => /\.test\.|worker-bundle/.test(file))).toEqual([]);
    expect(tarFile(tarballs[name], "LICENSE")).toContain("MIT License");
  });

  it("publishes engines, repository, keywords, caret ranges and no source condition", () => {
    const manifest = JSON.parse(tarFile(tarballs[name], "package.json")) as Record<string, unknown>;
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    expect(manifest.repository).toMatchObject({ directory: `packages/${name}` });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(0);
    expect(manifest.private).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain("@cxprism/source");
    for (const version of Object.values(manifest.dependencies as Record<string, string>))
      expect(version).toMatch(/^\^\d/);
  });

  it("passes publint", async () => {
    const { publint } = await import("publint");
    // A copy, so that the ArrayBuffer holds exactly the tarball's bytes: a Buffer may be a view into a larger
    // pooled one, whose other bytes publint would read as a broken gzip header.
    const tarball = new Uint8Array(readFileSync(tarballs[name])).buffer;
    const { messages } = await publint({ pack: { tarball }, strict: true });
    expect(messages).toEqual([]);
  });

  it("passes Are the Types Wrong? for ESM consumers", () => {
    // `esm-only`: CommonJS consumers reach these ESM-only packages through Node's require(esm) (on by default
    // from Node 20.19, the lowest supported version), which the CJS test below runs for real. The CLI has no
    // `exports`, so each of its modules is checked as an entry point.
    const legacy = name === "cli" ? ["--entrypoints-legacy"] : [];
    const attw = join(root, "node_modules/.bin/attw");
    expect(() =>
      run(attw, ["--profile", "esm-only", ...legacy, "--format", "ascii", tarballs[name]], work),
    ).not.toThrow();
  });
});

// Each step starts Node, npm or tsc on a shared machine: generous timeouts, never a measure of speed.
describe("the installed packages", { timeout: 120_000 }, () => {
  const SCRIPT = `const results = score(catalogInitiatives());
    const app = createApp();
    const health = await app.request("/health");
    console.log(results.length, results[0].rank, health.status);`;

  it("import as ES modules", () => {
    writeFileSync(
      join(project, "esm.mjs"),
      `import { catalogInitiatives, score } from "@cxprism/core";\nimport { createApp } from "@cxprism/api";\n${SCRIPT}\n`,
    );
    expect(run(process.execPath, ["esm.mjs"]).trim()).toMatch(/^\d+ 1 200$/);
  });

  it("load with require() (Node's require(esm))", () => {
    writeFileSync(
      join(project, "cjs.cjs"),
      `const { catalogInitiatives, score } = require("@cxprism/core");\nconst { createApp } = require("@cxprism/api");\n(async () => {\n${SCRIPT}\n})();\n`,
    );
    expect(run(process.execPath, ["--no-warnings", "cjs.cjs"]).trim()).toMatch(/^\d+ 1 200$/);
  });

  it.each(["nodenext", "bundler"])("type-check with moduleResolution %s", (resolution) => {
    const dir = join(project, `tsc-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "consumer.ts"),
      [
        `import { type Result, catalogInitiatives, score } from "@cxprism/core";`,
        `import { createApp } from "@cxprism/api";`,
        `import { startNodeServer } from "@cxprism/api/node";`,
        `const results: readonly Result[] = score(catalogInitiatives());`,
        `const rank: number = results[0]!.rank;`,
        `const server = await startNodeServer({ port: 0, app: createApp() });`,
        `await server.close();`,
        `export { rank };`,
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2022", "DOM"],
          module: resolution === "bundler" ? "ESNext" : "NodeNext",
          moduleResolution: resolution,
          strict: true,
          noEmit: true,
          // The packages' own declarations are checked by Are the Types Wrong? above; this checks that a
          // consumer's code resolves and type-checks against them.
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["consumer.ts"],
      }),
    );
    expect(() => run(join(project, "node_modules/.bin/tsc"), ["-p", dir])).not.toThrow();
  });

  it("run `npx cxprism score` on the example CSV", () => {
    const output = run("npx", [
      "cxprism",
      "score",
      join(root, "examples/contact-center.csv"),
      "--format",
      "json",
    ]);
    const ranking = JSON.parse(output) as { results: { name: string; rank: number }[] };
    expect(ranking.results[0]).toMatchObject({ rank: 1 });
    expect(ranking.results.map((result) => result.name)).toContain("Agent scheduling and load forecasting");
  });

  it("start the API's Node entry, which answers /health", async () => {
    const server = spawn(join(project, "node_modules/.bin/cxprism-api"), [], {
      cwd: project,
      env: { ...process.env, PORT: "0", CXPRISM_DATA_DIR: join(work, "data") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      const url = await listeningUrl(server);
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      // The AWS SDK's notice about its own future Node requirement is turned off on purpose (see node.ts).
      expect(stderr).not.toContain("NodeVersionSupportWarning");
    } finally {
      server.kill("SIGTERM");
    }
  });
});

/** Resolves with the URL the server prints once it listens; rejects if it exits first. */
function listeningUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve(url);
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.once("exit", (code) => reject(new Error(`cxprism-api exited with ${code}:\n${output}`)));
  });
}
