import { chmod, rename, unlink, writeFile } from "node:fs/promises";
import { CliError } from "../errors.js";
import { resolveOutTarget } from "./out-target.js";

/**
 * Writes a whole file atomically: to a temporary file beside it, then renamed into place, so a reader never
 * sees half a file and a failed write leaves any existing file as it was. An existing file keeps its mode;
 * links, devices and pipes follow {@link resolveOutTarget}'s rules. For outputs made in one piece (an
 * image); streamed text goes through `openOutput`.
 *
 * @param path - the file to write
 * @param data - its content: text (UTF-8) or bytes
 * @throws {@link CliError} `io` when the file cannot be written or is refused
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = resolveOutTarget(path);
  try {
    if (target.kind === "through") {
      await writeFile(target.path, data);
      return;
    }
    await writeFile(target.temporary, data);
    if (target.mode !== undefined) await chmod(target.temporary, target.mode);
    await rename(target.temporary, target.path);
  } catch (error) {
    if (target.kind === "replace") await unlink(target.temporary).catch(() => {});
    throw new CliError("io", `${path}: cannot write the file (${(error as Error).message})`);
  }
}
