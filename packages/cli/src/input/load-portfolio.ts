import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import {
  CxprismError,
  defaultModel,
  formatPath,
  type MissingPolicy,
  type Model,
  type Portfolio,
  type Problem,
  validatePortfolio,
} from "@cxprism/core";
import { validateColumns } from "@cxprism/core/table";
import type { CommandIo } from "../command.js";
import type { Delimiter } from "../csv/detect.js";
import { formulaFieldNames } from "../csv/formula-fields.js";
import type { RowMap, RowProblem } from "../csv/initiative-builder.js";
import { type FileProblem, locateProblem } from "../csv/locate.js";
import {
  type CsvInput,
  type CsvReadOutcome,
  type ReadCsvOptions,
  readInitiativesCsv,
  readPortfolioCsv,
} from "../csv/read-csv.js";
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
  const { model, file, read, formula } = await openCsv(path, options, io);
  const outcome = await read(readInitiativesCsv);
  const { built } = outcome;
  const initiatives =
    formula === undefined ? built.initiatives : deriveFormulas(file, options, built, formula);
  const validation = validatePortfolio(initiatives, { model, missing: options.missing });
  throwProblems(file, built, validation);
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
 * A validated portfolio as `score` writes it, however it was read: the scoring input, and each initiative's
 * id, name, category and extra columns by index (input order).
 */
export interface ScorablePortfolio {
  /** What `scoreColumns` and `resultOf` read (not the per-initiative objects). */
  readonly portfolio: Omit<Portfolio, "initiatives">;
  /** How many initiatives. */
  readonly size: number;
  id(i: number): string;
  name(i: number): string;
  category(i: number): string;
  /** The initiative's value for an extra column, by header as written. */
  extra(i: number, column: string): string | undefined;
}

/** A CSV read and checked into a {@link ScorablePortfolio}. */
export interface LoadedScorable extends Omit<LoadedPortfolio, "portfolio"> {
  readonly scorable: ScorablePortfolio;
  /** The portfolio with its initiative objects, when the file was read as objects (a `rater` column, formulas). */
  readonly loaded?: LoadedPortfolio;
}

/**
 * Reads and validates a CSV like {@link loadPortfolio}, with the same problems at the same rows and columns,
 * but without one object per row where it can: a file without a `rater` column is read into columns and
 * validated with the core's `validateColumns`; a file with one goes through `validatePortfolio`.
 *
 * @param path - the CSV path or `-`
 * @param options - the model file and missing-rating policy
 * @param io - the process streams (stdin for `-`, stderr for progress)
 * @returns the validated portfolio, indexable by initiative, and where each initiative came from
 * @throws {@link CliError} `io` when the file cannot be read, `invalid-input` with every problem
 */
export async function loadScorable(
  path: string,
  options: LoadOptions,
  io: CommandIo,
): Promise<LoadedScorable> {
  // The model is loaded once here and handed on, so its file is read only once.
  const resolved = { ...options, model: await resolveModel(options) };
  if (hasFormulas(resolved.model)) {
    // Formula criteria are derived on initiative objects: such files take the object path.
    const loaded = await loadPortfolio(path, resolved, io);
    return { ...loaded, loaded, scorable: objectScorable(loaded.portfolio) };
  }
  const { model, file, read } = await openCsv(path, resolved, io);
  const outcome = await read(readPortfolioCsv);
  const { built } = outcome;
  const common = { file, rowMap: built.rowMap, rows: built.rows, delimiter: outcome.delimiter };
  if (built.kind === "initiatives") {
    const validation = validatePortfolio(built.initiatives, { model, missing: options.missing });
    throwProblems(file, built, validation);
    return {
      ...common,
      loaded: { ...common, portfolio: validation.portfolio },
      scorable: objectScorable(validation.portfolio),
    };
  }
  const validation = validateColumns(built.columns, { model, missing: options.missing });
  throwProblems(file, built, validation);
  const portfolio = validation.portfolio;
  const extra = built.columns.extra ?? {};
  return {
    ...common,
    scorable: {
      portfolio,
      size: portfolio.size,
      id: (i) => portfolio.ids[i]!,
      name: (i) => portfolio.names[i]!,
      category: (i) => portfolio.categories[i]!,
      extra: (i, column) => extra[column]?.[i],
    },
  };
}

