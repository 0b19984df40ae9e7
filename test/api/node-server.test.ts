// End to end: the Node server on a free port, called over real HTTP.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { type RunningServer, startNodeServer } from "@cxprism/api/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: RunningServer;

beforeAll(async () => {
  server = await startNodeServer({
    port: 0,
    host: "127.0.0.1",
    deps: { limits: { maxBodyBytes: 64 * 1024 } },
  });
});

afterAll(async () => {
  await server.close();
});

describe("Node server over HTTP", () => {
  it("listens on 127.0.0.1 on the port it was given", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("answers /health with a request id", async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("scores the bundled example CSV", async () => {
    const csv = await readFile(new URL("../../examples/contact-center.csv", import.meta.url));
    const response = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: csv,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { rank: number; quadrant: string }[] };
    expect(body.results.length).toBeGreaterThanOrEqual(20);
    expect(body.results[0]!.rank).toBe(1);
  });

  it("answers 422 problem+json with pointers over HTTP", async () => {
    const response = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initiatives: [{ name: "A", ratings: { data_readines: 3 } }] }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors[0]).toEqual({
      pointer: "/initiatives/0/ratings/data_readines",
      detail:
        'expected a criterion id of model cx-ai-prism, received "data_readines" (did you mean "data_readiness"?)',
    });
  });

  it("answers 413 to a chunked upload past the limit", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 16) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { limit: number }).limit).toBe(64 * 1024);
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await fetch(`${server.url}/v1/models/default`);
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const second = await fetch(`${server.url}/v1/models/default`, { headers: { "If-None-Match": etag } });
    expect(second.status).toBe(304);
    expect(second.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("answers 404 and 405 as problems", async () => {
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    await missing.arrayBuffer();
    const wrong = await fetch(`${server.url}/v1/score`, { method: "GET" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST, OPTIONS");
    await wrong.arrayBuffer();
  });
});

describe("pnpm serve entry", () => {
  it("starts on PORT, prints its URL and stops on SIGTERM", async () => {
    const root = new URL("../../", import.meta.url).pathname;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@cxprism/source", "packages/api/src/node.ts"],
      { cwd: root, env: { ...process.env, PORT: "0", HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let output = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (data: Buffer) => {
          output += data.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
      });
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
    } finally {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    }
  });
});
