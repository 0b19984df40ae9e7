import { toJsonPointer } from "@cxprism/core";
import * as v from "valibot";
import { OFFLOAD_BODY_BYTES } from "../config/deps.js";
import { ApiError } from "../http/problem.js";
import type { RatingRecord } from "../storage/portfolio-store.js";
import type { RegisterRoute } from "./portfolios-http.js";
import { type PortfolioRuntime, readJsonText, requireRole, validationFailed } from "./portfolios-http.js";
import { RaterIdSchema } from "./portfolios-initiative-input.js";
import { checkRatings, parseRatings, type RatingsRead } from "./portfolios-ratings-read.js";
import { requireRevealed } from "./portfolios-workshop.js";

/**
 * Notes stored ratings in the workshop's progress of the current round, per rater: ratings that came with an
 * import or a new initiative count as rated, as a rater's own PUT does, so the facilitator's progress never
 * says "nobody has rated" beside results made of them.
 *
 * @param runtime - store and settings
 * @param tenant - the tenant
 * @param portfolioId - the portfolio
 * @param records - the rating records that were stored
 */
export async function recordStoredRatings(
  runtime: PortfolioRuntime,
  tenant: string,
  portfolioId: string,
  records: readonly RatingRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const byRater = new Map<string, string[]>();
  for (const record of records) {
    const ids = byRater.get(record.rater);
    if (ids === undefined) byRater.set(record.rater, [record.initiativeId]);
    else ids.push(record.initiativeId);
  }
  const { workshop } = runtime.deps;
  const { round } = await workshop.getWorkshop(tenant, portfolioId);
  await Promise.all(
    [...byRater].map(([rater, ids]) => workshop.recordProgress(tenant, portfolioId, round, rater, ids)),
  );
}

/** The rater id of the path, checked. */
function readRater(param: string | undefined): string {
  const parsed = v.safeParse(RaterIdSchema, param);
  if (!parsed.success)
    throw validationFailed([
      { field: "rater", detail: "expected a rater id of 1 to 120 characters in the path" },
    ]);
  return parsed.output;
}

/**
 * Registers `GET`, `PUT` and `DELETE /:portfolio/ratings/:rater`. Owners may write any rater's ratings; a rater
 * key only those of the rater id bound to it, and only until the workshop closes (in a re-vote round, only the
 * reopened initiatives); viewers none. Reading one rater's ratings passes the blind gate (a rater always reads
 * its own). Every write is recorded in the workshop's progress. `DELETE` removes every rating of that rater
 * (e.g. the `import` rater of an import, or a rater who left the workshop) and their progress in this round.
 *
 * @param register - the route registrar
 * @param runtime - store and settings
 */
