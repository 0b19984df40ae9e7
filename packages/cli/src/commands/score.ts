import { RESULT_QUADRANTS, type Result, type ResultQuadrant } from "@cxprism/core";
import { renderMatrixText } from "@cxprism/core/matrix";
import {
  describeExtraColumns,
  normaliseHeader,
  resultOf,
  type ScoreColumns,
  scoreColumns,
} from "@cxprism/core/table";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { loadScorable } from "../input/load-portfolio.js";
import { openOutput } from "../io/output.js";
import { appliedWeights, renderAppliedWeights } from "../render/applied-weights.js";
import { shouldColour } from "../render/colour.js";
import { appendJsonFields, discussionJson, renderDiscussionTable } from "../render/discussion.js";
import { colourMatrixText } from "../render/matrix-colour.js";
import { CSV_DIALECTS, renderScoredCsv, renderScoredJson } from "../render/results-data.js";
import { renderResultsMarkdown, renderResultsTable } from "../render/results-table.js";
import {
  MISSING_OPTION,
  MODEL_OPTION,
  readChoice,
  readMissing,
  readNumberFlag,
  readString,
  SHEET_OPTION,
} from "./options.js";
import {
  analyseRaters,
  DISCUSS_THRESHOLD_OPTION,
  loadScoreModel,
  readDiscussThreshold,
  WEIGHTS_OPTION,
} from "./score-raters.js";

const FORMATS = ["table", "json", "csv", "md"] as const;

/** `cxprism score FILE|-`: score a CSV or .xlsx of initiatives and print the ranking. */
export const scoreCommand = defineCommand({
  name: "score",
  usage: "score FILE|- [options]",
  description: [
    "Scores each initiative (one row, or one row per rater with a `rater` column) on business value and",
    "feasibility and prints them best first. Columns: `name` (required), `id`, `category`, `description`,",
    "`cost`, `kpis` and `depends_on` (lists separated by `;` or `|`), `rater`, and one column per criterion,",
    "matched by id or label ignoring case, spaces and punctuation. Other columns pass through to csv/json.",
    "The delimiter (`,` `;` or tab) is detected; with `;` a decimal comma is accepted. `-` reads stdin.",
    "An .xlsx workbook (by its extension, or on stdin by its zip signature) is read from its first sheet,",
    "or the one --sheet names.",
  ].join("\n"),
  options: {
    model: MODEL_OPTION,
    format: {
      type: "string",
      short: "f",
      value: "FORMAT",
      description: "table (default), json, csv or md",
    },
    top: { type: "string", short: "n", value: "N", description: "show only the N best-ranked initiatives" },
    quadrant: {
      type: "string",
      short: "q",
      value: "Q",
      description:
        "show only one quadrant: likely-win, calculated-risk, marginal-gain, unlikely or unrated (no rating on an axis)",
    },
    missing: MISSING_OPTION,
    sheet: SHEET_OPTION,
    "csv-dialect": {
      type: "string",
      value: "DIALECT",
      description:
        "with --format csv: excel (default: `,`, decimal point) or excel-eu (`;`, decimal comma, UTF-8 BOM: Excel in much of Europe)",
    },
    matrix: {
      type: "boolean",
      description: "print the prism matrix under the table (table and md formats)",
    },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      description: "write to FILE (atomically: a temporary file renamed into place) instead of stdout",
    },
    // Judgement (#6): weights from `cxprism weights`, and the raters' discussion list.
    weights: WEIGHTS_OPTION,
    "discuss-threshold": DISCUSS_THRESHOLD_OPTION,
  },
  positionals: { min: 1, max: 1 },
  examples: [
    ["cxprism score examples/contact-center.csv", "rank the example portfolio"],
    ["cxprism score portfolio.csv --top 5 --quadrant likely-win", "the five best likely wins"],
    ["cxprism score portfolio.csv --format csv --out ranking.csv", "a ranking to open in a spreadsheet"],
    [
      "cxprism score portfolio.csv --format csv --csv-dialect excel-eu --out ranking.csv",
      "for Excel where a comma is the decimal separator; `cxprism score ranking.csv` reads it back",
    ],
    ["cxprism score workshop.xlsx --sheet Ratings", "the sheet called Ratings of an Excel workbook"],
    ["cat portfolio.csv | cxprism score - --format json --model my-model.json", "JSON from stdin, own model"],
    [
      "cxprism score examples/contact-center.csv --matrix",
      "the ranking and the prism matrix in the terminal",
    ],
    [
      "cxprism score portfolio.csv --weights weights.json",
      "weights from `cxprism weights ahp ... --format json`",
    ],
    ["cxprism score workshop.csv --discuss-threshold 2", "with a rater column: what the raters must discuss"],
  ],
  async run({ values, positionals }, io) {
    const format = readChoice("format", values.format, FORMATS, "table");
    const top = readTop(values.top);
    const quadrant = readQuadrant(values.quadrant);
    const dialect = readChoice("csv-dialect", values["csv-dialect"], CSV_DIALECTS, "excel");
    if (values["csv-dialect"] !== undefined && format !== "csv")
      throw new CliError("usage", `--csv-dialect: expected --format csv, received --format ${format}`);
    const missing = readMissing(values.missing);
    if (values.matrix === true && format !== "table" && format !== "md")
      throw new CliError("usage", `--matrix: expected --format table or md, received --format ${format}`);
    // Judgement (#6): a re-weighted model, and the raters' disagreement when there is a rater column.
    const threshold = readDiscussThreshold(values["discuss-threshold"]);
    const weightsFile = readString(values.weights);
    const model = await loadScoreModel(readString(values.model), weightsFile);
    const loaded = await loadScorable(
      positionals[0]!,
      { modelFile: readString(values.model), missing, model, sheet: readString(values.sheet) },
      io,
    );
    const { scorable } = loaded;
    const disagreement =
      loaded.loaded === undefined ? undefined : analyseRaters(loaded.loaded, missing, threshold);
    // Scores as typed arrays; a Result is built only for a row on its way out (csv builds none at all).
    const columns = scoreColumns(scorable.portfolio);
    const order = selectRows(columns, quadrant, top);
    const weights = appliedWeights(scorable.portfolio.model, weightsFile);
    const output = openOutput(readString(values.out), io.stdout);
    try {
      const results: Result[] =
        format === "table" || format === "md"
          ? Array.from(order, (i) =>
              resultOf(scorable.portfolio, columns, i, {
                id: scorable.id(i),
                name: scorable.name(i),
                category: scorable.category(i),
              }),
            )
          : [];
      if (format === "table") {
        const colour = values.out === undefined && shouldColour(io.stdout, io.env);
        await output.write(renderResultsTable(results, { colour }));
        if (weightsFile !== undefined) await output.write(`\n${renderAppliedWeights(weights)}`);
        if (disagreement !== undefined)
          await output.write(renderDiscussionTable(disagreement, scorable.portfolio.model, { colour }));
      } else if (format === "md") {
        await output.write(renderResultsMarkdown(results));
        if (weightsFile !== undefined) await output.write(`\n${renderAppliedWeights(weights)}`);
      } else {
        const { layout } = loaded.origins;
        const extraNames = layout.extras.map((column) => layout.names[column]!);
        let chunks =
          format === "csv"
            ? renderScoredCsv(scorable, columns, order, extraNames, dialect)
            : renderScoredJson(scorable, columns, order, extraNames);
        if (format === "json")
          chunks = appendJsonFields(chunks, {
            weights,
            ...(disagreement === undefined ? {} : { discussion: discussionJson(disagreement) }),
          });
        for (const chunk of chunks) await output.write(chunk);
      }
      if (values.matrix === true && results.length > 0) {
        const colour = format === "table" && values.out === undefined && shouldColour(io.stdout, io.env);
        const matrix = renderMatrixText(results, {
          width: matrixWidth(values.out === undefined ? io.stdout : undefined),
          model: scorable.portfolio.model,
        });
        const text = colour ? colourMatrixText(matrix, scorable.portfolio.model.quadrantLabels) : matrix;
        await output.write(format === "md" ? `\n\`\`\`text\n${text}\`\`\`\n` : `\n${text}`);
      }
      await output.close();
    } catch (error) {
      await output.abort();
      throw error;
    }
    const extras = describeExtraColumns(loaded.extraColumns);
    if (extras !== undefined) io.stderr.write(`note: ${extras}\n`);
    if (weightsFile !== undefined && format === "csv")
      io.stderr.write(`note: ${renderAppliedWeights(weights)}`);
    const { warnings } = scorable.portfolio;
    let warned = 0;
    let unrated = 0;
    for (const i of order) {
      if (warnings[i]!.some((w) => w.code === "missing-rating")) warned++;
      if (columns.quadrant[i] === RESULT_QUADRANTS.indexOf("unrated")) unrated++;
    }
    if (warned > 0)
      io.stderr.write(
        `note: ${warned} initiative(s) had missing ratings, scored at the scale midpoint (--missing neutral)\n`,
      );
    if (unrated > 0)
      io.stderr.write(
        `note: ${unrated} initiative(s) unrated: no rating at all on an axis, so in no quadrant and ranked last\n`,
      );
    return 0;
  },
});

