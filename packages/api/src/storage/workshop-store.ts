import type { RatingRecord } from "./portfolio-store.js";

/** Where a workshop stands: raters rate blind, then the results are revealed, then nothing changes. */
export type Phase = "rating" | "revealed" | "closed";

/** The phases in the order a workshop goes through them. */
export const PHASES: readonly Phase[] = ["rating", "revealed", "closed"];

/** The roles an invite key may carry (owners use configured keys). */
export type InviteRole = "rater" | "viewer";

/** The live state of a portfolio's workshop: one item, read by one GetItem on every poll. */
export interface WorkshopRecord {
  readonly phase: Phase;
  /** Whether the discussion shows raters' names (false: "Rater 1", "Rater 2"...). */
  readonly named: boolean;
  /** 1 for the first vote, then one more for every re-vote. */
  readonly round: number;
  /** In a re-vote round: the initiatives reopened for rating (empty in round 1: all are open). */
  readonly reopened: readonly string[];
  /** Grows by one on every edit of the fields above; the `ETag` for `If-Match` comes from it. */
  readonly version: number;
  /** Grows on every change at all (ratings too); the `ETag` of the progress poll comes from it. */
  readonly sequence: number;
  /** Per rater, the initiatives they have saved a rating for in this round. */
  readonly progress: Readonly<Record<string, readonly string[]>>;
}

/** The fields of a workshop the facilitator may set. */
export interface WorkshopFields {
  readonly phase: Phase;
  readonly named: boolean;
}

/** An invite key as listed to the owner: never the key, only what it opens. */
export interface InviteRecord {
  readonly id: string;
  readonly portfolioId: string;
  readonly role: InviteRole;
  /** For rater invites: the rater id the key writes as. */
  readonly rater?: string;
  /** A name to show (the person's), defaulting to the rater id. */
  readonly label: string;
  readonly createdAt: string;
  /** When it was revoked; absent while it works. */
  readonly revokedAt?: string;
}

/** What an invite key opens, found by the key's hash. */
export interface InviteGrant extends InviteRecord {
  readonly tenant: string;
  /**
   * When its portfolio was deleted: the key is kept (for {@link INVITE_AFTER_DELETE_SECONDS}) only so that its
   * link can say the workshop is gone, rather than that the link is unknown.
   */
  readonly portfolioDeletedAt?: string;
}

/** How long an invite key outlives its deleted portfolio, as a marker (90 days; the store's TTL removes it). */
export const INVITE_AFTER_DELETE_SECONDS = 90 * 24 * 3600;

/** One rater's ratings of one initiative as they stood at the end of a round. */
export type RoundRating = RatingRecord & { readonly round: number };

/**
 * The workshop side of a portfolio: its phase and rounds, the progress poll, invite keys and the ratings
 * kept from earlier rounds. Methods reject with `StoreError` like {@link PortfolioStore}.
 */
export interface WorkshopStore {
  /** Creates a new portfolio's workshop item (phase `rating`, round 1, version 1). */
  createWorkshop(tenant: string, portfolioId: string): Promise<WorkshopRecord>;
  /**
   * Reads the workshop: one GetItem. A portfolio made before workshops existed has no item; it reads as a
   * fresh workshop at version 0 (a second read checks the portfolio exists).
   */
  getWorkshop(tenant: string, portfolioId: string): Promise<WorkshopRecord>;
  /** Sets phase and naming when the version is still `expectedVersion`. */
  updateWorkshop(
    tenant: string,
    portfolioId: string,
    fields: WorkshopFields,
    expectedVersion: number,
  ): Promise<WorkshopRecord>;
  /**
   * Starts a re-vote: keeps every current rating of `initiativeIds` as the closing round's, then opens the
   * next round on those initiatives only, in phase `rating`. Needs the version to be `expectedVersion`.
   */
  startRound(
    tenant: string,
    portfolioId: string,
    initiativeIds: readonly string[],
    expectedVersion: number,
  ): Promise<WorkshopRecord>;
  /** Notes that a rater saved ratings of these initiatives in the current round (bumps the sequence). */
  recordProgress(
    tenant: string,
    portfolioId: string,
    round: number,
    rater: string,
    initiativeIds: readonly string[],
  ): Promise<void>;
  /** Forgets a rater's progress in a round (their ratings were removed; bumps the sequence). */
  forgetProgress(tenant: string, portfolioId: string, round: number, rater: string): Promise<void>;
  /** The ratings kept at the end of earlier rounds. */
  listRoundRatings(tenant: string, portfolioId: string): Promise<RoundRating[]>;

  /** Stores a new invite under the SHA-256 of its key. */
  createInvite(tenant: string, sha256: string, invite: InviteRecord): Promise<void>;
  /** Lists a portfolio's invites, revoked ones included. */
  listInvites(tenant: string, portfolioId: string): Promise<InviteRecord[]>;
  /** Revokes an invite: its key stops working at once and says it was revoked. */
  revokeInvite(tenant: string, portfolioId: string, inviteId: string, now: string): Promise<InviteRecord>;
  /** Finds the invite behind a key's SHA-256 (one GetItem), or undefined. */
  findInvite(sha256: string): Promise<InviteGrant | undefined>;
}
