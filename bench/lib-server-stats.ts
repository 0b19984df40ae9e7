/**
 * What a bench server reports about itself at `GET /bench/cpu`, read by the load generator before and after
 * each measurement: CPU time so far, and since the previous read the garbage collector's pauses and the event
 * loop's delay. A request's latency at 32 connections is mostly its wait behind the others; these say how
 * much of the tail is the server stopping (a collection, a long task) rather than the queue.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

/** One read of {@link createServerStats}. */
export interface ServerStats {
  readonly user: number;
  readonly system: number;
  /** Milliseconds spent in garbage collection pauses since the previous read. */
  readonly gcMs: number;
  /** The longest of those pauses, in milliseconds. */
  readonly gcMaxMs: number;
  /** The event loop's 99th-percentile delay since the previous read, in milliseconds. */
  readonly loopDelayP99Ms: number;
}

/**
 * Starts watching the process's collections and event loop.
 *
 * @returns `read()`: the figures since the previous read (CPU time is cumulative)
 */
export function createServerStats(): { read(): ServerStats } {
  let gcMs = 0;
  let gcMaxMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  return {
    read() {
      const { user, system } = process.cpuUsage();
      const stats = { user, system, gcMs, gcMaxMs, loopDelayP99Ms: delay.percentile(99) / 1e6 };
      gcMs = 0;
      gcMaxMs = 0;
      delay.reset();
      return stats;
    },
  };
}
