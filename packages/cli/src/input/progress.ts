/** A progress line on a terminal: `update` as work goes, `done` to clear it. */
export interface Progress {
  readonly update: (bytes: number, rows: number) => void;
  readonly done: () => void;
}

/** How often the line is redrawn. */
const INTERVAL_MS = 200;

/**
 * Creates a progress line for reading a file: `reading big.csv: 42% (123,456 rows)`, redrawn at most five
 * times a second and cleared when done. Only for terminals: the caller checks `isTTY`.
 *
 * @param stream - a terminal stream (stderr)
 * @param file - the file name to show
 * @param size - the file size in bytes
 * @returns the progress line
 */
export function createProgress(stream: NodeJS.WriteStream, file: string, size: number): Progress {
  let last = 0;
  let shown = false;
  return {
    update(bytes, rows) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      shown = true;
      const percent = Math.min(100, Math.floor((bytes / size) * 100));
      stream.write(`\r\u001b[Kreading ${file}: ${percent}% (${rows.toLocaleString("en-US")} rows)`);
    },
    done() {
      if (shown) stream.write("\r\u001b[K");
    },
  };
}
