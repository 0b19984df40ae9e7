import { describe, expect, it } from "vitest";
import { startBackgroundSweep } from "./background-sweep.js";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startBackgroundSweep", () => {
  it("sweeps at once and again after each interval, one sweep at a time, logging what it did", async () => {
    const lines: string[] = [];
    let running = 0;
    let most = 0;
    const counts = [2, 0, 0, 0, 0, 0, 0, 0];
    let calls = 0;
    const sweep = startBackgroundSweep(
      {
        async sweep() {
          running++;
          most = Math.max(most, running);
          await wait(15);
          running--;
          return counts[calls++] ?? 0;
        },
      },
      { intervalMs: 5, log: (line) => lines.push(line) },
    );
    await wait(100);
    await sweep.stop();
    const stoppedAt = calls;
    await wait(40);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(stoppedAt);
    expect(most).toBe(1);
    expect(lines).toEqual(["sweep: finished 2 write(s) or delete(s) cut short earlier"]);
  });

  it("logs a failed sweep and tries again at the next interval", async () => {
    const lines: string[] = [];
    let calls = 0;
    const sweep = startBackgroundSweep(
      {
        async sweep() {
          calls++;
          if (calls === 1) throw new Error("the store is down");
          return 0;
        },
      },
      { intervalMs: 5, log: (line) => lines.push(line) },
    );
    await wait(50);
    await sweep.stop();
    expect(lines).toEqual(["sweep failed, will try again: the store is down"]);
    expect(calls).toBeGreaterThan(1);
  });
});
