import type { Problem } from "@cxprism/core";
import { PlanOptionsSchema, planRequirements } from "@cxprism/core/plan";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuJob, type CpuRunner, INLINE_WORK_LIMITS, runCpuInline } from "../cpu/cpu-jobs.js";
import { issueToItem } from "../http/issues.js";
import { parseJsonBody } from "../http/json-body.js";
import { negotiateOrThrow } from "../http/negotiate.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readBodyText } from "../http/read-body.js";
import { MissingPolicySchema } from "../schemas/score.js";
import {
  pointerItem,
  readScoreRequest,
  rethrowCoreError,
  scoreMediaType,
  validationFailed,
} from "./score.js";

/** What `POST /v1/plan` can answer, preferred first. */
export const PLAN_MEDIA_TYPES = ["application/json", "text/markdown", "image/svg+xml"] as const;

/** A point or comma before exactly three digits is a thousands separator in one locale, a decimal in another. */
const AMBIGUOUS = /^\s*[+-]?[1-9]\d{0,2}([.,]\d{3})+\s*$/;

const numberParam = v.pipe(
  v.string(),
  v.regex(/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/, "a number such as 1500000 or 1.5e6"),
  v.check(
    (text) => !AMBIGUOUS.test(text),
    "a number without thousands separators (such as 1500000 or 1.5e6; 500.000 is ambiguous)",
  ),
  v.transform(Number),
);

/**
 * The query string of `POST /v1/plan` for a table (CSV) body, which has no `options` object: the planning
 * options that fit in a URL. `goals` is a comma-separated list of KPI ids; `missing` is read with the table.
 */
export const PlanQuerySchema = v.object({
  budget: v.optional(numberParam),
  capacity: v.optional(numberParam),
  granularity: v.optional(numberParam),
  objective: v.optional(v.string()),
  goals: v.optional(
    v.pipe(
      v.string(),
      v.transform((text) =>
        text
          .split(",")
          .map((goal) => goal.trim())
          .filter((goal) => goal !== ""),
      ),
    ),
  ),
  discountRate: v.optional(numberParam),
  horizonYears: v.optional(numberParam),
  pilotReadiness: v.optional(numberParam),
  valueDiscount: v.optional(numberParam),
  waveSize: v.optional(numberParam),
});

/** Options of `POST /v1/plan`: the core's planning options plus the missing-rating policy. */
export const PlanRequestOptionsSchema = v.strictObject({
  ...PlanOptionsSchema.entries,
  missing: v.optional(MissingPolicySchema),
});

/**
 * The envelope of a planning request as checked at the edge (initiatives and model are left to the core).
 *
 * @param limits - the request limits
 * @returns the envelope schema
 */
export function createPlanEnvelopeSchema(limits: Pick<Limits, "maxInitiatives">) {
  return v.strictObject({
    initiatives: v.pipe(
      v.array(v.unknown()),
      v.maxLength(limits.maxInitiatives, `at most ${limits.maxInitiatives} initiatives per request`),
    ),
    model: v.optional(v.unknown()),
    options: PlanRequestOptionsSchema,
  });
}

/** What a planning request boils down to once its body is read: the plan job's input and a problem placer. */
interface PlanInput {
  readonly initiatives: readonly unknown[];
  readonly model: unknown;
  readonly options: Extract<CpuJob, { kind: "plan" }>["options"];
  /** Whether formula criteria are derived already (the table reader does it). */
  readonly derived: boolean;
  readonly toItem: (problem: Problem) => ProblemItem;
}

/**
 * Handles `POST /v1/plan`: a budgeted, sequenced plan (waves, pilots first) from scored initiatives. Formula
 * criteria of a custom model are derived first. Answers JSON (default), Markdown or an SVG roadmap by the
 * `Accept` header. The body is JSON `{initiatives, model?, options}`, or a table as on `/v1/score` (`text/csv`,
 * a workbook, or `multipart/form-data` with a `csv` or `xlsx` part and a `model` part) with the options in the query string
 * ({@link PlanQuerySchema}); a table's problems come back at their row and column.
 *
 * @param request - the request
 * @param limits - the request limits
 * @param runCpu - where a plan of more than {@link INLINE_WORK_LIMITS} initiatives is made (a worker thread on
 *   Node; a full pool answers 503)
 * @returns the response
 * @throws {@link ApiError} for every client error (400, 406, 413, 415, 422)
 */
