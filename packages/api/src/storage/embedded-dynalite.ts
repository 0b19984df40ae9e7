import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** A running dynalite server (Node only). */
export interface EmbeddedDynamoDb {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server and closes its LevelDB store. */
  close(): Promise<void>;
}

/** Options of {@link startEmbeddedDynamoDb}. */
export interface EmbeddedDynamoDbOptions {
  /** LevelDB folder; in memory when absent. */
  readonly path?: string | undefined;
  /** Port (default 0: any free port). */
  readonly port?: number | undefined;
}

/** What the store's thread tells the server: it listens, it failed to, or it has closed. */
type StoreMessage =
  | { readonly listening: number }
  | { readonly failed: string }
  | { readonly closed: true; readonly error?: string };

/**
 * The store's thread (CommonJS, evaluated as is: it needs no TypeScript loader). It starts dynalite on
 * 127.0.0.1 and closes it (and its LevelDB store) when told to.
 */
const STORE_THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const server = require(workerData.dynalite)(workerData.options);
server.once("error", (error) => parentPort.postMessage({ failed: String(error && error.message) }));
server.listen(workerData.port, "127.0.0.1", () => parentPort.postMessage({ listening: server.address().port }));
parentPort.on("message", () => {
  server.close((error) => parentPort.postMessage(error ? { closed: true, error: String(error.message) } : { closed: true }));
  server.closeAllConnections();
});
`;

/**
 * Starts dynalite, a DynamoDB-compatible server, on 127.0.0.1 in its own thread. Tables become active at
 * once. The store's work (request parsing, LevelDB) then never holds the API's event loop: under a workshop's
 * load (50 raters saving and polling) it was about a fifth of the server's busy time.
 *
 * @param options - where to persist and which port
 * @returns the running server
 */
export async function startEmbeddedDynamoDb(
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  const worker = new Worker(STORE_THREAD, {
    eval: true,
    workerData: {
      dynalite: createRequire(import.meta.url).resolve("dynalite"),
      port: options.port ?? 0,
      options: {
        createTableMs: 0,
        deleteTableMs: 0,
        updateTableMs: 0,
        ...(options.path === undefined ? {} : { path: options.path }),
      },
    },
  });
  // The thread's next message, or its failure (an uncaught error, or an exit before it answered).
  const next = () =>
    new Promise<StoreMessage>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        outcome();
      };
      const onMessage = (message: StoreMessage) => settle(() => resolve(message));
      const onError = (error: Error) => settle(() => reject(error));
      const onExit = (code: number) =>
        settle(() => reject(new Error(`the embedded store's thread stopped (exit code ${code})`)));
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    });
  const started = await next().catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (!("listening" in started)) {
    await worker.terminate();
    throw new Error(`the embedded store did not start: ${"failed" in started ? started.failed : "closed"}`);
  }
  const port = started.listening;
  let closing = false;
  let exited = false;
  worker.once("exit", () => {
    exited = true;
  });
  // Once running, a failure of the store's thread surfaces as 503s from every request that needs it; the log
  // says why. While closing, a request still in flight fails on the closed database: that is no news.
  worker.on("error", (error) => {
    if (!closing) console.error(`embedded store failed: ${error.message}`);
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        if (exited) return resolve();
        let failure: string | undefined;
        worker.on("message", (message: StoreMessage) => {
          if (!("closed" in message)) return;
          failure = message.error;
          void worker.terminate();
        });
        worker.once("exit", () => (failure === undefined ? resolve() : reject(new Error(failure))));
        worker.postMessage("close");
      }),
  };
}
