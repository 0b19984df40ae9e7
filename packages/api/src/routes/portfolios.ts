import { defaultModel, type ModelInput, toJsonPointer, validateModel } from "@cxprism/core";
import { Hono } from "hono";
import * as v from "valibot";
import { type Principal, sha256Hex } from "../auth/api-keys.js";
import { InviteCache } from "../auth/invite-cache.js";
import type { PortfolioDeps } from "../config/deps.js";
import { type CpuRunner, createInlineRunner } from "../cpu/cpu-jobs.js";
import { issueToItem } from "../http/issues.js";
import { ApiError } from "../http/problem.js";
import type { PortfolioRecord } from "../storage/portfolio-store.js";
import {
  type PortfolioEnv,
  type PortfolioRuntime,
  type RegisterRoute,
  type RouteMethod,
  readIfMatch,
  readJsonBody,
  readPaging,
  requireRole,
  runIdempotent,
  translateStoreError,
  validationFailed,
  versionTag,
} from "./portfolios-http.js";
import { registerInitiativeRoutes } from "./portfolios-initiatives.js";
import { registerRatingRoutes } from "./portfolios-ratings.js";
import { registerResultRoutes } from "./portfolios-results.js";
import { registerWorkshopRoutes } from "./portfolios-workshop.js";
import type { ReportRenderer } from "./report.js";

const NameSchema = v.pipe(v.string(), v.trim(), v.minLength(1, "a non-empty name"), v.maxLength(200));
const DescriptionSchema = v.pipe(v.string(), v.trim(), v.maxLength(4000));

/** `POST /v1/portfolios`: a name, optionally a description and a model (the default model otherwise). */
export const CreatePortfolioSchema = v.strictObject({
  name: NameSchema,
  description: v.optional(DescriptionSchema, ""),
  model: v.optional(v.unknown()),
});

/** `PATCH /v1/portfolios/:id`: any of the fields. */
export const UpdatePortfolioSchema = v.strictObject({
  name: v.optional(NameSchema),
  description: v.optional(DescriptionSchema),
  model: v.optional(v.unknown()),
});

/** Checks a model with the core, reporting its problems under `/model`. */
function checkModel(model: unknown): ModelInput | undefined {
  if (model === undefined) return undefined;
  const validation = validateModel(model);
  if (!validation.success)
    throw validationFailed(
      validation.problems.map((problem) => ({
        pointer: toJsonPointer(problem.path),
        detail: problem.message,
      })),
    );
  return model as ModelInput;
}

const WWW_AUTHENTICATE = { "WWW-Authenticate": 'Bearer realm="cxprism"' };

/**
 * Finds the caller behind a key: a configured key (`CXPRISM_API_KEYS`) first, then an invite key by its
 * hash (one GetItem, remembered for a few seconds: see {@link InviteCache}). A revoked invite, and one to a deleted workshop, is refused with its own reason, so the
 * page can say so.
 */
async function authenticate(
  deps: PortfolioDeps,
  key: string,
  runtime: PortfolioRuntime,
): Promise<Principal | undefined> {
  const configured = await deps.keyring.authenticate(key);
  if (configured !== undefined) return configured;
  const hash = await sha256Hex(key);
  let grant = runtime.invites.get(hash);
  if (grant === undefined) {
    try {
      grant = await deps.workshop.findInvite(hash);
    } catch (error) {
      throw translateStoreError(error, runtime.retryAfterSeconds);
    }
    if (grant !== undefined) runtime.invites.remember(hash, grant);
  }
  if (grant === undefined) return undefined;
  if (grant.portfolioDeletedAt !== undefined)
    throw new ApiError(
      "not-found",
      `expected an invite to a workshop that exists, received one to a workshop deleted at ${grant.portfolioDeletedAt}`,
      { reason: "deleted" },
    );
  if (grant.revokedAt !== undefined)
    throw new ApiError(
      "unauthorized",
      `expected a working invite link, received one the facilitator revoked at ${grant.revokedAt}`,
      { reason: "revoked", headers: WWW_AUTHENTICATE },
    );
  return grant.role === "rater"
    ? { tenant: grant.tenant, role: "rater", rater: grant.rater!, portfolio: grant.portfolioId }
    : { tenant: grant.tenant, role: "viewer", portfolio: grant.portfolioId };
}

/** An invite key opens only its own portfolio (and no listing of the others). */
function requireOwnPortfolio(principal: Principal, portfolioId: string | undefined): void {
  if (principal.portfolio !== undefined && principal.portfolio !== portfolioId)
    throw new ApiError(
      "forbidden",
      `expected a request about the workshop this invite opens (${principal.portfolio}), received one about ${portfolioId ?? "every portfolio"}`,
      { reason: "other-portfolio" },
    );
}

/**
 * The JSON of a portfolio.
 *
 * @param record - the stored portfolio
 * @param withModel - include the model (reads) or only its id and name (listings)
 * @returns the response object
 */
export function portfolioJson(record: PortfolioRecord, withModel: boolean) {
  // The revision only tells the results cache when to score again; clients follow `version`.
  const { revision: _revision, ...shown } = record;
  const { model, ...rest } = shown;
  return withModel ? shown : { ...rest, model: { id: model.id, name: model.name } };
}

