import { type BoardPack, LANGUAGES } from "@cxprism/core";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import type { CpuJob, CpuRunner } from "../cpu/cpu-jobs.js";
import { negotiateOrThrow } from "../http/negotiate.js";
import { ApiError } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readScoreRequest, rethrowCoreError } from "./score.js";

/** The board pack's formats, by media type. */
export const REPORT_MEDIA_TYPES = {
  pdf: "application/pdf",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

/** A board pack format. */
export type ReportFormat = keyof typeof REPORT_MEDIA_TYPES;

/** Lays out a board pack as PDF or PPTX: supplied by hosts whose runtime can (the Node entry). */
export type ReportRenderer = (
  pack: BoardPack,
  format: ReportFormat,
  paper: "a4" | "letter",
) => Promise<Uint8Array>;

/** The query string of the report routes. */
export const ReportQuerySchema = v.object({
  lang: v.optional(v.picklist(Object.keys(LANGUAGES) as [string, ...string[]])),
  date: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"))),
  paper: v.optional(v.picklist(["a4", "letter"])),
  title: v.optional(v.pipe(v.string(), v.maxLength(200, "a title of at most 200 characters"))),
});

/** The report query, checked. */
export type ReportQuery = v.InferOutput<typeof ReportQuerySchema>;

/**
 * Picks the format from `Accept` (or the path's extension), or answers 406 naming what this runtime offers.
 *
 * @param request - the request
 * @param renderReport - the host's renderer, if it has one
 * @param wanted - the format a path names (`report.pdf`), if any
 * @returns the format
 * @throws {@link ApiError} `not-acceptable` when the runtime renders no board pack or not the one asked for
 */
export function chooseReportFormat(
  request: Request,
  renderReport: ReportRenderer | undefined,
  wanted?: ReportFormat,
): ReportFormat {
  if (renderReport === undefined)
    throw new ApiError(
      "not-acceptable",
      "expected a runtime that renders the board pack (the Node server renders application/pdf and PPTX); this one renders none: use POST /v1/score, /v1/matrix and /v1/plan here",
    );
  if (wanted !== undefined) return wanted;
  const chosen = negotiateOrThrow(request, [REPORT_MEDIA_TYPES.pdf, REPORT_MEDIA_TYPES.pptx]);
  return chosen === REPORT_MEDIA_TYPES.pptx ? "pptx" : "pdf";
}

/**
 * Renders the board pack of a validated portfolio as a CPU job (the Node server's worker pool; inline on
 * Workers and in tests) and answers it as a download.
 *
 * @param portfolio - the validated portfolio, or a stored one's initiatives to validate (at least one)
 * @param query - language, date, paper and title
 * @param format - PDF or PPTX
 * @param runCpu - where the pack is built and rendered
 * @param limits - the request limits
 * @returns the response, with a file name
 */
export async function respondWithReport(
  portfolio: Extract<CpuJob, { kind: "report" }>["portfolio"],
  query: ReportQuery,
  format: ReportFormat,
  runCpu: CpuRunner,
  limits: Pick<Limits, "maxSimulationWork" | "maxSensitivityInitiatives">,
): Promise<Response> {
  const bytes = await runCpu({
    kind: "report",
    portfolio,
    query,
    format,
    maxSimulationWork: limits.maxSimulationWork,
    maxSimulatedInitiatives: limits.maxSensitivityInitiatives,
  });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": REPORT_MEDIA_TYPES[format],
      "Content-Disposition": `attachment; filename="board-pack.${format}"`,
      Vary: "Accept",
    },
  });
}

/**
 * Handles `POST /v1/report`: scores a body like `/v1/score` and answers the board pack as PDF or PPTX by
 * the `Accept` header; 406 on a runtime without a renderer (Workers), naming what it offers.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param renderReport - the host's renderer, if it has one (without one: 406)
 * @param runCpu - where the pack is rendered (the worker pool on Node)
 * @returns the response
 * @throws {@link ApiError} for every client error (400, 406, 413, 415, 422)
 */
export async function handleReport(
  request: Request,
  limits: Limits,
  renderReport: ReportRenderer | undefined,
  runCpu: CpuRunner,
): Promise<Response> {
  const format = chooseReportFormat(request, renderReport);
  const query = readQuery(new URL(request.url), ReportQuerySchema);
  const { portfolio, toItem } = await readScoreRequest(request, limits);
  try {
    return await respondWithReport(portfolio, query, format, runCpu, limits);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return rethrowCoreError(error, toItem);
  }
}
