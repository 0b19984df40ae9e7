import {
  CxprismError,
  type ModelInput,
  type Portfolio,
  type Result,
  scorePortfolio,
  validatePortfolio,
} from "@cxprism/core";
import {
  analyseDisagreement,
  analyseWeightStability,
  type MonteCarloOptions,
  runMonteCarlo,
} from "@cxprism/core/confidence";
import { deriveFormulaCriteria } from "@cxprism/core/formula";
import { type MatrixOptions, renderMatrixSvg } from "@cxprism/core/matrix";
import { createPlan, renderPlanMarkdown, renderPlanSvg } from "@cxprism/core/plan";
import type { Limits } from "../config/deps.js";
import type { CachedBody } from "../http/etag.js";
import { decodeBodyText } from "../http/read-body.js";
import { renderPortfolioCsv } from "../routes/portfolio-csv.js";
import {
  type ImportBody,
  type ImportRead,
  type ImportSettings,
  readImport,
} from "../routes/portfolios-import-read.js";
import { type RatingsRead, readRatings } from "../routes/portfolios-ratings-read.js";
import type { ReportFormat, ReportQuery, ReportRenderer } from "../routes/report.js";
import { renderReportBytes } from "../routes/report-pack.js";
import { type ResultsHeader, resultsBody } from "../routes/scored-results-cache.js";
import { initiativesFromContents } from "../routes/stored-initiatives.js";
import { type AhpInput, answerAhp } from "../routes/weights-ahp.js";
import type { PortfolioContents } from "../storage/portfolio-store.js";

/**
 * Requests at most this size run on the request's own thread: handing them to the pool would cost more than
 * their work, and a full pool never refuses a small request. Larger ones go to the {@link CpuRunner}.
 */
export const INLINE_WORK_LIMITS = {
  /** `POST /v1/plan`: initiatives (the plan's search grows with initiatives x budget cells). */
  planInitiatives: 50,
  /** `POST /v1/score`: initiatives. */
  scoreInitiatives: 500,
  /**
   * `POST /v1/score`: rater rows (initiatives x their raters). Each rating two or more raters dispute is
   * weighed for the discussion list, so raters cost more than initiatives.
   */
  scoreRaterRows: 500,
  /** `GET /v1/portfolios/:id/results` (and its poll): initiatives scored from the store. */
  storedInitiatives: 500,
} as const;

/** Whether a model (as sent) has formula criteria, which are derived before planning. */
export function hasFormula(model: unknown): boolean {
  const criteria = (model as { criteria?: unknown } | null | undefined)?.criteria;
  return (
    Array.isArray(criteria) &&
    criteria.some(
      (criterion) => typeof criterion === "object" && criterion !== null && "formula" in criterion,
    )
  );
}

/**
 * The CPU-heavy work of the API, as plain data that can cross to a worker thread (structured clone): the
 * route parses and validates on the main thread, then hands one of these to the host's {@link CpuRunner}.
 */
export type CpuJob =
  | { readonly kind: "matrix-svg"; readonly portfolio: Portfolio; readonly options: MatrixOptions }
  | {
      readonly kind: "matrix-png";
      readonly portfolio: Portfolio;
      readonly options: MatrixOptions;
      readonly scale: number;
    }
  | {
      readonly kind: "plan";
      readonly initiatives: readonly unknown[];
      readonly model: unknown;
      /** The planning options (and missing-rating policy) as checked at the edge. */
      readonly options: Omit<NonNullable<Parameters<typeof createPlan>[1]>, "model">;
      /** True when the initiatives' formula criteria are derived already (a table read by the core). */
      readonly derived?: boolean;
      /** The answer's media type. */
      readonly format: "application/json" | "text/markdown" | "image/svg+xml";
    }
  | {
      readonly kind: "score";
      readonly portfolio: Portfolio;
      /** The initiatives as sent, for the disagreement report (only when some have raters). */
      readonly initiatives: unknown;
      readonly missing: "error" | "neutral" | undefined;
    }
  | {
      /** The matrix of results scored already (a stored portfolio's, from the results cache). */
      readonly kind: "draw-matrix";
      /** A `GET .../results` body: its `results` are drawn. */
      readonly resultsBody: string;
      readonly options: MatrixOptions;
    }
  | {
      /**
       * A stored portfolio's initiatives, validated and scored, with the results body built (serialising
       * 5,000 results is itself a tenth of a second): a `CxprismError` lists the problems.
       */
      readonly kind: "score-stored";
      /** The stored items, turned into initiatives on the thread that scores them. */
      readonly contents: StoredContents;
      readonly model: unknown;
      readonly missing: "error" | "neutral";
      readonly header: ResultsHeader;
    }
  | {
      /** The board pack of a validated portfolio (or a stored one's initiatives, validated first). */
      readonly kind: "report";
      readonly portfolio:
        | Portfolio
        | {
            readonly contents: StoredContents;
            readonly model: unknown;
            readonly missing: "error" | "neutral";
          };
      readonly query: ReportQuery;
      readonly format: ReportFormat;
      readonly maxSimulationWork: number;
      /** The most initiatives the confidence simulation runs for. */
      readonly maxSimulatedInitiatives: number;
    }
  | { readonly kind: "ahp"; readonly input: AhpInput }
  | {
      /** A rating batch parsed and checked against the model (see `readRatings`). */
      readonly kind: "read-ratings";
      readonly text: string;
      readonly model: ModelInput;
      readonly rater: string;
      readonly maxInitiatives: number;
    }
  | {
      /** An import's body parsed and every initiative checked (see `readImport`): the store's part stays. */
      readonly kind: "read-import";
      readonly body: ImportBody;
      readonly settings: ImportSettings;
    }
  | {
      /** A stored portfolio as the export CSV (15,000 rows take a few tenths of a second to write). */
      readonly kind: "export-csv";
      readonly model: ModelInput;
      readonly contents: StoredContents;
    }
  | {
      /**
       * A whole stateless request with a large body (`POST /v1/score`, `/v1/matrix`...), answered by the app
       * itself on the thread that runs the job: reading a 1 MiB table and validating it costs about a second,
       * which must not happen on the event loop either.
       */
      readonly kind: "request";
      readonly url: string;
      readonly headers: readonly [string, string][];
      readonly body: Uint8Array;
      /** The app's limits (the same as the host's). */
      readonly limits: Partial<Limits>;
    }
  | {
      /**
       * A JSON `POST /v1/score` body, read on the request's thread and answered here whole (parsing,
       * validation, scoring, serialising). A light job: a pool takes it only when it can start it soon, and
       * answers `undefined` otherwise, so the route scores it itself (see `answerScore`).
       */
      readonly kind: "score-json";
      readonly body: Uint8Array;
      readonly limits: Limits;
    }
  | {
      readonly kind: "sensitivity";
      readonly portfolio: Portfolio;
      readonly settings: MonteCarloOptions;
      readonly topK: number | undefined;
    };

