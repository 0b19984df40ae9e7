import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBoardPack, catalogInitiatives, en, score } from "@cxprism/core";
import { beforeAll, describe, expect, it } from "vitest";
import { samplePack, WORLD_NAMES } from "./fixture.test-helpers.js";
import { loadPackFonts, type PackFonts } from "./fonts.js";
import { renderBoardPackPdf } from "./pdf.js";

const dir = mkdtempSync(join(tmpdir(), "cxprism-pdf-"));
let fonts: PackFonts;
beforeAll(async () => {
  fonts = await loadPackFonts();
});

function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

/**
 * Poppler extracts Arabic in visual order and gives the lam-alef ligature back as alef then lam: compare
 * Arabic names in that form, and ignore the bidi marks it adds and line breaks inside long names.
 */
function normalise(text: string): string {
  return text
    .replace(/[\u200e\u200f\u202a-\u202e]/g, "")
    .replace(/\u0644\u0627/g, "\u0627\u0644")
    .replace(/-?\s+/g, "");
}

describe("renderBoardPackPdf", () => {
  it("holds every initiative name as text, in Latin, Finnish, Russian and Arabic, without missing glyphs", async () => {
    const { pack, initiatives } = samplePack(22, "en");
    const text = pdfText(await renderBoardPackPdf(pack, { fonts }), "en22.pdf");
    const flat = normalise(text);
    for (const initiative of initiatives) expect(flat).toContain(normalise(initiative.name));
    for (const name of WORLD_NAMES.slice(0, 2)) expect(text.replace(/\s+/g, " ")).toContain(name);
    expect(text).not.toContain("\uFFFD");
    const fontsUsed = execFileSync("pdffonts", [join(dir, "en22.pdf")], { encoding: "utf8" });
    expect(fontsUsed).toMatch(/DejaVuSans\s.*yes\s+yes/);
  });

  it.each([
    ["a4", /Page size:\s+595\.28 x 841\.89 pts/],
    ["letter", /Page size:\s+612 x 792 pts/],
  ] as const)("lays out on %s paper", async (paper, size) => {
    const { pack } = samplePack(22, "de");
    const file = join(dir, `de-${paper}.pdf`);
    writeFileSync(file, await renderBoardPackPdf(pack, { fonts, paper }));
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(size);
  });

  it("wraps a long Arabic name line by line in reading order, starting at the right", async () => {
    const name = "مساعد افتراضي ذكي لخدمة العملاء عبر جميع القنوات الرقمية والصوتية في مراكز الاتصال";
    const initiatives = catalogInitiatives()
      .slice(0, 3)
      .map((initiative, i) => ({ ...initiative, dependsOn: [], name: i === 0 ? name : initiative.name }));
    const pack = buildBoardPack({
      results: score(initiatives),
      date: "2026-11-30",
      messages: en,
      initiatives,
    });
    const file = join(dir, "arabic.pdf");
    writeFileSync(file, await renderBoardPackPdf(pack, { fonts }));
    const bbox = execFileSync("pdftotext", ["-enc", "UTF-8", "-bbox", file, "-"], { encoding: "utf8" });
    // Poppler gives each Arabic word in visual order and its lam-alef ligature unreversed: words are matched
    // by their letters, whatever the order. The last occurrence is the appendix table's.
    const letters = (word: string) => [...word].sort().join("");
    const boxes = new Map<string, { y: number; right: number }>();
    for (const match of bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]+)</g))
      boxes.set(letters(match[3]!), { y: Number(match[1]), right: Number(match[2]) });
    const placed = name.split(" ").map((word) => boxes.get(letters(word))!);
    expect(placed.every((box) => box !== undefined)).toBe(true);
    const lines = new Set(placed.map((box) => box.y)).size;
    expect(lines).toBeGreaterThan(1);
    // Lines in reading order: no word is on an earlier line than the one before it. (Within a line Poppler's
    // word boxes do not follow the drawn order of right-to-left glyphs, so they are checked by eye instead.)
    for (let i = 1; i < placed.length; i++) expect(placed[i]!.y).toBeGreaterThanOrEqual(placed[i - 1]!.y);
    // Each line of the name ends at the same right edge: a right-to-left paragraph.
    const rightEdges = new Map<number, number>();
    for (const box of placed) rightEdges.set(box.y, Math.max(rightEdges.get(box.y) ?? 0, box.right));
    const edges = [...rightEdges.values()].sort((a, b) => a - b);
    expect(edges.at(-1)! - edges[0]!).toBeLessThan(0.5);
  });

  it("starts every page with its section's heading, marked as continued on the pages after the first", async () => {
    const { pack } = samplePack(150, "en");
    const pages = pdfText(await renderBoardPackPdf(pack, { fonts }), "en150.pdf")
      .split("\f")
      .filter((page) => page.trim() !== "");
    const headings = pack.sections.map((section) => section.heading);
    const firstLines = pages.slice(1).map((page) => page.trim().split("\n")[0]!.trim());
    // Some section runs over several pages with lists, not only tables, at this size.
    expect(firstLines.filter((line) => line.endsWith(" (…)")).length).toBeGreaterThan(pages.length / 3);
    for (const line of firstLines)
      expect(headings.includes(line) || headings.some((heading) => line === `${heading} (…)`), line).toBe(
        true,
      );
  });

  it("gives byte-identical files for the same pack and date", async () => {
    const { pack } = samplePack(60, "de");
    const first = await renderBoardPackPdf(pack, { fonts });
    const second = await renderBoardPackPdf(pack, { fonts });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});
