import * as v from "valibot";
import { generateApiKey, type Principal, sha256Hex } from "../auth/api-keys.js";
import { matchesIfNoneMatch } from "../http/etag.js";
import { issueToItem } from "../http/issues.js";
import { ApiError } from "../http/problem.js";
import { PHASES, type WorkshopRecord } from "../storage/workshop-store.js";
import type { RegisterRoute } from "./portfolios-http.js";
import {
  type PortfolioContext,
  type PortfolioRuntime,
  readIfMatch,
  readJsonBody,
  requireRole,
  validationFailed,
  versionTag,
} from "./portfolios-http.js";
import { IMPORT_RATER } from "./portfolios-initiative-input.js";

const RaterIdSchema = v.pipe(
  v.string(),
  v.trim(),
  v.regex(
    /^[\p{L}\p{N}][\p{L}\p{N}._ -]{0,119}$/u,
    "a rater id of 1 to 120 letters, digits, '.', '_', '-' or spaces",
  ),
);

/** `PATCH /v1/portfolios/:id/workshop`: the phase and whether the discussion names raters. */
export const UpdateWorkshopSchema = v.strictObject({
  phase: v.optional(v.picklist(PHASES)),
  named: v.optional(v.boolean()),
});

/** `POST /v1/portfolios/:id/invites`: a rater (bound to a rater id) or a viewer. */
export const CreateInviteSchema = v.variant("role", [
  v.strictObject({
    role: v.literal("rater"),
    // No invite for `import`: that person's ratings would merge with the ones that came with an import.
    rater: v.pipe(
      RaterIdSchema,
      v.notValue(
        IMPORT_RATER,
        "a rater id other than 'import', which holds the ratings that came with an import: choose another id, e.g. 'import-2'",
      ),
    ),
    label: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
  }),
  v.strictObject({
    role: v.literal("viewer"),
    label: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
  }),
]);

/** `POST /v1/portfolios/:id/rounds`: the initiatives to re-vote. */
export const StartRoundSchema = v.strictObject({
  initiatives: v.pipe(
    v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    v.minLength(1, "at least one initiative to re-vote"),
    v.maxLength(5000),
  ),
});

/** The JSON of a workshop, for the caller. */
export function workshopJson(workshop: WorkshopRecord, principal: Principal) {
  return {
    phase: workshop.phase,
    named: workshop.named,
    round: workshop.round,
    reopened: workshop.reopened,
    version: workshop.version,
    you: {
      role: principal.role,
      ...(principal.rater === undefined ? {} : { rater: principal.rater }),
    },
  };
}

/** The detail of the blind gate's 403: why, and what opens it. */
export const BLIND_DETAIL =
  "The workshop is still rating and ratings are blind: results, the matrix, the export and other raters' " +
  "ratings stay hidden from raters and viewers until the facilitator reveals them.";

/**
 * The blind gate: while a workshop is rating, only the owner reads results, the matrix, the export and other
 * raters' ratings. A rater key always reads its own ratings. Owners pass without a read, so their results
 * cost no more than before workshops existed.
 *
 * @param c - the request context
 * @param runtime - store and settings
 * @param ownRater - the rater whose ratings are read, when the route reads one rater's
 * @throws {@link ApiError} `forbidden` with `reason: "blind"` while rating
 */
export async function requireRevealed(
  c: PortfolioContext,
  runtime: PortfolioRuntime,
  ownRater?: string,
): Promise<void> {
  const principal = c.get("principal");
  if (principal.role === "owner" || (principal.role === "rater" && principal.rater === ownRater)) return;
  const workshop = await runtime.deps.workshop.getWorkshop(principal.tenant, c.req.param("portfolio")!);
  if (workshop.phase === "rating") throw new ApiError("forbidden", BLIND_DETAIL, { reason: "blind" });
}

/**
 * Registers the workshop routes of a portfolio: its phase (`/workshop`, If-Match), the progress poll
 * (`/progress`, ETag/304 for one GetItem), invite keys (`/invites`), one rater's ratings
 * (`GET /ratings/:rater`) and re-vote rounds (`/rounds`).
 *
 * @param register - the route registrar
 * @param runtime - store and settings
 */
