// The pieces of `cloudflare:workers` the Workers-runtime tests use, declared here so the package needs no
// full Workers type library.
declare module "cloudflare:workers" {
  /** The main worker's exports, callable like a service binding. */
  export const exports: {
    readonly default: { fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> };
  };
  /** The worker's bindings: `ASSETS` serves the workshop app's built files (wrangler.jsonc `assets`). */
  export const env: { readonly ASSETS: { fetch(input: string | URL | Request): Promise<Response> } };
}

// The pieces of `cloudflare:test` (@cloudflare/vitest-pool-workers) the tests of the Cron Trigger use.
declare module "cloudflare:test" {
  /** An execution context whose `waitUntil` promises the test can wait for. */
  export function createExecutionContext(): { waitUntil(promise: Promise<unknown>): void };
  /** Waits for every promise handed to the context's `waitUntil`. */
  export function waitOnExecutionContext(context: {
    waitUntil(promise: Promise<unknown>): void;
  }): Promise<void>;
  /** The controller a `scheduled` handler receives. */
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): unknown;
}
