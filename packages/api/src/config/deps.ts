import type { ApiKeyring } from "../auth/api-keys.js";
import type { CpuRunner } from "../cpu/cpu-jobs.js";
import type { ReportRenderer } from "../routes/report.js";
import type { PortfolioStore } from "../storage/portfolio-store.js";
import type { WorkshopStore } from "../storage/workshop-store.js";

/** Request limits; each one answers with a problem that names the limit when exceeded. */
export interface Limits {
  /** Largest request body in bytes (default 1 MiB). Enforced while the body streams in. */
  readonly maxBodyBytes: number;
  /** Most initiatives in one scoring request (default 5,000). */
  readonly maxInitiatives: number;
  /**
   * Most initiatives one stored portfolio may hold, however they are added (default 5,000, the same as one
   * request: a portfolio's results, export, matrix and board pack then cost what the largest request costs).
   */
  readonly maxPortfolioInitiatives: number;
  /** Most criteria in a model sent with a request (default 64, also the core's own ceiling). */
  readonly maxCriteria: number;
  /** Longest CSV header cell in characters (default 200); the core bounds every other string. */
  readonly maxCsvHeaderLength: number;
  /**
   * Most simulated initiative-worlds (iterations x initiatives) in one `POST /v1/sensitivity` request
   * (default 500,000: under a second of CPU at 500 initiatives, see bench/sensitivity-cap.ts).
   */
  readonly maxSimulationWork: number;
  /**
   * Most initiatives in one `POST /v1/sensitivity` request (default 500). Its answer holds an n x n table of
   * rank probabilities and its fixed cost grows with n^2, so it is capped apart from scoring.
   */
  readonly maxSensitivityInitiatives: number;
}

