import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { DeleteTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { defaultModel } from "@cxprism/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoDbClient, createPortfolioTable } from "./dynamodb-client.js";
import { DynamoDbPortfolioStore } from "./dynamodb-store.js";
import { StoreError } from "./portfolio-store.js";

// A real dynalite in its own process, so the test can pause it with SIGSTOP: it keeps the connection open
// and never answers, the fault a mock would only imitate.
const DYNALITE = createRequire(import.meta.url).resolve("dynalite");
const SERVER = `
const dynalite = require(${JSON.stringify(DYNALITE)});
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

let child: ChildProcess;
let client: DynamoDBClient;
let store: DynamoDbPortfolioStore;
const TABLE = "faults";
const fields = { name: "Q3", description: "", model: defaultModel };

const failure = async (call: Promise<unknown>): Promise<StoreError> => {
  try {
    await call;
  } catch (error) {
    return error as StoreError;
  }
  throw new Error("expected the call to fail");
};

beforeAll(async () => {
  child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  client = createDynamoDbClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "local",
    table: TABLE,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 2,
    requestTimeoutMs: 500,
  });
  await createPortfolioTable(client, TABLE);
  store = new DynamoDbPortfolioStore(client, { table: TABLE, batchBaseDelayMs: 5 });
});

afterAll(() => {
  child?.kill("SIGCONT");
  child?.kill("SIGKILL");
  client?.destroy();
});

describe("store faults, against a real dynalite process", () => {
  it("answers unavailable within the timeout when the store is paused, and recovers when it resumes", async () => {
    await store.createPortfolio("t", "p1", fields, "2026-01-01T00:00:00Z");
    child.kill("SIGSTOP");
    const started = performance.now();
    const error = await failure(store.getPortfolio("t", "p1"));
    const elapsed = performance.now() - started;
    child.kill("SIGCONT");
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe("unavailable");
    // 2 attempts x 500 ms plus the SDK's backoff; without throwOnRequestTimeout this never returned.
    expect(elapsed).toBeLessThan(5000);
    expect((await store.getPortfolio("t", "p1")).name).toBe("Q3");
  });

  it("answers unavailable while the table is gone, and serves again once it is back", async () => {
    await client.send(new DeleteTableCommand({ TableName: TABLE }));
    const error = await failure(store.getPortfolio("t", "p1"));
    expect(error.code).toBe("unavailable");
    expect(error.message).toBe("the portfolio table does not exist (yet)");
    await createPortfolioTable(client, TABLE);
    await expect(store.getPortfolio("t", "p1")).rejects.toMatchObject({ code: "not-found" });
    await store.createPortfolio("t", "p1", fields, "2026-01-01T00:00:00Z");
    expect((await store.getPortfolio("t", "p1")).version).toBe(1);
  });

  it("reports an item over 400 KB as refused, not unavailable", async () => {
    const error = await failure(
      store.createPortfolio(
        "t",
        "big",
        { ...fields, description: "x".repeat(500_000) },
        "2026-01-01T00:00:00Z",
      ),
    );
    expect(error.code).toBe("refused");
    expect(error.message).toMatch(/^the store refused the write: /);
  });
});
