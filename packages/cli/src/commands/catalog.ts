import { catalog, ILLUSTRATIVE_RATINGS_NOTICE, renderCatalogCsv } from "@cxprism/core";
import { defineCommand } from "../command.js";
import { writeOutput } from "../io/output.js";
import { renderCatalogTable } from "../render/catalog.js";
import { readChoice, readString } from "./options.js";

/** `cxprism catalog`: the built-in CX AI use cases. */
export const catalogCommand = defineCommand({
  name: "catalog",
  usage: "catalog [options]",
  description: [
    "Lists the built-in customer-service AI use cases. `--format csv` writes them with their illustrative",
    "ratings as a CSV that `cxprism score` reads as it is: a starting point for a workshop.",
    ILLUSTRATIVE_RATINGS_NOTICE,
  ].join("\n"),
  options: {
    format: { type: "string", short: "f", value: "FORMAT", description: "table (default), csv or json" },
    out: { type: "string", short: "o", value: "FILE", description: "write to FILE instead of stdout" },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    ["cxprism catalog", "see the use cases"],
    [
      "cxprism catalog --format csv --out workshop.csv && cxprism score workshop.csv",
      "start a workshop file",
    ],
  ],
  async run({ values }, io) {
    const format = readChoice("format", values.format, ["table", "csv", "json"] as const, "table");
    const text =
      format === "table"
        ? renderCatalogTable()
        : format === "csv"
          ? renderCatalogCsv()
          : `${JSON.stringify({ notice: ILLUSTRATIVE_RATINGS_NOTICE, useCases: catalog }, null, 2)}\n`;
    await writeOutput(readString(values.out), io.stdout, text);
    return 0;
  },
});
