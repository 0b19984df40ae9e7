import { buildTornado, compareMethods } from "@cxprism/core/confidence";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuRunner, runCpuInline } from "../cpu/cpu-jobs.js";
import { ApiError } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { MissingPolicySchema } from "../schemas/score.js";
import { readScoreRequest, rethrowCoreError } from "./score.js";

/** The Monte Carlo default, as in the core: 10,000 worlds. */
const DEFAULT_ITERATIONS = 10_000;

/** Options of `POST /v1/sensitivity`: the scoring option plus the simulation's. */
export const SensitivityOptionsSchema = v.strictObject({
  missing: v.optional(MissingPolicySchema),
  iterations: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1))),
  concentration: v.optional(v.pipe(v.number(), v.gtValue(0))),
  uncertainty: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  noise: v.optional(v.picklist(["triangular", "uniform"])),
  bootstrapRaters: v.optional(v.boolean()),
  topK: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});

/** The query string of `POST /v1/sensitivity`. */
export const SensitivityQuerySchema = v.object({
  id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  iterations: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number))),
  seed: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number))),
});

/**
 * Handles `POST /v1/sensitivity`: how confident the ranking is. Scores a body like `/v1/score`, then runs
 * the core's Monte Carlo (rank and quadrant probabilities), weight stability intervals, the ranking under
 * other methods (`compareMethods`: weighted sum and product, TOPSIS, VIKOR, with rank correlations) and,
 * for `?id=X`, that initiative's tornado. Work is capped: iterations x initiatives at most `limits.maxSimulationWork`, and
 * initiatives at most `limits.maxSensitivityInitiatives`.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param runCpu - where the simulation runs (a worker thread on Node)
 * @returns `{monteCarlo, stability, methods, tornado?}`
 * @throws {@link ApiError} for every client error (400, 413, 415, 422)
 */
export async function handleSensitivity(request: Request, limits: Limits, runCpu: CpuRunner = runCpuInline) {
  const query = readQuery(new URL(request.url), SensitivityQuerySchema);
  const {
    portfolio,
    options = {},
    toItem,
  } = await readScoreRequest(request, limits, SensitivityOptionsSchema);
  const { missing: _missing, ...rest } = options;
  // CSV bodies carry no options object, so the two simulation settings worth changing come by query too.
  const iterations = query.iterations ?? rest.iterations ?? DEFAULT_ITERATIONS;
  const seed = query.seed ?? rest.seed;
  const n = portfolio.initiatives.length;
  if (n > limits.maxSensitivityInitiatives)
    throw new ApiError(
      "validation-failed",
      `expected at most ${limits.maxSensitivityInitiatives} initiatives for a sensitivity analysis, received ${n}`,
      {
        limit: limits.maxSensitivityInitiatives,
        errors: [
          {
            pointer: "/initiatives",
            detail: `expected at most ${limits.maxSensitivityInitiatives} initiatives, received ${n}`,
          },
        ],
      },
    );
  if (iterations * n > limits.maxSimulationWork) {
    const most = Math.max(1, Math.floor(limits.maxSimulationWork / n));
    throw new ApiError(
      "validation-failed",
      `expected iterations x initiatives of at most ${limits.maxSimulationWork}, received ${iterations} x ${n}`,
      {
        limit: limits.maxSimulationWork,
        errors: [
          {
            ...(query.iterations === undefined
              ? { pointer: "/options/iterations" }
              : { field: "iterations" }),
            detail: `expected at most ${most} iterations for ${n} initiatives (iterations x initiatives <= ${limits.maxSimulationWork}), received ${iterations}`,
          },
        ],
      },
    );
  }
  let tornado: ReturnType<typeof buildTornado>[number] | undefined;
  if (query.id !== undefined) {
    tornado = buildTornado(portfolio).find((entry) => entry.id === query.id);
    if (tornado === undefined)
      throw new ApiError("validation-failed", "The query string has 1 problem; it is listed in errors.", {
        errors: [
          { field: "id", detail: `expected the id of an initiative in the body, received "${query.id}"` },
        ],
      });
  }
  try {
    const { monteCarlo, stability } = await runCpu({
      kind: "sensitivity",
      portfolio,
      settings: { ...rest, iterations, ...(seed === undefined ? {} : { seed }) },
      topK: rest.topK,
    });
    const methods = compareMethods(portfolio, { topK: rest.topK ?? monteCarlo.k });
    return { monteCarlo, stability, methods, ...(tornado === undefined ? {} : { tornado }) };
  } catch (error) {
    return rethrowCoreError(error, toItem, ["options"]);
  }
}
