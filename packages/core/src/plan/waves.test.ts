import { describe, expect, it } from "vitest";
import { sequenceWaves, type WaveCandidate } from "./waves.js";

const c = (id: string, pilot: boolean, prerequisites: string[] = []): WaveCandidate => ({
  id,
  pilot,
  prerequisites,
});

describe("sequenceWaves", () => {
  it.each<[string, WaveCandidate[], number, string[][], boolean]>([
    [
      "pilots first, then by priority",
      [c("a", false), c("b", true), c("c", true), c("d", false)],
      2,
      [
        ["b", "c"],
        ["a", "d"],
      ],
      true,
    ],
    [
      "caps pilots at the wave size",
      [c("a", true), c("b", true), c("c", true)],
      2,
      [["a", "b"], ["c"]],
      true,
    ],
    ["a pilot with prerequisites waits", [c("a", true, ["b"]), c("b", false)], 3, [["b"], ["a"]], false],
    [
      "falls back to the best without prerequisites",
      [c("a", false, ["b"]), c("b", false), c("c", false)],
      3,
      [["b"], ["a", "c"]],
      false,
    ],
    [
      "never shares a wave with a prerequisite",
      [c("k", true), c("x", false, ["y"]), c("y", false, ["k"])],
      3,
      [["k"], ["y"], ["x"]],
      true,
    ],
    ["nothing selected", [], 3, [], false],
  ])("%s", (_, candidates, size, waves, pilotsFound) => {
    expect(sequenceWaves(candidates, size)).toEqual({ waves, pilotsFound });
  });
});
