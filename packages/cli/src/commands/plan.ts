import { CxprismError, formatPath, KPI_IDS, type KpiId } from "@cxprism/core";
import {
  createPlan,
  type Plan,
  type PlanInput,
  PlanObjectiveSchema,
  planRequirements,
  renderPlanMarkdown,
  renderPlanSvg,
} from "@cxprism/core/plan";
import { placeTableProblem } from "@cxprism/core/table";
import { defineCommand } from "../command.js";
import { fileProblem } from "../csv/locate.js";
import { CliError } from "../errors.js";
import { loadInventory } from "../input/load-inventory.js";
import { loadPortfolio } from "../input/load-portfolio.js";
import { openOutput } from "../io/output.js";
import {
  MISSING_OPTION,
  MODEL_OPTION,
  readChoice,
  readMissing,
  readNumberFlag,
  readString,
  SHEET_OPTION,
} from "./options.js";

const FORMATS = ["md", "json", "svg"] as const;
type PlanFormat = (typeof FORMATS)[number];
const OBJECTIVES = PlanObjectiveSchema.options;

/** `cxprism plan FILE|- --budget N`: a budgeted, sequenced plan. */
export const planCommand = defineCommand({
  name: "plan",
  usage: "plan FILE|- --budget N [options]",
  description: [
    "Scores the initiatives, selects the set that maximises total priority (or value, or net benefit) within",
    "the budget (and the capacity in person-months, if given) with an exact knapsack that honours",
    "`depends_on` (an initiative comes with its prerequisites, whose costs count), and sequences it into",
    "waves: pilots first (likely wins with high data readiness), then by dependencies and priority.",
    "Besides the `score` columns, the CSV needs `cost` (one-off) on every row; optional `run_cost` and",
    "`benefit` (per year) give payback, ROI and NPV; `effort` (person-months) is needed with --capacity;",
    "`capabilities` (`;` or `|` lists) are checked against --inventory; columns named like the fields of",
    "the model's formula criteria feed the formulas. The format follows --format, else the --out",
    "extension (.md .json .svg), else md on a terminal and json in a pipe. A missing cost or effort and a",
    "dependency cycle are listed with the file's other problems, all at once.",
  ].join("\n"),
  options: {
    budget: {
      type: "string",
      short: "b",
      value: "N",
      description: "the budget for one-off costs (required)",
    },
    capacity: {
      type: "string",
      short: "c",
      value: "M",
      description: "capacity in person-months (every initiative then needs an `effort`)",
    },
    objective: {
      type: "string",
      value: "OBJ",
      description: "what to maximise: priority (default), value or net-benefit (NPV)",
    },
    granularity: {
      type: "string",
      value: "G",
      description: "the budget unit costs are rounded up to (default: budget / 2000, rounded to 1-2-5)",
    },
    goals: {
      type: "string",
      value: "KPIS",
      description: "KPIs to move, e.g. fcr,csat: the plan lists those it leaves uncovered",
    },
    inventory: {
      type: "string",
      short: "i",
      value: "FILE",
      description:
        "applications in use (CSV or .xlsx: app,capabilities[,run_cost]; or JSON) for capability overlap",
    },
    "value-discount": {
      type: "string",
      value: "F",
      description: "share (0-1) of objective a fully covered initiative loses (default 0: flag only)",
    },
    format: { type: "string", short: "f", value: "FORMAT", description: "md, json or svg (see above)" },
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      description: "write to FILE (atomically: a temporary file renamed into place) instead of stdout",
    },
    model: MODEL_OPTION,
    missing: MISSING_OPTION,
    sheet: SHEET_OPTION,
  },
  positionals: { min: 1, max: 1 },
  examples: [
    [
      "cxprism plan examples/plan-inputs/portfolio.csv --budget 1500000",
      "the best plan within 1.5 million, as Markdown",
    ],
    [
      "cxprism plan examples/plan-inputs/portfolio.csv --budget 1500000 --capacity 40 --goals fcr,csat,retention --inventory examples/plan-inputs/apps.csv",
      "within budget and capacity, checking KPI goals and what the applications in use already cover",
    ],
    [
      "cxprism plan portfolio.csv --budget 2000000 --objective net-benefit --format json --out plan.json",
      "maximise NPV; JSON for a pipeline",
    ],
    [
      "cxprism plan portfolio.csv --budget 2000000 --out roadmap.svg",
      "the roadmap as an SVG, waves as lanes",
    ],
  ],
  async run({ values, positionals }, io) {
    const out = readString(values.out);
    const input: PlanInput = {
      budget: readAmount("budget", values.budget, true)!,
      objective: readChoice("objective", values.objective, OBJECTIVES, "priority"),
      missing: readMissing(values.missing),
    };
    const capacity = readAmount("capacity", values.capacity, false);
    if (capacity !== undefined) input.capacity = capacity;
    const granularity = readAmount("granularity", values.granularity, false);
    if (granularity !== undefined) {
      if (granularity === 0)
        throw new CliError("usage", '--granularity: expected an amount above 0, received "0"');
      input.granularity = granularity;
    }
    const discount = readAmount("value-discount", values["value-discount"], false);
    if (discount !== undefined) {
      if (discount > 1)
        throw new CliError(
          "usage",
          `--value-discount: expected a share from 0 to 1, received ${JSON.stringify(values["value-discount"])}`,
        );
      input.valueDiscount = discount;
    }
    const goals = readGoals(values.goals);
    if (goals !== undefined) input.goals = goals;
    const format = readPlanFormat(values.format, out, io.stdout.isTTY === true);
    const inventoryFile = readString(values.inventory);
    const inventory = inventoryFile === undefined ? undefined : await loadInventory(inventoryFile);
    if (inventory !== undefined) input.inventory = inventory;
    const loaded = await loadPortfolio(
      positionals[0]!,
      {
        modelFile: readString(values.model),
        missing: input.missing ?? "error",
        sheet: readString(values.sheet),
        // A missing cost (or effort, with a capacity) is reported with the file's other problems, at once.
        require: planRequirements({ capacity }),
      },
      io,
    );
    let plan: Plan;
    try {
      plan = createPlan(loaded.portfolio.initiatives, { ...input, model: loaded.portfolio.model });
    } catch (error) {
      if (!(error instanceof CxprismError)) throw error;
      if (error.code === "invalid-options")
        throw new CliError(
          "usage",
          error.problems.map((problem) => `--${formatPath(problem.path)}: ${problem.message}`).join("; "),
        );
      const problems = error.problems
        .map((problem) => fileProblem(loaded.file, placeTableProblem(problem, loaded.origins)))
        .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new CliError("invalid-input", `${loaded.file}: cannot plan these initiatives`, problems);
    }
    const output = openOutput(out, io.stdout);
    try {
      await output.write(renderPlan(plan, format));
      await output.close();
    } catch (error) {
      await output.abort();
      throw error;
    }
    return 0;
  },
});

