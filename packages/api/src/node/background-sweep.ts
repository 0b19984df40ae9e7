import type { PortfolioStore } from "../storage/portfolio-store.js";

/** A sweep running in the background. */
export interface BackgroundSweep {
  /** Stops the timer and waits for a sweep under way to finish. */
  stop(): Promise<void>;
}

/** Options of {@link startBackgroundSweep}. */
export interface BackgroundSweepOptions {
  /** Time between the end of one sweep and the start of the next. */
  readonly intervalMs: number;
  /** Dead writes handled per sweep at most (the store's default when absent). */
  readonly limit?: number;
  /** Where a line goes when a sweep did something or failed. */
  readonly log: (line: string) => void;
}

/**
 * Runs the store's sweep (see {@link PortfolioStore.sweep}) at once and then every `intervalMs`, one sweep
 * at a time and each bounded by `limit`, so imports, rating batches and deletes cut short by a crash are
 * finished without waiting for anyone to touch their portfolio. The timer never keeps the process alive.
 *
 * @param store - the portfolio store
 * @param options - interval, bound and log
 * @returns a handle to stop it
 */
export function startBackgroundSweep(
  store: Pick<PortfolioStore, "sweep">,
  options: BackgroundSweepOptions,
): BackgroundSweep {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const swept = await store.sweep(options.limit);
      if (swept > 0) options.log(`sweep: finished ${swept} write(s) or delete(s) cut short earlier`);
    } catch (error) {
      options.log(`sweep failed, will try again: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const next = () => {
    if (stopped) return;
    running = run().then(() => {
      if (stopped) return;
      timer = setTimeout(next, options.intervalMs);
      timer.unref();
    });
  };
  next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
