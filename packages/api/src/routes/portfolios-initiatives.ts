import { type Problem, toJsonPointer } from "@cxprism/core";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import * as v from "valibot";
import { OFFLOAD_BODY_BYTES } from "../config/deps.js";
import { runCpuInline } from "../cpu/cpu-jobs.js";
import { isJsonMediaType, mediaTypeOf } from "../http/json-body.js";
import { ApiError, type ProblemItem } from "../http/problem.js";
import { readQuery } from "../http/query.js";
import { readBodyBytes, readBodyText } from "../http/read-body.js";
import type { InitiativeRecord } from "../storage/portfolio-store.js";
import type { RegisterRoute } from "./portfolios-http.js";
import {
  type PortfolioRuntime,
  readIfMatch,
  readJsonBody,
  readPaging,
  refuseOverCap,
  requireRole,
  runIdempotent,
  validationFailed,
  versionTag,
} from "./portfolios-http.js";
import type { ImportBody, ImportOutcome } from "./portfolios-import-read.js";
import { IMPORT_RATER, RaterIdSchema, splitInitiative } from "./portfolios-initiative-input.js";
import { recordStoredRatings } from "./portfolios-ratings.js";
import { extraColumnNotes } from "./score.js";

const pointerItems = (problems: readonly Problem[], prefix: string): ProblemItem[] =>
  problems.map((problem) => ({
    pointer: `${prefix}${toJsonPointer(problem.path)}`,
    detail: problem.message,
  }));

/** The JSON of a stored initiative (its ratings are read through results and export). */
export const initiativeJson = (record: InitiativeRecord) => ({ ...record.data, version: record.version });

/**
 * The query of an import: `partial=true` for per-row outcomes, `rater` for the ratings' rater id, `sheet`
 * for the sheet of an .xlsx body.
 */
