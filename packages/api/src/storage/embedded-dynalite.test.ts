import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createDynamoDbClient, createPortfolioTable } from "./dynamodb-client.js";
import { startEmbeddedDynamoDb } from "./embedded-dynalite.js";

describe("startEmbeddedDynamoDb", () => {
  it("closes cleanly while requests are still in flight (a server stopped mid-request exits 0)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cxprism-embedded-"));
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const store = await startEmbeddedDynamoDb({ path: join(dir, String(attempt)) });
        const client = createDynamoDbClient({
          endpoint: store.endpoint,
          region: "local",
          table: "closing",
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          maxAttempts: 1,
        });
        await createPortfolioTable(client, "closing");
        // Requests keep coming on open keep-alive connections while the store closes, as a server's own
        // requests do when it is stopped mid-way (its demo workshop being set up, say).
        let sending = true;
        const outcomes: string[] = [];
        const send = async () => {
          while (sending)
            outcomes.push(
              await client
                .send(new GetItemCommand({ TableName: "closing", Key: { pk: { S: "a" }, sk: { S: "b" } } }))
                .then(
                  () => "answered",
                  () => "refused",
                ),
            );
        };
        const senders = Array.from({ length: 20 }, send);
        while (!outcomes.includes("answered")) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, attempt * 5));
        await expect(store.close()).resolves.toBeUndefined();
        sending = false;
        await Promise.all(senders);
        client.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says why when it cannot start", async () => {
    const taken = await startEmbeddedDynamoDb();
    try {
      await expect(startEmbeddedDynamoDb({ port: taken.port })).rejects.toThrow(
        /did not start: .*EADDRINUSE/,
      );
    } finally {
      await taken.close();
    }
  });
});
