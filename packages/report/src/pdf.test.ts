import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("gives byte-identical files for the same pack and date", async () => {
    const { pack } = samplePack(60, "de");
    const first = await renderBoardPackPdf(pack, { fonts });
    const second = await renderBoardPackPdf(pack, { fonts });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});
