import { Resvg } from "@resvg/resvg-js";

/**
 * Renders an SVG document as PNG with resvg (native, Node only: the worker never imports this file).
 * Text uses the machine's fonts; the matrix names generic families, so any sans-serif font serves.
 *
 * @param svg - the SVG document
 * @param scale - pixels per SVG pixel (1 = the SVG's own size)
 * @returns the PNG bytes
 */
export function renderPngWithResvg(svg: string, scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
