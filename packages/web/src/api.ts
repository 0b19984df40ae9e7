/** A problem answered by the API (RFC 9457), or a network failure (`status` 0). */
export class ApiProblem extends Error {
  override readonly name = "ApiProblem";
  readonly status: number;
  readonly reason: string | undefined;
  readonly errors: readonly ProblemItem[];
  readonly currentVersion: number | undefined;

  constructor(status: number, detail: string, extra: Partial<ProblemBody> = {}) {
    super(detail);
    this.status = status;
    this.reason = extra.reason;
    this.errors = extra.errors ?? [];
    this.currentVersion = extra.currentVersion;
  }
}

/** One listed problem: where (pointer, or row and column) and what. */
export interface ProblemItem {
  readonly pointer?: string;
  readonly row?: number;
  readonly column?: number;
  /** In a workbook, the cell as Excel's name box shows it, e.g. `Sheet1!C7`. */
  readonly cell?: string;
  readonly field?: string;
  readonly detail: string;
}

interface ProblemBody {
  detail: string;
  reason: string;
  errors: ProblemItem[];
  currentVersion: number;
}

/** A client of `/v1` holding one key. */
export interface Client {
  /** Sends a request; answers the response, or throws {@link ApiProblem} for a problem or no answer. */
  send(path: string, init?: RequestInit): Promise<Response>;
  /** Sends a request and reads JSON. */
  json<T>(path: string, init?: RequestInit): Promise<T>;
}

/** Answers a read tries again: no answer, too many requests, and a gateway or server that is briefly away. */
const TRANSIENT = new Set([0, 429, 502, 503, 504]);

/** Whether a problem is one that passes: no answer, or a busy server (429, 502, 503, 504). */
export const isTransient = (problem: ApiProblem) => TRANSIENT.has(problem.status);

/** The waits before each new try of a read, unless the server's `Retry-After` names one. */
export const READ_RETRY_MS: readonly number[] = [500, 1000, 2000, 4000];

/** The longest wait a `Retry-After` may ask for before a read tries again. */
const MAX_RETRY_AFTER_MS = 10_000;

/** How long a read waits for the server to start answering before it gives that try up. */
const READ_TIMEOUT_MS = 30_000;

/**
 * How long to wait before trying a read again.
 *
 * @param retryAfter - the answer's `Retry-After` (delay-seconds or an IMF-fixdate), or null
 * @param attempt - the retry about to be made, from 0
 * @param now - the clock, for an HTTP date
 * @returns milliseconds: the server's wish capped at 10 s, or the next step of {@link READ_RETRY_MS}
 */
export function retryDelayMs(retryAfter: string | null, attempt: number, now = Date.now()): number {
  const fallback = READ_RETRY_MS[Math.min(attempt, READ_RETRY_MS.length - 1)]!;
  const value = retryAfter?.trim() ?? "";
  const ms = /^\d+$/.test(value)
    ? Number(value) * 1000
    : / GMT$/.test(value)
      ? Date.parse(value) - now
      : Number.NaN;
  return Number.isNaN(ms) ? fallback : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * Makes a client that sends the key as a bearer token. A read (GET or HEAD) that gets no answer, or a
 * transient one (429, 502, 503, 504), is tried again up to {@link READ_RETRY_MS}`.length` times, as the
 * server's `Retry-After` asks or with a growing wait: a rater who opens a link on a workshop's Wi-Fi, or while
 * the server is briefly busy, sees the page rather than an error. A try that has no answer after 30 s is
 * given up and counts as no answer. Writes are never repeated here: their callers decide (the rater's page
 * retries its idempotent saves itself).
 *
 * @param key - the owner key or invite key
 * @returns the client
 */
export function createClient(key: string): Client {
  const once = async (path: string, init: RequestInit, timeoutMs: number | undefined) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${key}`);
    const timeout = new AbortController();
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => timeout.abort(), timeoutMs);
    try {
      return await fetch(path, { ...init, headers, signal: init.signal ?? timeout.signal });
    } catch (error) {
      const detail = timeout.signal.aborted
        ? `no answer within ${timeoutMs! / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
      throw new ApiProblem(0, detail);
    } finally {
      clearTimeout(timer);
    }
  };
  const problemOf = async (response: Response) => {
    let body: Partial<ProblemBody> = {};
    try {
      body = (await response.json()) as Partial<ProblemBody>;
    } catch {
      body = { detail: response.statusText };
    }
    return new ApiProblem(response.status, body.detail ?? response.statusText, body);
  };
  const send = async (path: string, init: RequestInit = {}) => {
    const method = (init.method ?? "GET").toUpperCase();
    const read = method === "GET" || method === "HEAD";
    for (let attempt = 0; ; attempt++) {
      const retries = read && attempt < READ_RETRY_MS.length;
      let response: Response;
      try {
        response = await once(path, init, read && init.signal == null ? READ_TIMEOUT_MS : undefined);
      } catch (problem) {
        if (!retries) throw problem;
        await wait(retryDelayMs(null, attempt));
        continue;
      }
      if (response.ok || response.status === 304) return response;
      if (!retries || !TRANSIENT.has(response.status)) throw await problemOf(response);
      await response.body?.cancel();
      await wait(retryDelayMs(response.headers.get("Retry-After"), attempt));
    }
  };
  return {
    send,
    async json<T>(path: string, init?: RequestInit) {
      return (await (await send(path, init)).json()) as T;
    },
  };
}

/** JSON request options. */
export function jsonBody(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/** Waits, for retries. */
export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
