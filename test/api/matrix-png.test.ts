// End to end: the Node server rasterises the prism matrix with resvg, over real HTTP.
import { readFile } from "node:fs/promises";
import { type RunningServer, startNodeServer } from "@cxprism/api/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let server: RunningServer;

beforeAll(async () => {
  server = await startNodeServer({ port: 0, host: "127.0.0.1" });
});

afterAll(async () => {
  await server.close();
});

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("POST /v1/matrix as PNG on the Node server", () => {
  it("renders the example portfolio at the requested size and scale", async () => {
    const csv = await readFile(new URL("../../examples/contact-center.csv", import.meta.url));
    const response = await fetch(`${server.url}/v1/matrix?width=800&height=600&scale=2`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Accept: "image/png" },
      body: csv,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(bytes)).toEqual({ width: 1600, height: 1200 });
    // A drawn matrix, not a blank canvas: far more bytes than an empty 1600 x 1200 image compresses to.
    expect(bytes.byteLength).toBeGreaterThan(50_000);
  });

  it("still answers SVG by default", async () => {
    const response = await fetch(`${server.url}/v1/matrix`, {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: await readFile(new URL("../../examples/contact-center.csv", import.meta.url)),
    });
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await response.text()).toMatch(/^<svg /);
  });
});
