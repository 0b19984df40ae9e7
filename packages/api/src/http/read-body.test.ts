import { describe, expect, it } from "vitest";
import { ApiError } from "./problem.js";
import { readBodyText } from "./read-body.js";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function chunked(chunks: string[]): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
  return { stream, pulled: () => index };
}

describe("readBodyText", () => {
  it("reads a body as UTF-8, dropping a BOM and keeping any script", async () => {
    expect(await readBodyText(post("\uFEFFnimi: Äänipalvelu, имя"), 100)).toBe("nimi: Äänipalvelu, имя");
  });

  it("reads an absent body as empty text", async () => {
    expect(await readBodyText(new Request("http://x/"), 10)).toBe("");
  });

  it("joins a multi-byte character split across chunks", async () => {
    const bytes = new TextEncoder().encode("ä");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 1));
        controller.enqueue(bytes.slice(1));
        controller.close();
      },
    });
    expect(await readBodyText(post(stream), 10)).toBe("ä");
  });

  it.each([
    [10, "0123456789", "0123456789"],
    [9, "0123456789", undefined],
  ])("with a limit of %i bytes reads %j: %j", async (limit, text, expected) => {
    const { stream } = chunked([text.slice(0, 5), text.slice(5)]);
    const read = readBodyText(post(stream), limit);
    if (expected === undefined)
      await expect(read).rejects.toMatchObject({ kind: "body-too-large", extra: { limit } });
    else expect(await read).toBe(expected);
  });

  it("stops reading at the first chunk past the limit", async () => {
    const { stream, pulled } = chunked(Array.from({ length: 100 }, () => "x".repeat(100)));
    await expect(readBodyText(post(stream), 250)).rejects.toBeInstanceOf(ApiError);
    expect(pulled()).toBeLessThanOrEqual(4);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { stream } = chunked(["x"]);
    const request = post(stream, { "Content-Length": "11" });
    await expect(readBodyText(request, 10)).rejects.toMatchObject({
      kind: "body-too-large",
      message: "expected a body of at most 10 bytes, received a Content-Length of 11",
    });
    expect(request.bodyUsed).toBe(false);
  });

  it("refuses bytes that are not UTF-8", async () => {
    await expect(readBodyText(post(new Uint8Array([0xc3, 0x28])), 10)).rejects.toMatchObject({
      kind: "malformed-body",
    });
  });
});
