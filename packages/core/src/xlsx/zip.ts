import { Inflate } from "fflate";
import { decodeUtf8 } from "./utf8.js";

/** Why a zip archive could not be read: the caller turns it into one message for the user. */
export class ZipError extends Error {
  override readonly name = "ZipError";
}

/** One member of a zip archive, located but not yet inflated. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  readonly method: number;
  readonly compressedSize: number;
  /** The size the archive declares; checked against what inflating yields. */
  readonly size: number;
  readonly localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end-of-directory record (22 bytes) may be followed by a comment of up to 65,535 bytes. */
const MAX_TAIL = 22 + 0xffff;
/** Compressed bytes handed to the inflater at a time: DEFLATE expands at most ~1,032 times, so one step yields at most ~16 MiB. */
const INFLATE_STEP = 16 * 1024;

/**
 * Lists a zip archive's members from its central directory (the authoritative list; local headers are read
 * only to find each member's data). Zip64 archives are refused: a spreadsheet that needs them is far over any
 * limit cxprism reads.
 *
 * @param bytes - the whole archive
 * @returns the members by name
 * @throws {@link ZipError} when the bytes are not a zip archive cxprism can read
 */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - MAX_TAIL); at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end === -1) throw new ZipError("no zip directory");
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError("a zip64 archive");
  if (directoryOffset + directorySize > end) throw new ZipError("a zip directory outside the file");
  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      throw new ZipError("a broken zip directory");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry: ZipEntry = {
      name: decodeUtf8(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff)
      throw new ZipError("a zip64 archive");
    entries.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one member of a zip archive, counting the bytes it yields and stopping as soon as they pass
 * `limit`: a zip bomb (a small member that inflates to gigabytes) is refused after at most one step past the
 * limit, whatever size its header declares.
 *
 * @param bytes - the whole archive
 * @param entry - the member, from {@link listZip}
 * @param limit - most bytes the member may inflate to
 * @returns the member's bytes
 * @throws {@link ZipError} for a broken member; `RangeError` when it inflates past `limit`
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  if (entry.size > limit) throw new RangeError(`${entry.name} declares ${entry.size} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER)
    throw new ZipError(`no local header for ${entry.name}`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new ZipError(`${entry.name} is cut short`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) throw new RangeError(`${entry.name} inflates past ${limit} bytes`);
    chunks.push(chunk);
    done ||= final;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_STEP) {
      const last = at + INFLATE_STEP >= data.length;
      inflater.push(data.subarray(at, at + INFLATE_STEP), last);
    }
    if (data.length === 0) inflater.push(data, true);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new ZipError(`${entry.name} does not inflate`);
  }
  if (!done || size !== entry.size) throw new ZipError(`${entry.name} is not the size its header declares`);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