/** A stored portfolio's initiatives and ratings, as read. */
export type StoredContents = Pick<PortfolioContents, "initiatives" | "ratings">;

/** What each job answers. */
export interface CpuAnswers {
  "matrix-svg": string;
  "matrix-png": Uint8Array;
  /** The plan as JSON text, Markdown or SVG. */
  plan: string;
  score: {
    model: { id: string; name: string };
    results: ReturnType<typeof scorePortfolio>;
    discussion?: ReturnType<typeof analyseDisagreement>;
  };
  sensitivity: {
    monteCarlo: ReturnType<typeof runMonteCarlo>;
    stability: ReturnType<typeof analyseWeightStability>;
  };
  "draw-matrix": string;
  "score-stored": { readonly count: number; readonly json: CachedBody };
  /** The PDF or PPTX file. */
  report: Uint8Array;
  ahp: ReturnType<typeof answerAhp>;
  "read-import": ImportRead;
  "read-ratings": RatingsRead;
  "export-csv": string;
  /** The answer's JSON as UTF-8, or undefined when a pool declines the job (the caller runs it). */
  "score-json": Uint8Array | undefined;
  request: {
    readonly status: number;
    readonly headers: readonly [string, string][];
    readonly body: Uint8Array;
  };
}

/** What a host lends the jobs: the renderers its runtime has. */
export interface CpuHost {
  readonly renderPng?: PngRenderer | undefined;
  readonly renderReport?: ReportRenderer | undefined;
}

/** The app that answers whole requests on a worker thread, built on first use. */
let requestApp: Promise<{ fetch(request: Request): Response | Promise<Response> }> | undefined;

