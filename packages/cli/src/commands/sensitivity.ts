import { CxprismError, suggestNearest } from "@cxprism/core";
import {
  analyseWeightStability,
  buildTornado,
  compareMethods,
  type MonteCarloOptions,
  runMonteCarlo,
} from "@cxprism/core/confidence";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { loadPortfolio } from "../input/load-portfolio.js";
import { writeOutput } from "../io/output.js";
import { shouldColour } from "../render/colour.js";
import { renderMethodsTable, renderProbabilityTable, renderStabilityTable } from "../render/sensitivity.js";
import { renderTornadoChart } from "../render/tornado.js";
import {
  MISSING_OPTION,
  MODEL_OPTION,
  readChoice,
  readMissing,
  readNumberFlag,
  readString,
  SHEET_OPTION,
} from "./options.js";

const FORMATS = ["table", "json"] as const;
/** Above this many initiative-worlds, a terminal gets a line saying the simulation is running. */
const LONG_RUN = 2_000_000;
/** The option each Monte Carlo setting comes from, for messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  iterations: "--iterations",
  seed: "--seed",
  topK: "--top",
  concentration: "--concentration",
  uncertainty: "--uncertainty",
};

/** `cxprism sensitivity FILE`: how confident the ranking is. */
export const sensitivityCommand = defineCommand({
  name: "sensitivity",
  usage: "sensitivity FILE|- [options]",
  description: [
    "Reads a CSV as `score` does and simulates plausible worlds around it: weights drawn from a Dirichlet",
    "centred on the model's (--concentration: higher = closer), each rating moved by up to --uncertainty",
    "rating steps, raters resampled where several rated. Prints per initiative P(top-k), P(rank 1), the",
    "probability of keeping its quadrant, the priority median and 90% interval, and a one-line summary; then",
    "each criterion's weight range within which the top-1 and the top-k set stay the same. Then whether the ranking survives a change of method: ranks by weighted sum, weighted product, TOPSIS",
    "(vector and min-max) and VIKOR (v = 0.5) on the same criteria and weights, Spearman's rho and Kendall's",
    "tau-b between them, the initiatives in the top k under some methods only, and VIKOR's compromise",
    "(docs/methods.md). With --id, a tornado chart: how far one rating step down or up moves that",
    "initiative's priority.",
    "The same seed gives byte-identical output.",
  ].join("\n"),
  options: {
    model: MODEL_OPTION,
    missing: MISSING_OPTION,
    sheet: SHEET_OPTION,
    iterations: { type: "string", value: "N", description: "simulated worlds (default 10000)" },
    seed: {
      type: "string",
      value: "S",
      description: "seed of the random source, 0 to 4294967295 (default 1)",
    },
    top: {
      type: "string",
      short: "k",
      value: "K",
      description: "the k of P(top-k) and of the top-k set (default 3)",
    },
    concentration: {
      type: "string",
      value: "C",
      description: "Dirichlet concentration of the weights (default 100; `inf` keeps the model weights)",
    },
    uncertainty: {
      type: "string",
      value: "U",
      description: "rating noise, in rating steps either way (default 1; 0 keeps the ratings)",
    },
    id: { type: "string", value: "ID", description: "add a tornado chart for this initiative" },
    format: { type: "string", short: "f", value: "FORMAT", description: "table (default) or json" },
    out: { type: "string", short: "o", value: "FILE", description: "write to FILE instead of stdout" },
  },
  positionals: { min: 1, max: 1 },
  examples: [
    ["cxprism sensitivity examples/contact-center.csv", "how sure is the ranking?"],
    ["cxprism sensitivity portfolio.csv --top 5 --iterations 50000 --seed 7", "P(top-5), more worlds"],
    ["cxprism sensitivity portfolio.csv --id virtual-customer-assistant", "which ratings matter for one"],
    ["cxprism sensitivity portfolio.csv --concentration inf --uncertainty 0.5", "only rating noise"],
    ["cxprism sensitivity portfolio.csv --format json > confidence.json", "everything, machine-readable"],
  ],
  async run({ values, positionals }, io) {
    const format = readChoice("format", values.format, FORMATS, "table");
    const options: MonteCarloOptions = {
      iterations: readWhole("iterations", values.iterations, 1, 100_000_000, 10_000),
      seed: readWhole("seed", values.seed, 0, 2 ** 32 - 1, 1),
      topK: readWhole("top", values.top, 1, Number.MAX_SAFE_INTEGER, 3),
      concentration: readConcentration(values.concentration),
      uncertainty: readNumber("uncertainty", values.uncertainty, 1),
    };
    const loaded = await loadPortfolio(
      positionals[0]!,
      {
        modelFile: readString(values.model),
        missing: readMissing(values.missing),
        sheet: readString(values.sheet),
      },
      io,
    );
    const { portfolio } = loaded;
    const id = readString(values.id);
    if (id !== undefined && !portfolio.initiatives.some((initiative) => initiative.id === id)) {
      const ids = portfolio.initiatives.map((initiative) => initiative.id);
      const hint = suggestNearest(id, ids);
      throw new CliError(
        "usage",
        `--id: expected an initiative id of ${loaded.file}, received ${JSON.stringify(id)}${hint ? ` (did you mean "${hint}"?)` : ` (ids: ${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ", ..." : ""})`}`,
      );
    }
    const notice = announceLongRun(io.stderr, options.iterations!, portfolio.initiatives.length);
    let monteCarlo: ReturnType<typeof runMonteCarlo>;
    let stability: ReturnType<typeof analyseWeightStability>;
    let methods: ReturnType<typeof compareMethods>;
    try {
      monteCarlo = runMonteCarlo(portfolio, options);
      stability = analyseWeightStability(portfolio, { topK: options.topK });
      methods = compareMethods(portfolio, { topK: options.topK });
    } catch (error) {
      if (!(error instanceof CxprismError)) throw error;
      const [problem] = error.problems;
      const option = OPTION_OF[String(problem?.path[0])];
      throw new CliError("usage", `${option ?? "options"}: ${problem?.message ?? error.message}`);
    } finally {
      notice.done();
    }
    const tornado = id === undefined ? undefined : buildTornado(portfolio).find((entry) => entry.id === id);
    let text: string;
    if (format === "json") {
      text = `${JSON.stringify({ monteCarlo, stability, methods, ...(tornado === undefined ? {} : { tornado }) }, null, 2)}\n`;
    } else {
      const colour = values.out === undefined && shouldColour(io.stdout, io.env);
      const topName =
        portfolio.initiatives.find((initiative) => initiative.id === stability.top1)?.name ?? stability.top1;
      text =
        renderProbabilityTable(monteCarlo, portfolio.model, { colour }) +
        renderStabilityTable(stability, portfolio.model, topName, { colour }) +
        renderMethodsTable(
          methods,
          new Map(portfolio.initiatives.map((initiative) => [initiative.id, initiative.name])),
          { colour },
        ) +
        (tornado === undefined ? "" : `\n${renderTornadoChart(tornado, { colour })}`);
    }
    await writeOutput(readString(values.out), io.stdout, text);
    return 0;
  },
});

