import { CxprismError, defaultModel, type Model } from "@cxprism/core";
import {
  COMPLETIONS,
  isRandomIndexTable,
  RANDOM_INDEX_TABLES,
  type RandomIndexTable,
  type RankedCriterionWeights,
  type RankWeightMethod,
  rankCriterionWeights,
} from "@cxprism/core/weights";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { loadModel } from "../input/load-model.js";
import { loadAhpWeights } from "../input/load-pairwise.js";
import { writeOutput } from "../io/output.js";
import { shouldColour } from "../render/colour.js";
import { ahpJson, rankWeightsJson, renderAhpTable, renderWeightTable } from "../render/weights.js";
import { MODEL_OPTION, readChoice, readString, SHEET_OPTION } from "./options.js";

const FORMATS = ["table", "json"] as const;
const AHP_METHODS = ["eigenvector", "geometric-mean"] as const;
/** Short names first; the core's names are accepted too. */
const RANK_METHODS: Readonly<Record<string, RankWeightMethod>> = {
  roc: "rank-order-centroid",
  "rank-order-centroid": "rank-order-centroid",
  "rank-sum": "rank-sum",
  "rank-reciprocal": "rank-reciprocal",
  equal: "equal",
};

/** `cxprism weights ahp FILE` and `cxprism weights rank IDS`: criterion weights from judgments or a ranking. */
export const weightsCommand = defineCommand({
  name: "weights",
  usage: "weights ahp|rank FILE|IDS [options]",
  description: [
    "`weights ahp FILE` reads a pairwise-comparison CSV or .xlsx: criteria as the header row and the first",
    "column, each by id or by label (ignoring case and spacing; the weights are written by id, so `score`",
    "takes them; a matrix none of whose headers names a criterion keeps its headers), each cell how many",
    "times more important the row is than the column on Saaty's 1-9 scale (`3`, `1/3`,",
    "`0.333`; empty = not judged; the upper triangle is enough). It prints the weights (principal eigenvector,",
    "or row geometric mean), lambda-max, CI, CR and Saaty's verdict, and the judgments that make the matrix",
    "inconsistent with the value each would need (only when CR is above 0.10, or when a nearer scale value",
    "would lower CR; each with the CR drop). The CSV is read as `score` reads one (delimiter detected); a",
    "workbook from its first sheet or --sheet; `-` reads stdin (a workbook is told by its zip signature).",
    "Missing judgments are completed as Harker (1987) does (default) or, with `--completion optimal`, with",
    "the values that minimise lambda-max (Bozoki, Fulop & Ronyai 2010; AHPy's choice).",
    "",
    "`weights rank IDS` turns an order of importance into weights: criteria by id or label, separated by `,`,",
    "`=` for a tie (`a,b=c,d`). An unknown criterion is an error that suggests the nearest. Value and",
    "feasibility criteria are only ever weighed against their own axis, so a ranking that mixes them is",
    "ranked per axis (each axis keeps its criteria's order and gets weights summing to 1). Methods: roc",
    "(rank-order centroid, Barron & Barrett 1996, default), rank-sum, rank-reciprocal, equal.",
    "",
    "`--format json` prints {weights: {id: weight}, ...}: pass that file to `score --weights`.",
  ].join("\n"),
  options: {
    method: {
      type: "string",
      value: "METHOD",
      description:
        "ahp: eigenvector (default) or geometric-mean; rank: roc (default), rank-sum, rank-reciprocal or equal",
    },
    "random-index": {
      type: "string",
      value: "TABLE",
      description: `ahp: the random-index table for CR: ${Object.keys(RANDOM_INDEX_TABLES).join(", ")} (default saaty-1980)`,
    },
    completion: {
      type: "string",
      value: "KIND",
      description: "ahp: how missing judgments are filled: harker (default) or optimal (minimum lambda-max)",
    },
    model: MODEL_OPTION,
    sheet: SHEET_OPTION,
    format: { type: "string", short: "f", value: "FORMAT", description: "table (default) or json" },
    out: { type: "string", short: "o", value: "FILE", description: "write to FILE instead of stdout" },
  },
  positionals: { min: 1, max: 2 },
  examples: [
    ["cxprism weights ahp pairwise.csv", "weights, CR and the judgments to revisit"],
    [
      "cxprism weights ahp pairwise.csv --format json > weights.json && cxprism score portfolio.csv --weights weights.json",
      "score with the workshop's weights",
    ],
    [
      "cxprism weights ahp pairwise.csv --method geometric-mean --random-index alonso-lamata-2006",
      "variants",
    ],
    ["cxprism weights ahp partial.csv --completion optimal", "missing judgments set to minimise lambda-max"],
    ["cxprism weights rank cx_impact,cost_to_serve=strategic_fit,revenue_retention", "weights from an order"],
    ['cxprism weights rank "Data readiness,Time to value,Integration effort"', "criteria by label"],
  ],
  async run({ values, positionals }, io) {
    const [kind, subject] = positionals;
    const format = readChoice("format", values.format, FORMATS, "table");
    if (kind !== "ahp" && kind !== "rank")
      throw new CliError("usage", `expected ahp or rank after weights, received ${JSON.stringify(kind)}`);
    if (subject === undefined)
      throw new CliError(
        "usage",
        `expected ${kind === "ahp" ? "a pairwise CSV or .xlsx file (or - for stdin)" : "criterion ids in order, e.g. a,b=c,d"} after weights ${kind}, received nothing`,
      );
    const modelFile = readString(values.model);
    const model: Model = modelFile === undefined ? defaultModel : await loadModel(modelFile);
    let text: string;
    if (kind === "ahp") {
      const method = readChoice("method", values.method, AHP_METHODS, "eigenvector");
      const completion = readChoice("completion", values.completion, COMPLETIONS, "harker");
      const { result } = await loadAhpWeights(
        subject,
        {
          method,
          randomIndex: readRandomIndex(values["random-index"]),
          completion,
          model,
          sheet: readString(values.sheet),
        },
        io,
      );
      text =
        format === "json"
          ? `${JSON.stringify(ahpJson(result), null, 2)}\n`
          : renderAhpTable(result, { colour: values.out === undefined && shouldColour(io.stdout, io.env) });
    } else {
      for (const flag of ["random-index", "completion", "sheet"] as const) {
        if (values[flag] !== undefined)
          throw new CliError(
            "usage",
            `--${flag}: expected only with weights ahp, received it with weights rank`,
          );
      }
      const method = RANK_METHODS[readChoice("method", values.method, Object.keys(RANK_METHODS), "roc")]!;
      const ranking = parseRanking(subject);
      let ranked: RankedCriterionWeights;
      try {
        ranked = rankCriterionWeights(model, ranking, method);
      } catch (error) {
        if (!(error instanceof CxprismError)) throw error;
        throw new CliError(
          "invalid-input",
          `${subject}: the ranking does not fit model ${model.id}`,
          error.problems.map((problem) => ({
            file: "ranking",
            column: problem.path.length === 0 ? undefined : `place ${Number(problem.path[0]) + 1}`,
            message: problem.message,
          })),
        );
      }
      text =
        format === "json"
          ? `${JSON.stringify(rankWeightsJson(ranked, method), null, 2)}\n`
          : `${renderWeightTable(ranked.weights)}\nmethod      ${method}\n${renderAxisRanking(ranked)}`;
    }
    await writeOutput(readString(values.out), io.stdout, text);
    return 0;
  },
});