/** Answers a whole request with an app of the same limits, every CPU job inline on this thread. */
async function answerRequest(
  job: Extract<CpuJob, { kind: "request" }>,
  host: CpuHost,
): Promise<CpuAnswers["request"]> {
  // Imported when first needed: the app imports this module.
  requestApp ??= import("../app.js").then(({ createApp }) =>
    createApp({ limits: job.limits, renderPng: host.renderPng, renderReport: host.renderReport }),
  );
  const app = await requestApp;
  const response = await app.fetch(
    new Request(job.url, {
      method: "POST",
      headers: [...job.headers],
      body: job.body as Uint8Array<ArrayBuffer>,
    }),
  );
  return {
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The score route's module, loaded on first use: it imports this module. */
let scoreRoute: Promise<typeof import("../routes/score.js")> | undefined;

const utf8 = new TextEncoder();

/** Answers a JSON scoring body as `POST /v1/score` does, on this thread. */
async function answerScoreJson(job: Extract<CpuJob, { kind: "score-json" }>): Promise<Uint8Array> {
  scoreRoute ??= import("../routes/score.js");
  const { readJsonScoreRequest, scoreAnswer } = await scoreRoute;
  const request = readJsonScoreRequest(decodeBodyText(job.body), job.limits);
  return utf8.encode(JSON.stringify(await scoreAnswer(request, runCpuInline)));
}

/** Validates initiatives read from the store, or throws a `CxprismError` with every problem. */
function validateStored(input: {
  readonly contents: StoredContents;
  readonly model: unknown;
  readonly missing: "error" | "neutral";
}): Portfolio {
  const validation = validatePortfolio(initiativesFromContents(input.contents), {
    model: input.model as never,
    missing: input.missing,
  });
  if (!validation.success) throw new CxprismError(validation.code, validation.problems);
  return validation.portfolio;
}

/**
 * Runs a job somewhere: inline on Workers (each request has its own isolate and CPU limit) and in tests,
 * on a bounded pool of worker threads on Node so the event loop keeps answering.
 */
export type CpuRunner = <J extends CpuJob>(job: J) => Promise<CpuAnswers[J["kind"]]>;

/** Renders an SVG document as PNG bytes at a scale (1 = the SVG's own pixel size). */
export type PngRenderer = (svg: string, scale: number) => Uint8Array;

/**
 * Does a job's work, on whatever thread calls it.
 *
 * @param job - the job
 * @param host - the renderers the runtime has (PNG, board pack)
 * @returns its answer (a promise for the board pack, whose renderer is asynchronous)
 * @throws whatever the core throws (a `CxprismError` for bad options)
 */
export function runCpuJob<J extends CpuJob>(
  job: J,
  host: CpuHost = {},
): CpuAnswers[J["kind"]] | Promise<CpuAnswers[J["kind"]]> {
  const { renderPng } = host;
  switch (job.kind) {
    case "matrix-svg":
      return renderMatrixSvg(scorePortfolio(job.portfolio), job.options) as CpuAnswers[J["kind"]];
    case "matrix-png": {
      if (renderPng === undefined) throw new Error("no PNG renderer on this runtime");
      const svg = renderMatrixSvg(scorePortfolio(job.portfolio), job.options);
      return renderPng(svg, job.scale) as CpuAnswers[J["kind"]];
    }
    case "plan": {
      const initiatives =
        job.derived !== true && hasFormula(job.model)
          ? deriveFormulaCriteria(job.initiatives, { model: job.model }).initiatives
          : job.initiatives;
      const plan = createPlan(initiatives, { ...job.options, model: job.model });
      const text =
        job.format === "text/markdown"
          ? renderPlanMarkdown(plan)
          : job.format === "image/svg+xml"
            ? renderPlanSvg(plan)
            : JSON.stringify(plan);
      return text as CpuAnswers[J["kind"]];
    }
    case "score": {
      const { model } = job.portfolio;
      const body = { model: { id: model.id, name: model.name }, results: scorePortfolio(job.portfolio) };
      if (!job.portfolio.initiatives.some((initiative) => initiative.raters !== undefined))
        return body as CpuAnswers[J["kind"]];
      // Validated with the same model and missing-rating policy, so the core cannot find new problems here.
      const discussion = analyseDisagreement(job.initiatives, { model, missing: job.missing });
      return { ...body, discussion } as CpuAnswers[J["kind"]];
    }
    case "draw-matrix": {
      const { results } = JSON.parse(job.resultsBody) as { results: Result[] };
      return renderMatrixSvg(results, job.options) as CpuAnswers[J["kind"]];
    }
    case "score-stored": {
      const results = scorePortfolio(validateStored(job));
      return { count: results.length, json: resultsBody(job.header, results) } as CpuAnswers[J["kind"]];
    }
    case "report": {
      if (host.renderReport === undefined) throw new Error("no board pack renderer on this runtime");
      const portfolio = "ratings" in job.portfolio ? job.portfolio : validateStored(job.portfolio);
      return renderReportBytes(
        portfolio,
        job.query,
        job.format,
        host.renderReport,
        job.maxSimulationWork,
        job.maxSimulatedInitiatives,
      ) as Promise<CpuAnswers[J["kind"]]>;
    }
    case "ahp":
      return answerAhp(job.input) as CpuAnswers[J["kind"]];
    case "read-ratings":
      return readRatings(job.text, job.model, job.rater, job.maxInitiatives) as CpuAnswers[J["kind"]];
    case "read-import":
      return readImport(job.body, job.settings) as Promise<CpuAnswers[J["kind"]]>;
    case "export-csv":
      return renderPortfolioCsv(job.model, job.contents) as CpuAnswers[J["kind"]];
    case "request":
      return answerRequest(job, host) as Promise<CpuAnswers[J["kind"]]>;
    case "score-json":
      return answerScoreJson(job) as Promise<CpuAnswers[J["kind"]]>;
    case "sensitivity":
      return {
        monteCarlo: runMonteCarlo(job.portfolio, job.settings),
        stability: analyseWeightStability(job.portfolio, job.topK === undefined ? {} : { topK: job.topK }),
      } as CpuAnswers[J["kind"]];
  }
  throw new Error(`unknown CPU job ${(job as CpuJob).kind}`);
}

/**
 * A runner that does every job on the calling thread (Workers, tests).
 *
 * @param host - the host's renderers, if any
 * @returns the runner
 */
export function createInlineRunner(host: CpuHost = {}): CpuRunner {
  return async (job) => runCpuJob(job, host);
}

/** Runs every job on the calling thread, without PNG. */
export const runCpuInline: CpuRunner = createInlineRunner();
