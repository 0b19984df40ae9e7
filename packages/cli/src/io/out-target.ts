import { lstatSync, realpathSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.js";

/**
 * How `--out` is written:
 * - `replace`: to a temporary file beside `path`, then renamed over it, so a reader never sees half a file
 *   and a failed run leaves the old one as it was; `mode` is the existing file's permissions, kept.
 * - `through`: straight into `path` without renaming (a terminal, `/dev/null`, `/dev/stdout`, a named pipe):
 *   renaming over a device would replace the device with a plain file.
 */
export type OutTarget =
  | { readonly kind: "replace"; readonly path: string; readonly temporary: string; readonly mode?: number }
  | { readonly kind: "through"; readonly path: string };

/**
 * Decides how to write `--out`. A regular file (or nothing yet) is replaced atomically, keeping its mode. A
 * symbolic link is followed to its target, which is then treated the same way: the link stays, as with the
 * shell's `>`, and what it names is updated (a link to nothing is refused, since its target could be anywhere).
 * A character device or a named pipe is written through. A folder, a socket or a block device is refused.
 * A hard-linked file is replaced by a new file under this name: its other names keep the old content.
 *
 * @param out - the path given to `--out`
 * @returns how to write it
 * @throws {@link CliError} `io` naming the path and why it is refused
 */
export function resolveOutTarget(out: string): OutTarget {
  const refuse = (why: string) => new CliError("io", `${out}: will not write here: ${why}`);
  let stats: Stats | undefined = statOrUndefined(out);
  let path = out;
  if (stats?.isSymbolicLink()) {
    try {
      path = realpathSync(out);
    } catch {
      throw refuse("it is a symbolic link to a file that does not exist");
    }
    stats = statOrUndefined(path);
  }
  if (stats === undefined || stats.isFile())
    return {
      kind: "replace",
      path,
      temporary: join(dirname(path), `.${basename(path)}.${process.pid}.tmp`),
      ...(stats === undefined ? {} : { mode: stats.mode & 0o7777 }),
    };
  if (stats.isCharacterDevice() || stats.isFIFO()) return { kind: "through", path };
  if (stats.isDirectory()) throw refuse("it is a folder; name a file inside it");
  throw refuse("it is not a regular file, a terminal or a pipe");
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError("io", `${path}: cannot write the file (${(error as Error).message})`);
  }
}
