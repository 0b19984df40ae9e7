/**
 * A 53-bit string hash (cyrb53) rendered in base 36: cheap, deterministic and runtime-neutral, enough to tell
 * two versions of a static document apart. Not a security hash.
 */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A response body fixed for the life of the app, with its validator. */
export interface CachedBody {
  readonly body: string;
  readonly contentType: string;
  /** A strong entity tag, quoted: `"k3x9..."`. */
  readonly etag: string;
}

/** How long clients and shared caches may reuse static documents without asking again. */
export const STATIC_CACHE_CONTROL = "public, max-age=3600";

/**
 * Prepares a static body once: its text and a strong ETag derived from it.
 *
 * @param body - the response text
 * @param contentType - its media type
 * @returns the body with its ETag
 */
export function createCachedBody(body: string, contentType: string): CachedBody {
  return { body, contentType, etag: `"${hash53(body)}-${body.length.toString(36)}"` };
}

/**
 * Whether an `If-None-Match` header matches an entity tag (RFC 9110 weak comparison: `W/` is ignored).
 *
 * @param header - the request's `If-None-Match`, or null
 * @param etag - the current strong tag
 * @returns true when the client's copy is current
 */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * Answers a GET for a static body: 304 when the client's `If-None-Match` is current, else 200 with the body,
 * both carrying `ETag` and `Cache-Control`.
 *
 * @param request - the request
 * @param cached - the prepared body
 * @returns the response
 */
export function respondCached(request: Request, cached: CachedBody): Response {
  const headers = { ETag: cached.etag, "Cache-Control": STATIC_CACHE_CONTROL };
  if (matchesIfNoneMatch(request.headers.get("If-None-Match"), cached.etag))
    return new Response(null, { status: 304, headers });
  return new Response(cached.body, {
    status: 200,
    headers: { ...headers, "Content-Type": cached.contentType },
  });
}
