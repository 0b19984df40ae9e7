import type { InitiativeInput, ModelInput } from "@cxprism/core";

/** A portfolio's own record: its name, its model and the version that guards edits. */
export interface PortfolioRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The model the portfolio is scored with (the default model when created without one). */
  readonly model: ModelInput;
  /** Starts at 1 and grows by one on every edit; the `ETag` is derived from it. */
  readonly version: number;
  /**
   * Grows on every write to the portfolio or to anything in it (its fields, initiatives and ratings), after
   * the write: scored results are cached per revision. Internal: not part of the portfolio's JSON.
   */
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields of a portfolio a client may set. */
export interface PortfolioFields {
  readonly name: string;
  readonly description: string;
  readonly model: ModelInput;
}

/**
 * An initiative as stored: everything of the core's `Initiative` except its ratings, which live in one
 * record per rater ({@link RatingRecord}) so concurrent raters never overwrite each other.
 */
export type InitiativeData = Omit<InitiativeInput, "ratings" | "raters"> & { readonly id: string };

/** A stored initiative with its version. */
export interface InitiativeRecord {
  readonly data: InitiativeData;
  readonly version: number;
  readonly updatedAt: string;
}

/** One rater's ratings of one initiative. */
export interface RatingRecord {
  readonly initiativeId: string;
  readonly rater: string;
  readonly weight: number;
  readonly ratings: Readonly<Record<string, number | string | null>>;
  /** The rater's optional comment on the initiative. */
  readonly comment?: string;
  readonly updatedAt: string;
}

/** Which record of ratings: one rater's of one initiative. */
export type RatingKey = Pick<RatingRecord, "initiativeId" | "rater">;

/** Everything needed to score a portfolio, read in as few calls as the store allows. */
export interface PortfolioContents {
  /** The portfolio itself (from {@link PortfolioStore.readContents}; absent when built by hand). */
  readonly portfolio?: PortfolioRecord;
  readonly initiatives: readonly InitiativeRecord[];
  readonly ratings: readonly RatingRecord[];
}

/** One page of a listing; `cursor` is opaque and absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

/** A stored answer to a request carrying an `Idempotency-Key`. */
export interface IdempotentResponse {
  /** A digest of the request that made it: a replay with another body is refused. */
  readonly fingerprint: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The outcome of claiming an idempotency key. */
export type IdempotencyClaim =
  /** This request owns the key: `owner` is its token for renewing, completing or releasing it. */
  | { readonly state: "claimed"; readonly owner: string }
  | { readonly state: "pending"; readonly fingerprint: string }
  | { readonly state: "done"; readonly response: IdempotentResponse };

/** One initiative of an import with its ratings, written together. */
export interface ImportEntry {
  readonly data: InitiativeData;
  readonly ratings: readonly RatingRecord[];
}

/** The outcome of writing one item of a batch. */
export type BatchOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Store failures that the API turns into HTTP answers; anything else is a server error. */
export type StoreErrorCode =
  | "not-found"
  | "version-conflict"
  | "already-exists"
  | "invalid-cursor"
  | "refused"
  | "unavailable";

/** The store's one error class. */
export class StoreError extends Error {
  override readonly name = "StoreError";
  /** What went wrong. */
  readonly code: StoreErrorCode;
  /** For `version-conflict`: the version now stored (undefined when the item is gone). */
  readonly currentVersion: number | undefined;

  /**
   * @param code - what went wrong
   * @param message - what was expected and what was found
   * @param currentVersion - the stored version, for conflicts
   */
  constructor(code: StoreErrorCode, message: string, currentVersion?: number, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.currentVersion = currentVersion;
  }
}

/**
 * Where shared portfolios live. Every method takes the tenant first: an implementation must keep tenants
 * apart by key, so a portfolio id of another tenant is simply not found. Every method that writes to a
 * portfolio's contents must grow its {@link PortfolioRecord.revision} once the write is done (also when it
 * fails part-way), or readers keep being served the results cached for the revision before.
 *
 * Methods reject with {@link StoreError}: `not-found`, `version-conflict` (with the current version),
 * `already-exists`, or `unavailable` when the backing store cannot answer (throttled or down).
 */
export interface PortfolioStore {
  /** Creates a portfolio with version 1. */
  createPortfolio(tenant: string, id: string, fields: PortfolioFields, now: string): Promise<PortfolioRecord>;
  /** Reads a portfolio. */
  getPortfolio(tenant: string, id: string): Promise<PortfolioRecord>;
  /** Lists a tenant's portfolios, `limit` (1-100) at a time. */
  listPortfolios(tenant: string, limit: number, cursor?: string): Promise<Page<PortfolioRecord>>;
  /** Replaces the fields of a portfolio when its version is still `expectedVersion`. */
  updatePortfolio(
    tenant: string,
    id: string,
    fields: PortfolioFields,
    expectedVersion: number,
    now: string,
  ): Promise<PortfolioRecord>;
  /** Deletes a portfolio (when `expectedVersion` is given, only at that version) and everything in it. */
  deletePortfolio(tenant: string, id: string, expectedVersion?: number): Promise<void>;

