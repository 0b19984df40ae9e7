// Kill -9 in the middle of a write: the Node entry with its embedded dynalite runs in a child process on one
// temporary data folder, and is killed with SIGKILL while it writes, in turn, an import, an initiative added
// with its ratings, a rater's rating batch over earlier ratings, and a portfolio delete. After each kill the
// test opens the folder itself to prove the kill landed mid-write; then a fresh server starts on the folder
// and, with no request to that portfolio, its background sweep clears what the dead one left. What clients
// see is asked over HTTP; what is stored is read from the server's store. See docs/storage-consistency.md.
//
// Every server here sweeps once at start (the interval is an hour), so a server never sweeps its own live
// writes, and writes with a 2 s lease, so the next server may sweep a dead one seconds later.

import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, type DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoDbClient } from "../../packages/api/src/storage/dynamodb-client.js";
import {
  portfolioPartition,
  portfolioSortKey,
  SWEEP_PARTITION,
  tenantKey,
} from "../../packages/api/src/storage/dynamodb-keys.js";
import { startEmbeddedDynamoDb } from "../../packages/api/src/storage/embedded-dynalite.js";
import { type ServerProcess, startServerProcess } from "../api/portfolio-server.js";

const KEY = "crash-owner";
const API_KEYS = JSON.stringify([
  { sha256: createHash("sha256").update(KEY).digest("hex"), tenant: "acme", role: "owner" },
]);
/**
 * Rows per write: 40 batches of 25 (80 for an import with ratings), so a kill after the first hundred
 * kilobytes lands among the row writes, between the write's pending id and its flip, as with 5,000.
 */
const ROWS = 1000;
const LEASE_SECONDS = 2;
/** The most raters one initiative may have (the core's schema). */
const MAX_RATERS = 200;

type Item = Record<string, AttributeValue>;

