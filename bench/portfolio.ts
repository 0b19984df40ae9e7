/**
 * Results of a shared portfolio of 500 initiatives x 10 raters: DynamoDB calls per request (goal: one Query per
 * 1 MB page of the portfolio's items, plus one GetItem for the portfolio) and wall time of `GET .../results`
 * on dynalite and, when Java is there, AWS's DynamoDB Local. Baseline: validating and scoring the same
 * initiatives in memory (what the route does once the items are read).
 */
import { execFileSync } from "node:child_process";
import { defaultModel, scorePortfolio, validatePortfolio } from "@cxprism/core";
import { startDynamoDbLocal } from "../packages/api/scripts/dynamodb-local.js";
import { createApp } from "../packages/api/src/app.js";
import { createApiKeyring, sha256Hex } from "../packages/api/src/auth/api-keys.js";
import { initiativesFromContents } from "../packages/api/src/routes/stored-initiatives.js";
import { createDynamoDbClient, createPortfolioTable } from "../packages/api/src/storage/dynamodb-client.js";
import { DynamoDbPortfolioStore } from "../packages/api/src/storage/dynamodb-store.js";
import { DynamoDbWorkshopStore } from "../packages/api/src/storage/dynamodb-workshop-store.js";
import { startEmbeddedDynamoDb } from "../packages/api/src/storage/embedded-dynalite.js";
import { report, workshopPortfolio } from "./lib.js";

const INITIATIVES = 500;
const RATERS = 10;
const RUNS = 7;
const NOW = "2026-11-22T00:00:00.000Z";

async function medianAsync(fn: () => Promise<unknown>, runs = RUNS, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Counts the commands a client sends, by name. */
function countCalls(client: ReturnType<typeof createDynamoDbClient>): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? "?";
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "countCalls" },
  );
  return counts;
}

/** DynamoDB's item size: attribute names plus values (strings as UTF-8, numbers about their digits). */
function itemBytes(item: Record<string, string | number>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item))
    bytes +=
      Buffer.byteLength(name) + (typeof value === "string" ? Buffer.byteLength(value) : String(value).length);
  return bytes;
}

const { initiatives, ratings } = workshopPortfolio(INITIATIVES, RATERS, 8, NOW);

async function measure(label: string, endpoint: string, baselineMs: number): Promise<void> {
  const client = createDynamoDbClient({
    endpoint,
    region: "us-east-1",
    table: "bench",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await createPortfolioTable(client, "bench");
  const store = new DynamoDbPortfolioStore(client, { table: "bench" });
  await store.createPortfolio("bench", "p", { name: "Bench", description: "", model: defaultModel }, NOW);
  await store.importInitiatives(
    "bench",
    "p",
    initiatives.map((data) => ({ data, ratings: [] })),
    NOW,
  );
  await store.putRatings("bench", "p", ratings);
  const app = createApp({
    portfolios: {
      store,
      workshop: new DynamoDbWorkshopStore(client, { table: "bench" }),
      keyring: createApiKeyring([{ sha256: await sha256Hex("k"), tenant: "bench", role: "owner" }]),
    },
  });
  const counts = countCalls(client);
  const response = await app.request("/v1/portfolios/p/results", { headers: { Authorization: "Bearer k" } });
  if (response.status !== 200)
    throw new Error(`results answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { results: unknown[] };
  if (body.results.length !== INITIATIVES) throw new Error(`expected ${INITIATIVES} results`);
  const stored = initiatives.map((d) =>
    itemBytes({
      pk: "TENANT#bench#PORTFOLIO#p",
      sk: `INIT#${d.id}`,
      kind: "initiative",
      data: JSON.stringify(d),
      version: 1,
      updatedAt: NOW,
    }),
  );
  const rated = ratings.map((r) =>
    itemBytes({
      pk: "TENANT#bench#PORTFOLIO#p",
      sk: `RATING#${r.initiativeId}#${r.rater}`,
      kind: "rating",
      initiativeId: r.initiativeId,
      rater: r.rater,
      weight: 1,
      ratings: JSON.stringify(r.ratings),
      updatedAt: NOW,
    }),
  );
  const totalBytes = [...stored, ...rated].reduce((sum, bytes) => sum + bytes, 0);
  const pages = Math.ceil(totalBytes / (1024 * 1024));
  const queries = counts.get("QueryCommand") ?? 0;
  const calls = [...counts.entries()]
    .map(([name, count]) => `${name.replace("Command", "")} ${count}`)
    .join(", ");
  console.log(
    `${label}: one results request made ${calls}; items ${(totalBytes / 1024).toFixed(0)} KiB = ${pages} page(s) of 1 MB  [goal: Query = pages: ${queries === pages ? "met" : "NOT met"}]`,
  );
  const ms = await medianAsync(async () =>
    app.request("/v1/portfolios/p/results", { headers: { Authorization: "Bearer k" } }),
  );
  report(`${label} GET results (500 x 10)`, ms, baselineMs);
  const readMs = await medianAsync(() => store.readContents("bench", "p"));
  report(`${label} readContents alone`, readMs, baselineMs);
  client.destroy();
}

// Baseline: the same portfolio validated and scored in memory, as the route does after reading.
const contents = {
  initiatives: initiatives.map((data) => ({ data, version: 1, updatedAt: NOW })),
  ratings,
};
const baselineMs = await medianAsync(async () => {
  const validation = validatePortfolio(initiativesFromContents(contents), {
    model: defaultModel,
    missing: "neutral",
  });
  if (!validation.success) throw new Error("invalid bench portfolio");
  return scorePortfolio(validation.portfolio);
});
report("baseline: validate + score in memory", baselineMs, baselineMs);

const dynalite = await startEmbeddedDynamoDb();
try {
  await measure("dynalite", dynalite.endpoint, baselineMs);
} finally {
  await dynalite.close();
}

let hasJava = true;
try {
  execFileSync("java", ["-version"], { stdio: "ignore" });
} catch {
  hasJava = false;
}
if (!hasJava) console.log("DynamoDB Local: skipped (no java on PATH)");
else {
  const local = await startDynamoDbLocal();
  try {
    await measure("DynamoDB Local", local.endpoint, baselineMs);
  } finally {
    await local.stop();
  }
}