function readWhole(
  name: string,
  value: string | boolean | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  return readNumberFlag(name, value, { min, max, whole: true });
}

function readNumber(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return readNumberFlag(name, value, { min: 0 });
}

function readConcentration(value: string | boolean | undefined): number {
  if (typeof value === "string" && /^(inf|infinity)$/i.test(value)) return Number.POSITIVE_INFINITY;
  const number = readNumber("concentration", value, 100);
  if (number <= 0)
    throw new CliError(
      "usage",
      `--concentration: expected a number above 0 (or inf), received ${JSON.stringify(value)}`,
    );
  return number;
}

/**
 * On a terminal, says that a long simulation is running (the core runs it in one synchronous call, so the
 * line cannot count up); `done` clears it. Nothing is written when stderr is not a terminal or the run is short.
 *
 * @param stream - stderr
 * @param iterations - simulated worlds
 * @param initiatives - initiatives per world
 * @returns `done`, to call when the simulation has finished
 */
export function announceLongRun(
  stream: { readonly isTTY?: boolean; write(text: string): unknown },
  iterations: number,
  initiatives: number,
): { done(): void } {
  if (stream.isTTY !== true || iterations * initiatives < LONG_RUN) return { done() {} };
  stream.write(
    `simulating ${iterations.toLocaleString("en-US")} worlds of ${initiatives.toLocaleString("en-US")} initiatives...`,
  );
  return {
    done() {
      stream.write("\r\u001b[K");
    },
  };
}