/**
 * Renders a plan in one of the `plan` command's formats.
 *
 * @param plan - the plan
 * @param format - md, json or svg
 * @returns the text, ending with a newline
 */
export function renderPlan(plan: Plan, format: PlanFormat): string {
  if (format === "md") return renderPlanMarkdown(plan);
  if (format === "svg") {
    const svg = renderPlanSvg(plan);
    return svg.endsWith("\n") ? svg : `${svg}\n`;
  }
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * Reads an amount option: a non-negative decimal number, `_` allowed between digits (`2_000_000`).
 *
 * @param name - the option name, for the message
 * @param value - the value given
 * @param required - whether the option must be given
 * @returns the amount, or undefined when absent and not required
 * @throws {@link CliError} `usage` when absent but required, negative or not a number
 */
export function readAmount(
  name: string,
  value: string | boolean | undefined,
  required: boolean,
): number | undefined {
  if (value === undefined) {
    if (required) throw new CliError("usage", `--${name}: expected an amount, received nothing`);
    return undefined;
  }
  return readNumberFlag(name, value, { min: 0 });
}

/**
 * Reads `--goals`: KPI ids separated by `,`, `;` or `|`.
 *
 * @param value - the value given
 * @returns the KPI ids, or undefined when absent
 * @throws {@link CliError} `usage` naming every unknown id and the known ones
 */
export function readGoals(value: string | boolean | undefined): KpiId[] | undefined {
  if (value === undefined) return undefined;
  const ids = String(value)
    .split(/[,;|]/)
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== "");
  const unknown = ids.filter((id) => !(KPI_IDS as readonly string[]).includes(id));
  if (ids.length === 0 || unknown.length > 0)
    throw new CliError(
      "usage",
      `--goals: expected KPI ids from ${KPI_IDS.join(", ")}, received ${unknown.length > 0 ? unknown.map((id) => JSON.stringify(id)).join(", ") : JSON.stringify(value)}`,
    );
  return [...new Set(ids)] as KpiId[];
}

/**
 * Picks the output format: `--format`, else the `--out` extension, else md on a terminal and json in a pipe.
 *
 * @param value - the `--format` value
 * @param out - the `--out` path
 * @param tty - whether stdout is a terminal
 * @returns the format
 * @throws {@link CliError} `usage` for an unknown format
 */
export function readPlanFormat(
  value: string | boolean | undefined,
  out: string | undefined,
  tty: boolean,
): PlanFormat {
  if (value !== undefined) return readChoice("format", value, FORMATS, "md");
  const extension = out?.toLowerCase().match(/\.(md|markdown|json|svg)$/)?.[1];
  if (extension !== undefined) return extension === "markdown" ? "md" : (extension as PlanFormat);
  return tty && out === undefined ? "md" : "json";
}
