import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import {
  defaultModel,
  type MissingPolicy,
  type Model,
  type Portfolio,
  type Requirement,
} from "@cxprism/core";
import {
  checkTable,
  type TableCheck,
  type TableDelimiter,
  type TableOrigins,
  type TableProblem,
  type TableRowReader,
  type TableStart,
} from "@cxprism/core/table";
import type { CommandIo } from "../command.js";
import { fileProblem } from "../csv/locate.js";
import {
  type CsvInput,
  type CsvReadOutcome,
  type ReadCsvOptions,
  readInitiativesCsv,
  readPortfolioCsv,
} from "../csv/read-csv.js";
import { peekStdin } from "../csv/read-table.js";
import { isXlsxPath, readInitiativesXlsx } from "../csv/read-xlsx.js";
import { CliError } from "../errors.js";
import { loadModel } from "./load-model.js";
import { createProgress } from "./progress.js";

/** A CSV or a workbook's sheet read, checked and ready to score. */
export interface LoadedPortfolio {
  /** The file name as shown in messages. */
  readonly file: string;
  readonly portfolio: Portfolio;
  /** Where each initiative came from. */
  readonly origins: TableOrigins;
  /** How many data rows the file had. */
  readonly rows: number;
  /** The CSV's delimiter; undefined for a workbook. */
  readonly delimiter: TableDelimiter | undefined;
  /** The sheet read, for a workbook. */
  readonly sheet: string | undefined;
  /** The headers kept as extra columns, to list once for the user. */
  readonly extraColumns: readonly string[];
}

/** Options for {@link loadPortfolio}. */
export interface LoadOptions {
  /** A model JSON file; the default model when absent. */
  readonly modelFile: string | undefined;
  readonly missing: MissingPolicy;
  /** A model already loaded (e.g. re-weighted by `score --weights`); takes the place of `modelFile`. */
  readonly model?: Model | undefined;
  /** The sheet of an .xlsx workbook to read (the first when absent); refused for a CSV. */
  readonly sheet?: string | undefined;
  /** Fields every initiative must have (`plan`: cost), reported with the file's other problems. */
  readonly require?: readonly Requirement[] | undefined;
}

/** Files at least this large get a progress line (on a terminal). */
const PROGRESS_THRESHOLD = 8 * 1024 * 1024;

