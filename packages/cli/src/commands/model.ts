import { defaultModel, modelJsonSchema } from "@cxprism/core";
import { defineCommand } from "../command.js";

/** `cxprism model`: the default model, or the JSON Schema of a model. */
export const modelCommand = defineCommand({
  name: "model",
  usage: "model [--schema]",
  description: [
    "Prints the built-in cx-ai-prism model as JSON: copy it, change weights, criteria or thresholds, and pass",
    "it to `score --model`. `--schema` prints the JSON Schema a model file must follow.",
  ].join("\n"),
  options: { schema: { type: "boolean", description: "print the JSON Schema of a model instead" } },
  positionals: { min: 0, max: 0 },
  examples: [
    ["cxprism model > my-model.json", "start a model of your own"],
    ["cxprism model --schema > model.schema.json", "the schema, for your editor's validation"],
  ],
  async run({ values }, io) {
    io.stdout.write(
      `${JSON.stringify(values.schema === true ? modelJsonSchema() : defaultModel, null, 2)}\n`,
    );
    return 0;
  },
});
