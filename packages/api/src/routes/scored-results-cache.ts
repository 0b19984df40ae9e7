import type { Result } from "@cxprism/core";
import { type CachedBody, createCachedBody } from "../http/etag.js";
import type { PortfolioRecord } from "../storage/portfolio-store.js";

/**
 * A stored portfolio scored once: what the results and matrix routes answer from. Only the results body is
 * kept (a string crosses from a worker thread in one copy, where 5,000 result objects took a tenth of a
 * second of the event loop to rebuild); the matrix is drawn from it on a worker thread too.
 */
export interface ScoredPortfolio {
  readonly portfolio: PortfolioRecord;
  /** How many initiatives were scored. */
  readonly count: number;
  /** The `GET .../results` body with its ETag. */
  readonly json: CachedBody;
}

/** What `GET .../results` shows beside the results. */
export interface ResultsHeader {
  readonly portfolio: { readonly id: string; readonly name: string; readonly version: number };
  readonly model: { readonly id: string; readonly name: string };
  readonly raters: number;
}

/**
 * The `GET .../results` body with its ETag.
 *
 * @param header - portfolio, model and rater count
 * @param results - the scored results
 * @returns the body, ready to send
 */
export function resultsBody(header: ResultsHeader, results: readonly Result[]): CachedBody {
  return createCachedBody(JSON.stringify({ ...header, results }), "application/json");
}

/**
 * What the results body shows beside the results, from the stored record.
 *
 * @param portfolio - the portfolio record
 * @param raters - the number of distinct raters
 * @returns the header
 */
export function resultsHeader(portfolio: PortfolioRecord, raters: number): ResultsHeader {
  return {
    portfolio: { id: portfolio.id, name: portfolio.name, version: portfolio.version },
    model: { id: portfolio.model.id, name: portfolio.model.name },
    raters,
  };
}

/** Scored portfolios by tenant, id and revision; see {@link createScoredResultsCache}. */
export interface ScoredResultsCache {
  /**
   * The scored portfolio for this state, scoring it with `score` only when no answer for the same state is
   * cached or under way (concurrent polls after a write share one read of the store).
   *
   * @param key - tenant, portfolio id and the state read from the portfolio record
   * @param score - reads and scores the portfolio; a rejection is not cached
   */
  get(
    key: { readonly tenant: string; readonly id: string; readonly state: string },
    score: () => Promise<ScoredPortfolio>,
  ): Promise<ScoredPortfolio>;
}

/**
 * A small cache of scored portfolios, one entry per portfolio (the newest state asked for), least recently
 * used first out. A workshop polls the results of one portfolio many times a minute while it changes a few
 * times: each change grows the portfolio's revision, which is part of `state`, so the next poll scores again
 * and every poll in between is answered from here. Per process (per isolate on Workers): a cold instance
 * simply scores once.
 *
 * @param capacity - how many portfolios to keep (default 64)
 * @returns the cache
 */
export function createScoredResultsCache(capacity = 64): ScoredResultsCache {
  const entries = new Map<string, { readonly state: string; readonly scored: Promise<ScoredPortfolio> }>();
  return {
    get({ tenant, id, state }, score) {
      const key = `${tenant}\u0000${id}`;
      const entry = entries.get(key);
      entries.delete(key);
      if (entry !== undefined && entry.state === state) {
        entries.set(key, entry);
        return entry.scored;
      }
      const scored = score();
      const fresh = { state, scored };
      entries.set(key, fresh);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
      scored.catch(() => {
        if (entries.get(key) === fresh) entries.delete(key);
      });
      return scored;
    },
  };
}
