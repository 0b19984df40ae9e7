// Kill -9 in the middle of a write: the Node entry with its embedded dynalite runs in a child process on a
// temporary data folder, is killed with SIGKILL while a 5,000-row import (or a portfolio delete) is being
// written, and a fresh server on the same folder is then asked over HTTP what it sees. Between the two
// servers the test opens the folder itself to prove the kill really landed mid-write.
// See docs/storage-consistency.md.

import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, QueryCommand } from "@aws-sdk/client-dynamodb";
import { defaultModel } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { createDynamoDbClient } from "../../packages/api/src/storage/dynamodb-client.js";
import {
  portfolioPartition,
  portfolioSortKey,
  tenantKey,
} from "../../packages/api/src/storage/dynamodb-keys.js";
import { startEmbeddedDynamoDb } from "../../packages/api/src/storage/embedded-dynalite.js";
import { type ServerProcess, startServerProcess } from "../api/portfolio-server.js";

const KEY = "crash-owner";
const API_KEYS = JSON.stringify([
  { sha256: createHash("sha256").update(KEY).digest("hex"), tenant: "acme", role: "owner" },
]);
const ROWS = 5000;
/** The killed server's import lease: short, so the fresh server may sweep the dead import seconds later. */
const SHORT_IMPORT_LEASE_SECONDS = 2;
const IDEMPOTENCY_LEASE_SECONDS = 2;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const ratings = (value: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, value]));
const rows = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${String(i).padStart(4, "0")}`,
    name: `Initiative ${i}`,
    raters: [{ rater: "ann", ratings: ratings((i % 5) + 1) }],
  }));

function start(dataDir: string, importLeaseSeconds = 900): Promise<ServerProcess> {
  return startServerProcess({
    CXPRISM_DATA_DIR: dataDir,
    CXPRISM_API_KEYS: API_KEYS,
    DYNAMODB_ENDPOINT: "",
    DYNAMODB_TABLE: "",
    MAX_BODY_BYTES: String(16 * 1024 * 1024),
    CXPRISM_IMPORT_LEASE_SECONDS: String(importLeaseSeconds),
    CXPRISM_IDEMPOTENCY_LEASE_SECONDS: String(IDEMPOTENCY_LEASE_SECONDS),
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
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await call(server, "GET", `/v1/portfolios/${id}/initiatives?limit=100${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { id: string }[]; cursor?: string };
    for (const item of page.items) ids.push(item.id);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return ids;
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

type Item = Record<string, AttributeValue>;

