import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
// Relative, not "@cxprism/core": vitest's SSR resolution does not apply the @cxprism/source condition, so the
// package name would resolve to dist/ and test a stale build.
import { estimateTextWidth, renderMatrixSvg } from "../../packages/core/src/entries/matrix.js";
import { catalogInitiatives, score } from "../../packages/core/src/index.js";

const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const example = score(catalogInitiatives());

/** Width and height from a PNG's IHDR chunk (bytes 16-23), read from the file itself rather than from resvg. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("the matrix as PNG (resvg)", () => {
  it.each([
    ["light", 1, 960, 680],
    ["dark", 2, 1920, 1360],
  ] as const)("renders the example portfolio (%s) at scale %d to %dx%d", (theme, scale, width, height) => {
    const svg = renderMatrixSvg(example, { theme });
    const rendered = new Resvg(svg, {
      font: { loadSystemFonts: true },
      fitTo: { mode: "zoom", value: scale },
    }).render();
    const png = rendered.asPng();
    expect(pngSize(png)).toEqual({ width, height });
    // Not blank: the top-left pixel is the theme's background, and the first marker's centre is its colour.
    const pixel = (x: number, y: number): number[] => [
      ...rendered.pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 3),
    ];
    expect(pixel(2, 2)).toEqual(theme === "light" ? [255, 255, 255] : [0x14, 0x16, 0x1d]);
    const marker = /<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="#([0-9A-F]{6})"/.exec(svg)!;
    const [r, g, b] = pixel(Math.round(Number(marker[1]) * scale), Math.round(Number(marker[2]) * scale));
    const expected = Number.parseInt(marker[3]!, 16);
    // Marker fill is 88% opaque over the bands, so allow some blending.
    expect(Math.abs(r! - (expected >> 16))).toBeLessThan(40);
    expect(Math.abs(g! - ((expected >> 8) & 255))).toBeLessThan(40);
    expect(Math.abs(b! - (expected & 255))).toBeLessThan(40);
  });

  // The width estimator must never under-measure what is drawn, or placed labels could overlap in the PNG.
  it
    .skipIf(!existsSync(DEJAVU))
    .each([
      "Agent scheduling and load forecasting",
      "Voice-of-customer text analytics",
      "WWW MMM @@@ %%% mmm",
      "Äänestys-analytiikka ja älykäs reititys",
      "Голосовой помощник для клиентов",
      "Щит и Жук: защита от мошенничества",
      "المساعد الافتراضي للعملاء",
      "ניתוב חכם של שיחות",
    ])("estimates at least the drawn width of %s in DejaVu Sans", (text) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="60"><text x="10" y="40" font-size="20" font-family="DejaVu Sans">${text}</text></svg>`;
    const resvg = new Resvg(svg, {
      font: { fontFiles: [DEJAVU], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    });
    const drawn = resvg.innerBBox()!.width;
    const estimated = estimateTextWidth(text, 20);
    expect(estimated).toBeGreaterThanOrEqual(drawn);
    expect(estimated).toBeLessThan(drawn * 1.35);
  });
});
