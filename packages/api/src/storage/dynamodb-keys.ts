/**
 * The key design of the portfolio table (see the package README): one table, string keys `pk` and `sk`,
 * every `pk` starting with the tenant. Each key part is percent-encoded, so an id holding `#` can never
 * reach into another key.
 *
 * | item           | pk                              | sk                                  |
 * | -------------- | ------------------------------- | ----------------------------------- |
 * | portfolio      | `TENANT#<t>`                    | `PORTFOLIO#<p>`                     |
 * | idempotency    | `TENANT#<t>`                    | `IDEMP#<key>`                       |
 * | initiative     | `TENANT#<t>#PORTFOLIO#<p>`      | `INIT#<initiative>`                 |
 * | rating         | `TENANT#<t>#PORTFOLIO#<p>`      | `RATING#<initiative>#<rater>`       |
 * | answer part    | `TENANT#<t>`                    | `IDEMP#<key>#PART#<owner>#<n>`      |
 * | invite (key)   | `INVITEKEY#<sha256>`            | `INVITE`                            |
 * | sweep entry    | `SWEEP`                         | `<deadline>.<uuid>` (the write id)   |
 */

const part = (value: string): string => encodeURIComponent(value);

/** Partition of a tenant: its portfolios and idempotency records. */
export const tenantKey = (tenant: string): string => `TENANT#${part(tenant)}`;

/** Partition of one portfolio: its initiatives and ratings, read together by one Query. */
export const portfolioPartition = (tenant: string, portfolioId: string): string =>
  `${tenantKey(tenant)}#PORTFOLIO#${part(portfolioId)}`;

/** Sort key prefix of portfolio records in a tenant partition. */
export const PORTFOLIO_PREFIX = "PORTFOLIO#";
/** Sort key prefix of initiative records. */
export const INITIATIVE_PREFIX = "INIT#";
/** Sort key prefix of rating records. */
export const RATING_PREFIX = "RATING#";

/** Sort key of a portfolio record. */
export const portfolioSortKey = (portfolioId: string): string => `${PORTFOLIO_PREFIX}${part(portfolioId)}`;
/** Sort key of an idempotency record. */
export const idempotencySortKey = (key: string): string => `IDEMP#${part(key)}`;
/** Sort key prefix of the parts of one owner's stored answer for an idempotency key (too big for one item). */
export const idempotencyPartPrefix = (key: string, owner: string): string =>
  `${idempotencySortKey(key)}#PART#${part(owner)}#`;
/**
 * Partition of the sweep entries: one per atomic write or delete under way, sorted by the end of its lease,
 * so the background sweep finds those whose process died with one Query (see the store's `sweep`).
 */
export const SWEEP_PARTITION = "SWEEP";
/** Partition of an invite key's record, found by the key's SHA-256 (see the workshop store). */
export const inviteHashKey = (sha256: string): string => `INVITEKEY#${sha256}`;
/** Sort key prefix of a portfolio's listed invites. */
export const INVITE_PREFIX = "INVITE#";
/** Sort key of an initiative record. */
export const initiativeSortKey = (initiativeId: string): string =>
  `${INITIATIVE_PREFIX}${part(initiativeId)}`;
/** Sort key prefix of every rating of one initiative. */
export const ratingsOfInitiativePrefix = (initiativeId: string): string =>
  `${RATING_PREFIX}${part(initiativeId)}#`;
/** Sort key of one rater's ratings of one initiative. */
export const ratingSortKey = (initiativeId: string, rater: string): string =>
  `${ratingsOfInitiativePrefix(initiativeId)}${part(rater)}`;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Makes an opaque cursor from the last sort key of a page. Only the sort key goes in: the partition comes
 * from the caller's own tenant, so a cursor can never open another tenant's data.
 *
 * @param sortKey - the `sk` of the last item returned
 * @returns a URL-safe cursor
 */
export function encodeCursor(sortKey: string): string {
  return toBase64Url(sortKey);
}

/**
 * Reads a cursor made by {@link encodeCursor}.
 *
 * @param cursor - the cursor from a client
 * @param prefix - the sort key prefix the listing covers
 * @returns the sort key to continue after, or undefined when the cursor is not one of ours for this listing
 */
export function decodeCursor(cursor: string, prefix: string): string | undefined {
  const sortKey = fromBase64Url(cursor);
  return sortKey?.startsWith(prefix) && sortKey.length > prefix.length ? sortKey : undefined;
}
