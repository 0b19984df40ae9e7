import { describe, expect, it } from "vitest";
import { createScoreTraffic, SCORE_STREAM, SCORE_WINDOW_MS } from "./score.js";

/** A score traffic counter on a clock the test moves. */
function traffic(pooled = true) {
  let time = 1_000;
  const counter = createScoreTraffic(pooled, () => time);
  return {
    counter,
    advance: (ms: number) => {
      time += ms;
    },
    /** One score begun and answered on its own: whether it was offered to the pool. */
    lone() {
      counter.begin();
      const offered = counter.offload();
      counter.end();
      return offered;
    },
  };
}

describe("createScoreTraffic: which small scores go to the pool", () => {
  it("keeps a lone score on the request's thread, however many came before at a workshop's pace", () => {
    const { lone, advance } = traffic();
    for (let i = 0; i < 200; i++) {
      expect(lone()).toBe(false);
      advance(SCORE_WINDOW_MS / 10);
    }
  });

  it("offers a score begun while another is in progress", () => {
    const { counter } = traffic();
    counter.begin();
    expect(counter.offload()).toBe(false);
    counter.begin();
    expect(counter.offload()).toBe(true);
    counter.end();
    expect(counter.offload()).toBe(false);
    counter.end();
  });

  it("offers every score of the window after one with a stream in it, and stops after a pause", () => {
    const { lone, advance } = traffic();
    for (let i = 0; i < SCORE_STREAM; i++) expect(lone()).toBe(false);
    advance(SCORE_WINDOW_MS);
    expect(lone()).toBe(true);
    advance(SCORE_WINDOW_MS / 2);
    expect(lone()).toBe(true);
    // The next window counts the 2 of this one: no longer a stream.
    advance(SCORE_WINDOW_MS / 2);
    expect(lone()).toBe(false);
    // A stream, then a pause longer than a window: the stream is over.
    for (let i = 0; i < SCORE_STREAM; i++) lone();
    advance(2 * SCORE_WINDOW_MS);
    expect(lone()).toBe(false);
  });

  it("one score short of a stream is not a stream", () => {
    const { lone, advance } = traffic();
    for (let i = 0; i < SCORE_STREAM - 1; i++) lone();
    advance(SCORE_WINDOW_MS);
    expect(lone()).toBe(false);
  });

  it("never offers without a pool of other threads", () => {
    const { counter, lone, advance } = traffic(false);
    for (let i = 0; i < 2 * SCORE_STREAM; i++) lone();
    advance(SCORE_WINDOW_MS);
    counter.begin();
    counter.begin();
    expect(counter.offload()).toBe(false);
  });
});