/**
 * Reads a CSV (a path, or `-` for stdin) or one sheet of an .xlsx workbook against a model and validates it
 * with the core, collecting every problem of the file, each placed at its spreadsheet row and column (in a
 * workbook, at its cell: `Sheet1!C7`).
 *
 * @param path - the CSV or .xlsx path, or `-`
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
  const outcome = await read(readInitiativesCsv, (start) => start.readRows());
  const check = checkTable(outcome.start, outcome.read, {
    model,
    missing: options.missing,
    formula,
    require: options.require,
  });
  throwProblems(file, check, outcome.sheet);
  // The initiatives as read are not returned: the portfolio holds its own copies, and a million rows of
  // input objects are worth freeing before scoring.
  return {
    file,
    portfolio: check.portfolio,
    origins: outcome.read.origins,
    rows: outcome.read.rows,
    delimiter: outcome.delimiter,
    sheet: outcome.sheet,
    extraColumns: outcome.start.extraColumns,
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
  /** The initiative's one-off cost, if it has one. */
  cost(i: number): number | undefined;
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
  const { model, file, read, formula } = await openCsv(path, resolved, io);
  const outcome = await read(readPortfolioCsv, (start) =>
    start.layout.fields.rater === undefined ? start.readColumns() : start.readRows(),
  );
  const { start } = outcome;
  const common = {
    file,
    origins: outcome.read.origins,
    rows: outcome.read.rows,
    delimiter: outcome.delimiter,
    sheet: outcome.sheet,
    extraColumns: start.extraColumns,
  };
  const table = { model, missing: options.missing, formula };
  if (outcome.read.kind === "initiatives") {
    const check = checkTable(start, outcome.read, table);
    throwProblems(file, check, outcome.sheet);
    return {
      ...common,
      loaded: { ...common, portfolio: check.portfolio },
      scorable: objectScorable(check.portfolio),
    };
  }
  const check = checkTable(start, outcome.read, table);
  throwProblems(file, check, outcome.sheet);
  const portfolio = check.portfolio;
  const extra = outcome.read.columns.extra ?? {};
  const { costs } = outcome.read.columns;
  return {
    ...common,
    scorable: {
      portfolio,
      size: portfolio.size,
      id: (i) => portfolio.ids[i]!,
      name: (i) => portfolio.names[i]!,
      category: (i) => portfolio.categories[i]!,
      extra: (i, column) => extra[column]?.[i],
      // A cost read as a number needs no object; one written as text is read as validation read it.
      cost: (i) => {
        const cell = costs?.[i];
        return typeof cell === "number" || cell === undefined ? cell : portfolio.initiative(i).cost;
      },
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
    cost: (i) => initiatives[i]!.cost,
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

/** Throws every problem of a table (header, rows and the core's validation); returns when there are none. */
function throwProblems<P>(
  file: string,
  check: TableCheck<P>,
  sheet: string | undefined,
): asserts check is Extract<TableCheck<P>, { success: true }> {
  if (check.success) return;
  // In row order; the CLI prints the first ones and counts the rest.
  const problems = check.problems.map((problem: TableProblem) => fileProblem(file, problem, sheet));
  throw new CliError("invalid-input", `${file}: the initiatives are not valid`, problems);
}

/**
 * Loads the model, checks the path and prepares its reading: a CSV as a stream (with a progress line for large
 * files on a TTY), an .xlsx workbook (by its extension, or on stdin by its first bytes) whole.
 */
async function openCsv(path: string, options: LoadOptions, io: CommandIo) {
  const model = await resolveModel(options);
  // The formula entry (and with it mathjs) loads only for a model with formula criteria.
  const formula = hasFormulas(model) ? await import("@cxprism/core/formula") : undefined;
  const file = path === "-" ? "stdin" : path;
  let size: number | undefined;
  if (path !== "-") {
    try {
      const info = await stat(path);
      if (info.isDirectory())
        throw new CliError("io", `${path}: expected a CSV or .xlsx file, received a directory`);
      size = info.size;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        "io",
        `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message})`,
      );
    }
  }
  // On stdin, a workbook is told from a CSV by its first bytes.
  const piped = path === "-" ? await peekStdin(io.stdin) : undefined;
  const xlsx = piped === undefined ? isXlsxPath(path) : piped.kind === "workbook";
  if (!xlsx && options.sheet !== undefined)
    throw new CliError(
      "usage",
      `--sheet: expected an .xlsx workbook, received ${file}, which is read as CSV`,
    );
  /**
   * Runs a reader on the file (the CSV reader, or for a workbook the core's row reader `createReader` makes);
   * throws its problems when it stops.
   */
  async function read<Built>(
    reader: (input: CsvInput, options: ReadCsvOptions) => Promise<CsvReadOutcome<Built>>,
    createReader: (start: TableStart) => TableRowReader<Built>,
  ): Promise<{
    readonly start: TableStart;
    readonly read: Built;
    readonly delimiter: TableDelimiter | undefined;
    readonly sheet: string | undefined;
  }> {
    if (xlsx) {
      const bytes = piped?.kind === "workbook" ? piped.bytes : await readFile(path);
      const outcome = await readInitiativesXlsx(
        file,
        bytes,
        { model, missing: options.missing, formula, sheet: options.sheet },
        createReader,
      );
      if (!outcome.success)
        throw new CliError("invalid-input", `${file}: cannot read the initiatives`, outcome.problems);
      return { ...outcome, delimiter: undefined };
    }
    const stream =
      piped?.kind === "csv" ? piped.stream : createReadStream(path, { highWaterMark: 1024 * 1024 });
    const progress =
      size !== undefined && size >= PROGRESS_THRESHOLD && io.stderr.isTTY === true
        ? createProgress(io.stderr, file, size)
        : undefined;
    const outcome = await reader(
      { file, stream },
      { model, missing: options.missing, formula, onProgress: progress?.update },
    ).finally(() => progress?.done());
    if (!outcome.success)
      throw new CliError("invalid-input", `${file}: cannot read the initiatives`, outcome.problems);
    return { ...outcome, sheet: undefined };
  }
  return { model, file, read, formula };
}