/** A portfolio of initiative objects seen as a {@link ScorablePortfolio}. */
function objectScorable(portfolio: Portfolio): ScorablePortfolio {
  const { initiatives } = portfolio;
  return {
    portfolio,
    size: initiatives.length,
    id: (i) => initiatives[i]!.id,
    name: (i) => initiatives[i]!.name,
    category: (i) => initiatives[i]!.category,
    extra: (i, column) => initiatives[i]!.extra[column],
  };
}

/** The model to read against: the one already loaded, else the model file, else the default model. */
async function resolveModel(options: LoadOptions): Promise<Model> {
  return (
    options.model ?? (options.modelFile === undefined ? defaultModel : await loadModel(options.modelFile))
  );
}

function hasFormulas(model: Model): boolean {
  return model.criteria.some((criterion) => criterion.formula !== undefined);
}

/** The formula entry of the core, loaded (and with it mathjs) only for a model with formula criteria. */
type FormulaEntry = typeof import("@cxprism/core/formula");

/**
 * Computes the model's formula criteria (the pipeline's "derive" step) before validation. Problems are thrown
 * placed at their rows and columns.
 */
function deriveFormulas(
  file: string,
  options: LoadOptions,
  built: {
    readonly initiatives: readonly unknown[];
    readonly problems: readonly RowProblem[];
    readonly rowMap: RowMap;
  },
  formula: { readonly entry: FormulaEntry; readonly model: Model },
): readonly unknown[] {
  try {
    return formula.entry.deriveFormulaCriteria(built.initiatives, { model: formula.model }).initiatives;
  } catch (error) {
    if (!(error instanceof CxprismError)) throw error;
    const problems: FileProblem[] = built.problems.map((problem) => ({ file, ...problem }));
    for (const problem of error.problems)
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
}

/** Throws every problem of a file, CSV-level and core-level, in row order; returns when there are none. */
function throwProblems<V extends { readonly success: boolean }>(
  file: string,
  built: { readonly problems: readonly RowProblem[]; readonly rowMap: RowMap },
  validation: V | { readonly success: false; readonly problems: readonly Problem[] },
): asserts validation is Extract<V, { success: true }> {
  const problems: FileProblem[] = built.problems.map((problem) => ({ file, ...problem }));
  if (!validation.success)
    for (const problem of (validation as { problems: readonly Problem[] }).problems)
      problems.push(locateProblem(file, problem, built.rowMap));
  if (problems.length > 0 || !validation.success) {
    // Row order, as a reader goes through the file; the sort is stable within a row.
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new CliError("invalid-input", `${file}: the initiatives are not valid`, problems);
  }
}

/** Loads the model, checks the path and opens the stream (with a progress line for large files on a TTY). */
async function openCsv(path: string, options: LoadOptions, io: CommandIo) {
  const model = await resolveModel(options);
  const formula = hasFormulas(model) ? { entry: await import("@cxprism/core/formula"), model } : undefined;
  const formulaFields = formula === undefined ? [] : formulaFieldNames(model, formula.entry);
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
  /** Runs a reader on the file; throws its problems when it stops. */
  async function read<Built>(
    reader: (input: CsvInput, options: ReadCsvOptions) => Promise<CsvReadOutcome<Built>>,
  ): Promise<Extract<CsvReadOutcome<Built>, { success: true }>> {
    const stream =
      path === "-" ? (io.stdin as Readable) : createReadStream(path, { highWaterMark: 1024 * 1024 });
    const progress =
      size !== undefined && size >= PROGRESS_THRESHOLD && io.stderr.isTTY === true
        ? createProgress(io.stderr, file, size)
        : undefined;
    const outcome = await reader(
      { file, stream },
      { model, missing: options.missing, formulaFields, onProgress: progress?.update },
    ).finally(() => progress?.done());
    if (!outcome.success)
      throw new CliError("invalid-input", `${file}: cannot read the initiatives`, outcome.problems);
    return outcome;
  }
  return { model, file, read, formula };
}