/** The terminal's columns (at least 30, the matrix's minimum), or 80 when not writing to a terminal. */
function matrixWidth(stream: NodeJS.WriteStream | undefined): number {
  const columns = stream?.isTTY === true ? stream.columns : undefined;
  return columns === undefined || !(columns > 0) ? 80 : Math.max(30, columns);
}

/** The initiatives to show, best first: those in `quadrant` (all when absent), at most `top` of them. */
function selectRows(
  columns: ScoreColumns,
  quadrant: ResultQuadrant | undefined,
  top: number | undefined,
): Uint32Array {
  let order = columns.order;
  if (quadrant !== undefined) {
    const code = RESULT_QUADRANTS.indexOf(quadrant);
    order = order.filter((i) => columns.quadrant[i] === code);
  }
  return top !== undefined && order.length > top ? order.subarray(0, top) : order;
}

function readTop(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  return readNumberFlag("top", value, { min: 1, whole: true });
}

function readQuadrant(value: string | boolean | undefined): ResultQuadrant | undefined {
  if (value === undefined) return undefined;
  // Accept the id or its words in any case and spacing: "likely-win", "Likely win", "likely_win".
  const wanted = normaliseHeader(String(value));
  const quadrant = RESULT_QUADRANTS.find((q) => normaliseHeader(q) === wanted);
  if (quadrant === undefined)
    throw new CliError(
      "usage",
      `--quadrant: expected one of ${RESULT_QUADRANTS.join(", ")}, received ${JSON.stringify(value)}`,
    );
  return quadrant;
}
