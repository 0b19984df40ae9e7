import { StoreError } from "./portfolio-store.js";

/** Error names DynamoDB uses for throttling and server-side trouble: the caller may retry later. */
const UNAVAILABLE_NAMES = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
]);

/** Node and fetch error codes of a store that cannot be reached. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);

/**
 * Whether an error from the SDK means the store is unavailable (after the SDK's own retries): throttling,
 * a 5xx answer, or no answer at all.
 *
 * @param error - what the SDK threw
 * @returns true for errors a client should retry later
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $metadata, code } = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  if (UNAVAILABLE_NAMES.has(error.name)) return true;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  if ($metadata?.httpStatusCode !== undefined) return $metadata.httpStatusCode >= 500;
  // An SDK error without HTTP metadata never reached the store (refused, reset, DNS, fetch failure).
  return error.name === "TypeError" || error.name === "AbortError" || "$metadata" in error;
}

/**
 * Runs a store call and turns "store unavailable" errors into a {@link StoreError} `unavailable`.
 *
 * @param call - the call
 * @returns its result
 */
export async function guardStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const name = (error as Error | undefined)?.name;
    // A table that is gone (a store restarted empty) is an outage, not a bug: 503, and every later request
    // tries the table again, so service comes back by itself when the table does.
    if (name === "ResourceNotFoundException")
      throw new StoreError("unavailable", "the portfolio table does not exist (yet)", undefined, {
        cause: error,
      });
    // The store refusing what it was given (an item over 400 KB, a string it cannot hold) is about the request.
    if (name === "ValidationException")
      throw new StoreError("refused", `the store refused the write: ${(error as Error).message}`, undefined, {
        cause: error,
      });
    if (isUnavailable(error))
      throw new StoreError(
        "unavailable",
        `the portfolio store did not answer (${(error as Error).name})`,
        undefined,
        {
          cause: error,
        },
      );
    throw error;
  }
}
