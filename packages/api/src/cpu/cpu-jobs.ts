import { type Portfolio, scorePortfolio } from "@cxprism/core";
import {
  analyseDisagreement,
  analyseWeightStability,
  type MonteCarloOptions,
  runMonteCarlo,
} from "@cxprism/core/confidence";
import { deriveFormulaCriteria } from "@cxprism/core/formula";
import { type MatrixOptions, renderMatrixSvg } from "@cxprism/core/matrix";
import { createPlan, renderPlanMarkdown, renderPlanSvg } from "@cxprism/core/plan";

/**
 * Requests at most this size run on the request's own thread: handing them to the pool would cost more than
 * their work, and a full pool never refuses a small request. Larger ones go to the {@link CpuRunner}.
 */
export const INLINE_WORK_LIMITS = {
  /** `POST /v1/plan`: initiatives (the plan's search grows with initiatives x budget cells). */
  planInitiatives: 50,
  /** `POST /v1/score`: initiatives. */
  scoreInitiatives: 500,
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
      readonly kind: "sensitivity";
      readonly portfolio: Portfolio;
      readonly settings: MonteCarloOptions;
      readonly topK: number | undefined;
    };

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
 * @param renderPng - the PNG renderer, where the runtime has one
 * @returns its answer
 * @throws whatever the core throws (a `CxprismError` for bad options)
 */
export function runCpuJob<J extends CpuJob>(job: J, renderPng?: PngRenderer): CpuAnswers[J["kind"]] {
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
 * @param renderPng - the host's PNG renderer, if any
 * @returns the runner
 */
export function createInlineRunner(renderPng?: PngRenderer): CpuRunner {
  return async (job) => runCpuJob(job, renderPng);
}

/** Runs every job on the calling thread, without PNG. */
export const runCpuInline: CpuRunner = createInlineRunner();