/** Reads one partition straight from the data folder (no server running on it). */
async function rawPartition(dataDir: string, pk: string): Promise<Item[]> {
  const store = await startEmbeddedDynamoDb({ path: join(dataDir, "dynamodb") });
  const client = createDynamoDbClient({
    endpoint: store.endpoint,
    region: "local",
    table: "cxprism",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
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
  } finally {
    client.destroy();
    await store.close();
  }
}

async function newPortfolio(server: ServerProcess): Promise<string> {
  const response = await call(server, "POST", "/v1/portfolios", { name: "Crash" });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe("kill -9 mid-write on the Node entry with embedded dynalite", () => {
  it("shows a 5,000-row import whole or not at all, frees its Idempotency-Key, sweeps its rows", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cxprism-crash-"));
    dirs.push(dataDir);
    let server = await start(dataDir, SHORT_IMPORT_LEASE_SECONDS);
    let id = "";
    try {
      id = await newPortfolio(server);
      await killMidWrite(server, dataDir, 400_000, () =>
        call(
          server,
          "POST",
          `/v1/portfolios/${id}/initiatives/import`,
          { initiatives: rows("i", ROWS) },
          { "Idempotency-Key": "import-1" },
        ),
      );
    } finally {
      await server.kill();
    }

    // The kill landed mid-import: some rows are stored, hidden behind the import's pending id.
    const partition = await rawPartition(dataDir, portfolioPartition("acme", id));
    const written = partition.filter((item) => item.sk?.S?.startsWith("INIT#"));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(ROWS);
    const deadImport = written[0]!.importId?.S;
    expect(deadImport).toBeDefined();
    const [portfolioItem] = (await rawPartition(dataDir, tenantKey("acme"))).filter(
      (item) => item.sk?.S === portfolioSortKey(id),
    );
    expect(portfolioItem?.pendingImports?.SS).toEqual([deadImport]);

    server = await start(dataDir);
    try {
      // Readers see none of it: no initiative, no rating in the results.
      expect(await listedIds(server, id)).toEqual([]);
      const one = await call(server, "GET", `/v1/portfolios/${id}/initiatives/i0000`);
      expect(one.status).toBe(404);
      expect(one.headers.get("content-type")).toContain("application/problem+json");

      // Once the dead import's lease has ended (its id starts with the deadline), the next import sweeps it.
      const deadline = Number(deadImport!.split(".")[0]) * 1000 + 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())));
      const small = await call(server, "POST", `/v1/portfolios/${id}/initiatives/import`, {
        initiatives: rows("s", 1),
      });
      expect(small.status).toBe(200);
      expect(await listedIds(server, id)).toEqual(["s0000"]);

      // The key the killed request held is free again (its lease ended), so the retry runs and completes.
      const retry = await call(
        server,
        "POST",
        `/v1/portfolios/${id}/initiatives/import`,
        { initiatives: rows("i", ROWS) },
        { "Idempotency-Key": "import-1" },
      );
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ created: ROWS, exists: 0, failed: 0 });
      expect(await listedIds(server, id)).toHaveLength(ROWS + 1);
    } finally {
      await server.stop();
    }

    const after = await rawPartition(dataDir, portfolioPartition("acme", id));
    expect(after.filter((item) => item.importId?.S === deadImport)).toEqual([]);
    expect(after.filter((item) => item.sk?.S?.startsWith("INIT#"))).toHaveLength(ROWS + 1);
    expect(after.filter((item) => item.sk?.S?.startsWith("RATING#"))).toHaveLength(ROWS + 1);
    const [settled] = (await rawPartition(dataDir, tenantKey("acme"))).filter(
      (item) => item.sk?.S === portfolioSortKey(id),
    );
    expect(settled?.pendingImports).toBeUndefined();
    expect(settled?.abortingImports).toBeUndefined();
  }, 180_000);

  it("leaves a portfolio cut off mid-delete unreadable at once and removable by a retried DELETE", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cxprism-crash-"));
    dirs.push(dataDir);
    let server = await start(dataDir);
    let id = "";
    try {
      id = await newPortfolio(server);
      const imported = await call(server, "POST", `/v1/portfolios/${id}/initiatives/import`, {
        initiatives: rows("i", ROWS),
      });
      expect(imported.status).toBe(200);
      await killMidWrite(server, dataDir, 200_000, () => call(server, "DELETE", `/v1/portfolios/${id}`));
    } finally {
      await server.kill();
    }

    // The kill landed mid-delete: the tombstone is written and some of the contents are still there.
    const left = await rawPartition(dataDir, portfolioPartition("acme", id));
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(2 * ROWS);
    const [tombstone] = (await rawPartition(dataDir, tenantKey("acme"))).filter(
      (item) => item.sk?.S === portfolioSortKey(id),
    );
    expect(tombstone?.deletingAt?.S).toBeDefined();

    server = await start(dataDir);
    try {
      for (const path of [`/v1/portfolios/${id}`, `/v1/portfolios/${id}/initiatives`])
        expect((await call(server, "GET", path)).status).toBe(404);
      const listed = (await (await call(server, "GET", "/v1/portfolios")).json()) as { items: unknown[] };
      expect(listed.items).toEqual([]);
      expect(
        (await call(server, "DELETE", `/v1/portfolios/${id}`, undefined, { "If-Match": '"v1"' })).status,
      ).toBe(204);
      expect((await call(server, "DELETE", `/v1/portfolios/${id}`)).status).toBe(404);
    } finally {
      await server.stop();
    }
    expect(await rawPartition(dataDir, portfolioPartition("acme", id))).toEqual([]);
    expect(
      (await rawPartition(dataDir, tenantKey("acme"))).filter((item) => item.sk?.S === portfolioSortKey(id)),
    ).toEqual([]);
  }, 180_000);
});
