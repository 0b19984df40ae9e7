import { OKABE_ITO } from "@cxprism/core/matrix";

/**
 * One type scale and one palette for both renderers, in points. The accent colours are the matrix's
 * colour-blind-safe Okabe-Ito palette, so the pack and its matrix read as one document.
 */
export const TYPE = {
  title: 26,
  subtitle: 14,
  heading: 18,
  lead: 12,
  body: 10,
  table: 8.5,
  small: 7.5,
} as const;

/** Colours as `RRGGBB` (pptxgenjs) and `#RRGGBB` (pdfkit) are derived from these. */
export const PALETTE = {
  text: "#1B1F2A",
  muted: "#5A6172",
  rule: "#D5D9E2",
  headerFill: "#E8EEF6",
  zebra: "#F6F7FA",
  accent: OKABE_ITO[0],
  accentWarm: OKABE_ITO[1],
} as const;

/** The font family name the renderers register and reference: DejaVu Sans covers Latin, Cyrillic and Arabic. */
export const FONT_FAMILY = "DejaVu Sans";
