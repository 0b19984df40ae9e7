/**
 * The server `bench/api-results.ts` measures: the API app with shared portfolios on an embedded dynalite
 * (persisted in a temporary folder, in this process, as `pnpm serve` runs it), holding one portfolio of 60
 * initiatives x 15 raters. Prints its URL once it listens; the viewer key is `bench`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNodeServer } from "@cxprism/api/node";
import { defaultModel } from "@cxprism/core";
import { createApp } from "../packages/api/src/app.js";
import { createApiKeyring, sha256Hex } from "../packages/api/src/auth/api-keys.js";
import { createDynamoDbClient, createPortfolioTable } from "../packages/api/src/storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "../packages/api/src/storage/dynamodb-store.js";
import { DynamoDbWorkshopStore } from "../packages/api/src/storage/dynamodb-workshop-store.js";
import { startEmbeddedDynamoDb } from "../packages/api/src/storage/embedded-dynalite.js";
import { workshopPortfolio } from "./lib.js";
import { createServerStats } from "./lib-server-stats.js";

const INITIATIVES = 60;
const RATERS = 15;
const NOW = "2026-11-30T00:00:00.000Z";

const dataDir = mkdtempSync(join(tmpdir(), "cxprism-bench-"));
const dynamo = await startEmbeddedDynamoDb({ path: join(dataDir, "dynamodb") });
const client = createDynamoDbClient({
  endpoint: dynamo.endpoint,
  region: "us-east-1",
  table: "bench",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
await createPortfolioTable(client, "bench");
const store = new DynamoDbPortfolioStore(client, { table: "bench" });

const { initiatives, ratings } = workshopPortfolio(INITIATIVES, RATERS, 60, NOW);
await store.createPortfolio(
  "bench",
  "workshop",
  { name: "Workshop", description: "", model: defaultModel },
  NOW,
);
await store.importInitiatives(
  "bench",
  "workshop",
  initiatives.map((data) => ({ data, ratings: [] })),
  NOW,
);
await store.putRatings("bench", "workshop", ratings);

const app = createApp({
  portfolios: {
    store,
    workshop: new DynamoDbWorkshopStore(client, { table: "bench" }),
    // An owner key: raters and viewers are refused results while a workshop is rating (the blind gate).
    keyring: createApiKeyring([{ sha256: await sha256Hex("bench"), tenant: "bench", role: "owner" }]),
  },
});
// Not a baseline: the load generator reads the server's CPU time around each measurement.
const stats = createServerStats();
app.get("/bench/cpu", (c) => c.json(stats.read()));

const server = await startNodeServer({ app, port: 0, host: "127.0.0.1" });
console.log(`listening on ${server.url}`);
process.once("SIGTERM", async () => {
  await server.close();
  client.destroy();
  await dynamo.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
