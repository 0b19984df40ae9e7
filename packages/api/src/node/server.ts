import type { AddressInfo } from "node:net";
import { type Http2Bindings, type HttpBindings, serve } from "@hono/node-server";
import { type AppDeps, createApp } from "../app.js";
import { renderPngWithResvg } from "./render-png.js";

/** Where to listen and what to build the app from. */
export interface NodeServerOptions {
  /** TCP port; 0 picks a free one (default 8787). */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1: local only). */
  readonly host?: string;
  /** Dependencies passed to {@link createApp}; `renderPng` defaults to resvg. */
  readonly deps?: AppDeps;
  /** An app already built (with routes of its own, as the benchmark adds); `deps` is then unused. */
  readonly app?: { fetch(request: Request): Response | Promise<Response> };
}

/** A running Node server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** The bound port (useful with port 0). */
  readonly port: number;
  /** Stops accepting connections and resolves when the server has closed. */
  close(): Promise<void>;
}

/**
 * Starts the API on Node with `@hono/node-server`.
 *
 * @param options - port, host and app dependencies
 * @returns the running server once it listens
 * @example
 * const server = await startNodeServer({ port: 0 });
 * await fetch(`${server.url}/health`);
 * await server.close();
 */
export function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  // Node can rasterise, so `POST /v1/matrix` answers PNG here unless the host brings its own renderer.
  const app = options.app ?? createApp({ renderPng: renderPngWithResvg, ...options.deps });
  const host = options.host ?? "127.0.0.1";
  // A 413 is answered before the rest of the upload is read; closing the connection keeps a client from
  // reusing a socket that still carries the unread body.
  const fetch = async (request: Request, env: HttpBindings | Http2Bindings) => {
    const response = await app.fetch(request);
    if (response.status === 413) env.outgoing.setHeader("Connection", "close");
    return response;
  };
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
