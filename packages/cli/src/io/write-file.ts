import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.js";

/**
 * Writes a whole file atomically: to a temporary file beside it, then renamed into place, so a reader never
 * sees half a file and a failed write leaves any existing file as it was. For outputs made in one piece
 * (an image); streamed text goes through `openOutput`.
 *
 * @param path - the file to write
 * @param data - its content: text (UTF-8) or bytes
 * @throws {@link CliError} `io` when the file cannot be written
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw new CliError("io", `${path}: cannot write the file (${(error as Error).message})`);
  }
}