const ratings = (value: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, value]));
const ids = (prefix: string) =>
  Array.from({ length: ROWS }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
const rows = (prefix: string) =>
  ids(prefix).map((id, i) => ({
    id,
    name: `Initiative ${i}`,
    raters: [{ rater: "ann", ratings: ratings((i % 5) + 1) }],
  }));
const batch = (prefix: string, value: number) => ({
  ratings: Object.fromEntries(ids(prefix).map((id) => [id, ratings(value)])),
});

function start(dataDir: string, sweepSeconds = 3600): Promise<ServerProcess> {
  return startServerProcess({
    CXPRISM_DATA_DIR: dataDir,
    CXPRISM_API_KEYS: API_KEYS,
    DYNAMODB_ENDPOINT: "",
    DYNAMODB_TABLE: "",
    MAX_BODY_BYTES: String(16 * 1024 * 1024),
    CXPRISM_IMPORT_LEASE_SECONDS: String(LEASE_SECONDS),
    CXPRISM_IDEMPOTENCY_LEASE_SECONDS: String(LEASE_SECONDS),
    CXPRISM_SWEEP_INTERVAL_SECONDS: String(sweepSeconds),
  });
}

function call(server: ServerProcess, method: string, path: string, body?: unknown, headers = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${KEY}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Every initiative id a client can list, page by page. */
async function listedIds(server: ServerProcess, id: string): Promise<string[]> {
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await call(server, "GET", `/v1/portfolios/${id}/initiatives?limit=100${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { id: string }[]; cursor?: string };
    for (const item of page.items) listed.push(item.id);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return listed;
}

/** One rater's ratings as a client reads them: initiative id -> the first criterion's value. */
async function ratingsOf(server: ServerProcess, id: string, rater: string): Promise<Map<string, unknown>> {
  const response = await call(server, "GET", `/v1/portfolios/${id}/ratings/${rater}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { ratings: Record<string, Record<string, unknown>> };
  const first = defaultModel.criteria[0]!.id;
  return new Map(Object.entries(body.ratings).map(([initiative, values]) => [initiative, values[first]]));
}

/** The bytes LevelDB has written under the store folder (its log grows with every write). */
async function storeBytes(dataDir: string): Promise<number> {
  const dir = join(dataDir, "dynamodb");
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[]))
    total += await stat(join(dir, name)).then(
      (info) => info.size,
      () => 0,
    );
  return total;
}

/**
 * Sends a request and kills the server with SIGKILL once the store has written `bytes` more, so the kill
 * lands while the request's writes are under way whatever the machine's speed.
 */
async function killMidWrite(
  server: ServerProcess,
  dataDir: string,
  bytes: number,
  send: () => Promise<Response>,
): Promise<void> {
  const before = await storeBytes(dataDir);
  const answer = send().then(
    (response) => `answered ${response.status}`,
    () => "cut off",
  );
  const deadline = Date.now() + 60_000;
  let settled: string | undefined;
  void answer.then((outcome) => {
    settled = outcome;
  });
  while ((await storeBytes(dataDir)) - before < bytes) {
    if (settled !== undefined)
      throw new Error(`the request ${settled} before the store wrote ${bytes} bytes`);
    if (Date.now() > deadline) throw new Error("the store did not grow within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await server.kill();
  expect(await answer).toBe("cut off");
}

async function query(client: DynamoDBClient, pk: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const answer = await client.send(
      new QueryCommand({
        TableName: "cxprism",
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": { S: pk } },
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of answer.Items ?? []) items.push(item);
    start = answer.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

const clientOn = (endpoint: string) =>
  createDynamoDbClient({
    endpoint,
    region: "local",
    table: "cxprism",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });

/** What is stored of one portfolio: its item, its partition, and the sweep entries of every portfolio. */
interface Stored {
  readonly portfolio: Item | undefined;
  readonly partition: Item[];
  readonly sweepEntries: Item[];
  /** The initiatives and ratings (the workshop and invites left out). */
  readonly contents: Item[];
  /** Rows under a write id that has not shown (the portfolio item lists it as pending). */
  readonly hidden: Item[];
}

async function readStored(client: DynamoDBClient, id: string): Promise<Stored> {
  const portfolio = (await query(client, tenantKey("acme"))).find(
    (item) => item.sk?.S === portfolioSortKey(id),
  );
  const partition = await query(client, portfolioPartition("acme", id));
  const pending = new Set(portfolio?.pendingImports?.SS ?? []);
  return {
    portfolio,
    partition,
    sweepEntries: await query(client, SWEEP_PARTITION),
    contents: partition.filter((row) => /^(INIT|RATING)#/.test(row.sk?.S ?? "")),
    hidden: partition.filter((row) => pending.has(row.importId?.S ?? "")),
  };
}

/** What is stored: of a running server, through its embedded store; of a dead one, from its data folder. */
async function stored(from: ServerProcess | string, id: string): Promise<Stored> {
  if (typeof from !== "string") {
    const endpoint = /portfolio store: (\S+)/.exec(from.stdout())?.[1];
    if (endpoint === undefined) throw new Error("the server did not print its store's endpoint");
    const client = clientOn(endpoint);
    try {
      return await readStored(client, id);
    } finally {
      client.destroy();
    }
  }
  const store = await startEmbeddedDynamoDb({ path: join(from, "dynamodb") });
  const client = clientOn(store.endpoint);
  try {
    return await readStored(client, id);
  } finally {
    client.destroy();
    await store.close();
  }
}

/** Waits until the fresh server's start-up sweep has finished something, with no request of ours. */
async function swept(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!server.stderr().includes("sweep: finished")) {
    if (Date.now() > deadline) throw new Error(`no sweep within 30 s:\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the lease of every write id pending on the portfolio, or in a sweep entry, has ended. */
async function leaseEnded({ portfolio, sweepEntries }: Stored): Promise<void> {
  const writeIds = [...(portfolio?.pendingImports?.SS ?? []), ...sweepEntries.map((entry) => entry.sk!.S!)];
  // A write id starts with the end of its lease, in seconds since the epoch.
  const until = writeIds.reduce(
    (latest, writeId) => Math.max(latest, Number(writeId.split(".")[0]) * 1000),
    0,
  );
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until + 1000 - Date.now())));
}

async function newPortfolio(server: ServerProcess, name: string): Promise<string> {
  const response = await call(server, "POST", "/v1/portfolios", { name });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe.sequential("kill -9 mid-write on the Node entry with embedded dynalite, then the sweep", () => {
  let dataDir = "";
  let server: ServerProcess | undefined;
  const portfolios = { imported: "", added: "", rated: "", deleted: "" };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cxprism-crash-"));
  });
  afterAll(async () => {
    await server?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Kills the running server mid-request, checks the kill left hidden rows, starts the next server. */
  async function killThenRestart(
    bytes: number,
    id: string,
    send: (live: ServerProcess) => Promise<Response>,
  ) {
    const live = server!;
    await killMidWrite(live, dataDir, bytes, () => send(live));
    const left = await stored(dataDir, id);
    expect(left.hidden.length).toBeGreaterThan(0);
    await leaseEnded(left);
    server = await start(dataDir);
    return left.hidden;
  }

  it("an import: none of it shows, the sweep removes its rows, a retry with its key completes", async () => {
    server = await start(dataDir);
    portfolios.imported = await newPortfolio(server, "Imported");
    portfolios.rated = await newPortfolio(server, "Rated");
    portfolios.deleted = await newPortfolio(server, "Deleted");
    for (const id of [portfolios.rated, portfolios.deleted]) {
      const imported = await call(server, "POST", `/v1/portfolios/${id}/initiatives/import`, {
        initiatives: rows("r"),
      });
      expect(imported.status).toBe(200);
    }
    const id = portfolios.imported;
    const send = (live: ServerProcess) =>
      call(
        live,
        "POST",
        `/v1/portfolios/${id}/initiatives/import`,
        { initiatives: rows("i") },
        { "Idempotency-Key": "import-1" },
      );
    const hidden = await killThenRestart(120_000, id, send);
    expect(hidden.filter((row) => row.sk?.S?.startsWith("INIT#")).length).toBeLessThan(ROWS);

    await swept(server!);
    const after = await stored(server!, id);
    expect([after.contents, after.sweepEntries]).toEqual([[], []]);
    expect(await listedIds(server!, id)).toEqual([]);
    // The key the killed request held is free again (its lease ended), so the retry runs and completes.
    const retry = await send(server!);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ created: ROWS, exists: 0, failed: 0 });
    expect(await listedIds(server!, id)).toEqual(ids("i"));
    const { portfolio } = await stored(server!, id);
    expect([portfolio?.pendingImports, portfolio?.abortingImports]).toEqual([undefined, undefined]);
  }, 180_000);

  it("an initiative added with its ratings: absent until added again, then whole", async () => {
    portfolios.added = await newPortfolio(server!, "Added");
    const id = portfolios.added;
    // The most raters one initiative may have: 200 rating rows, 8 batches after the initiative's own row.
    const raters = Array.from({ length: MAX_RATERS }, (_, i) => `rater${String(i).padStart(3, "0")}`);
    const initiative = {
      id: "big",
      name: "Rated by many",
      raters: raters.map((rater, i) => ({ rater, ratings: ratings((i % 5) + 1) })),
    };
    const hidden = await killThenRestart(20_000, id, (live) =>
      call(live, "POST", `/v1/portfolios/${id}/initiatives`, initiative),
    );
    expect(hidden.filter((row) => row.sk?.S?.startsWith("RATING#")).length).toBeLessThan(MAX_RATERS);

    await swept(server!);
    expect((await stored(server!, id)).contents).toEqual([]);
    expect((await call(server!, "GET", `/v1/portfolios/${id}/initiatives/big`)).status).toBe(404);
    const added = await call(server!, "POST", `/v1/portfolios/${id}/initiatives`, initiative);
    expect(added.status).toBe(201);
    const all = await call(server!, "GET", `/v1/portfolios/${id}/ratings`);
    expect(((await all.json()) as { items: unknown[] }).items).toHaveLength(MAX_RATERS);
  }, 180_000);

  it("a rating batch over earlier ratings: the earlier ones show until it is sent again, then all new", async () => {
    const id = portfolios.rated;
    expect((await call(server!, "PUT", `/v1/portfolios/${id}/ratings/bob`, batch("r", 2))).status).toBe(200);
    const hidden = await killThenRestart(100_000, id, (live) =>
      call(live, "PUT", `/v1/portfolios/${id}/ratings/bob`, batch("r", 5)),
    );
    expect(hidden.length).toBeLessThan(ROWS);

    const earlier = new Map(ids("r").map((initiative) => [initiative, 2]));
    expect(await ratingsOf(server!, id, "bob")).toEqual(earlier);
    await swept(server!);
    const after = await stored(server!, id);
    // Each row is back as it was: no trace of the dead write, none keeping a row it replaced.
    expect(after.hidden).toEqual([]);
    expect(after.contents.filter((row) => row.previous !== undefined)).toEqual([]);
    expect(await ratingsOf(server!, id, "bob")).toEqual(earlier);
    expect((await call(server!, "PUT", `/v1/portfolios/${id}/ratings/bob`, batch("r", 5))).status).toBe(200);
    expect(await ratingsOf(server!, id, "bob")).toEqual(
      new Map(ids("r").map((initiative) => [initiative, 5])),
    );
    expect((await ratingsOf(server!, id, "ann")).size).toBe(ROWS);
  }, 180_000);

  it("a delete: the portfolio reads as gone at once and the sweep finishes removing it", async () => {
    const id = portfolios.deleted;
    const live = server!;
    await killMidWrite(live, dataDir, 60_000, () => call(live, "DELETE", `/v1/portfolios/${id}`));
    const left = await stored(dataDir, id);
    expect(left.contents.length).toBeGreaterThan(0);
    expect(left.contents.length).toBeLessThan(2 * ROWS);
    expect(left.portfolio?.deletingAt?.S).toBeDefined();
    await leaseEnded(left);
    // This server also sweeps every second: the periodic sweep finishes it if the one at start came early.
    server = await start(dataDir, 1);

    expect((await call(server, "GET", `/v1/portfolios/${id}`)).status).toBe(404);
    await swept(server);
    const after = await stored(server, id);
    expect([after.portfolio, after.partition, after.sweepEntries]).toEqual([undefined, [], []]);
    const listed = (await (await call(server, "GET", "/v1/portfolios")).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((item) => item.id).sort()).toEqual(
      [portfolios.imported, portfolios.added, portfolios.rated].sort(),
    );
    await server.stop();
    server = undefined;
  }, 180_000);
});
