import { describe, expect, it, vi } from "vitest";
import { createProgress } from "./progress.js";

function fakeTerminal() {
  const writes: string[] = [];
  return { stream: { write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe("createProgress", () => {
  it("redraws one line at most every 200 ms and clears it when done", () => {
    vi.useFakeTimers();
    try {
      const { stream, writes } = fakeTerminal();
      const progress = createProgress(stream, "big.csv", 1000);
      vi.setSystemTime(10_000);
      progress.update(250, 12_345);
      vi.setSystemTime(10_100);
      progress.update(500, 20_000); // too soon: skipped
      vi.setSystemTime(10_300);
      progress.update(1000, 40_000);
      progress.done();
      expect(writes).toEqual([
        "\r\u001b[Kreading big.csv: 25% (12,345 rows)",
        "\r\u001b[Kreading big.csv: 100% (40,000 rows)",
        "\r\u001b[K",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("writes nothing at all when it never drew", () => {
    const { stream, writes } = fakeTerminal();
    createProgress(stream, "small.csv", 10).done();
    expect(writes).toEqual([]);
  });
});
