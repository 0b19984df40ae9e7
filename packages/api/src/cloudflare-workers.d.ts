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
