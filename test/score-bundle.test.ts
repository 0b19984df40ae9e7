import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Bundles `source` as a browser/worker app would, and returns how many output bytes came from mathjs. */
async function mathjsBytes(source: string): Promise<{ mathjs: number; total: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["@cxprism/source"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  let mathjs = 0;
  for (const [path, input] of Object.entries(output.inputs))
    if (path.includes("mathjs")) mathjs += input.bytesInOutput;
  return { mathjs, total: output.bytes };
}

describe("bundles of @cxprism/core", () => {
  it("leave mathjs out of an app that only scores", async () => {
    const { mathjs } = await mathjsBytes('import { score } from "@cxprism/core"; console.log(score([]));');
    expect(mathjs).toBe(0);
  });

  it("bring mathjs in when formulas are derived", async () => {
    const { mathjs } = await mathjsBytes(
      'import { deriveFormulaCriteria } from "@cxprism/core/formula"; console.log(deriveFormulaCriteria([]));',
    );
    expect(mathjs).toBeGreaterThan(10_000);
  });
});
