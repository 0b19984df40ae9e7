/** The one Web API the workbook reader needs, present in Node, Workers and browsers alike (core's lib is ES only). */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

const { TextDecoder: Decoder } = globalThis as unknown as {
  readonly TextDecoder: new (label: "utf-8") => Utf8Decoder;
};

/**
 * Decodes UTF-8 bytes (malformed sequences become U+FFFD, as the runtime's `TextDecoder` does).
 *
 * @param bytes - UTF-8 bytes
 * @returns the text
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return new Decoder("utf-8").decode(bytes);
}
