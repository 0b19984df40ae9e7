/** The kinds of problem the API answers with, as a closed set. Each has an anchor on `/docs`. */
export type ProblemKind =
  | "malformed-body"
  | "validation-failed"
  | "body-too-large"
  | "unsupported-media-type"
  | "not-found"
  | "method-not-allowed"
  | "not-acceptable"
  | "internal-error"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "precondition-failed"
  | "precondition-required"
  | "service-unavailable";

/** One validation problem: where it is (JSON Pointer, or CSV row and column) and what was expected. */
export interface ProblemItem {
  /** RFC 6901 pointer into the JSON body, e.g. `/initiatives/3/ratings/data_readiness`. */
  readonly pointer?: string;
  /** 1-based CSV line, counting the header as line 1. */
  readonly row?: number;
  /** 1-based CSV column. */
  readonly column?: number;
  /** The CSV column's header, or the field a CSV problem is about. */
  readonly field?: string;
  /** In an .xlsx body: the sheet and cell (or range) as a spreadsheet's name box shows it, `Sheet1!C7`. */
  readonly cell?: string;
  /** What was expected there and what was received. */
  readonly detail: string;
}

/** An RFC 9457 problem details object. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Every validation problem, for `validation-failed`. */
  readonly errors?: readonly ProblemItem[];
  /** The limit that was exceeded, when one was. */
  readonly limit?: number;
  /** For `precondition-failed`: the version now stored, so the client can re-read and retry. */
  readonly currentVersion?: number;
  /**
   * A finer reason for 401 and 403 a page can act on: `no-key`, `unknown-key`, `revoked` (an invite the
   * facilitator revoked), `blind` (results hidden while the workshop is rating), `other-portfolio`, `closed`.
   */
  readonly reason?: ProblemReason;
}

/** The reasons a 401 or 403 problem may carry (see {@link ProblemDetails.reason}). */
export type ProblemReason = "no-key" | "unknown-key" | "revoked" | "blind" | "other-portfolio" | "closed";

const KINDS: Readonly<Record<ProblemKind, { readonly status: number; readonly title: string }>> = {
  "malformed-body": { status: 400, title: "Malformed request body" },
  "validation-failed": { status: 422, title: "Validation failed" },
  "body-too-large": { status: 413, title: "Request body too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "not-acceptable": { status: 406, title: "Not acceptable" },
  "internal-error": { status: 500, title: "Internal server error" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  conflict: { status: 409, title: "Conflict" },
  "precondition-failed": { status: 412, title: "Precondition failed" },
  "precondition-required": { status: 428, title: "Precondition required" },
  "service-unavailable": { status: 503, title: "Service unavailable" },
};

/** Every problem kind with its status and title, in a stable order (for the docs and OpenAPI). */
export const PROBLEM_KINDS = Object.entries(KINDS).map(([kind, info]) => ({
  kind: kind as ProblemKind,
  ...info,
}));

/**
 * The `type` URI of a problem kind: a reference to its section of the API reference page, so the URI
 * resolves on every deployment.
 *
 * @param kind - the problem kind
 * @returns a URI reference such as `/docs#problem-validation-failed`
 */
export function problemType(kind: ProblemKind): string {
  return `/docs#problem-${kind}`;
}

/** The media type of problem responses. */
export const PROBLEM_MEDIA_TYPE = "application/problem+json";

/**
 * The API's one error class: thrown anywhere in a handler, turned into a problem response by the app's
 * error handler only.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** The problem kind, which fixes the status and title. */
  readonly kind: ProblemKind;
  /** Extra members of the problem object (`errors`, `limit`). */
  readonly extra: Pick<ProblemDetails, "errors" | "limit" | "currentVersion" | "reason">;
  /** Extra response headers (`Allow`, `Accept-Post`). */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param kind - the problem kind
   * @param detail - a sentence saying what was expected and what was received
   * @param options - extra problem members and response headers
   */
  constructor(
    kind: ProblemKind,
    detail: string,
    options: {
      readonly errors?: readonly ProblemItem[];
      readonly limit?: number;
      readonly currentVersion?: number;
      readonly reason?: ProblemReason;
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(detail);
    this.kind = kind;
    this.extra = {
      ...(options.errors === undefined ? {} : { errors: options.errors }),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.currentVersion === undefined ? {} : { currentVersion: options.currentVersion }),
      ...(options.reason === undefined ? {} : { reason: options.reason }),
    };
    this.headers = options.headers ?? {};
  }

  /** The HTTP status of this problem. */
  get status(): number {
    return KINDS[this.kind].status;
  }
}

/**
 * Builds the problem details object of a kind.
 *
 * @param kind - the problem kind
 * @param detail - what happened, for a human
 * @param extra - `errors`, `limit` and `instance`
 * @returns the RFC 9457 object
 */
export function createProblem(
  kind: ProblemKind,
  detail: string,
  extra: Pick<ProblemDetails, "errors" | "limit" | "instance" | "currentVersion" | "reason"> = {},
): ProblemDetails {
  const { status, title } = KINDS[kind];
  return { type: problemType(kind), title, status, detail, ...extra };
}

/**
 * Renders a problem as an `application/problem+json` response.
 *
 * @param problem - the problem details
 * @param headers - extra headers
 * @returns the response
 */
export function problemResponse(
  problem: ProblemDetails,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_MEDIA_TYPE, ...headers },
  });
}
