import { describe, expect, it } from "vitest";
import { announceLongRun } from "./sensitivity.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe("announceLongRun", () => {
  it("writes a line on a terminal for a long run and clears it when done", () => {
    const stream = fakeStream(true);
    const notice = announceLongRun(stream, 10_000, 500);
    expect(stream.writes).toEqual(["simulating 10,000 worlds of 500 initiatives..."]);
    notice.done();
    expect(stream.writes[1]).toBe("\r\u001b[K");
  });

  it.each([
    [false, 10_000, 500],
    [true, 10_000, 20],
  ])("writes nothing (terminal: %s, %i worlds x %i initiatives)", (isTTY, iterations, initiatives) => {
    const stream = fakeStream(isTTY);
    announceLongRun(stream, iterations, initiatives).done();
    expect(stream.writes).toEqual([]);
  });
});
