/**
 * Node entry: `pnpm serve` from the repository root. Listens on `PORT` (default 8787) and `HOST` (default
 * 127.0.0.1); `CORS_ORIGINS` and `MAX_BODY_BYTES` configure the app as in the worker.
 */
import { parseByteLimit, parseCorsOrigins } from "./app.js";
import { startNodeServer } from "./node-server.js";

function readPort(setting: string | undefined): number {
  if (setting === undefined || setting === "") return 8787;
  const port = Number(setting);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`expected PORT to be a whole number from 0 to 65535, received "${setting}"`);
  return port;
}

try {
  const maxBodyBytes = parseByteLimit(process.env.MAX_BODY_BYTES);
  const server = await startNodeServer({
    port: readPort(process.env.PORT),
    host: process.env.HOST ?? "127.0.0.1",
    deps: {
      corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
      limits: maxBodyBytes === undefined ? {} : { maxBodyBytes },
    },
  });
  console.log(`cxprism API listening on ${server.url} (docs: ${server.url}/docs)`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`cxprism API: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
