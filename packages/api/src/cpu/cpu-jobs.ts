import { type Portfolio, scorePortfolio } from "@cxprism/core";
import { analyseWeightStability, type MonteCarloOptions, runMonteCarlo } from "@cxprism/core/confidence";
import { type MatrixOptions, renderMatrixSvg } from "@cxprism/core/matrix";

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
      readonly kind: "sensitivity";
      readonly portfolio: Portfolio;
      readonly settings: MonteCarloOptions;
      readonly topK: number | undefined;
    };

/** What each job answers. */
export interface CpuAnswers {
  "matrix-svg": string;
  "matrix-png": Uint8Array;
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
