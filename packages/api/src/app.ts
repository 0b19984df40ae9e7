import { catalog, defaultModel, ILLUSTRATIVE_RATINGS_NOTICE } from "@cxprism/core";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { type RequestIdVariables, requestId } from "hono/request-id";
import { type AppDeps, consoleLogger, DEFAULT_LIMITS, type Limits } from "./config/deps.js";
import { API_VERSION } from "./config/version.js";
import { createInlineRunner } from "./cpu/cpu-jobs.js";
import { type CachedBody, createCachedBody, respondCached } from "./http/etag.js";
import { ApiError, createProblem, type ProblemKind, problemResponse } from "./http/problem.js";
import { readBodyBytes } from "./http/read-body.js";
import { createOpenApiDocument } from "./openapi/openapi-document.js";
import { renderDocsHtml } from "./openapi/render-docs-html.js";
import { handleMatrix } from "./routes/matrix.js";
import { handlePlan } from "./routes/plan.js";
import { createPortfolioRoutes } from "./routes/portfolios.js";
import { handleReport } from "./routes/report.js";
import { answerScore, createScoreTraffic } from "./routes/score.js";
import { handleSensitivity } from "./routes/sensitivity.js";
import { handleAhp, handleRankWeights } from "./routes/weights.js";

export type { PortfolioDeps } from "./config/deps.js";
export {
  type AppDeps,
  DEFAULT_LIMITS,
  type Limits,
  type Logger,
  OFFLOAD_BODY_BYTES,
  parseByteLimit,
  parseCorsOrigins,
} from "./config/deps.js";
export { ApiError, type ProblemDetails, type ProblemItem, type ProblemKind } from "./http/problem.js";

/** Hono environment of the app: what middleware hands to handlers. */
export interface AppEnv {
  Variables: RequestIdVariables;
}

type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** Builds static bodies on first use, so an isolate that only scores never pays for the docs. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

function statusKind(status: number): ProblemKind {
  if (status === 413) return "body-too-large";
  if (status === 415) return "unsupported-media-type";
  if (status === 404) return "not-found";
  if (status === 405) return "method-not-allowed";
  if (status === 406) return "not-acceptable";
  if (status === 422) return "validation-failed";
  return status >= 500 ? "internal-error" : "malformed-body";
}

/**
 * Builds the cxprism HTTP API: one Hono app that Workers (`worker.ts`) and Node (`node.ts`) both serve.
 *
 * Routes: `GET /health`, `GET /v1/catalog`, `GET /v1/models/default`, `POST /v1/score` (JSON or CSV),
 * `POST /v1/matrix`, `POST /v1/weights/ahp`, `POST /v1/weights/rank`, `POST /v1/sensitivity`, `POST /v1/plan`,
 * `GET /openapi.json`, `GET /docs`. Every error is an RFC 9457 problem; every response carries `X-Request-Id`.
 *
 * @param deps - limits, CORS origins, logger and request ids; all optional
 * @returns the Hono app (`app.fetch` is a standard fetch handler)
 * @example
 * const app = createApp({ limits: { maxBodyBytes: 256 * 1024 }, corsOrigins: ["https://portal.example"] });
 * const response = await app.request("/health");
 */
