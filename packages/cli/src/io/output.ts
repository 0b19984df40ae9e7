import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { chmod, rename, unlink } from "node:fs/promises";
import type { Writable } from "node:stream";
import { CliError } from "../errors.js";
import { resolveOutTarget } from "./out-target.js";

/** Where a command's output goes: stdout, or a file that appears only when complete. */
export interface Output {
  /** Whether this is a terminal (colour and alignment for people). */
  readonly isTTY: boolean;
  /** Writes text, waiting when the destination is full. */
  write(text: string): Promise<void>;
  /** Finishes: for a file, flushes and renames the temporary file into place. */
  close(): Promise<void>;
  /** Gives up: for a file, removes the temporary file and leaves any existing file untouched. */
  abort(): Promise<void>;
}

/**
 * Writes, waiting for `drain` when the stream is full. `once` rejects if the stream fails meanwhile and
 * removes its listeners either way, so long runs of writes leave none behind (no MaxListenersExceededWarning).
 */
async function writeTo(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Opens the output of a command. With `out`, writes go to a temporary file beside it that is renamed over
 * `out` on `close`, so a reader never sees half a file and a failed run leaves the old file as it was; an
 * existing file keeps its mode, and links, devices and pipes follow {@link resolveOutTarget}'s rules.
 *
 * @param out - the file to write, or `undefined` for stdout
 * @param stdout - the process's stdout
 * @returns the output
 */
export function openOutput(out: string | undefined, stdout: NodeJS.WriteStream): Output {
  if (out === undefined)
    return {
      isTTY: stdout.isTTY === true,
      write: (text) => writeTo(stdout, text),
      close: async () => {},
      abort: async () => {},
    };
  const target = resolveOutTarget(out);
  const temporary = target.kind === "replace" ? target.temporary : undefined;
  const stream = createWriteStream(temporary ?? target.path);
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  const check = () => {
    if (failure !== undefined) throw new CliError("io", `${out}: cannot write the file (${failure.message})`);
  };
  return {
    isTTY: false,
    async write(text) {
      check();
      await writeTo(stream, text).catch(() => {});
      check();
    },
    async close() {
      check();
      stream.end();
      await once(stream, "finish").catch(() => {});
      if (temporary === undefined) return check();
      if (failure !== undefined) {
        await unlink(temporary).catch(() => {});
        check();
      }
      try {
        if (target.kind === "replace" && target.mode !== undefined) await chmod(temporary, target.mode);
        await rename(temporary, target.path);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        throw new CliError("io", `${out}: cannot write the file (${(error as Error).message})`);
      }
    },
    async abort() {
      stream.destroy();
      if (temporary !== undefined) await unlink(temporary).catch(() => {});
    },
  };
}

/**
 * Writes a whole text to `out` (atomically, as {@link openOutput}) or to stdout.
 *
 * @param out - the file to write, or `undefined` for stdout
 * @param stdout - the process's stdout
 * @param text - everything to write
 */
export async function writeOutput(
  out: string | undefined,
  stdout: NodeJS.WriteStream,
  text: string,
): Promise<void> {
  const output = openOutput(out, stdout);
  try {
    await output.write(text);
    await output.close();
  } catch (error) {
    await output.abort();
    throw error;
  }
}
