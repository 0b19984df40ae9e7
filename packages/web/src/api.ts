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

/**
 * Makes a client that sends the key as a bearer token.
 *
 * @param key - the owner key or invite key
 * @returns the client
 */
export function createClient(key: string): Client {
  const send = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${key}`);
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers });
    } catch (error) {
      throw new ApiProblem(0, error instanceof Error ? error.message : String(error));
    }
    if (response.ok || response.status === 304) return response;
    let body: Partial<ProblemBody> = {};
    try {
      body = (await response.json()) as Partial<ProblemBody>;
    } catch {
      body = { detail: response.statusText };
    }
    throw new ApiProblem(response.status, body.detail ?? response.statusText, body);
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
