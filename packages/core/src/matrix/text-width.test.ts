import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { codePointWidth, estimateTextWidth, isRightToLeft, truncateToWidth } from "./text-width.js";

describe("estimateTextWidth", () => {
  it("uses DejaVu Sans advance widths for ASCII (1255/2048 em for 'a', 651/2048 for a space)", () => {
    expect(estimateTextWidth("a", 2048)).toBeCloseTo(1255, 9);
    expect(estimateTextWidth(" ", 2048)).toBeCloseTo(651, 9);
    expect(estimateTextWidth("W", 2048)).toBeCloseTo(2025, 9);
  });

  it.each([
    ["empty", "", 0],
    ["combining acute alone", "\u0301", 0],
    ["zero-width joiner", "\u200d", 0],
    ["Arabic fatha", "\u064e", 0],
  ])("gives %s a width of 0", (_, text, expected) => {
    expect(estimateTextWidth(text, 12)).toBe(expected);
  });

  it("measures an accented letter by its base letter, composed or not", () => {
    expect(estimateTextWidth("é", 12)).toBeCloseTo(estimateTextWidth("e", 12), 9);
    expect(estimateTextWidth("e\u0301", 12)).toBeCloseTo(estimateTextWidth("e", 12), 9);
    expect(estimateTextWidth("Äänestys", 12)).toBeCloseTo(estimateTextWidth("Aanestys", 12), 9);
  });

  it.each([
    ["CJK ideograph", "客", 1],
    ["Hangul syllable", "한", 1],
    ["full-width A", "Ａ", 1],
    ["wide Cyrillic", "Ж", 1],
    ["emoji", "🙂", 1.15],
  ])("gives a %s its width in em", (_, text, em) => {
    expect(estimateTextWidth(text, 10)).toBeCloseTo(em * 10, 9);
  });

  it("makes bold 10% wider", () => {
    expect(estimateTextWidth("Agent assist", 12, { bold: true })).toBeCloseTo(
      1.1 * estimateTextWidth("Agent assist", 12),
      9,
    );
  });

  it("measures names in Latin, Cyrillic and Arabic at a plausible width (0.4-0.8 em per letter)", () => {
    for (const name of ["Knowledge search", "Голосовой помощник", "المساعد الافتراضي"]) {
      const perChar = estimateTextWidth(name, 1) / [...name].length;
      expect(perChar).toBeGreaterThan(0.3);
      expect(perChar).toBeLessThan(0.8);
    }
  });

  test.prop([fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" })])(
    "is additive and never negative",
    (a, b) => {
      expect(estimateTextWidth(a, 12)).toBeGreaterThanOrEqual(0);
      expect(estimateTextWidth(a + b, 12)).toBeCloseTo(
        estimateTextWidth(a, 12) + estimateTextWidth(b, 12),
        6,
      );
    },
  );

  test.prop([fc.integer({ min: 0, max: 0x10ffff })])("gives every code point a finite width", (c) => {
    const width = codePointWidth(c);
    expect(Number.isFinite(width)).toBe(true);
    expect(width).toBeGreaterThanOrEqual(0);
  });
});

describe("isRightToLeft", () => {
  it.each([
    ["Latin", "Agent assist", false],
    ["Cyrillic", "Анализ тональности", false],
    ["Arabic", "تحليل المشاعر", true],
    ["Hebrew", "ניתוב חכם", true],
    ["Arabic after digits", "24/7 مساعد", true],
    ["Latin before Arabic", "AI مساعد", false],
    ["no letters", "123", false],
  ])("%s: %s -> %s", (_, text, expected) => {
    expect(isRightToLeft(text)).toBe(expected);
  });
});

describe("truncateToWidth", () => {
  it("leaves a text that fits unchanged", () => {
    expect(truncateToWidth("Short", 200, 12)).toBe("Short");
  });

  it("shortens a long text with an ellipsis to within the width", () => {
    const text = truncateToWidth("Conversation summarisation and wrap-up", 100, 12);
    expect(text.endsWith("…")).toBe(true);
    expect(estimateTextWidth(text, 12)).toBeLessThanOrEqual(100);
  });

  it("keeps surrogate pairs whole", () => {
    const text = truncateToWidth("🙂🙂🙂🙂🙂🙂", 40, 12);
    expect([...text].every((char) => char === "🙂" || char === "…")).toBe(true);
  });
});
