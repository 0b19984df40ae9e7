import type { BoardPack } from "@cxprism/core";
import { loadPackFonts, type PackFonts, renderBoardPackPdf, renderBoardPackPptx } from "@cxprism/report";
import type { ReportFormat } from "../routes/report.js";
import { renderPngWithResvg } from "./render-png.js";

let fonts: Promise<PackFonts> | undefined;

/**
 * Renders a board pack on Node: PDF with the bundled DejaVu Sans (read once), PPTX with resvg for the
 * pictures. The worker never imports this file.
 *
 * @param pack - the board pack
 * @param format - pdf or pptx
 * @param paper - the PDF's paper size
 * @returns the file's bytes
 */
export async function renderReportOnNode(
  pack: BoardPack,
  format: ReportFormat,
  paper: "a4" | "letter",
): Promise<Uint8Array> {
  if (format === "pdf") {
    fonts ??= loadPackFonts();
    return renderBoardPackPdf(pack, { paper, fonts: await fonts });
  }
  return renderBoardPackPptx(pack, {
    rasterise: (svg, width) =>
      renderPngWithResvg(svg, width / Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? width)),
  });
}
