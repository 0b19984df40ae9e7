// The one piece of `cloudflare:workers` the Workers-runtime tests use, declared here so the package needs no
// full Workers type library.
declare module "cloudflare:workers" {
  /** The main worker's exports, callable like a service binding. */
  export const exports: {
    readonly default: { fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> };
  };
}
