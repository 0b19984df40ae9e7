import type { Context } from "hono";
import type { Principal } from "../auth/api-keys.js";
import { sha256Hex } from "../auth/api-keys.js";
import type { InviteCache } from "../auth/invite-cache.js";
import type { PortfolioDeps } from "../config/deps.js";
import type { CpuRunner } from "../cpu/cpu-jobs.js";
import { isJsonMediaType, mediaTypeOf, parseJsonBody } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readBodyText } from "../http/read-body.js";
import { StoreError } from "../storage/portfolio-store.js";
import type { ReportRenderer } from "./report.js";

/** The methods a portfolio route may answer (HEAD and OPTIONS are added by the registrar). */
export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Registers a path's handlers: store failures become problems, other methods get 405 with `Allow`. */
export type RegisterRoute = (
  path: string,
  handlers: Partial<Record<RouteMethod, (c: PortfolioContext) => Promise<Response>>>,
) => void;

/** Hono environment of the portfolio routes. */
export interface PortfolioEnv {
  Variables: { requestId: string; principal: Principal };
}

/** A portfolio route's context. */
export type PortfolioContext = Context<PortfolioEnv>;

/** Everything a portfolio handler gets besides the request. */
export interface PortfolioRuntime {
  readonly deps: PortfolioDeps;
  /** Renders the board pack, on runtimes that can. */
  readonly renderReport: ReportRenderer | undefined;
  /** Where scoring large portfolios, drawing their matrix and rendering their board pack run. */
  readonly runCpu: CpuRunner;
  readonly maxSimulationWork: number;
  /** The most initiatives the board pack's confidence simulation runs for. */
  readonly maxSensitivityInitiatives: number;
  readonly maxBodyBytes: number;
  readonly maxInitiatives: number;
  /** Most initiatives one portfolio may hold, whatever adds them (see {@link refuseOverCap}). */
  readonly maxPortfolioInitiatives: number;
  readonly now: () => string;
  readonly retryAfterSeconds: number;
  readonly idempotencyTtlSeconds: number;
  readonly idempotencyLeaseSeconds: number;
  /** Working invite grants read recently (forgotten when revoked or deleted here). */
  readonly invites: InviteCache;
}

/**
 * The `ETag` of a versioned item.
 *
 * @param version - the stored version
 * @returns a strong tag such as `"v3"`
 */
export const versionTag = (version: number): string => `"v${version}"`;

/**
 * Reads the version a client expects from `If-Match`.
 *
 * @param header - the header, or undefined
 * @returns the version
 * @throws {@link ApiError} `precondition-required` when absent, `precondition-failed` when not one of our tags
 */
export function readIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === "")
    throw new ApiError(
      "precondition-required",
      "expected an If-Match header with the ETag of your last read, received none",
    );
  const match = /^(?:W\/)?"v(\d{1,15})"$/.exec(header.trim());
  if (match === null)
    throw new ApiError(
      "precondition-failed",
      `expected If-Match to be one ETag such as "v3" from a read, received ${header}`,
    );
  return Number(match[1]);
}

/**
 * Turns a store failure into the API's answer: 404, 409, 412 (with the current version and its ETag),
 * 422 for a bad cursor or data the store refuses, 503 with `Retry-After`.
 *
 * @param error - what the store threw
 * @param retryAfterSeconds - the `Retry-After` for 503
 * @returns the API error (or the error itself when it is not a store failure)
 */
export function translateStoreError(error: unknown, retryAfterSeconds: number): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case "not-found":
      return new ApiError("not-found", `expected an existing resource, but ${error.message}`);
    case "already-exists":
      return new ApiError("conflict", `expected a new id, but ${error.message}`);
    case "invalid-cursor":
      return validationFailed([{ field: "cursor", detail: `${error.message}, received another value` }]);
    case "version-conflict":
      return new ApiError(
        "precondition-failed",
        `expected the version named by If-Match, but ${error.message}; read it again and retry`,
        {
          ...(error.currentVersion === undefined ? {} : { currentVersion: error.currentVersion }),
          headers: error.currentVersion === undefined ? {} : { ETag: versionTag(error.currentVersion) },
        },
      );
    case "refused":
      return new ApiError(
        "validation-failed",
        `expected data the store can hold (items up to 400 KB, well-formed text), but ${error.message}`,
      );
    case "unavailable":
      return new ApiError(
        "service-unavailable",
        `The portfolio store is unavailable (${error.message}); nothing was changed by this request unless it says so. Retry later.`,
        { headers: { "Retry-After": String(retryAfterSeconds) } },
      );
  }
}

/**
 * A `validation-failed` error listing every problem.
 *
 * @param errors - the problems
 * @returns the error
 */
export function validationFailed(errors: readonly ProblemItem[]): ApiError {
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  return new ApiError("validation-failed", `The request has ${count}; each is listed in errors.`, { errors });
}

/**
 * Refuses a caller whose role may not do this.
 *
 * @param principal - the caller
 * @param allowed - whether the caller may
 * @param what - the action, for the message
 */
export function requireRole(principal: Principal, allowed: boolean, what: string): void {
  if (!allowed)
    throw new ApiError(
      "forbidden",
      `expected a key allowed to ${what}, received a ${principal.role} key${principal.rater === undefined ? "" : ` bound to rater ${principal.rater}`}`,
    );
}

/**
 * Reads a JSON body within the size limit.
 *
 * @param request - the request
 * @param maxBodyBytes - the limit
 * @returns the body text and the parsed value
 */
export async function readJsonBody(
  request: Request,
  maxBodyBytes: number,
): Promise<{ text: string; json: unknown }> {
  const text = await readJsonText(request, maxBodyBytes);
  return { text, json: parseJsonBody(text) };
}

