/**
 * bench/bundle-size: the minified, gzipped size of a browser bundle that imports only `score` from
 * @cxprism/core, against a bundle of valibot's `parse` alone (the baseline every core bundle carries).
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

async function bundledBytes(contents: string): Promise<{ raw: number; gzip: number; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: new URL("../packages/core", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    conditions: ["@cxprism/source"],
  });
  const code = result.outputFiles[0]!.contents;
  // Modules that contribute bytes to the output (the metafile's top-level inputs also list tree-shaken ones).
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs).flatMap(([path, { bytesInOutput }]) =>
    bytesInOutput > 0 ? [path] : [],
  );
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs };
}

const core = await bundledBytes(`export { score } from "@cxprism/core";`);
const baseline = await bundledBytes(`export { parse, object, string } from "valibot";`);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log("bench/bundle-size: esbuild --bundle --minify, ESM, browser");
console.log(`baseline: valibot parse+object+string  ${kib(baseline.raw)} min, ${kib(baseline.gzip)} gzip`);
console.log(
  `import { score } from @cxprism/core     ${kib(core.raw)} min, ${kib(core.gzip)} gzip (${(core.gzip / baseline.gzip).toFixed(2)}x baseline)`,
);
const heavy = core.inputs.filter((input) => /mathjs|to-json-schema|catalog\.ts/.test(input));
console.log(
  heavy.length === 0
    ? "no mathjs, JSON-Schema generator or catalog in the score bundle"
    : `unexpected modules: ${heavy.join(", ")}`,
);
