import { describe, expect, it } from "vitest";
import { directionRuns, visualWordOrder, wrapRightToLeft } from "./direction-runs.js";

const ARABIC = "مساعد افتراضي لخدمة العملاء";

describe("directionRuns", () => {
  it("keeps the spaces between Arabic words in the right-to-left run, and Latin text apart", () => {
    expect(directionRuns(`Pilot: ${ARABIC} (wave 1)`)).toEqual([
      { text: "Pilot: ", rtl: false },
      { text: ARABIC, rtl: true },
      { text: " (wave 1)", rtl: false },
    ]);
  });
});

describe("visualWordOrder", () => {
  it("reverses the words of right-to-left runs only", () => {
    expect(visualWordOrder(`1. ${ARABIC}`)).toBe("1. العملاء لخدمة افتراضي مساعد");
  });
});

describe("wrapRightToLeft", () => {
  const measure = (text: string) => [...text].length;

  it("puts the first words on the first line, each line in visual order", () => {
    // Four words of 5, 7, 5 and 6 letters at 14 letters a line: "مساعد افتراضي" then "لخدمة العملاء".
    expect(wrapRightToLeft(ARABIC, 14, measure)).toBe("افتراضي مساعد\nالعملاء لخدمة");
  });

  it("leaves a text that fits on one line as the visual order of its words", () => {
    expect(wrapRightToLeft(ARABIC, 100, measure)).toBe(visualWordOrder(ARABIC));
  });

  it("gives a word wider than the line a line of its own", () => {
    expect(wrapRightToLeft("a bbbbbb c", 3, measure)).toBe("a\nbbbbbb\nc");
  });
});