const ImportQuerySchema = v.strictObject({
  partial: v.optional(v.picklist(["true", "false"]), "false"),
  rater: v.optional(RaterIdSchema, IMPORT_RATER),
  sheet: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

/** The media types an import accepts. */
const IMPORT_MEDIA_TYPES = ["application/json", "text/csv", XLSX_MEDIA_TYPE] as const;

/**
 * Registers initiative routes: list and add (`/initiatives`), read, edit (If-Match) and delete
 * (`/initiatives/:initiative`), and bulk import (`/initiatives/import`, JSON or CSV).
 *
 * @param register - the route registrar
 * @param runtime - store and settings
 */
export function registerInitiativeRoutes(register: RegisterRoute, runtime: PortfolioRuntime): void {
  const { store } = runtime.deps;

  register("/:portfolio/initiatives", {
    GET: async (c) => {
      const { limit, cursor } = readPaging(c.req.url);
      const page = await store.listInitiatives(
        c.get("principal").tenant,
        c.req.param("portfolio")!,
        limit,
        cursor,
      );
      return c.json({
        items: page.items.map(initiativeJson),
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      });
    },
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "add initiatives");
      const id = c.req.param("portfolio")!;
      const portfolio = await store.getPortfolio(principal.tenant, id);
      const { text, json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      const now = runtime.now();
      const split = splitInitiative(json, portfolio.model, now);
      if (!split.ok) throw validationFailed(pointerItems(split.problems, ""));
      return runIdempotent(c, runtime, text, async () => {
        await refuseOverCap(runtime, principal.tenant, id, 1, "");
        const record = await store.addInitiative(
          principal.tenant,
          id,
          split.value.data,
          now,
          split.value.ratings,
        );
        await recordStoredRatings(runtime, principal.tenant, id, split.value.ratings);
        return c.json(initiativeJson(record), 201, {
          ETag: versionTag(record.version),
          Location: `/v1/portfolios/${encodeURIComponent(id)}/initiatives/${encodeURIComponent(record.data.id)}`,
        });
      });
    },
  });

  register("/:portfolio/initiatives/import", {
    POST: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "import initiatives");
      const portfolioId = c.req.param("portfolio")!;
      const portfolio = await store.getPortfolio(principal.tenant, portfolioId);
      const query = readQuery(new URL(c.req.url), ImportQuerySchema);
      const partial = query.partial === "true";
      const type = mediaTypeOf(c.req.header("Content-Type"));
      if (type !== "text/csv" && type !== XLSX_MEDIA_TYPE && !isJsonMediaType(type))
        throw new ApiError(
          "unsupported-media-type",
          `expected a body of type ${IMPORT_MEDIA_TYPES.join(", ")}, received ${type === "" ? "no Content-Type" : type}`,
          { headers: { "Accept-Post": IMPORT_MEDIA_TYPES.join(", ") } },
        );
      if (query.sheet !== undefined && type !== XLSX_MEDIA_TYPE)
        throw validationFailed([
          {
            field: "sheet",
            detail: `expected the query parameter sheet only with an ${XLSX_MEDIA_TYPE} body, received it with another`,
          },
        ]);
      const body: ImportBody =
        type === XLSX_MEDIA_TYPE
          ? { type: "xlsx", bytes: await readBodyBytes(c.req.raw, runtime.maxBodyBytes), sheet: query.sheet }
          : {
              type: type === "text/csv" ? "text/csv" : "application/json",
              text: await readBodyText(c.req.raw, runtime.maxBodyBytes),
            };
      const size = "bytes" in body ? body.bytes.length : body.text.length;
      const now = runtime.now();
      // Parsing and checking a large table takes up to a second: in the worker pool on Node.
      const read = await (size > OFFLOAD_BODY_BYTES ? runtime.runCpu : runCpuInline)({
        kind: "read-import",
        body,
        settings: {
          model: portfolio.model,
          rater: query.rater,
          now,
          partial,
          maxInitiatives: runtime.maxInitiatives,
        },
      });
      const fingerprintText = read.fingerprintText ?? ("text" in body ? body.text : "");
      return runIdempotent(c, runtime, fingerprintText, async () => {
        const outcomes: ImportOutcome[] = new Array(read.count);
        for (const { position, outcome } of read.invalid) outcomes[position] = outcome;
        const valid = read.valid;
        const existing = await store.existingInitiatives(
          principal.tenant,
          portfolioId,
          valid.map((item) => item.data.id),
        );
        const fresh = valid.filter((item) => {
          if (!existing.has(item.data.id)) return true;
          outcomes[item.position] = { ...item.place, id: item.data.id, status: "exists" };
          return false;
        });
        if (!partial) {
          // All or nothing: one 422 listing every problem, before anything is written.
          const errors = outcomes.flatMap((outcome) =>
            outcome.status === "invalid"
              ? (outcome.errors ?? [])
              : outcome.status === "exists"
                ? [
                    {
                      ...(outcome.row === undefined ? {} : { row: outcome.row }),
                      ...(outcome.index === undefined ? {} : { pointer: `/initiatives/${outcome.index}/id` }),
                      detail: `expected a new initiative, received the id ${outcome.id} the portfolio already has (import with ?partial=true to skip it)`,
                    },
                  ]
                : [],
          );
          if (errors.length > 0) throw validationFailed(errors);
        }
        await refuseOverCap(runtime, principal.tenant, portfolioId, fresh.length, "/initiatives");
        const written = await store.importInitiatives(
          principal.tenant,
          portfolioId,
          fresh.map((item) => ({ data: item.data, ratings: item.ratings })),
          now,
        );
        await recordStoredRatings(
          runtime,
          principal.tenant,
          portfolioId,
          fresh.flatMap((item, index) => (written[index]!.ok ? item.ratings : [])),
        );
        fresh.forEach((item, index) => {
          const at = item.place;
          outcomes[item.position] = written[index]!.ok
            ? { ...at, id: item.data.id, status: "created" }
            : {
                ...at,
                id: item.data.id,
                status: "failed",
                errors: [
                  {
                    detail:
                      "the store did not take every item of this initiative after retries; import it again",
                  },
                ],
              };
        });
        const count = (status: ImportOutcome["status"]) =>
          outcomes.filter((outcome) => outcome.status === status).length;
        return c.json({
          created: count("created"),
          exists: count("exists"),
          invalid: count("invalid"),
          failed: count("failed"),
          ...extraColumnNotes(read.extraColumns),
          outcomes,
        });
      });
    },
  });

  register("/:portfolio/initiatives/:initiative", {
    GET: async (c) => {
      const record = await store.getInitiative(
        c.get("principal").tenant,
        c.req.param("portfolio")!,
        c.req.param("initiative")!,
      );
      return c.json(initiativeJson(record), 200, { ETag: versionTag(record.version) });
    },
    PATCH: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "edit initiatives");
      const expected = readIfMatch(c.req.header("If-Match"));
      const portfolioId = c.req.param("portfolio")!;
      const initiativeId = c.req.param("initiative")!;
      const portfolio = await store.getPortfolio(principal.tenant, portfolioId);
      const { json } = await readJsonBody(c.req.raw, runtime.maxBodyBytes);
      if (json === null || typeof json !== "object" || Array.isArray(json))
        throw validationFailed([{ pointer: "", detail: "expected an object with the fields to change" }]);
      const changes = json as Record<string, unknown>;
      const refused = ["id", "ratings", "raters", "version"].filter((key) => key in changes);
      if (refused.length > 0)
        throw validationFailed(
          refused.map((key) => ({
            pointer: `/${key}`,
            detail:
              key === "id"
                ? "expected no id change (delete and add instead)"
                : `expected no ${key} here (PUT ratings per rater instead)`,
          })),
        );
      const current = await store.getInitiative(principal.tenant, portfolioId, initiativeId);
      const split = splitInitiative(
        { ...current.data, ...changes, id: initiativeId },
        portfolio.model,
        runtime.now(),
      );
      if (!split.ok) throw validationFailed(pointerItems(split.problems, ""));
      const record = await store.updateInitiative(
        principal.tenant,
        portfolioId,
        split.value.data,
        expected,
        runtime.now(),
      );
      return c.json(initiativeJson(record), 200, { ETag: versionTag(record.version) });
    },
    DELETE: async (c) => {
      const principal = c.get("principal");
      requireRole(principal, principal.role === "owner", "delete initiatives");
      await store.deleteInitiative(principal.tenant, c.req.param("portfolio")!, c.req.param("initiative")!);
      return c.body(null, 204);
    },
  });
}