export async function handlePlan(
  request: Request,
  limits: Limits,
  runCpu: CpuRunner = runCpuInline,
): Promise<Response> {
  const mediaType = negotiateOrThrow(request, PLAN_MEDIA_TYPES) as (typeof PLAN_MEDIA_TYPES)[number];
  const { isJson } = scoreMediaType(request);
  const input = isJson ? await readJsonPlan(request, limits) : await readTablePlan(request, limits);
  const job = {
    kind: "plan",
    initiatives: input.initiatives,
    model: input.model,
    options: input.options,
    derived: input.derived,
    format: mediaType,
  } as const;
  const runner = job.initiatives.length > INLINE_WORK_LIMITS.planInitiatives ? runCpu : runCpuInline;
  let answer: string;
  try {
    answer = await runner(job);
  } catch (error) {
    return rethrowCoreError(error, input.toItem);
  }
  const contentType = mediaType === "application/json" ? "application/json" : `${mediaType}; charset=utf-8`;
  return new Response(answer, { headers: { "Content-Type": contentType, Vary: "Accept" } });
}

async function readJsonPlan(request: Request, limits: Limits): Promise<PlanInput> {
  const text = await readBodyText(request, limits.maxBodyBytes);
  const body = parseJsonBody(text);
  const envelope = v.safeParse(createPlanEnvelopeSchema(limits), body);
  if (!envelope.success) throw validationFailed(envelope.issues.map(issueToItem));
  const { model, options } = envelope.output;
  const criteria = (model as { criteria?: unknown } | null | undefined)?.criteria;
  if (Array.isArray(criteria) && criteria.length > limits.maxCriteria)
    throw validationFailed([
      {
        pointer: "/model/criteria",
        detail: `expected at most ${limits.maxCriteria} criteria, received ${criteria.length}`,
      },
    ]);
  return {
    initiatives: envelope.output.initiatives,
    model,
    options,
    derived: false,
    toItem: (problem) => {
      const item = pointerItem(problem);
      // The core reports planning options at the root of its own options object.
      const first = problem.path[0];
      return typeof first === "string" && first in PlanRequestOptionsSchema.entries
        ? { ...item, pointer: `/options${item.pointer}` }
        : item;
    },
  };
}

/** Reads a table body (CSV, or multipart with a model) with the options of the query string. */
async function readTablePlan(request: Request, limits: Limits): Promise<PlanInput> {
  const { budget, ...options } = readQuery(new URL(request.url), PlanQuerySchema);
  // The same table reader and problem places as /v1/score; `missing` comes from the query there too.
  // A missing cost (or effort, with a capacity) is reported with the table's other problems, in one pass.
  const { portfolio, toItem, missing } = await readScoreRequest(request, limits, undefined, {
    require: planRequirements(options),
  });
  if (budget === undefined)
    throw validationFailed([
      {
        field: "budget",
        detail: "expected the query parameter budget (a number of at least 0), received none",
      },
    ]);
  return {
    // Validated, with any formula criteria derived by the table reader.
    initiatives: portfolio.initiatives,
    model: portfolio.model,
    // The query's texts (objective, goals) are checked by the core's plan options, as a JSON body's are.
    options: { ...options, budget, missing } as PlanInput["options"],
    derived: true,
    toItem: (problem) => {
      const first = problem.path[0];
      return typeof first === "string" && first in PlanOptionsSchema.entries
        ? {
            field: first,
            detail: problem.message.replace(/^expected /, `expected the query parameter ${first} to be `),
          }
        : toItem(problem);
    },
  };
}
