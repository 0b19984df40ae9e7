import { describe, expect, it } from "vitest";
import { escapeXml } from "./xml.js";

describe("escapeXml", () => {
  it.each([
    [`R&D <"pilot"> 'x'`, "R&amp;D &lt;&quot;pilot&quot;&gt; &apos;x&apos;"],
    ["tab\tand\nnewline", "tab\tand\nnewline"],
    ["bell\u0007", "bell\uFFFD"],
    ["lone \uD800 high", "lone \uFFFD high"],
    ["lone \uDC00 low", "lone \uFFFD low"],
    ["pair 🙂", "pair 🙂"],
    ["\uFFFE", "\uFFFD"],
  ])("escapes %j", (text, expected) => {
    expect(escapeXml(text)).toBe(expected);
  });
});