export function createApp(deps: AppDeps = {}): Hono<AppEnv> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger ?? consoleLogger;
  const runCpu =
    deps.runCpu ?? createInlineRunner({ renderPng: deps.renderPng, renderReport: deps.renderReport });
  const nextRequestId = deps.requestId ?? (() => crypto.randomUUID());
  const openApi = lazy(() =>
    createOpenApiDocument(limits, API_VERSION, { portfolios: deps.portfolios !== undefined }),
  );
  const cachedJson = (build: () => unknown) =>
    lazy(() => createCachedBody(JSON.stringify(build()), "application/json"));
  const bodies: Record<string, () => CachedBody> = {
    catalog: cachedJson(() => ({ notice: ILLUSTRATIVE_RATINGS_NOTICE, useCases: catalog })),
    model: cachedJson(() => defaultModel),
    openApi: cachedJson(openApi),
    docs: lazy(() => createCachedBody(renderDocsHtml(openApi()), "text/html; charset=utf-8")),
  };

  const app = new Hono<AppEnv>();

  // Hono's own middleware: keeps a well-formed incoming X-Request-Id (a proxy's), else makes one.
  app.use(requestId({ generator: nextRequestId }));

  const origins = deps.corsOrigins ?? [];
  if (origins === "*" || origins.length > 0)
    app.use(
      cors({
        origin: origins === "*" ? "*" : [...origins],
        allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: [
          "Content-Type",
          "If-None-Match",
          "Accept",
          "Authorization",
          "If-Match",
          "Idempotency-Key",
        ],
        exposeHeaders: ["X-Request-Id", "ETag", "Location", "Retry-After", "Idempotent-Replayed"],
        maxAge: 600,
      }),
    );

  /**
   * A stateless POST handler that, with a pool and a body over `offloadBodyBytes`, hands the whole request to
   * the pool (see {@link AppDeps.offloadBodyBytes}): the body is read here within the limit (413 past it),
   * the rest happens on a worker thread, the answer comes back as it is.
   */
  const offloadable = (handler: Handler): Handler => {
    const threshold = deps.offloadBodyBytes;
    if (deps.runCpu === undefined || threshold === undefined) return handler;
    const run = deps.runCpu;
    return async (c) => {
      // A declared small body stays here; a large or undeclared (chunked) one goes to the pool.
      const length = Number(c.req.header("Content-Length") ?? Number.NaN);
      if (length <= threshold) return handler(c);
      const body = await readBodyBytes(c.req.raw, limits.maxBodyBytes);
      const headers = [...c.req.raw.headers].filter(([name]) => name !== "content-length");
      headers.push(["x-request-id", c.get("requestId")]);
      const answer = await run({ kind: "request", url: c.req.url, headers, body, limits });
      return new Response(answer.body as Uint8Array<ArrayBuffer>, {
        status: answer.status,
        headers: [...answer.headers],
      });
    };
  };

  /** Registers a path's handlers and answers every other method with 405 and `Allow`. */
  const route = (path: string, handlers: { GET?: Handler; POST?: Handler }) => {
    const allow = [
      ...(handlers.GET ? ["GET", "HEAD"] : []),
      ...(handlers.POST ? ["POST"] : []),
      "OPTIONS",
    ].join(", ");
    if (handlers.GET) app.get(path, handlers.GET);
    if (handlers.POST) app.post(path, handlers.POST);
    app.all(path, (c) => {
      if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allow });
      throw new ApiError(
        "method-not-allowed",
        `expected one of ${allow} for ${path}, received ${c.req.method}`,
        {
          headers: { Allow: allow },
        },
      );
    });
  };

  route("/health", { GET: (c) => c.json({ status: "ok", version: API_VERSION }) });
  route("/v1/catalog", { GET: (c) => respondCached(c.req.raw, bodies.catalog!()) });
  route("/v1/models/default", { GET: (c) => respondCached(c.req.raw, bodies.model!()) });
  const scores = createScoreTraffic(deps.runCpu !== undefined);
  route("/v1/score", {
    POST: offloadable(async (c) => {
      scores.begin();
      try {
        const json = await answerScore(c.req.raw, limits, runCpu, scores.offload);
        // The same headers as c.json's; the JSON may come from a worker thread as bytes.
        return c.body(json as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/json" });
      } finally {
        scores.end();
      }
    }),
  });
  route("/v1/matrix", { POST: offloadable((c) => handleMatrix(c.req.raw, limits, deps.renderPng, runCpu)) });
  route("/v1/weights/ahp", {
    POST: offloadable(async (c) => c.json(await handleAhp(c.req.raw, limits, runCpu))),
  });
  route("/v1/weights/rank", {
    POST: offloadable(async (c) => c.json(await handleRankWeights(c.req.raw, limits))),
  });
  route("/v1/sensitivity", {
    POST: offloadable(async (c) => c.json(await handleSensitivity(c.req.raw, limits, runCpu))),
  });
  route("/v1/plan", { POST: offloadable((c) => handlePlan(c.req.raw, limits, runCpu)) });
  route("/v1/report", {
    POST: offloadable((c) => handleReport(c.req.raw, limits, deps.renderReport, runCpu)),
  });
  route("/openapi.json", { GET: (c) => respondCached(c.req.raw, bodies.openApi!()) });
  route("/docs", { GET: (c) => respondCached(c.req.raw, bodies.docs!()) });
  if (deps.portfolios !== undefined)
    app.route("/v1/portfolios", createPortfolioRoutes(deps.portfolios, limits, deps.renderReport, runCpu));

  const webAssets = deps.webAssets;
  if (webAssets !== undefined)
    app.on(["GET", "HEAD"], "*", async (c, next) => {
      const response = webAssets(c.req.raw);
      if (response === undefined) return next();
      return response;
    });

  app.notFound((c) => {
    const response = problemResponse(
      createProblem(
        "not-found",
        `expected a route of this API (see /docs), received ${c.req.method} ${c.req.path}`,
      ),
    );
    response.headers.set("X-Request-Id", c.get("requestId"));
    return response;
  });

  app.onError((error, c) => {
    const requestId = c.get("requestId");
    // An error replaces the response the request-id middleware stamped, so the id is stamped again here.
    const stamped = (response: Response) => {
      response.headers.set("X-Request-Id", requestId);
      return response;
    };
    if (error instanceof ApiError)
      return stamped(problemResponse(createProblem(error.kind, error.message, error.extra), error.headers));
    if (error instanceof Error && error.name === "CpuPoolError") {
      const { code } = error as Error & { code: string };
      if (code === "busy" || code === "deadline")
        return stamped(
          problemResponse(
            createProblem(
              "service-unavailable",
              code === "busy"
                ? `The server is busy with other large requests (${error.message}). Retry in a few seconds.`
                : `This request needed more work than the server allows (${error.message}); make it smaller.`,
            ),
            { "Retry-After": "2" },
          ),
        );
    }
    if (error instanceof HTTPException && error.status < 500)
      return stamped(
        problemResponse(createProblem(statusKind(error.status), error.message || "the request was refused")),
      );
    logger.error("unhandled error", { requestId, method: c.req.method, path: c.req.path, error });
    return stamped(
      problemResponse(
        createProblem(
          "internal-error",
          `The server failed to answer this request. Quote request id ${requestId} when reporting it.`,
        ),
      ),
    );
  });

  return app;
}
