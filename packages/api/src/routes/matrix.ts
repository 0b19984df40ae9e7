import { scorePortfolio } from "@cxprism/core";
import { MAX_PNG_PIXELS, type MatrixOptions, toVegaLite } from "@cxprism/core/matrix";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuRunner, createInlineRunner, type PngRenderer } from "../cpu/cpu-jobs.js";
import { negotiateOrThrow } from "../http/negotiate.js";
import { ApiError } from "../http/problem.js";
import { integerParam, readQuery } from "../http/query.js";
import { readScoreRequest, rethrowCoreError } from "./score.js";

export type { PngRenderer } from "../cpu/cpu-jobs.js";

/** What `POST /v1/matrix` can answer, preferred first (PNG only when a renderer is injected). */
export const MATRIX_MEDIA_TYPES = {
  svg: "image/svg+xml",
  vegaLite: "application/vnd.vegalite.v5+json",
  png: "image/png",
} as const;

/** The query string of `POST /v1/matrix`: every parameter optional, given as text. */
export const MatrixQuerySchema = v.object({
  theme: v.optional(v.picklist(["light", "dark"])),
  width: v.optional(integerParam(480, 10000)),
  height: v.optional(integerParam(400, 10000)),
  title: v.optional(v.pipe(v.string(), v.maxLength(200, "a title of at most 200 characters"))),
  scale: v.optional(integerParam(1, 4)),
});

/**
 * Refuses a PNG larger than {@link MAX_PNG_PIXELS}, before the body is read.
 *
 * @param width - image width in SVG pixels
 * @param height - image height in SVG pixels
 * @param scale - PNG pixels per SVG pixel
 * @throws {@link ApiError} `validation-failed` (422) naming the limit
 */
export function checkPngPixels(width: number, height: number, scale: number): void {
  const pixels = width * height * scale * scale;
  if (pixels <= MAX_PNG_PIXELS) return;
  throw new ApiError(
    "validation-failed",
    `expected a PNG of at most ${MAX_PNG_PIXELS.toLocaleString("en")} pixels (width x height x scale²), received ${width} x ${height} x ${scale}² = ${pixels.toLocaleString("en")}: lower the scale or the size`,
    { limit: MAX_PNG_PIXELS },
  );
}

/**
 * Handles `POST /v1/matrix`: scores a body like `/v1/score` and draws the prism matrix, sized by each
 * initiative's cost. Answers SVG (default), Vega-Lite v5 JSON or, when the host supplies a renderer, PNG,
 * by the `Accept` header.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param renderPng - the host's PNG renderer, if it has one
 * @param runCpu - where the drawing runs (a worker thread on Node)
 * @returns the response
 * @throws {@link ApiError} for every client error (400, 406, 413, 415, 422)
 */
export async function handleMatrix(
  request: Request,
  limits: Limits,
  renderPng: PngRenderer | undefined,
  runCpu: CpuRunner = createInlineRunner({ renderPng }),
): Promise<Response> {
  const offers = [
    MATRIX_MEDIA_TYPES.svg,
    MATRIX_MEDIA_TYPES.vegaLite,
    ...(renderPng === undefined ? [] : [MATRIX_MEDIA_TYPES.png]),
  ];
  // Refuse an unproducible Accept before reading the body: the client learns it without uploading.
  const mediaType = negotiateOrThrow(request, offers);
  const query = readQuery(new URL(request.url), MatrixQuerySchema);
  if (mediaType === MATRIX_MEDIA_TYPES.png)
    checkPngPixels(query.width ?? 960, query.height ?? 680, query.scale ?? 1);
  const { portfolio, toItem } = await readScoreRequest(request, limits);
  const sizes: Record<string, number> = {};
  for (const initiative of portfolio.initiatives)
    if (initiative.cost !== undefined) sizes[initiative.id] = initiative.cost;
  const options: MatrixOptions = {
    model: portfolio.model,
    ...(Object.keys(sizes).length > 0 ? { sizes } : {}),
    ...(query.theme === undefined ? {} : { theme: query.theme }),
    ...(query.width === undefined ? {} : { width: query.width }),
    ...(query.height === undefined ? {} : { height: query.height }),
    ...(query.title === undefined ? {} : { title: query.title }),
  };
  const vary = { Vary: "Accept" };
  try {
    if (mediaType === MATRIX_MEDIA_TYPES.vegaLite)
      return new Response(JSON.stringify(toVegaLite(scorePortfolio(portfolio), options)), {
        headers: { "Content-Type": MATRIX_MEDIA_TYPES.vegaLite, ...vary },
      });
    if (mediaType === MATRIX_MEDIA_TYPES.png) {
      const png = await runCpu({ kind: "matrix-png", portfolio, options, scale: query.scale ?? 1 });
      return new Response(png as Uint8Array<ArrayBuffer>, {
        headers: { "Content-Type": MATRIX_MEDIA_TYPES.png, ...vary },
      });
    }
    const svg = await runCpu({ kind: "matrix-svg", portfolio, options });
    return new Response(svg, { headers: { "Content-Type": "image/svg+xml; charset=utf-8", ...vary } });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return rethrowCoreError(error, toItem);
  }
}
