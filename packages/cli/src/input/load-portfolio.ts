import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import {
  CxprismError,
  defaultModel,
  deriveFormulaCriteria,
  formatPath,
  type MissingPolicy,
  type Model,
  type Portfolio,
  type Problem,
  validatePortfolio,
} from "@cxprism/core";
import type { CommandIo } from "../command.js";
import type { Delimiter } from "../csv/detect.js";
import type { RowMap } from "../csv/initiative-builder.js";
import { type FileProblem, locateProblem } from "../csv/locate.js";
import { readInitiativesCsv } from "../csv/read-csv.js";
import { CliError } from "../errors.js";
import { loadModel } from "./load-model.js";
import { createProgress } from "./progress.js";

/** A CSV read, checked and ready to score. */
export interface LoadedPortfolio {
  /** The file name as shown in messages. */
  readonly file: string;
  readonly portfolio: Portfolio;
  /** Where each initiative came from. */
  readonly rowMap: RowMap;
  /** How many data rows the file had. */
  readonly rows: number;
  readonly delimiter: Delimiter;
}

/** Options for {@link loadPortfolio}. */
export interface LoadOptions {
  /** A model JSON file; the default model when absent. */
  readonly modelFile: string | undefined;
  readonly missing: MissingPolicy;
  /** A model already loaded (e.g. re-weighted by `score --weights`); takes the place of `modelFile`. */
  readonly model?: Model | undefined;
}

/** Files at least this large get a progress line (on a terminal). */
const PROGRESS_THRESHOLD = 8 * 1024 * 1024;

/**
 * Reads a CSV (a path, or `-` for stdin) against a model and validates it with the core, collecting every
 * problem of the file, each placed at its spreadsheet row and column.
 *
 * @param path - the CSV path or `-`
 * @param options - the model file and missing-rating policy
 * @param io - the process streams (stdin for `-`, stderr for progress)
 * @returns the validated portfolio and where each initiative came from
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` with every problem
 */
export async function loadPortfolio(
  path: string,
  options: LoadOptions,
  io: CommandIo,
): Promise<LoadedPortfolio> {
  const model: Model =
    options.model ?? (options.modelFile === undefined ? defaultModel : await loadModel(options.modelFile));
  const file = path === "-" ? "stdin" : path;
  let size: number | undefined;
  if (path !== "-") {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new CliError("io", `${path}: expected a CSV file, received a directory`);
      size = info.size;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        "io",
        `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message})`,
      );
    }
  }
  const stream =
    path === "-" ? (io.stdin as Readable) : createReadStream(path, { highWaterMark: 1024 * 1024 });
  const progress =
    size !== undefined && size >= PROGRESS_THRESHOLD && io.stderr.isTTY === true
      ? createProgress(io.stderr, file, size)
      : undefined;
  const outcome = await readInitiativesCsv(
    { file, stream },
    { model, missing: options.missing, onProgress: progress?.update },
  ).finally(() => progress?.done());
  if (!outcome.success)
    throw new CliError("invalid-input", `${file}: cannot read the initiatives`, outcome.problems);
  const { built } = outcome;
  const problems: FileProblem[] = built.problems.map((problem) => ({ file, ...problem }));
  const derived = deriveFormulas(built.initiatives, model);
  if (!derived.success) {
    for (const problem of derived.problems)
      problems.push(
        problem.path[0] === "model"
          ? {
              file: options.modelFile ?? "model",
              message: `${formatPath(problem.path.slice(1))}: ${problem.message}`,
            }
          : locateProblem(file, problem, built.rowMap),
      );
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new CliError("invalid-input", `${file}: the formula criteria cannot be computed`, problems);
  }
  const validation = validatePortfolio(derived.initiatives, { model, missing: options.missing });
  if (!validation.success)
    for (const problem of validation.problems) problems.push(locateProblem(file, problem, built.rowMap));
  if (problems.length > 0 || !validation.success) {
    // Row order, as a reader goes through the file; the sort is stable within a row.
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new CliError("invalid-input", `${file}: the initiatives are not valid`, problems);
  }
  // The initiatives as read are not returned: the portfolio holds its own copies, and a million rows of
  // input objects are worth freeing before scoring.
  return {
    file,
    portfolio: validation.portfolio,
    rowMap: built.rowMap,
    rows: built.rows,
    delimiter: outcome.delimiter,
  };
}

/**
 * Computes the model's formula criteria (the pipeline's "derive" step) before validation; a model without
 * formulas passes the initiatives through untouched.
 */
function deriveFormulas(
  initiatives: readonly unknown[],
  model: Model,
): { success: true; initiatives: readonly unknown[] } | { success: false; problems: readonly Problem[] } {
  if (!model.criteria.some((criterion) => criterion.formula !== undefined))
    return { success: true, initiatives };
  try {
    return { success: true, initiatives: deriveFormulaCriteria(initiatives, { model }).initiatives };
  } catch (error) {
    if (error instanceof CxprismError) return { success: false, problems: error.problems };
    throw error;
  }
}
