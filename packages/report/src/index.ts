/**
 * The cxprism board pack as PPTX and PDF. Core's `buildBoardPack` assembles the document (pure, no
 * dependencies); this package lays it out with pptxgenjs and pdfkit, which are too heavy for core's users.
 *
 * @packageDocumentation
 */

export { type DirectionRun, directionRuns } from "./direction-runs.js";
export { loadPackFonts, type PackFonts } from "./fonts.js";
export { type PdfOptions, renderBoardPackPdf } from "./pdf.js";
export { type PptxOptions, renderBoardPackPptx } from "./pptx.js";
export { FONT_FAMILY, PALETTE, TYPE } from "./style.js";