/**
 * Reads a JSON body's text without parsing it (a large one is parsed by a CPU job).
 *
 * @param request - the request
 * @param maxBodyBytes - the body limit
 * @returns the text
 * @throws {@link ApiError} 415 for another media type, 413 over the limit
 */
export async function readJsonText(request: Request, maxBodyBytes: number): Promise<string> {
  const type = mediaTypeOf(request.headers.get("Content-Type") ?? undefined);
  if (!isJsonMediaType(type))
    throw new ApiError(
      "unsupported-media-type",
      `expected a body of type application/json, received ${type === "" ? "no Content-Type" : type}`,
      { headers: { "Accept-Patch": "application/json", "Accept-Post": "application/json" } },
    );
  return readBodyText(request, maxBodyBytes);
}

/**
 * Reads the `limit` and `cursor` query parameters of a listing.
 *
 * @param url - the request URL
 * @returns a limit from 1 to 100 (default 50) and the cursor
 */
export function readPaging(url: string): { limit: number; cursor: string | undefined } {
  const params = new URL(url).searchParams;
  const raw = params.get("limit");
  const limit = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw validationFailed([
      { field: "limit", detail: `expected a whole number from 1 to 100, received ${raw}` },
    ]);
  const cursor = params.get("cursor");
  return { limit, cursor: cursor === null || cursor === "" ? undefined : cursor };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers replayed for an idempotent request. */
const REPLAYED_HEADERS = ["Content-Type", "ETag", "Location"];

/**
 * Runs a POST at most once per `Idempotency-Key` (per tenant): the first answer is stored with a TTL and a
 * replay with the same body answers it again (`Idempotent-Replayed: true`). The same key with another body
 * is refused (422); while the first request still runs, a replay gets 409 with `Retry-After`. The first
 * request holds the key by a lease it renews while it runs, so a key whose request died with its process
 * can be claimed again once the lease ends, not after the whole TTL. Without the header the request simply
 * runs.
 *
 * @param c - the context
 * @param runtime - store and settings
 * @param bodyText - the request body, part of the fingerprint
 * @param run - makes the response
 * @returns the response, first or replayed
 */
export async function runIdempotent(
  c: PortfolioContext,
  runtime: PortfolioRuntime,
  bodyText: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = c.req.header("Idempotency-Key");
  if (key === undefined) return run();
  if (!IDEMPOTENCY_KEY.test(key))
    throw validationFailed([
      {
        field: "Idempotency-Key",
        detail: `expected 1 to 255 visible ASCII characters, received ${JSON.stringify(key.slice(0, 40))}`,
      },
    ]);
  const { tenant } = c.get("principal");
  const { store } = runtime.deps;
  const fingerprint = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${bodyText}`);
  const leaseSeconds = runtime.idempotencyLeaseSeconds;
  const claim = await store.claimIdempotencyKey(
    tenant,
    key,
    fingerprint,
    runtime.idempotencyTtlSeconds,
    leaseSeconds,
  );
  const reusedElsewhere = () =>
    validationFailed([
      {
        field: "Idempotency-Key",
        detail:
          "expected a new key for a different request, received a key already used with another body or path",
      },
    ]);
  if (claim.state === "done") {
    if (claim.response.fingerprint !== fingerprint) throw reusedElsewhere();
    return new Response(claim.response.body, {
      status: claim.response.status,
      headers: { ...claim.response.headers, "Idempotent-Replayed": "true" },
    });
  }
  if (claim.state === "pending") {
    if (claim.fingerprint !== fingerprint) throw reusedElsewhere();
    throw new ApiError(
      "conflict",
      "expected one request per Idempotency-Key at a time, received a second while the first still runs",
      {
        headers: { "Retry-After": "1" },
      },
    );
  }
  const { owner } = claim;
  const renewal = setInterval(
    () => void store.renewIdempotencyKey(tenant, key, owner, leaseSeconds).catch(() => undefined),
    (leaseSeconds * 1000) / 3,
  );
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await store.releaseIdempotencyKey(tenant, key, owner).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(renewal);
  }
  const body = await response.clone().text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await store.completeIdempotencyKey(
    tenant,
    key,
    owner,
    { fingerprint, status: response.status, headers, body },
    runtime.idempotencyTtlSeconds,
  );
  return response;
}

/**
 * Refuses a write that would grow a portfolio past its cap, before anything is written: 422 naming the
 * limit, how many initiatives the portfolio has and what to do. The count is read from the store first, so
 * two writes at the same instant can each pass it: the portfolio then holds at most the cap plus one
 * request's worth, which the stored routes' measured costs still cover (docs/limits.md).
 *
 * @param runtime - the store and the cap
 * @param tenant - the tenant
 * @param portfolioId - the portfolio
 * @param adding - how many new initiatives the write adds
 * @param pointer - where the new initiatives are in the body
 * @throws {@link ApiError} `validation-failed` with `limit`
 */
export async function refuseOverCap(
  runtime: PortfolioRuntime,
  tenant: string,
  portfolioId: string,
  adding: number,
  pointer: string,
): Promise<void> {
  if (adding === 0) return;
  const cap = runtime.maxPortfolioInitiatives;
  const held = await runtime.deps.store.countInitiatives(tenant, portfolioId);
  if (held + adding <= cap) return;
  const detail = `expected a portfolio of at most ${cap} initiatives, but it has ${held} and this request adds ${adding}: delete initiatives or split the portfolio, then add at most ${Math.max(0, cap - held)}`;
  throw new ApiError("validation-failed", detail, { limit: cap, errors: [{ pointer, detail }] });
}
