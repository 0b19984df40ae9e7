import { defaultModel, type Model, ModelSchema, type Problem } from "@cxprism/core";
import { type TableRow, XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import {
  AhpOptionsSchema,
  type PairwiseMatrix,
  PairwiseMatrixSchema,
  RankWeightsRequestSchema,
  rankCriterionWeights,
  safeCheckPairwiseMatrix,
  safeParsePairwiseTable,
} from "@cxprism/core/weights";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuRunner, runCpuInline } from "../cpu/cpu-jobs.js";
import { parseCsv } from "../csv/parse-csv.js";
import { tableItem } from "../csv/read-initiatives-csv.js";
import { readXlsxBodyRows } from "../csv/read-xlsx-table.js";
import { issueToItem } from "../http/issues.js";
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readBodyBytes, readBodyText } from "../http/read-body.js";
import {
  isWorkbookPart,
  partBytes,
  partText,
  pointerItem,
  readSheetParam,
  readTableForm,
  rethrowCoreError,
  validationFailed,
} from "./score.js";
import type { AhpInput } from "./weights-ahp.js";

/** The media types `POST /v1/weights/ahp` accepts. */
export const AHP_MEDIA_TYPES = [
  "application/json",
  "text/csv",
  XLSX_MEDIA_TYPE,
  "multipart/form-data",
] as const;

/** Options of a group AHP request: those of a single matrix plus how raters are combined. */
export const GroupAhpOptionsSchema = v.strictObject({
  ...AhpOptionsSchema.entries,
  aggregation: v.optional(v.picklist(["judgments", "priorities"])),
});

/** One workshop participant's matrix in a group AHP request. */
export const RaterMatrixSchema = v.strictObject({
  rater: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  weight: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  matrix: PairwiseMatrixSchema,
});

/**
 * `POST /v1/weights/ahp` with JSON: one pairwise matrix, or several raters' matrices (group AHP), and the model
 * whose criteria the matrix ids name by id or label (default `cx-ai-prism`).
 */
export const AhpRequestSchema = v.union([
  v.strictObject({
    matrix: PairwiseMatrixSchema,
    options: v.optional(AhpOptionsSchema),
    model: v.optional(ModelSchema),
  }),
  v.strictObject({
    raters: v.pipe(v.array(RaterMatrixSchema), v.minLength(2), v.maxLength(100)),
    options: v.optional(GroupAhpOptionsSchema),
    model: v.optional(ModelSchema),
  }),
]);

/** `POST /v1/weights/rank`: a ranking of criteria by id or label, and the model they belong to. */
export const RankCriteriaRequestSchema = v.strictObject({
  ...RankWeightsRequestSchema.entries,
  model: v.optional(ModelSchema),
});

/**
 * Checks a matrix sent as JSON in one pass: its ids as the model's criteria (by id or label; kept as written
 * when none names a criterion, as a matrix of something else) and its judgments. Adds the problems, each at
 * its JSON path under `path`, to `problems`; returns the matrix with criterion ids.
 */
function checkMatrix(
  matrix: PairwiseMatrix,
  model: Model,
  path: readonly (string | number)[],
  problems: ProblemItem[],
): PairwiseMatrix {
  const checked = safeCheckPairwiseMatrix(matrix, { model, path });
  if (checked.success) return checked.matrix;
  for (const problem of checked.problems) problems.push(pointerItem(problem));
  return matrix;
}