/**
 * Reads a ranking written on the command line: ids separated by `,`, ties joined by `=` (`a,b=c,d`).
 * Spaces around ids are ignored; an empty id is a usage error.
 *
 * @param text - the ranking
 * @returns one group per place (a single id, or the tied ids)
 * @throws {@link CliError} `usage` for an empty id
 */
export function parseRanking(text: string): string[][] {
  const ranking = text.split(",").map((place) => place.split("=").map((id) => id.trim()));
  const empty = ranking.some((group) => group.some((id) => id === ""));
  if (empty)
    throw new CliError(
      "usage",
      `expected criterion ids separated by "," (and "=" for a tie), received ${JSON.stringify(text)} with an empty id`,
    );
  return ranking;
}

/** "ranked per axis: value a > b; feasibility c = d" when a ranking mixed the axes; nothing otherwise. */
function renderAxisRanking(ranked: RankedCriterionWeights): string {
  const axes = Object.entries(ranked.axes);
  if (axes.length < 2) return "";
  const order = axes.map(
    ([axis, groups]) => `${axis} ${groups.map((group) => group.join(" = ")).join(" > ")}`,
  );
  return `ranked per axis (each axis' weights sum to 1): ${order.join("; ")}\n`;
}

function readRandomIndex(value: string | boolean | undefined): RandomIndexTable {
  if (value === undefined) return "saaty-1980";
  if (typeof value === "string" && isRandomIndexTable(value)) return value;
  throw new CliError(
    "usage",
    `--random-index: expected one of ${Object.keys(RANDOM_INDEX_TABLES).join(", ")}, received ${JSON.stringify(value)}`,
  );
}
