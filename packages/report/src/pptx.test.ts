import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { samplePack } from "./fixture.test-helpers.js";
import { renderBoardPackPptx } from "./pptx.js";

const dir = mkdtempSync(join(tmpdir(), "cxprism-pptx-"));
const rasterise = (svg: string, width: number): Uint8Array =>
  new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();

describe("renderBoardPackPptx", () => {
  it("opens in LibreOffice with every section and every initiative name", { timeout: 180_000 }, async () => {
    const { pack, initiatives } = samplePack(22, "de");
    const file = join(dir, "pack.pptx");
    const bytes = await renderBoardPackPptx(pack, { rasterise });
    writeFileSync(file, bytes);
    const slides = Object.keys((await JSZip.loadAsync(bytes)).files).filter((name) =>
      /^ppt\/slides\/slide\d+\.xml$/.test(name),
    ).length;
    const profile = mkdtempSync(join(tmpdir(), "cxprism-soffice-"));
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, file],
      { stdio: "ignore", timeout: 170_000 },
    );
    const pdf = join(dir, "pack.pdf");
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(
      new RegExp(`Pages:\\s+${slides}\\n`),
    );
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    for (const section of pack.sections) expect(text).toContain(section.heading);
    for (const initiative of initiatives.filter((i) => !/[\u0600-\u06ff]/.test(i.name)))
      expect(text).toContain(initiative.name);
    // Nothing runs off a slide: every word lies within its page (a long table continues on the next slide).
    const boxes = execFileSync("pdftotext", ["-enc", "UTF-8", "-bbox", pdf, "-"], { encoding: "utf8" });
    const pageHeight = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(boxes)![1]);
    const bottoms = [...boxes.matchAll(/<word [^>]*yMax="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(bottoms.length).toBeGreaterThan(100);
    expect(bottoms.filter((bottom) => bottom > pageHeight)).toEqual([]);
    // The appendix lists every rating: each name once in each axis's table, besides the ranking.
    // (Compared without spaces and hyphens: a long name wraps inside its cell, and Poppler drops a hyphen
    // at a line break.)
    const appendix = text.slice(text.indexOf(pack.sections.at(-1)!.heading)).replace(/[\s-]+/g, "");
    for (const initiative of initiatives.filter((i) => !/[\u0600-\u06ff]/.test(i.name)))
      expect(
        appendix.split(initiative.name.replace(/[\s-]+/g, "")).length - 1,
        initiative.name,
      ).toBeGreaterThanOrEqual(2);
  });

  it("writes real text and tables, and the matrix with its description as alt text", async () => {
    const { pack } = samplePack(22, "en");
    const zip = await JSZip.loadAsync(await renderBoardPackPptx(pack, { rasterise }));
    const xml = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
        .map((name) => zip.file(name)!.async("string")),
    );
    const all = xml.join("\n");
    expect(all).toContain("<a:tbl>");
    expect(all).toContain("Ranking and what drives it");
    expect(all).toMatch(/descr="Scatter plot of 22 initiatives/);
  });

  it("gives byte-identical files for the same pack and date", async () => {
    const { pack } = samplePack(60, "en");
    const first = await renderBoardPackPptx(pack, { rasterise });
    const second = await renderBoardPackPptx(pack, { rasterise });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const core = await (await JSZip.loadAsync(first)).file("docProps/core.xml")!.async("string");
    expect(core).toContain("2026-11-30T00:00:00Z");
  });
});