/** Where the app reports what went wrong on the server side. */
export interface Logger {
  /**
   * Records an unexpected failure.
   *
   * @param message - what failed
   * @param fields - context: the request id, method, path and the error itself
   */
  error(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/**
 * Everything {@link createApp} needs from its host. Every field is optional; storage and authentication join
 * this interface in later releases, so hosts build it as an object rather than positional arguments.
 */
export interface AppDeps {
  /** Request limits; unspecified fields keep {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<Limits> | undefined;
  /** Origins allowed by CORS: a list of exact origins, `"*"` for any, or empty (default) for no CORS headers. */
  readonly corsOrigins?: readonly string[] | "*" | undefined;
  /** Where server-side failures are logged (default: `console.error` as one JSON line). */
  readonly logger?: Logger | undefined;
  /** Makes a request id for `X-Request-Id` (default: `crypto.randomUUID`). */
  readonly requestId?: (() => string) | undefined;
  /**
   * Renders an SVG document as PNG bytes at a scale (1 = the SVG's pixel size). With it, `POST /v1/matrix`
   * also answers `image/png`; without it (the Workers entry), a request for PNG answers 406. The Node entry
   * supplies one built on resvg.
   */
  readonly renderPng?: ((svg: string, scale: number) => Uint8Array) | undefined;
  /**
   * Renders the board pack as PDF or PPTX. With it, `POST /v1/report` and `GET /v1/portfolios/:id/report.pdf`
   * answer; without it (the Workers entry: pdfkit and pptxgenjs need Node), they answer 406. The Node entry
   * supplies one.
   */
  readonly renderReport?: ReportRenderer | undefined;
  /**
   * Serves the workshop web app's built files (see `createWebAssetHandler`): answers a GET for `/` or a built
   * file, undefined for anything else. The Node entry supplies one; on Workers, wrangler's static assets do it.
   */
  readonly webAssets?: ((request: Request) => Response | undefined) | undefined;
  /**
   * Runs the CPU-heavy work (matrix drawing, sensitivity simulation) off the request's thread. The Node entry
   * gives a bounded worker-thread pool (`createWorkerPool`), so `/health` and small requests keep answering
   * while a large job runs; without one (Workers, where each request has its own isolate and CPU limit, and
   * tests) the work runs inline.
   */
  readonly runCpu?: CpuRunner | undefined;
  /**
   * With `runCpu`: a stateless POST (`/v1/score`, `/v1/matrix`, `/v1/sensitivity`, `/v1/plan`, `/v1/report`,
   * `/v1/weights/*`) whose body is larger than this many bytes is answered whole by `runCpu` (the `request`
   * job), reading and validating included, so a 1 MiB table never holds the event loop. The Node entry sets
   * {@link OFFLOAD_BODY_BYTES}; unset, every body is read on the request's thread.
   */
  readonly offloadBodyBytes?: number | undefined;
  /** Shared portfolios (`/v1/portfolios`): mounted only when given. */
  readonly portfolios?: PortfolioDeps | undefined;
}

/** What the shared-portfolio routes need: a store and the API keys. */
export interface PortfolioDeps {
  /** Where portfolios live. */
  readonly store: PortfolioStore;
  /** Workshop phases, progress, invite keys and kept rounds (same table as `store` in the DynamoDB setup). */
  readonly workshop: WorkshopStore;
  /**
   * The configured API keys (`CXPRISM_API_KEYS`). A key not found there is looked up among the invite keys;
   * with neither, every request is refused (there is no open mode).
   */
  readonly keyring: ApiKeyring;
  /** How long an `Idempotency-Key` answer is kept, in seconds (default 24 hours). */
  readonly idempotencyTtlSeconds?: number | undefined;
  /**
   * The lease, in seconds, by which a running request holds its `Idempotency-Key` (default 30; renewed every
   * third of it while the request runs). A key whose request died is free again once its lease ends.
   */
  readonly idempotencyLeaseSeconds?: number | undefined;
  /** Seconds a client is told to wait (`Retry-After`) when the store is unavailable (default 5). */
  readonly retryAfterSeconds?: number | undefined;
  /** The clock, as an ISO timestamp (default `new Date().toISOString()`). */
  readonly now?: (() => string) | undefined;
}

/**
 * The body size above which the Node entry answers a stateless POST in its worker pool: 64 KiB, about 300
 * initiatives as a table (a few tens of milliseconds to read and validate), so smaller requests stay inline
 * and a full pool never refuses them.
 */
export const OFFLOAD_BODY_BYTES = 64 * 1024;

/** The limits used when a host sets none. */
export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 1024 * 1024,
  maxInitiatives: 5000,
  maxPortfolioInitiatives: 5000,
  maxCriteria: 64,
  maxCsvHeaderLength: 200,
  maxSimulationWork: 500_000,
  maxSensitivityInitiatives: 500,
};

/** A logger that writes one JSON line per failure to `console.error` (Workers logs and Node stderr alike). */
export const consoleLogger: Logger = {
  error(message, fields) {
    const { error, ...rest } = fields;
    const detail =
      error instanceof Error
        ? { error: error.name, errorMessage: error.message, stack: error.stack }
        : { error };
    console.error(JSON.stringify({ level: "error", message, ...rest, ...detail }));
  },
};

/**
 * Reads CORS origins from a comma-separated setting such as `CORS_ORIGINS` (`*` allows any origin).
 *
 * @param setting - the raw setting, possibly undefined
 * @returns the origins for {@link AppDeps.corsOrigins}
 */
export function parseCorsOrigins(setting: string | undefined): readonly string[] | "*" {
  if (setting === undefined) return [];
  const trimmed = setting.trim();
  if (trimmed === "*") return "*";
  return trimmed
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
}

/**
 * Reads the body limit from a setting such as `MAX_BODY_BYTES`.
 *
 * @param setting - the raw setting, possibly undefined
 * @returns a positive whole number of bytes, or `undefined` when unset
 * @throws Error when the setting is not a positive whole number
 */
export function parseByteLimit(setting: string | undefined): number | undefined {
  if (setting === undefined || setting.trim() === "") return undefined;
  const bytes = Number(setting);
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new Error(`expected MAX_BODY_BYTES to be a positive whole number of bytes, received "${setting}"`);
  return bytes;
}