export function registerWorkshopRoutes(register: RegisterRoute, runtime: PortfolioRuntime): void {
  const { store, workshop: workshops } = runtime.deps;

  register("/:portfolio/workshop", {
    GET: async (c) => {
      const principal = c.get("principal");
      const workshop = await workshops.getWorkshop(principal.tenant, c.req.param("portfolio")!);
      return c.json(workshopJson(workshop, principal), 200, { ETag: versionTag(workshop.version) });
    },
    PATCH: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "change the workshop's phase");
      const expected = readIfMatch(c.req.header("If-Match"));
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const parsed = v.safeParse(UpdateWorkshopSchema, json);
      if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
      const id = c.req.param("portfolio")!;
      const current = await workshops.getWorkshop(principal.tenant, id);
      const updated = await workshops.updateWorkshop(
        principal.tenant,
        id,
        { phase: parsed.output.phase ?? current.phase, named: parsed.output.named ?? current.named },
        expected,
      );
      return c.json(workshopJson(updated, principal), 200, { ETag: versionTag(updated.version) });
    },
  });

  register("/:portfolio/progress", {
    GET: async (c) => {
      const principal = c.get("principal");
      // One GetItem: the workshop item carries phase, round and every rater's progress.
      const workshop = await workshops.getWorkshop(principal.tenant, c.req.param("portfolio")!);
      const etag = `"s${workshop.sequence}${principal.role === "owner" ? "" : `-${principal.role}`}"`;
      const headers = { ETag: etag, "Cache-Control": "no-cache" };
      if (matchesIfNoneMatch(c.req.header("If-None-Match") ?? null, etag)) return c.body(null, 304, headers);
      const visible = Object.entries(workshop.progress).filter(
        ([rater]) => principal.role !== "rater" || rater === principal.rater,
      );
      return c.json(
        {
          phase: workshop.phase,
          round: workshop.round,
          reopened: workshop.reopened,
          version: workshop.version,
          raters: visible
            .map(([rater, initiatives]) => ({ rater, rated: initiatives.length, initiatives }))
            .sort((a, b) => a.rater.localeCompare(b.rater)),
        },
        200,
        headers,
      );
    },
  });

  register("/:portfolio/invites", {
    GET: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "list invites");
      const items = await workshops.listInvites(principal.tenant, c.req.param("portfolio")!);
      return c.json({ items });
    },
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "invite raters and viewers");
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const parsed = v.safeParse(CreateInviteSchema, json);
      if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
      const portfolioId = c.req.param("portfolio")!;
      const input = parsed.output;
      const key = generateApiKey();
      const rater = input.role === "rater" ? input.rater : undefined;
      const invite = {
        id: crypto.randomUUID(),
        portfolioId,
        role: input.role,
        ...(rater === undefined ? {} : { rater }),
        label: input.label ?? rater ?? "viewer",
        createdAt: runtime.now(),
      };
      await workshops.createInvite(principal.tenant, await sha256Hex(key), invite);
      const fragment = new URLSearchParams({ key, workshop: portfolioId });
      return c.json({ ...invite, key, link: `/#${fragment}` }, 201, {
        Location: `/v1/portfolios/${encodeURIComponent(portfolioId)}/invites/${invite.id}`,
      });
    },
  });

  register("/:portfolio/invites/:invite", {
    DELETE: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "revoke invites");
      const revoked = await workshops.revokeInvite(
        principal.tenant,
        c.req.param("portfolio")!,
        c.req.param("invite")!,
        runtime.now(),
      );
      runtime.invites.forget(principal.tenant, c.req.param("portfolio")!, revoked.id);
      return c.json(revoked);
    },
  });

  register("/:portfolio/rounds", {
    GET: async (c) => {
      const principal = c.get("principal");
      await requireRevealed(c, runtime);
      const workshop = await workshops.getWorkshop(principal.tenant, c.req.param("portfolio")!);
      const kept = await workshops.listRoundRatings(principal.tenant, c.req.param("portfolio")!);
      const rounds = [...new Set(kept.map((rating) => rating.round))].sort((a, b) => a - b);
      return c.json({
        round: workshop.round,
        rounds: rounds.map((round) => ({
          round,
          ratings: kept
            .filter((rating) => rating.round === round)
            .map(({ initiativeId, rater, weight, ratings }) => ({ initiativeId, rater, weight, ratings })),
        })),
      });
    },
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "start a re-vote");
      const expected = readIfMatch(c.req.header("If-Match"));
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const parsed = v.safeParse(StartRoundSchema, json);
      if (!parsed.success) throw validationFailed(parsed.issues.map(issueToItem));
      const portfolioId = c.req.param("portfolio")!;
      const ids = parsed.output.initiatives;
      const existing = await store.existingInitiatives(principal.tenant, portfolioId, ids);
      const unknown = ids.flatMap((id, index) =>
        existing.has(id)
          ? []
          : [
              {
                pointer: `/initiatives/${index}`,
                detail: `expected an initiative of this portfolio, received ${id}`,
              },
            ],
      );
      if (unknown.length > 0) throw validationFailed(unknown);
      const workshop = await workshops.startRound(principal.tenant, portfolioId, ids, expected);
      return c.json(workshopJson(workshop, principal), 201, { ETag: versionTag(workshop.version) });
    },
  });
}