/**
 * Builds the `/v1/portfolios` routes: API-key authentication first (401 without a valid key), then
 * per-route role checks (403), tenant-scoped storage (another tenant's portfolio is 404).
 *
 * @param deps - store, keys and settings
 * @param limits - body and initiative limits
 * @param renderReport - the board pack renderer, on runtimes that have one
 * @param runCpu - where large portfolios are scored, their matrix drawn and their board pack rendered
 * @returns a Hono app to mount at `/v1/portfolios`
 */
export function createPortfolioRoutes(
  deps: PortfolioDeps,
  limits: {
    readonly maxBodyBytes: number;
    readonly maxInitiatives: number;
    readonly maxPortfolioInitiatives: number;
    readonly maxSimulationWork: number;
    readonly maxSensitivityInitiatives: number;
  },
  renderReport?: ReportRenderer,
  runCpu: CpuRunner = createInlineRunner({ renderReport }),
): Hono<PortfolioEnv> {
  const runtime: PortfolioRuntime = {
    deps,
    renderReport,
    runCpu,
    maxSimulationWork: limits.maxSimulationWork,
    maxSensitivityInitiatives: limits.maxSensitivityInitiatives,
    maxBodyBytes: limits.maxBodyBytes,
    maxInitiatives: limits.maxInitiatives,
    maxPortfolioInitiatives: limits.maxPortfolioInitiatives,
    now: deps.now ?? (() => new Date().toISOString()),
    retryAfterSeconds: deps.retryAfterSeconds ?? 5,
    idempotencyTtlSeconds: deps.idempotencyTtlSeconds ?? 24 * 3600,
    idempotencyLeaseSeconds: deps.idempotencyLeaseSeconds ?? 30,
    invites: new InviteCache(),
  };
  const { store } = deps;
  const app = new Hono<PortfolioEnv>();

  app.use(async (c, next) => {
    const header = c.req.header("Authorization");
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match === null ? undefined : await authenticate(deps, match[1]!, runtime);
    if (principal === undefined)
      throw new ApiError(
        "unauthorized",
        header === undefined
          ? "expected an Authorization: Bearer <API key> header, received none"
          : "expected a valid API key or invite link in Authorization: Bearer <key>, received a key that is not known",
        { reason: header === undefined ? "no-key" : "unknown-key", headers: WWW_AUTHENTICATE },
      );
    c.set("principal", principal);
    await next();
  });

  const register: RegisterRoute = (path, handlers) => {
    const methods = Object.keys(handlers) as RouteMethod[];
    const allow = [...methods, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
    for (const method of methods) {
      const handler = handlers[method]!;
      app.on(method, path, async (c) => {
        requireOwnPortfolio(c.get("principal"), c.req.param("portfolio"));
        try {
          return await handler(c);
        } catch (error) {
          throw translateStoreError(error, runtime.retryAfterSeconds);
        }
      });
    }
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

  register("/", {
    GET: async (c) => {
      const { limit, cursor } = readPaging(c.req.url);
      const page = await store.listPortfolios(c.get("principal").tenant, limit, cursor);
      return c.json({
        items: page.items.map((record) => portfolioJson(record, false)),
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      });
    },
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "create portfolios");
      const { text, json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const parsed = v.safeParse(CreatePortfolioSchema, json);
      if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
      const model = checkModel(parsed.output.model) ?? defaultModel;
      return runIdempotent(c, runtime, text, async () => {
        const id = crypto.randomUUID();
        const now = runtime.now();
        const record = await store.createPortfolio(
          principal.tenant,
          id,
          { name: parsed.output.name, description: parsed.output.description, model },
          now,
        );
        await deps.workshop.createWorkshop(principal.tenant, id);
        return c.json(portfolioJson(record, true), 201, {
          ETag: versionTag(record.version),
          Location: `/v1/portfolios/${encodeURIComponent(id)}`,
        });
      });
    },
  });

  register("/:portfolio", {
    GET: async (c) => {
      const record = await store.getPortfolio(c.get("principal").tenant, c.req.param("portfolio")!);
      return c.json(portfolioJson(record, true), 200, { ETag: versionTag(record.version) });
    },
    PATCH: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "edit portfolios");
      const expected = readIfMatch(c.req.header("If-Match"));
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const parsed = v.safeParse(UpdatePortfolioSchema, json);
      if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
      const model = checkModel(parsed.output.model);
      const id = c.req.param("portfolio")!;
      const current = await store.getPortfolio(principal.tenant, id);
      const record = await store.updatePortfolio(
        principal.tenant,
        id,
        {
          name: parsed.output.name ?? current.name,
          description: parsed.output.description ?? current.description,
          model: model ?? current.model,
        },
        expected,
        runtime.now(),
      );
      return c.json(portfolioJson(record, true), 200, { ETag: versionTag(record.version) });
    },
    DELETE: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "delete portfolios");
      const ifMatch = c.req.header("If-Match");
      await store.deletePortfolio(
        principal.tenant,
        c.req.param("portfolio")!,
        ifMatch === undefined ? undefined : readIfMatch(ifMatch),
      );
      runtime.invites.forget(principal.tenant, c.req.param("portfolio")!);
      return c.body(null, 204);
    },
  });

  registerInitiativeRoutes(register, runtime);
  registerRatingRoutes(register, runtime);
  registerResultRoutes(register, runtime);
  registerWorkshopRoutes(register, runtime);
  return app;
}
