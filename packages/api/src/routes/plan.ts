import { PlanOptionsSchema } from "@cxprism/core/plan";
import * as v from "valibot";
import type { Limits } from "../config/deps.js";
import { type CpuRunner, INLINE_WORK_LIMITS, runCpuInline } from "../cpu/cpu-jobs.js";
import { issueToItem } from "../http/issues.js";
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from "../http/json-body.js";
import { negotiateOrThrow } from "../http/negotiate.js";
import { ApiError } from "../http/problem.js";
import { readBodyText } from "../http/read-body.js";
import { MissingPolicySchema } from "../schemas/score.js";
import { pointerItem, rethrowCoreError, validationFailed } from "./score.js";

/** What `POST /v1/plan` can answer, preferred first. */
export const PLAN_MEDIA_TYPES = ["application/json", "text/markdown", "image/svg+xml"] as const;

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

/**
 * Handles `POST /v1/plan`: a budgeted, sequenced plan (waves, pilots first) from scored initiatives. Formula
 * criteria of a custom model are derived first. Answers JSON (default), Markdown or an SVG roadmap by the
 * `Accept` header.
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
  const type = mediaTypeOf(request.headers.get("Content-Type") ?? undefined);
  if (!isJsonMediaType(type))
    throw new ApiError(
      "unsupported-media-type",
      `expected a body of type application/json, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Post": "application/json" } },
    );
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
  const job = {
    kind: "plan",
    initiatives: envelope.output.initiatives,
    model,
    options,
    format: mediaType,
  } as const;
  const runner = job.initiatives.length > INLINE_WORK_LIMITS.planInitiatives ? runCpu : runCpuInline;
  let answer: string;
  try {
    answer = await runner(job);
  } catch (error) {
    return rethrowCoreError(error, (problem) => {
      const item = pointerItem(problem);
      // The core reports planning options at the root of its own options object.
      const first = problem.path[0];
      return typeof first === "string" && first in PlanRequestOptionsSchema.entries
        ? { ...item, pointer: `/options${item.pointer}` }
        : item;
    });
  }
  const contentType = mediaType === "application/json" ? "application/json" : `${mediaType}; charset=utf-8`;
  return new Response(answer, { headers: { "Content-Type": contentType, Vary: "Accept" } });
}
