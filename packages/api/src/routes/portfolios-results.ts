import { CxprismError, toJsonPointer } from "@cxprism/core";
import { INLINE_WORK_LIMITS, runCpuInline } from "../cpu/cpu-jobs.js";
import { matchesIfNoneMatch } from "../http/etag.js";
import { ApiError } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import type { RegisterRoute } from "./portfolios-http.js";
import { type PortfolioContext, type PortfolioRuntime, validationFailed } from "./portfolios-http.js";
import { requireRevealed } from "./portfolios-workshop.js";
import { chooseReportFormat, ReportQuerySchema, respondWithReport } from "./report.js";
import {
  createScoredResultsCache,
  resultsHeader,
  type ScoredPortfolio,
  type ScoredResultsCache,
} from "./scored-results-cache.js";

/**
 * Scores a stored portfolio; `missing` (query) is `neutral` by default, since raters arrive over time. One
 * GetItem tells whether the portfolio changed since it was last scored; only then are its contents read (one
 * Query per 1 MB page) and scored again: on this thread up to `INLINE_WORK_LIMITS.storedInitiatives`, in the
 * worker pool above it (validating and scoring 5,000 initiatives with raters takes about a second).
 */
async function scoreStored(
  c: PortfolioContext,
  runtime: PortfolioRuntime,
  cache: ScoredResultsCache,
): Promise<ScoredPortfolio> {
  await requireRevealed(c, runtime);
  const { tenant } = c.get("principal");
  const id = c.req.param("portfolio")!;
  const missing = readMissingQuery(c);
  const record = await runtime.deps.store.getPortfolio(tenant, id);
  const state = `${record.version}.${record.revision}.${missing}`;
  return cache.get({ tenant, id, state }, async () => {
    const contents = await runtime.deps.store.readContents(tenant, id);
    const portfolio = contents.portfolio ?? record;
    const run =
      contents.initiatives.length > INLINE_WORK_LIMITS.storedInitiatives ? runtime.runCpu : runCpuInline;
    const raters = new Set(contents.ratings.map((rating) => rating.rater)).size;
    const { count, json } = await run({
      kind: "score-stored",
      contents: { initiatives: contents.initiatives, ratings: contents.ratings },
      model: portfolio.model,
      missing,
      header: resultsHeader(portfolio, raters),
    }).catch(rethrowProblems);
    return { portfolio, count, json };
  });
}

/** A stored portfolio that no longer validates (its model changed): 422 with every problem by pointer. */
function rethrowProblems(error: unknown): never {
  if (!(error instanceof CxprismError)) throw error;
  throw validationFailed(
    error.problems.map((problem) => ({ pointer: toJsonPointer(problem.path), detail: problem.message })),
  );
}

function readMissingQuery(c: PortfolioContext): "neutral" | "error" {
  const missing = c.req.query("missing") ?? "neutral";
  if (missing !== "neutral" && missing !== "error")
    throw validationFailed([
      { field: "missing", detail: `expected "error" or "neutral", received "${missing}"` },
    ]);
  return missing;
}

/** Results change with every rating: a client may keep them but must ask (If-None-Match) before reuse. */
const RESULTS_CACHE_CONTROL = "private, no-cache";

/**
 * Registers `GET /:portfolio/results` (the core Result JSON, raters aggregated), `GET /:portfolio/matrix.svg`
 * and `GET /:portfolio/export.csv`. The owner always reads them; raters and viewers once the workshop is
 * revealed (the blind gate, {@link requireRevealed}).
 *
 * @param register - the route registrar
 * @param runtime - store and settings
 */
export function registerResultRoutes(register: RegisterRoute, runtime: PortfolioRuntime): void {
  const cache = createScoredResultsCache();
  register("/:portfolio/results", {
    GET: async (c) => {
      const body = (await scoreStored(c, runtime, cache)).json;
      const headers = { ETag: body.etag, "Cache-Control": RESULTS_CACHE_CONTROL };
      if (matchesIfNoneMatch(c.req.header("If-None-Match") ?? null, body.etag))
        return c.body(null, 304, headers);
      return c.body(body.body, 200, { ...headers, "Content-Type": body.contentType });
    },
  });
  register("/:portfolio/matrix.svg", {
    GET: async (c) => {
      const { portfolio, count, json } = await scoreStored(c, runtime, cache);
      if (count === 0)
        throw new ApiError(
          "not-found",
          `expected a portfolio with initiatives to draw, but ${portfolio.name} has none`,
        );
      // Drawn in the worker pool on Node: label placement for thousands of markers takes seconds.
      const svg = await runtime.runCpu({
        kind: "draw-matrix",
        resultsBody: json.body,
        options: { title: portfolio.name },
      });
      return c.body(svg, 200, { "Content-Type": "image/svg+xml; charset=utf-8" });
    },
  });
  for (const format of ["pdf", "pptx"] as const) {
    register(`/:portfolio/report.${format}`, {
      GET: async (c) => {
        chooseReportFormat(c.req.raw, runtime.renderReport, format);
        const query = readQuery(new URL(c.req.url), ReportQuerySchema);
        // The pack shows every rating: like the results, only once the workshop has revealed them.
        await requireRevealed(c, runtime);
        const { tenant } = c.get("principal");
        const id = c.req.param("portfolio")!;
        const missing = readMissingQuery(c);
        const contents = await runtime.deps.store.readContents(tenant, id);
        const portfolio = contents.portfolio ?? (await runtime.deps.store.getPortfolio(tenant, id));
        if (contents.initiatives.length === 0)
          throw new ApiError(
            "not-found",
            `expected a portfolio with initiatives to report on, but ${portfolio.name} has none`,
          );
        // Validated, scored and rendered in the worker pool on Node (seconds for a few dozen initiatives).
        const stored = {
          contents: { initiatives: contents.initiatives, ratings: contents.ratings },
          model: portfolio.model,
          missing,
        };
        return respondWithReport(
          stored,
          { title: portfolio.name, ...query },
          format,
          runtime.runCpu,
          runtime,
        ).catch(rethrowProblems);
      },
    });
  }
  register("/:portfolio/export.csv", {
    GET: async (c) => {
      await requireRevealed(c, runtime);
      const { tenant } = c.get("principal");
      const id = c.req.param("portfolio")!;
      const contents = await runtime.deps.store.readContents(tenant, id);
      const portfolio = contents.portfolio ?? (await runtime.deps.store.getPortfolio(tenant, id));
      const fileName = portfolio.name.replace(/[^\p{L}\p{N}._-]+/gu, "-").slice(0, 80) || "portfolio";
      const run =
        contents.initiatives.length > INLINE_WORK_LIMITS.storedInitiatives ? runtime.runCpu : runCpuInline;
      const csv = await run({
        kind: "export-csv",
        model: portfolio.model,
        contents: { initiatives: contents.initiatives, ratings: contents.ratings },
      });
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${encodeURIComponent(fileName)}.csv"`,
      });
    },
  });
}
