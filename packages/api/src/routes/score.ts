import {
  CxprismError,
  defaultModel,
  type Model,
  ModelSchema,
  type Portfolio,
  type Problem,
  type Requirement,
  toJsonPointer,
  validatePortfolio,
} from "@cxprism/core";
import { describeExtraColumns, XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuRunner, INLINE_WORK_LIMITS, runCpuInline } from "../cpu/cpu-jobs.js";
import { readInitiativesCsv, requireValidTable, tableLocator } from "../csv/read-initiatives-csv.js";
import { parseXlsxTable } from "../csv/read-xlsx-table.js";
import { issueToItem } from "../http/issues.js";
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { decodeBodyText, readBodyBytes, readBodyText } from "../http/read-body.js";
import { createScoreEnvelopeSchema, MissingPolicySchema, ScoreOptionsSchema } from "../schemas/score.js";

/** The media types `POST /v1/score` accepts. */
export const SCORE_MEDIA_TYPES = [
  "application/json",
  "text/csv",
  XLSX_MEDIA_TYPE,
  "multipart/form-data",
] as const;

/**
 * The media type of a scoring body (`/v1/score`, `/v1/matrix`, `/v1/sensitivity`, `/v1/report`, `/v1/plan`),
 * refused with 415 and `Accept-Post` unless it is one of {@link SCORE_MEDIA_TYPES} (or another JSON type).
 *
 * @param request - the request
 * @returns the media type, without parameters, and whether it is JSON
 * @throws {@link ApiError} `unsupported-media-type`
 */
