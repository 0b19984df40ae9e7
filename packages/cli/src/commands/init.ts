import { access, mkdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { defaultModel, ILLUSTRATIVE_RATINGS_NOTICE, renderCatalogCsv } from "@cxprism/core";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { writeOutput } from "../io/output.js";

/** `cxprism init [DIR]`: a starter CSV and the default model to edit. */
export const initCommand = defineCommand({
  name: "init",
  usage: "init [DIR] [options]",
  description: [
    "Writes DIR/initiatives.csv (the catalog's use cases with illustrative ratings) and DIR/model.json (the",
    "default model), ready to edit and score. DIR defaults to the current directory and is created if",
    "needed. Existing files are kept unless you pass --force.",
  ].join("\n"),
  options: { force: { type: "boolean", description: "overwrite existing files" } },
  positionals: { min: 0, max: 1 },
  examples: [
    ["cxprism init workshop && cxprism score workshop/initiatives.csv --model workshop/model.json", "start"],
  ],
  async run({ values, positionals }, io) {
    const dir = positionals[0] ?? ".";
    const files = [
      [join(dir, "initiatives.csv"), renderCatalogCsv()],
      [join(dir, "model.json"), `${JSON.stringify(defaultModel, null, 2)}\n`],
    ] as const;
    if (values.force !== true) {
      for (const [file] of files) {
        const exists = await access(file).then(
          () => true,
          () => false,
        );
        if (exists)
          throw new CliError(
            "io",
            `${file}: expected no file there, received an existing file (pass --force to overwrite it)`,
          );
      }
    }
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new CliError("io", `${dir}: cannot create the directory (${(error as Error).message})`);
    }
    for (const [file, text] of files) {
      await writeOutput(file, io.stdout, text);
    }
    const [csv, model] = files.map(([file]) => relative(io.cwd, file) || file);
    io.stderr.write(
      `wrote ${csv} and ${model}\n${ILLUSTRATIVE_RATINGS_NOTICE}\nnext: cxprism score ${csv} --model ${model}\n`,
    );
    return 0;
  },
});