/** The query string of `POST /v1/weights/ahp` with a table body (CSV, workbook or multipart). */
export const AhpQuerySchema = v.object({
  method: v.optional(AhpOptionsSchema.entries.method.wrapped),
  randomIndex: v.optional(AhpOptionsSchema.entries.randomIndex.wrapped),
  completion: v.optional(AhpOptionsSchema.entries.completion.wrapped),
  sheet: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

/** A pairwise table as rows of text cells, the model whose criteria it names, and the sheet of a workbook. */
interface PairwiseRows {
  readonly rows: readonly TableRow[];
  readonly model: Model;
  readonly sheet?: string | undefined;
}

/**
 * Reads a pairwise table (criterion ids or labels of its model as header and first column) into a matrix
 * keyed by criterion id, with a locator that places the core's problems at the table's row and column (and,
 * in a workbook, its cell).
 */
function readPairwiseMatrix({ rows, model, sheet }: PairwiseRows): {
  matrix: PairwiseMatrix;
  locate: (problem: Problem) => ProblemItem;
} {
  const locate = (problem: Problem): ProblemItem => {
    const [row, column] = problem.path;
    const record = typeof row === "number" ? rows[row] : undefined;
    if (record === undefined) return { detail: problem.message };
    return tableItem(
      {
        row: record.row,
        column: typeof column === "number" ? column + 1 : undefined,
        message: problem.message,
      },
      sheet,
    );
  };
  // Headers are read as the model's criteria in the same pass as the judgments: every problem at once.
  const table = safeParsePairwiseTable(
    rows.map((record) => record.cells.map((cell) => cell.trim())),
    { model },
  );
  if (!table.success) throw validationFailed(table.problems.map(locate));
  return { matrix: table.matrix, locate };
}

/** The rows of a pairwise CSV, or a 400 naming its syntax error. */
function csvRows(text: string): readonly TableRow[] {
  const parsed = parseCsv(text);
  if (!parsed.success)
    throw new ApiError("malformed-body", `expected CSV, received a syntax error: ${parsed.message}`, {
      errors: [{ ...(parsed.row === undefined ? {} : { row: parsed.row }), detail: parsed.message }],
    });
  return parsed.rows;
}

/**
 * Reads a pairwise table body: a CSV, a workbook (its first sheet or `sheet`), or `multipart/form-data` with
 * a `csv` or `xlsx` part and a `model` part (whose criteria the table names; default `cx-ai-prism`).
 */
async function readPairwiseBody(
  request: Request,
  type: string,
  limits: Limits,
  sheet: string | undefined,
): Promise<PairwiseRows> {
  const url = new URL(request.url);
  if (type === XLSX_MEDIA_TYPE)
    return {
      ...(await readXlsxBodyRows(await readBodyBytes(request, limits.maxBodyBytes), sheet)),
      model: defaultModel,
    };
  if (type !== "multipart/form-data") {
    readSheetParam(url, false);
    return { rows: csvRows(await readBodyText(request, limits.maxBodyBytes)), model: defaultModel };
  }
  const table = await readTableForm(request, limits, "the pairwise CSV");
  const { name, part } = table;
  const model = table.model?.parsed ?? defaultModel;
  if (await isWorkbookPart(name, part))
    return { ...(await readXlsxBodyRows(await partBytes(part), sheet)), model };
  readSheetParam(url, false);
  return { rows: csvRows(await partText(name, part)), model };
}

/**
 * Handles `POST /v1/weights/ahp`: criterion weights from pairwise judgments (Saaty's AHP) with lambda-max,
 * CI, CR, a verdict and the worst judgments with advice. JSON bodies hold one `matrix` or several `raters`
 * (group AHP); a `text/csv` body is one pairwise table (criterion ids or labels as header and first column),
 * of the default model, or of a custom one as `multipart/form-data` with `csv` and `model` parts.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param runCpu - where the analysis runs (a worker thread on Node: an optimal completion can take a second)
 * @returns the analysis
 * @throws {@link ApiError} for every client error (400, 413, 415, 422)
 */
export async function handleAhp(request: Request, limits: Limits, runCpu: CpuRunner = runCpuInline) {
  const type = mediaTypeOf(request.headers.get("Content-Type") ?? undefined);
  const isJson = isJsonMediaType(type);
  if (!isJson && !(AHP_MEDIA_TYPES as readonly string[]).includes(type))
    throw new ApiError(
      "unsupported-media-type",
      `expected a body of type ${AHP_MEDIA_TYPES.slice(0, -1).join(", ")} or ${AHP_MEDIA_TYPES.at(-1)}, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Post": AHP_MEDIA_TYPES.join(", ") } },
    );
  if (!isJson) {
    const { sheet, ...options } = readQuery(new URL(request.url), AhpQuerySchema);
    const { matrix, locate } = readPairwiseMatrix(await readPairwiseBody(request, type, limits, sheet));
    try {
      return await runCpu({ kind: "ahp", input: { matrix, options } });
    } catch (error) {
      return rethrowCoreError(error, locate);
    }
  }
  const body = parseJsonBody(await readBodyText(request, limits.maxBodyBytes));
  const isGroup = typeof body === "object" && body !== null && "raters" in body;
  // Validate against the branch the body chose, so the problems point inside it rather than at the union.
  const parsed = v.safeParse(isGroup ? AhpRequestSchema.options[1] : AhpRequestSchema.options[0], body);
  if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
  const model = parsed.output.model ?? defaultModel;
  // Criteria named by label are mapped to ids here, with every matrix's problems at once (each at its
  // place); the analysis runs as a job.
  const problems: ProblemItem[] = [];
  const input: AhpInput =
    "matrix" in parsed.output
      ? {
          matrix: checkMatrix(parsed.output.matrix, model, ["matrix"], problems),
          options: { ...parsed.output.options, path: ["matrix"] },
        }
      : {
          raters: parsed.output.raters.map(({ weight, matrix, ...rest }, r) => ({
            ...rest,
            ...(weight === undefined ? {} : { weight }),
            matrix: checkMatrix(matrix, model, ["raters", r, "matrix"], problems),
          })),
          options: parsed.output.options ?? {},
        };
  if (problems.length > 0) throw validationFailed(problems);
  try {
    return await runCpu({ kind: "ahp", input });
  } catch (error) {
    return rethrowCoreError(error, pointerItem);
  }
}

/**
 * Handles `POST /v1/weights/rank`: surrogate weights from a ranking of criteria (most important first, an
 * inner array for a tie), each by id or label of the model (default `cx-ai-prism`); an unknown criterion is a
 * problem that suggests the one meant, and a ranking that mixes value and feasibility criteria is ranked
 * per axis (the core's `rankCriterionWeights`).
 *
 * @param request - the request
 * @param limits - the request limits
 * @returns the method used and the weights by id
 * @throws {@link ApiError} for every client error (400, 413, 415, 422)
 */
export async function handleRankWeights(request: Request, limits: Limits) {
  const type = mediaTypeOf(request.headers.get("Content-Type") ?? undefined);
  if (!isJsonMediaType(type))
    throw new ApiError(
      "unsupported-media-type",
      `expected a body of type application/json, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Post": "application/json" } },
    );
  const body = parseJsonBody(await readBodyText(request, limits.maxBodyBytes));
  const parsed = v.safeParse(RankCriteriaRequestSchema, body);
  if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
  const method = parsed.output.method ?? "rank-order-centroid";
  try {
    const { weights, ranking, axes } = rankCriterionWeights(
      parsed.output.model ?? defaultModel,
      parsed.output.ranking,
      method,
    );
    return { method, weights, ranking, axes };
  } catch (error) {
    return rethrowCoreError(error, pointerItem, ["ranking"]);
  }
}
