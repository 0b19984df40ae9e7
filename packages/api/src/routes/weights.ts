import { defaultModel, type Model, ModelSchema, type Problem } from "@cxprism/core";
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
import { issueToItem } from "../http/issues.js";
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readBodyText } from "../http/read-body.js";
import {
  partText,
  pointerItem,
  readModelPart,
  readMultipartForm,
  rethrowCoreError,
  validationFailed,
} from "./score.js";
import type { AhpInput } from "./weights-ahp.js";

/** The media types `POST /v1/weights/ahp` accepts. */
export const AHP_MEDIA_TYPES = ["application/json", "text/csv", "multipart/form-data"] as const;

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

/** The query string of `POST /v1/weights/ahp` with a CSV body. */
export const AhpQuerySchema = v.object({
  method: v.optional(AhpOptionsSchema.entries.method.wrapped),
  randomIndex: v.optional(AhpOptionsSchema.entries.randomIndex.wrapped),
  completion: v.optional(AhpOptionsSchema.entries.completion.wrapped),
});

/**
 * Reads a pairwise CSV (criterion ids or labels of `model` as header and first column) into a matrix keyed
 * by criterion id, with a locator that places the core's problems at the CSV's row and column.
 */
function readCsvMatrix(
  text: string,
  model: Model,
): { matrix: PairwiseMatrix; locate: (problem: Problem) => ProblemItem } {
  const parsed = parseCsv(text);
  if (!parsed.success)
    throw new ApiError("malformed-body", `expected CSV, received a syntax error: ${parsed.message}`, {
      errors: [{ ...(parsed.row === undefined ? {} : { row: parsed.row }), detail: parsed.message }],
    });
  const { rows } = parsed;
  const locate = (problem: Problem): ProblemItem => {
    const [row, column] = problem.path;
    const record = typeof row === "number" ? rows[row] : undefined;
    return {
      ...(record === undefined ? {} : { row: record.row }),
      ...(typeof column === "number" ? { column: column + 1 } : {}),
      detail: problem.message,
    };
  };
  // Headers are read as the model's criteria in the same pass as the judgments: every problem at once.
  const table = safeParsePairwiseTable(
    rows.map((record) => record.cells.map((cell) => cell.trim())),
    { model },
  );
  if (!table.success) throw validationFailed(table.problems.map(locate));
  return { matrix: table.matrix, locate };
}

/** A multipart pairwise request: the `csv` part's text and the `model` part's model (default `cx-ai-prism`). */
async function readPairwiseForm(request: Request, limits: Limits): Promise<{ text: string; model: Model }> {
  const form = await readMultipartForm(request, limits);
  const csv = form.get("csv");
  if (csv === null)
    throw validationFailed([
      { field: "csv", detail: "expected a part named csv holding the pairwise CSV, received none" },
    ]);
  const model = (await readModelPart(form, limits))?.parsed ?? defaultModel;
  return { text: await partText("csv", csv), model };
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
      `expected a body of type application/json, text/csv or multipart/form-data, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Post": AHP_MEDIA_TYPES.join(", ") } },
    );
  if (!isJson) {
    const query = readQuery(new URL(request.url), AhpQuerySchema);
    const { text, model } =
      type === "multipart/form-data"
        ? await readPairwiseForm(request, limits)
        : { text: await readBodyText(request, limits.maxBodyBytes), model: defaultModel };
    const { matrix, locate } = readCsvMatrix(text, model);
    try {
      return await runCpu({ kind: "ahp", input: { matrix, options: query } });
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
