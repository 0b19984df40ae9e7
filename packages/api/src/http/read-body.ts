import { ApiError } from "./problem.js";

function tooLarge(limit: number, received: string): ApiError {
  return new ApiError("body-too-large", `expected a body of at most ${limit} bytes, received ${received}`, {
    limit,
  });
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `limit` bytes: a declared
 * `Content-Length` over the limit is refused before reading, and a streamed body is cancelled at the first
 * chunk past the limit, so an oversized upload never sits in memory whole.
 *
 * @param request - the incoming request
 * @param limit - the largest accepted body in bytes
 * @returns the decoded text (a UTF-8 byte order mark is dropped)
 * @throws {@link ApiError} `body-too-large` past the limit, `malformed-body` for bytes that are not UTF-8
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  return decodeBodyText(await readBodyBytes(request, limit));
}

/**
 * Reads a request body as bytes (an .xlsx workbook), within `limit` bytes as {@link readBodyText} does.
 *
 * @param request - the incoming request
 * @param limit - the largest accepted body in bytes
 * @returns the body's bytes
 * @throws {@link ApiError} `body-too-large` past the limit
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > limit) throw tooLarge(limit, `a Content-Length of ${declared}`);
    // A declared length within the limit bounds the body (HTTP framing ends it there), so it can be read in
    // one go. This path must not touch `request.body`: on Node that getter builds a web stream over the
    // socket, which costs more than scoring 30 initiatives, where `arrayBuffer()` reads the socket directly.
    return new Uint8Array(await request.arrayBuffer());
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit, "more");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A body's bytes as text, as {@link readBodyText} reads them (for bytes read already, on another thread).
 *
 * @param bytes - the body
 * @returns the decoded text (a UTF-8 byte order mark is dropped)
 * @throws {@link ApiError} `malformed-body` for bytes that are not UTF-8
 */
export function decodeBodyText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(
      "malformed-body",
      "expected a body encoded as UTF-8, received bytes that are not UTF-8",
    );
  }
}