export function scoreMediaType(request: Request): { readonly type: string; readonly isJson: boolean } {
  const type = mediaTypeOf(request.headers.get("Content-Type") ?? undefined);
  const isJson = isJsonMediaType(type);
  if (!isJson && !(SCORE_MEDIA_TYPES as readonly string[]).includes(type))
    throw new ApiError(
      "unsupported-media-type",
      `expected a body of type ${SCORE_MEDIA_TYPES.slice(0, -1).join(", ")} or ${SCORE_MEDIA_TYPES.at(-1)}, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Post": SCORE_MEDIA_TYPES.join(", ") } },
    );
  return { type, isJson };
}

/** What a scoring request boils down to once its body is read. */
interface ScoreInput {
  readonly initiatives: unknown;
  readonly model: unknown;
  readonly missing: "error" | "neutral" | undefined;
  /** Turns a core problem into a problem item (a JSON Pointer, or a CSV row and column). */
  readonly toItem: (problem: Problem) => ProblemItem;
  /** The portfolio, when reading the body validated it already (a table). */
  readonly portfolio?: Portfolio;
  /** A table's headers kept as extra columns (none for JSON). */
  readonly extraColumns?: readonly string[];
}

const pointerItem = (problem: Problem): ProblemItem => ({
  pointer: toJsonPointer(problem.path),
  detail: problem.message,
});

function validationFailed(errors: readonly ProblemItem[]): ApiError {
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  return new ApiError("validation-failed", `The request has ${count}; each is listed in errors.`, { errors });
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value === "string" ? "a string" : `a ${typeof value}`;
}

/** Envelope schemas by options schema and initiative limit: building one costs more than checking a body. */
const envelopeSchemas = new WeakMap<object, Map<number, unknown>>();

function envelopeSchema<Options extends v.GenericSchema>(
  limits: Limits,
  optionsSchema: Options,
): ReturnType<typeof createScoreEnvelopeSchema<Options>> {
  const byLimit = envelopeSchemas.get(optionsSchema) ?? new Map<number, unknown>();
  envelopeSchemas.set(optionsSchema, byLimit);
  const schema =
    (byLimit.get(limits.maxInitiatives) as
      | ReturnType<typeof createScoreEnvelopeSchema<Options>>
      | undefined) ?? createScoreEnvelopeSchema(limits, optionsSchema);
  byLimit.set(limits.maxInitiatives, schema);
  return schema;
}

function readJsonInput(
  text: string,
  limits: Limits,
  optionsSchema: v.GenericSchema<unknown, { readonly missing?: "error" | "neutral" | undefined }>,
): ScoreInput & { readonly options: unknown } {
  const body = parseJsonBody(text);
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw validationFailed([
      { pointer: "", detail: `expected an object with an initiatives array, received ${describeJson(body)}` },
    ]);
  const envelope = v.safeParse(envelopeSchema(limits, optionsSchema), body);
  if (!envelope.success) throw validationFailed(envelope.issues.map(issueToItem));
  const { initiatives, model, options } = envelope.output;
  const criteria = (model as { criteria?: unknown } | null | undefined)?.criteria;
  if (Array.isArray(criteria) && criteria.length > limits.maxCriteria)
    throw validationFailed([
      {
        pointer: "/model/criteria",
        detail: `expected at most ${limits.maxCriteria} criteria, received ${criteria.length}`,
      },
    ]);
  return {
    initiatives,
    model,
    options,
    missing: options?.missing,
    toItem: jsonBodyItem,
  };
}

/** A problem of a JSON body as an item: core reports options at the root of its own options object. */
function jsonBodyItem(problem: Problem): ProblemItem {
  return problem.path[0] === "missing"
    ? { ...pointerItem(problem), pointer: "/options/missing" }
    : pointerItem(problem);
}

/** The `missing` query parameter of a table body. */
function readMissingParam(url: URL): "error" | "neutral" | undefined {
  const missingParam = url.searchParams.get("missing") ?? undefined;
  const missing = v.safeParse(v.optional(MissingPolicySchema), missingParam);
  if (!missing.success)
    throw validationFailed([
      {
        field: "missing",
        detail: `expected the query parameter missing to be "error" or "neutral", received "${missingParam}"`,
      },
    ]);
  return missing.output;
}

/**
 * The `sheet` query parameter: the sheet of an .xlsx body to read. Refused for other bodies, which have no
 * sheets, rather than silently ignored.
 */
export function readSheetParam(url: URL, isXlsx: boolean): string | undefined {
  const sheet = url.searchParams.get("sheet") ?? undefined;
  if (sheet !== undefined && !isXlsx)
    throw validationFailed([
      {
        field: "sheet",
        detail: `expected the query parameter sheet only with an ${XLSX_MEDIA_TYPE} body, received it with another`,
      },
    ]);
  return sheet;
}

/** What a table body must hold besides ratings: the fields every initiative needs (`/v1/plan`: cost). */
export interface TableRequirements {
  readonly require?: readonly Requirement[] | undefined;
}

function readCsvInput(
  text: string,
  limits: Limits,
  url: URL,
  needs: TableRequirements,
  model?: SentModel,
): ScoreInput {
  const missing = readMissingParam(url);
  const table = readInitiativesCsv(text, {
    model: model?.parsed ?? defaultModel,
    missing,
    require: needs.require,
    maxHeaderLength: limits.maxCsvHeaderLength,
    maxInitiatives: limits.maxInitiatives,
  });
  const locate = tableLocator(table.origins);
  return {
    initiatives: table.initiatives,
    model: model?.sent,
    missing,
    portfolio: table.portfolio,
    extraColumns: table.extraColumns,
    toItem: (problem) => (problem.path[0] === "model" ? pointerItem(problem) : locate(problem)),
  };
}

/**
 * Reads an .xlsx body or multipart part: one sheet (the `sheet` query parameter, else the first) through the
 * core's table reader, against the model of a `model` part (else the default model).
 */
async function readXlsxInput(
  bytes: Uint8Array,
  limits: Limits,
  url: URL,
  needs: TableRequirements,
  model?: SentModel,
): Promise<ScoreInput> {
  const missing = readMissingParam(url);
  const read = await parseXlsxTable(bytes, {
    model: model?.parsed ?? defaultModel,
    missing,
    require: needs.require,
    maxHeaderLength: limits.maxCsvHeaderLength,
    sheet: readSheetParam(url, true),
  });
  const table = requireValidTable(read, limits.maxInitiatives, read.sheet);
  const locate = tableLocator(table.origins, read.sheet);
  return {
    initiatives: table.initiatives,
    model: model?.sent,
    missing,
    portfolio: table.portfolio,
    extraColumns: table.extraColumns,
    toItem: (problem) => (problem.path[0] === "model" ? pointerItem(problem) : locate(problem)),
  };
}

/** One part of a form: a field's text or a file (the name differs between the DOM and Workers types). */
type FormPart = NonNullable<ReturnType<FormData["get"]>>;

/** A model sent in a `model` part: the JSON as sent and the model it parses to. */
interface SentModel {
  readonly sent: unknown;
  readonly parsed: Model;
}

/**
 * Text of a multipart part, whether sent as a field or as a file; refused unless it is UTF-8 (a field's
 * bytes the form parser could not decode come back as U+FFFD).
 *
 * @param name - the part's name, for the message
 * @param part - the part
 * @returns its text
 * @throws {@link ApiError} `malformed-body` for bytes that are not UTF-8
 */
export async function partText(name: string, part: FormPart): Promise<string> {
  const notUtf8 = () =>
    new ApiError(
      "malformed-body",
      `expected the ${name} part encoded as UTF-8, received bytes that are not UTF-8`,
    );
  if (typeof part === "string") {
    if (part.includes("\uFFFD")) throw notUtf8();
    return part;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await part.arrayBuffer());
  } catch {
    throw notUtf8();
  }
}

/**
 * Whether a table part holds a workbook: a part named `xlsx`, or a file part whose content type is the
 * workbook's, whose name ends in `.xlsx`, or whose bytes start with the zip signature.
 *
 * @param name - the part's name
 * @param part - the part
 * @returns whether to read it as an .xlsx workbook
 */
export async function isWorkbookPart(name: string, part: FormPart): Promise<boolean> {
  if (name === "xlsx") return true;
  if (typeof part === "string") return false;
  if (mediaTypeOf(part.type) === XLSX_MEDIA_TYPE || /\.xlsx$/i.test(part.name)) return true;
  const { looksLikeXlsx } = await import("@cxprism/core/xlsx");
  return looksLikeXlsx(new Uint8Array(await part.slice(0, 4).arrayBuffer()));
}

/**
 * The bytes of a multipart part (a workbook): a file's bytes, or a field's text as UTF-8.
 *
 * @param part - the part
 * @returns its bytes
 */
export async function partBytes(part: FormPart): Promise<Uint8Array> {
  return typeof part === "string" ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
}

/**
 * Reads and checks a form's `model` part: JSON, within the criteria limit, a valid model.
 *
 * @param form - the form
 * @param limits - the request limits
 * @returns the model as sent and as parsed, or undefined without a model part
 * @throws {@link ApiError} `malformed-body` for text that is not JSON, `validation-failed` at `/model/...`
 */
async function readModelPart(form: FormData, limits: Limits): Promise<SentModel | undefined> {
  const part = form.get("model");
  if (part === null) return undefined;
  const modelText = await partText("model", part);
  let sent: unknown;
  try {
    sent = JSON.parse(modelText);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "unreadable";
    throw new ApiError(
      "malformed-body",
      `expected the model part to be JSON, received text that is not JSON (${reason})`,
    );
  }
  const criteria = (sent as { criteria?: unknown } | null)?.criteria;
  if (Array.isArray(criteria) && criteria.length > limits.maxCriteria)
    throw validationFailed([
      {
        pointer: "/model/criteria",
        detail: `expected at most ${limits.maxCriteria} criteria, received ${criteria.length}`,
      },
    ]);
  const parsed = v.safeParse(ModelSchema, sent);
  if (!parsed.success)
    throw validationFailed(
      parsed.issues.map((issue) => {
        const item = issueToItem(issue);
        return { ...item, pointer: `/model${item.pointer ?? ""}` };
      }),
    );
  return { sent, parsed: parsed.output };
}

/**
 * Reads a `multipart/form-data` body within the size limit (as bytes: a part may be a binary workbook).
 *
 * @param request - the request
 * @param limits - the request limits
 * @returns the form
 * @throws {@link ApiError} `body-too-large` past the limit, `malformed-body` for a body that is no such form
 */
async function readMultipartForm(request: Request, limits: Limits): Promise<FormData> {
  const bytes = await readBodyBytes(request, limits.maxBodyBytes);
  try {
    return await new Response(bytes, {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
  } catch {
    throw new ApiError(
      "malformed-body",
      "expected multipart/form-data with a boundary, received a body that does not parse as such",
    );
  }
}

/**
 * Reads a `multipart/form-data` body that carries a table: its one table part (`csv` or `xlsx`) and its
 * optional `model` part, checked.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param csvHolds - what a `csv` part holds, for the message when there is none ("the CSV")
 * @returns the table part and its name, and the model sent (undefined without a model part)
 * @throws {@link ApiError} 422 for no table part or two, and as {@link readModelPart} does
 */
export async function readTableForm(
  request: Request,
  limits: Limits,
  csvHolds: string,
): Promise<{ readonly name: string; readonly part: FormPart; readonly model: SentModel | undefined }> {
  const form = await readMultipartForm(request, limits);
  const csv = form.get("csv");
  const xlsx = form.get("xlsx");
  if (csv !== null && xlsx !== null)
    throw validationFailed([
      { field: "xlsx", detail: "expected one table part, csv or xlsx, received both" },
    ]);
  const [name, part] = xlsx === null ? ["csv", csv] : ["xlsx", xlsx];
  if (part === null)
    throw validationFailed([
      {
        field: "csv",
        detail: `expected a part named csv holding ${csvHolds}, or xlsx holding an .xlsx workbook, received none`,
      },
    ]);
  return { name, part, model: await readModelPart(form, limits) };
}

/**
 * Reads `multipart/form-data` with a table part and an optional `model` part (model JSON): the way to send a
 * table with a custom model, since a model does not fit in a URL. The table is a `csv` part (CSV text) or an
 * `xlsx` part (a workbook; a `csv` part is read as one too when its content type or file name says so, or its
 * bytes start with the zip signature).
 */
async function readMultipartInput(
  request: Request,
  limits: Limits,
  url: URL,
  needs: TableRequirements,
): Promise<ScoreInput> {
  const { name, part, model } = await readTableForm(request, limits, "the CSV");
  if (await isWorkbookPart(name, part))
    return readXlsxInput(await partBytes(part), limits, url, needs, model);
  readSheetParam(url, false);
  return readCsvInput(await partText(name, part), limits, url, needs, model);
}

/** A scoring body once read and validated: the portfolio, the raw initiatives and the request's options. */
export interface ScoreRequest<Options> {
  readonly portfolio: Portfolio;
  /** The initiatives as sent (after CSV mapping), for core functions that validate on their own. */
  readonly initiatives: unknown;
  /** The model as sent, or undefined for the default model. */
  readonly model: unknown;
  /** The JSON body's `options` (undefined for CSV bodies). */
  readonly options: Options | undefined;
  /** The missing-rating policy the portfolio was validated with, from the options or the query. */
  readonly missing: "error" | "neutral" | undefined;
  /** Turns a core problem into a problem item (a JSON Pointer, or a CSV row and column). */
  readonly toItem: (problem: Problem) => ProblemItem;
  /** A table's headers kept as extra columns, to list once (none for JSON). */
  readonly extraColumns: readonly string[];
}

/**
 * Reads a scoring body (JSON `{initiatives, model?, options?}` or a wide CSV) within the size limit and
 * validates it with the core: the shared front half of `/v1/score`, `/v1/matrix` and `/v1/sensitivity`.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param optionsSchema - the schema of the JSON body's `options` (default: `{missing?}`)
 * @param needs - fields every initiative of a table body must have (reported with its other problems)
 * @returns the validated portfolio with the options and a problem locator
 * @throws {@link ApiError} for every client error (400, 413, 415, 422)
 */
export async function readScoreRequest<
  Options extends { readonly missing?: "error" | "neutral" | undefined },
>(
  request: Request,
  limits: Limits,
  optionsSchema: v.GenericSchema<unknown, Options> = ScoreOptionsSchema as never,
  needs: TableRequirements = {},
): Promise<ScoreRequest<Options>> {
  const { type, isJson } = scoreMediaType(request);
  const url = new URL(request.url);
  if (type === XLSX_MEDIA_TYPE || type === "multipart/form-data") {
    // A table read as bytes (a workbook, or a form whose part may be one) comes back validated.
    const input =
      type === XLSX_MEDIA_TYPE
        ? await readXlsxInput(await readBodyBytes(request, limits.maxBodyBytes), limits, url, needs)
        : await readMultipartInput(request, limits, url, needs);
    return {
      ...input,
      portfolio: input.portfolio!,
      options: undefined,
      extraColumns: input.extraColumns ?? [],
    };
  }
  readSheetParam(url, false);
  const text = await readBodyText(request, limits.maxBodyBytes);
  if (isJson) return readJsonScoreRequest(text, limits, optionsSchema);
  return validatedRequest({ ...readCsvInput(text, limits, url, needs), options: undefined });
}

/**
 * The JSON half of {@link readScoreRequest}, for a body read already: parsed, its envelope checked and its
 * initiatives validated with the core.
 *
 * @param text - the body
 * @param limits - the request limits
 * @param optionsSchema - the schema of the body's `options` (default: `{missing?}`)
 * @returns the validated portfolio with the options and a problem locator
 * @throws {@link ApiError} 400 for text that is not JSON, 422 for every problem of the body
 */
export function readJsonScoreRequest<Options extends { readonly missing?: "error" | "neutral" | undefined }>(
  text: string,
  limits: Limits,
  optionsSchema: v.GenericSchema<unknown, Options> = ScoreOptionsSchema as never,
): ScoreRequest<Options> {
  return validatedRequest(readJsonInput(text, limits, optionsSchema));
}

/** A scoring body's input validated with the core, unless reading it validated it already (a table). */
function validatedRequest<Options>(input: ScoreInput & { readonly options: unknown }): ScoreRequest<Options> {
  let portfolio = input.portfolio;
  if (portfolio === undefined) {
    const validation = validatePortfolio(input.initiatives, {
      model: input.model,
      missing: input.missing,
    });
    if (!validation.success) throw validationFailed(validation.problems.map(input.toItem));
    portfolio = validation.portfolio;
  }
  return {
    portfolio,
    initiatives: input.initiatives,
    model: input.model,
    options: input.options as Options | undefined,
    missing: input.missing,
    toItem: input.toItem,
    extraColumns: input.extraColumns ?? [],
  };
}

/**
 * The `notes` of an answer about a table: its extra columns listed once, worded as the CLI words them
 * ("kept as extra columns: Owner, Notes"), with the headers themselves in `extraColumns`.
 *
 * @param extraColumns - the headers kept as extra columns
 * @returns the fields to add to the answer (none without extra columns)
 */
export function extraColumnNotes(extraColumns: readonly string[]): {
  readonly extraColumns?: readonly string[];
  readonly notes?: readonly string[];
} {
  const note = describeExtraColumns(extraColumns);
  return note === undefined ? {} : { extraColumns, notes: [note] };
}

/**
 * Handles `POST /v1/score`: reads a JSON or CSV body within the size limit, validates it with the core and
 * scores it. When any initiative has several raters, the answer adds `discussion`: the core's disagreement
 * report (spreads, the ratings to discuss, and the raters' agreement).
 *
 * @param request - the request
 * @param limits - the request limits
 * @param runCpu - where more than {@link INLINE_WORK_LIMITS} initiatives are scored (a worker thread on Node)
 * @returns the response body: the model used, the ranked results and, with raters, the discussion
 * @throws {@link ApiError} for every client error (400, 413, 415, 422)
 */
export async function handleScore(request: Request, limits: Limits, runCpu: CpuRunner = runCpuInline) {
  return scoreAnswer(await readScoreRequest(request, limits), runCpu);
}

/**
 * The largest JSON body {@link answerScore} hands to a pool as a light `score-json` job (about 100
 * initiatives, a fraction of a millisecond of work): a larger one is read here and, past
 * {@link INLINE_WORK_LIMITS}, scored on the pool as a `score` job that waits its turn like other heavy work.
 */
export const SCORE_JSON_JOB_BYTES = 64 * 1024;

/** The window over which {@link createScoreTraffic} counts scores, ms. */
export const SCORE_WINDOW_MS = 100;
/** Scores begun in one window that make a stream (300 a second; the next window's scores go to the pool). */
export const SCORE_STREAM = 30;

/** `POST /v1/score` requests as they come, and whether a small one should be handed to the pool. */
export interface ScoreTraffic {
  /** A score request begins. */
  begin(): void;
  /** It has been answered (or refused). */
  end(): void;
  /** Whether the score being answered now should be offered to the pool (see {@link answerScore}). */
  readonly offload: () => boolean;
}

/**
 * Tells when a small JSON score is worth a pool thread. A lone one is not: handing it to another thread and
 * back adds two turns of this thread's event loop to its time, each of which may wait behind whatever else
 * runs here (a page of a large read, 40 ms) and, on a busy machine, for a core. Under a stream of scores
 * (at least {@link SCORE_STREAM} begun in the previous {@link SCORE_WINDOW_MS} ms) or beside other scores in progress,
 * the pool's thread takes them and leaves this thread to the network: that is what keeps p99 low at 32
 * connections.
 *
 * @param pooled - whether the app's CPU runner is a pool of other threads (never offload otherwise)
 * @param now - the clock, ms
 * @returns the traffic counter
 */
export function createScoreTraffic(
  pooled: boolean,
  now: () => number = () => performance.now(),
): ScoreTraffic {
  let inProgress = 0;
  let windowStart = Number.NEGATIVE_INFINITY;
  let inWindow = 0;
  let streaming = false;
  return {
    begin() {
      inProgress++;
      const at = now();
      if (at - windowStart >= SCORE_WINDOW_MS) {
        // The window just closed counts only if it was the previous one (not one before a pause).
        streaming = at - windowStart < 2 * SCORE_WINDOW_MS && inWindow >= SCORE_STREAM;
        windowStart = at;
        inWindow = 0;
      }
      inWindow++;
    },
    end() {
      inProgress--;
    },
    offload: () => pooled && (streaming || inProgress > 1),
  };
}

/**
 * The answer to `POST /v1/score`, read as the route reads it: a small JSON body is handed whole to `runCpu`
 * as a `score-json` job when `offload()` says so once the body is read ({@link createScoreTraffic}; the Node
 * pool takes it when its threads are free of heavier work, so the request thread only reads the body and
 * writes the answer), and is scored here otherwise; a table body is read and scored as {@link handleScore}
 * does.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param runCpu - where CPU jobs run
 * @param offload - whether to offer a small JSON body to `runCpu`; else it is scored here at once
 * @returns the answer's JSON, as text or as UTF-8 bytes
 * @throws {@link ApiError} for every client error (400, 413, 415, 422), as {@link handleScore}
 */
export async function answerScore(
  request: Request,
  limits: Limits,
  runCpu: CpuRunner,
  offload: () => boolean,
): Promise<string | Uint8Array> {
  if (!scoreMediaType(request).isJson) return JSON.stringify(await handleScore(request, limits, runCpu));
  readSheetParam(new URL(request.url), false);
  const body = await readBodyBytes(request, limits.maxBodyBytes);
  const answered =
    body.byteLength <= SCORE_JSON_JOB_BYTES && offload()
      ? await runCpu({ kind: "score-json", body, limits })
      : undefined;
  if (answered !== undefined) return answered;
  return JSON.stringify(await scoreAnswer(readJsonScoreRequest(decodeBodyText(body), limits), runCpu));
}

/**
 * Scores a read scoring request: here for a small portfolio, with `runCpu` past {@link INLINE_WORK_LIMITS}.
 *
 * @param request - the validated request
 * @param runCpu - where a large portfolio is scored
 * @returns the response body: the model used, the ranked results and, with raters, the discussion
 */
export async function scoreAnswer(
  { portfolio, initiatives, missing, extraColumns }: ScoreRequest<unknown>,
  runCpu: CpuRunner,
) {
  let raterRows = 0;
  for (const initiative of portfolio.initiatives) raterRows += initiative.raters?.length ?? 0;
  const runner =
    portfolio.initiatives.length > INLINE_WORK_LIMITS.scoreInitiatives ||
    raterRows > INLINE_WORK_LIMITS.scoreRaterRows
      ? runCpu
      : runCpuInline;
  return {
    ...(await runner({ kind: "score", portfolio, initiatives, missing })),
    ...extraColumnNotes(extraColumns),
  };
}

/**
 * Throws the problem list of a core error as a 422 (or re-throws anything else).
 *
 * @param error - what the core threw
 * @param toItem - turns a core problem into a problem item
 * @param prefix - a path to put before the core's paths (e.g. `["options"]`)
 */
export function rethrowCoreError(
  error: unknown,
  toItem: (problem: Problem) => ProblemItem = pointerItem,
  prefix: readonly (string | number)[] = [],
): never {
  if (error instanceof CxprismError)
    throw validationFailed(
      error.problems.map((problem) => toItem({ ...problem, path: [...prefix, ...problem.path] })),
    );
  throw error;
}

export { pointerItem, validationFailed };
