import {
  buildBoardPack,
  CxprismError,
  formatPath,
  LANGUAGES,
  messagesFor,
  scorePortfolio,
} from "@cxprism/core";
import { analyseDisagreement, analyseWeightStability, runMonteCarlo } from "@cxprism/core/confidence";
import { createPlan, type Plan } from "@cxprism/core/plan";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { loadPortfolio } from "../input/load-portfolio.js";
import { writeFileAtomic } from "../io/write-file.js";
import {
  MISSING_OPTION,
  MODEL_OPTION,
  readChoice,
  readMissing,
  readString,
  SHEET_OPTION,
} from "./options.js";
import { readAmount, readGoals } from "./plan.js";
import { renderPng } from "./plot.js";

const FORMATS = ["pptx", "pdf"] as const;

/** `cxprism report FILE -o OUT`: the board pack as PPTX or PDF. */
export const reportCommand = defineCommand({
  name: "report",
  usage: "report FILE|- --out FILE [options]",
  description: [
    "Scores the initiatives and writes the board pack: a summary in sentences, the prism matrix, the ranked",
    "table with what drives each score, confidence (rank and quadrant probabilities, weight stability), the",
    "ratings raters disagreed on (with a `rater` column), the plan's waves with cost, KPIs, payback, ROI",
    "and NPV (with --budget), KPI coverage of --goals, method and assumptions, and every rating. Sections",
    "without data are left out. The format follows --format, else the --out extension. --date fixes the",
    "date printed and stored in the file: the same input and date give byte-identical files.",
  ].join("\n"),
  options: {
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      description: "the file to write: pack.pptx or pack.pdf (required)",
    },
    format: { type: "string", short: "f", value: "FORMAT", description: "pptx or pdf (default: from --out)" },
    lang: {
      type: "string",
      value: "LANG",
      description: `language of the pack: ${Object.keys(LANGUAGES).join(", ")} (default en)`,
    },
    budget: {
      type: "string",
      short: "b",
      value: "N",
      description: "plan within this budget (adds the plan's sections)",
    },
    goals: { type: "string", value: "KPIS", description: "KPIs to move, e.g. fcr,csat (with --budget)" },
    paper: { type: "string", value: "SIZE", description: "PDF paper: a4 (default) or letter" },
    date: {
      type: "string",
      value: "YYYY-MM-DD",
      description: "the date printed on the pack (default today, UTC)",
    },
    title: { type: "string", short: "t", value: "TEXT", description: "the pack's title" },
    iterations: {
      type: "string",
      value: "N",
      description: "simulations for the confidence section (default 2000, 0 for none)",
    },
    seed: { type: "string", value: "N", description: "seed of the simulations (default 1)" },
    model: MODEL_OPTION,
    missing: MISSING_OPTION,
    sheet: SHEET_OPTION,
  },
  positionals: { min: 1, max: 1 },
  examples: [
    ["cxprism report examples/contact-center.csv -o pack.pdf --date 2026-11-30", "the board pack as PDF"],
    [
      "cxprism report examples/plan-inputs/portfolio.csv -o pack.pptx --lang de --budget 1500000 --goals fcr,csat",
      "editable slides in German, with the plan",
    ],
  ],
  async run({ values, positionals }, io) {
    const out = readString(values.out);
    if (out === undefined)
      throw new CliError(
        "usage",
        "--out: expected a file to write (pack.pptx or pack.pdf), received nothing",
      );
    const format =
      values.format !== undefined
        ? readChoice("format", values.format, FORMATS, "pdf")
        : out.toLowerCase().endsWith(".pptx")
          ? "pptx"
          : out.toLowerCase().endsWith(".pdf")
            ? "pdf"
            : undefined;
    if (format === undefined)
      throw new CliError(
        "usage",
        `--out: expected a file ending in .pptx or .pdf (or pass --format), received ${JSON.stringify(out)}`,
      );
    const lang = readString(values.lang) ?? "en";
    const messages = messagesFor(lang);
    if (messages === undefined)
      throw new CliError(
        "usage",
        `--lang: expected one of ${Object.keys(LANGUAGES).join(", ")}, received ${JSON.stringify(lang)}`,
      );
    const paper = readChoice("paper", values.paper, ["a4", "letter"] as const, "a4");
    const date = readString(values.date) ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
      throw new CliError("usage", `--date: expected a date as YYYY-MM-DD, received ${JSON.stringify(date)}`);
    const iterations = readAmount("iterations", values.iterations, false) ?? 2000;
    const seed = readAmount("seed", values.seed, false) ?? 1;
    const budget = readAmount("budget", values.budget, false);
    const goals = readGoals(values.goals);
    const missing = readMissing(values.missing);
    const loaded = await loadPortfolio(
      positionals[0]!,
      { modelFile: readString(values.model), missing, sheet: readString(values.sheet) },
      io,
    );
    const { portfolio } = loaded;
    const results = scorePortfolio(portfolio);
    const initiatives = portfolio.initiatives;
    const raters = new Set(
      initiatives.flatMap((initiative) => (initiative.raters ?? []).map((set) => set.rater)),
    );
    let plan: Plan | undefined;
    try {
      if (budget !== undefined)
        plan = createPlan(initiatives, {
          budget,
          missing,
          model: portfolio.model,
          ...(goals === undefined ? {} : { goals }),
        });
    } catch (error) {
      if (!(error instanceof CxprismError)) throw error;
      throw new CliError(
        "invalid-input",
        `${loaded.file}: cannot plan these initiatives: ${error.problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join("; ")}`,
      );
    }
    const confidence =
      iterations > 0 && initiatives.length > 1
        ? runMonteCarlo(portfolio, { iterations: Math.round(iterations), seed: Math.round(seed) })
        : undefined;
    const stability = initiatives.length > 1 ? analyseWeightStability(portfolio) : undefined;
    const discussion =
      raters.size > 1 ? analyseDisagreement(initiatives, { model: portfolio.model, missing }) : undefined;
    const title = readString(values.title);
    const pack = buildBoardPack({
      results,
      date,
      model: portfolio.model,
      messages,
      initiatives,
      ...(title === undefined ? {} : { title }),
      ...(raters.size > 0 ? { raters: raters.size } : {}),
      ...(confidence === undefined ? {} : { confidence }),
      ...(stability === undefined ? {} : { stability }),
      ...(discussion === undefined ? {} : { discussion }),
      ...(plan === undefined ? {} : { plan }),
    });
    // The renderers and their fonts load only for this command.
    const report = await import("@cxprism/report");
    const bytes =
      format === "pdf"
        ? await report.renderBoardPackPdf(pack, { paper, fonts: await report.loadPackFonts() })
        : await report.renderBoardPackPptx(pack, {
            rasterise: (svg, width) => renderPng(svg, width / widthOf(svg)),
          });
    await writeFileAtomic(out, bytes);
    return 0;
  },
});

function widthOf(svg: string): number {
  return Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 960);
}
