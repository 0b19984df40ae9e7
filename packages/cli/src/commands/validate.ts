import { describeExtraColumns } from "@cxprism/core/table";
import { defineCommand } from "../command.js";
import { loadPortfolio } from "../input/load-portfolio.js";
import { MISSING_OPTION, MODEL_OPTION, readMissing, readString, SHEET_OPTION } from "./options.js";

/** `cxprism validate FILE`: report every problem of a CSV without scoring it. */
export const validateCommand = defineCommand({
  name: "validate",
  usage: "validate FILE|- [options]",
  description: [
    "Reads a CSV or an .xlsx sheet as `score` does and reports every problem as FILE:ROW:COLUMN (the row",
    "a spreadsheet shows, the header as written), in a workbook as FILE:SHEET!CELL:COLUMN. Exits 0 when",
    "the file is clean, 1 when it has problems.",
  ].join("\n"),
  options: { model: MODEL_OPTION, missing: MISSING_OPTION, sheet: SHEET_OPTION },
  positionals: { min: 1, max: 1 },
  examples: [
    ["cxprism validate portfolio.csv", "check a file before a workshop"],
    ["cxprism validate portfolio.csv --model my-model.json", "check it against your own model"],
  ],
  async run({ values, positionals }, io) {
    const loaded = await loadPortfolio(
      positionals[0]!,
      {
        modelFile: readString(values.model),
        missing: readMissing(values.missing),
        sheet: readString(values.sheet),
      },
      io,
    );
    const count = loaded.portfolio.initiatives.length;
    io.stdout.write(
      `${loaded.file}: ok, ${count} initiative${count === 1 ? "" : "s"} from ${loaded.rows} row${loaded.rows === 1 ? "" : "s"}\n`,
    );
    const extras = describeExtraColumns(loaded.extraColumns);
    if (extras !== undefined) io.stderr.write(`note: ${extras}\n`);
    return 0;
  },
});