  /**
   * Adds an initiative with its ratings (optional) as one unit: readers see it with all of them or not at
   * all, also when the process dies part-way; `already-exists` when its id is taken.
   */
  addInitiative(
    tenant: string,
    portfolioId: string,
    data: InitiativeData,
    now: string,
    ratings?: readonly RatingRecord[],
  ): Promise<InitiativeRecord>;
  /** Reads an initiative. */
  getInitiative(tenant: string, portfolioId: string, initiativeId: string): Promise<InitiativeRecord>;
  /** Lists initiatives in id order, `limit` (1-100) at a time. */
  listInitiatives(
    tenant: string,
    portfolioId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<InitiativeRecord>>;
  /** Replaces an initiative when its version is still `expectedVersion`. */
  updateInitiative(
    tenant: string,
    portfolioId: string,
    data: InitiativeData,
    expectedVersion: number,
    now: string,
  ): Promise<InitiativeRecord>;
  /** Deletes an initiative and its ratings. */
  deleteInitiative(tenant: string, portfolioId: string, initiativeId: string): Promise<void>;
  /**
   * Imports many initiatives with their ratings as one unit: readers see all of the entries that succeed or
   * none of them, also when the process dies part-way (see docs/storage-consistency.md). An entry the store
   * could not take whole is left out and reported; one outcome per entry, in order.
   */
  importInitiatives(
    tenant: string,
    portfolioId: string,
    entries: readonly ImportEntry[],
    now: string,
  ): Promise<BatchOutcome[]>;

  /** Which of these initiative ids exist. */
  existingInitiatives(tenant: string, portfolioId: string, ids: readonly string[]): Promise<Set<string>>;
  /**
   * How many initiatives the portfolio shows (those of an import still pending are not counted):
   * what the portfolio's size cap is checked against. Reads every initiative item, not their ratings.
   */
  countInitiatives(tenant: string, portfolioId: string): Promise<number>;
  /**
   * What a rating write checks, in two reads rather than three: the portfolio (not-found when absent or being
   * deleted) and which of these initiative ids exist.
   */
  ratingTargets(
    tenant: string,
    portfolioId: string,
    ids: readonly string[],
  ): Promise<{ readonly portfolio: PortfolioRecord; readonly existing: Set<string> }>;
  /**
   * Writes rating records (each replaces that rater's earlier ratings of that initiative) and removes the
   * records named in `removals`, as one unit: readers see the records as they were or every change, also
   * when the process dies part-way. `unavailable` when the store did not take all of it (then none shows).
   */
  putRatings(
    tenant: string,
    portfolioId: string,
    ratings: readonly RatingRecord[],
    removals?: readonly RatingKey[],
  ): Promise<void>;
  /**
   * Removes one rater's ratings: of the given initiatives, or of every initiative when `initiativeIds` is
   * absent. A rater without ratings is no error.
   *
   * @returns how many rating records were removed
   */
  deleteRatings(
    tenant: string,
    portfolioId: string,
    rater: string,
    initiativeIds?: readonly string[],
  ): Promise<number>;
  /** Reads a portfolio with every initiative and rating in it. */
  readContents(tenant: string, portfolioId: string): Promise<PortfolioContents>;
  /**
   * Finishes what writers that died left behind: rolls back their hidden writes and finishes their deletes,
   * once each one's lease has ended, at most `limit` (1-100, default 25) of them per call, so nothing waits
   * for a user to touch the portfolio again. Cheap when there is nothing to do.
   *
   * @returns how many dead writes or deletes it handled
   */
  sweep(limit?: number): Promise<number>;

  /**
   * Claims an idempotency key for a request, or reports the answer already stored for it. A claim is a
   * lease of `leaseSeconds`: a key whose owner neither renewed nor completed it in time (its process died)
   * can be claimed again.
   */
  claimIdempotencyKey(
    tenant: string,
    key: string,
    fingerprint: string,
    ttlSeconds: number,
    leaseSeconds: number,
  ): Promise<IdempotencyClaim>;
  /** Extends the lease of a key still pending under `owner`; false when another request took it over. */
  renewIdempotencyKey(tenant: string, key: string, owner: string, leaseSeconds: number): Promise<boolean>;
  /**
   * Stores the answer for a key still owned by `owner` (an answer of any size: a large body is kept in
   * parts under a digest); false when another request took the key over meanwhile.
   */
  completeIdempotencyKey(
    tenant: string,
    key: string,
    owner: string,
    response: IdempotentResponse,
    ttlSeconds: number,
  ): Promise<boolean>;
  /** Releases a key claimed by `owner` after a failure, so a retry can run again. */
  releaseIdempotencyKey(tenant: string, key: string, owner: string): Promise<void>;
}