export function registerRatingRoutes(register: RegisterRoute, runtime: PortfolioRuntime): void {
  const { store } = runtime.deps;
  register("/:portfolio/ratings", {
    GET: async (c) => {
      await requireRevealed(c, runtime);
      const contents = await store.readContents(c.get("principal").tenant, c.req.param("portfolio")!);
      return c.json({
        items: contents.ratings.map(({ initiativeId, rater, weight, ratings, comment }) => ({
          initiativeId,
          rater,
          weight,
          ratings,
          ...(comment === undefined ? {} : { comment }),
        })),
      });
    },
  });

  register("/:portfolio/ratings/:rater", {
    GET: async (c) => {
      const principal = c.get("principal");
      const rater = c.req.param("rater")!;
      await requireRevealed(c, runtime, rater);
      const contents = await store.readContents(principal.tenant, c.req.param("portfolio")!);
      const own = contents.ratings.filter((rating) => rating.rater === rater);
      return c.json({
        rater,
        ratings: Object.fromEntries(own.map((rating) => [rating.initiativeId, rating.ratings])),
        comments: Object.fromEntries(
          own.flatMap((rating) => (rating.comment ? [[rating.initiativeId, rating.comment]] : [])),
        ),
      });
    },
    PUT: async (c) => {
      const principal = c.get("principal");
      const rater = readRater(c.req.param("rater"));
      requireRole(
        principal,
        principal.role === "owner" || (principal.role === "rater" && principal.rater === rater),
        `write the ratings of rater ${rater}`,
      );
      const portfolioId = c.req.param("portfolio")!;
      const text = await readJsonText(c.req.raw, runtime.maxBodyBytes);
      const readTargets = (ids: readonly string[]) =>
        Promise.all([
          store.ratingTargets(principal.tenant, portfolioId, ids),
          runtime.deps.workshop.getWorkshop(principal.tenant, portfolioId),
        ]);
      let read: RatingsRead;
      let targets: Awaited<ReturnType<typeof readTargets>>;
      if (text.length > OFFLOAD_BODY_BYTES) {
        // A large batch (a bulk load) is parsed and checked in the worker pool on Node, which needs the
        // model first: one more read of the store, then the initiatives and the workshop.
        const { model } = await store.getPortfolio(principal.tenant, portfolioId);
        read = await runtime.runCpu({
          kind: "read-ratings",
          text,
          model,
          rater,
          maxInitiatives: runtime.maxInitiatives,
        });
        targets = await readTargets(read.ids);
      } else {
        // The reads at once, the body having named the initiatives: three reads of the store (the
        // initiatives, then the portfolio; the workshop beside them) in two round trips before the write.
        const batch = parseRatings(text, runtime.maxInitiatives);
        targets = await readTargets(Object.keys(batch.ratings));
        read = checkRatings(batch, targets[0].portfolio.model, rater);
      }
      const [{ existing }, workshop] = targets;
      const { ids, comments, weight } = read;
      if (workshop.phase === "closed" && principal.role !== "owner")
        throw new ApiError(
          "forbidden",
          "expected an open workshop, but the facilitator has closed this one: ratings can no longer change",
          { reason: "closed" },
        );
      const errors = [...read.problems];
      const reopened = new Set(workshop.reopened);
      for (const id of ids)
        if (!existing.has(id))
          errors.push({
            pointer: toJsonPointer(["ratings", id]),
            detail: `expected an initiative of this portfolio, received ${id}`,
          });
        else if (workshop.round > 1 && principal.role !== "owner" && !reopened.has(id))
          errors.push({
            pointer: toJsonPointer(["ratings", id]),
            detail: `expected an initiative reopened for round ${workshop.round} (${[...reopened].join(", ")}), received ${id}`,
          });
      const named = new Set(ids);
      for (const id of Object.keys(comments))
        if (!named.has(id))
          errors.push({
            pointer: toJsonPointer(["comments", id]),
            detail: `expected a comment on an initiative rated in this request, received one on ${id}`,
          });
      if (errors.length > 0) throw validationFailed(errors);
      const now = runtime.now();
      // An initiative whose ratings are all empty is not rated by this rater: its record is removed, so an
      // empty object never counts as one more rater.
      const stored = new Map(ids.map((id, index) => [id, read.values[index]!]));
      const isEmpty = (id: string) =>
        Object.values(stored.get(id)!).every((value) => value === null || value === "");
      const rated = ids.filter((id) => !isEmpty(id));
      const records: RatingRecord[] = rated.map((initiativeId) => ({
        initiativeId,
        rater,
        weight,
        ratings: stored.get(initiativeId) as RatingRecord["ratings"],
        ...(comments[initiativeId] ? { comment: comments[initiativeId] } : {}),
        updatedAt: now,
      }));
      const cleared = ids.filter(isEmpty).map((initiativeId) => ({ initiativeId, rater }));
      // One unit in the store: every change shows, or none. Progress is noted alongside the write; if either
      // fails the client's retry (an idempotent PUT) redoes both.
      await Promise.all([
        store.putRatings(principal.tenant, portfolioId, records, cleared),
        runtime.deps.workshop.recordProgress(principal.tenant, portfolioId, workshop.round, rater, ids),
      ]);
      return c.json({ rater, weight, initiatives: rated.length, updatedAt: now });
    },
    DELETE: async (c) => {
      const principal = c.get("principal");
      const rater = readRater(c.req.param("rater"));
      requireRole(
        principal,
        principal.role === "owner" || (principal.role === "rater" && principal.rater === rater),
        `remove the ratings of rater ${rater}`,
      );
      const portfolioId = c.req.param("portfolio")!;
      await store.getPortfolio(principal.tenant, portfolioId);
      await store.deleteRatings(principal.tenant, portfolioId, rater);
      const { round } = await runtime.deps.workshop.getWorkshop(principal.tenant, portfolioId);
      await runtime.deps.workshop.forgetProgress(principal.tenant, portfolioId, round, rater);
      return c.body(null, 204);
    },
  });
}
