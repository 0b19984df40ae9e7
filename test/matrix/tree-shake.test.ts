import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Bundles a one-line entry the way an application would, resolving core to its sources. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["@cxprism/source"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("core's matrix code and tree shaking", () => {
  it("stays out of a bundle that imports only score", async () => {
    const code = await bundle(`import { score } from "@cxprism/core"; console.log(score([]));`);
    expect(code).toContain("function score(");
    for (const name of [
      "renderMatrixSvg",
      "placeLabels",
      "isoPriorityRegion",
      "renderMatrixText",
      "toVegaLite",
      "#0072B2",
    ])
      expect(code).not.toContain(name);
  });

  it("comes in when renderMatrixSvg is imported (the check above can fail)", async () => {
    const code = await bundle(
      `import { renderMatrixSvg } from "@cxprism/core/matrix"; console.log(renderMatrixSvg([]));`,
    );
    expect(code).toContain("function placeLabels(");
    expect(code).toContain("#0072B2");
  });
});
