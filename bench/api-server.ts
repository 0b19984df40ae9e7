/**
 * The server `bench/api.ts` measures: the API app exactly as `pnpm serve` builds it, plus a hello-world route
 * on the same app and server as the baseline. Prints its URL once it listens.
 */
import { createApp } from "@cxprism/api";
import { startNodeServer } from "@cxprism/api/node";

const app = createApp();
app.get("/bench/hello", (c) => c.text("Hello, world!"));

const server = await startNodeServer({ app, port: 0, host: "127.0.0.1" });
console.log(`listening on ${server.url}`);
process.once("SIGTERM", () => {
  server.close().then(() => process.exit(0));
});
