import type { InviteGrant } from "../storage/workshop-store.js";

/** How long a working invite is trusted without reading it again (10 s). */
export const INVITE_CACHE_TTL_MS = 10_000;

/** How many invites are remembered at most; the oldest is forgotten first. */
export const INVITE_CACHE_CAPACITY = 10_000;

/**
 * Working invite grants read recently, by their key's hash, so that a rater's progress poll costs one read of
 * the store (the workshop item) rather than two. Only working grants are kept: an unknown, revoked or deleted
 * workshop's key is read from the store every time, so a flood of made-up keys cannot fill the cache.
 *
 * This process forgets a grant as soon as it revokes it or deletes its workshop. Another process (a second
 * Node server, another Workers isolate) notices within {@link INVITE_CACHE_TTL_MS}; until then a revoked key
 * still opens its own workshop there.
 */
export class InviteCache {
  readonly #grants = new Map<string, { readonly grant: InviteGrant; readonly until: number }>();
  readonly #ttlMs: number;
  readonly #capacity: number;
  readonly #clock: () => number;

  /**
   * @param options - time to live, capacity and clock (tests shorten them)
   */
  constructor(
    options: { readonly ttlMs?: number; readonly capacity?: number; readonly clock?: () => number } = {},
  ) {
    this.#ttlMs = options.ttlMs ?? INVITE_CACHE_TTL_MS;
    this.#capacity = options.capacity ?? INVITE_CACHE_CAPACITY;
    this.#clock = options.clock ?? Date.now;
  }

  /** The grant of a key hash read less than the time to live ago, if any. */
  get(sha256: string): InviteGrant | undefined {
    const entry = this.#grants.get(sha256);
    if (entry === undefined) return undefined;
    if (entry.until > this.#clock()) return entry.grant;
    this.#grants.delete(sha256);
    return undefined;
  }

  /** Remembers a working grant (one revoked, or to a deleted workshop, is not kept). */
  remember(sha256: string, grant: InviteGrant): void {
    if (grant.revokedAt !== undefined || grant.portfolioDeletedAt !== undefined) return;
    this.#grants.delete(sha256);
    if (this.#grants.size >= this.#capacity) {
      const oldest = this.#grants.keys().next();
      if (!oldest.done) this.#grants.delete(oldest.value);
    }
    this.#grants.set(sha256, { grant, until: this.#clock() + this.#ttlMs });
  }

  /**
   * Forgets the grants of a workshop: all of them (it was deleted), or one invite (it was revoked).
   *
   * @param tenant - the workshop's tenant
   * @param portfolioId - the workshop
   * @param inviteId - only this invite
   */
  forget(tenant: string, portfolioId: string, inviteId?: string): void {
    for (const [sha256, { grant }] of this.#grants)
      if (
        grant.tenant === tenant &&
        grant.portfolioId === portfolioId &&
        (inviteId === undefined || grant.id === inviteId)
      )
        this.#grants.delete(sha256);
  }
}
