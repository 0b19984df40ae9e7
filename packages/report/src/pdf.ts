import type { BoardPack, FigureBlock, PackBlock, TableBlock } from "@cxprism/core";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { directionRuns, visualWordOrder, wrapRightToLeft } from "./direction-runs.js";
import type { PackFonts } from "./fonts.js";
import { PALETTE, TYPE } from "./style.js";

/** Options of {@link renderBoardPackPdf}. */
export interface PdfOptions {
  /** `a4` (default) or `letter`. */
  readonly paper?: "a4" | "letter";
  /** The font (see `loadPackFonts`). */
  readonly fonts: PackFonts;
}

const MARGIN = 50;
const REGULAR = "pack-regular";
const BOLD = "pack-bold";
const CELL_PAD = 4;
// Arabic joining forms and the required lam-alef ligature, laid out over a whole run (see drawText).
const RTL_FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = ["isol", "init", "medi", "fina", "rlig", "ccmp"];

type Doc = PDFKit.PDFDocument;

/**
 * Renders a board pack as PDF: a title page with the summary, then one page (or more) per section; tables
 * wrap every cell and repeat their header on each page; the matrix and roadmap are drawn as vectors from their
 * SVG, followed by their description in words. Text is real text in an embedded, subset DejaVu Sans, so it can
 * be searched and copied in Latin, Cyrillic and Arabic; right-to-left runs are shaped and ordered. The same
 * pack and fonts give the same bytes: the document's dates are the pack's date.
 *
 * @param pack - the output of `buildBoardPack`
 * @param options - paper size and fonts
 * @returns the PDF bytes
 */
export async function renderBoardPackPdf(pack: BoardPack, options: PdfOptions): Promise<Uint8Array> {
  const date = new Date(`${pack.date.slice(0, 10)}T00:00:00Z`);
  const stamp = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const doc = new PDFDocument({
    size: options.paper === "letter" ? "LETTER" : "A4",
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: pack.lang,
    displayTitle: true,
    info: {
      Title: pack.title,
      Subject: pack.subtitle,
      Creator: "cxprism",
      Producer: "cxprism",
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  doc.registerFont(REGULAR, Buffer.from(options.fonts.regular));
  doc.registerFont(BOLD, Buffer.from(options.fonts.bold));
  const chunks: Uint8Array[] = [];
  doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));

  const width = doc.page.width - 2 * MARGIN;
  drawText(doc, pack.title, { font: BOLD, size: TYPE.title, width });
  doc.moveDown(0.2);
  drawText(doc, pack.subtitle, { size: TYPE.subtitle, width, color: PALETTE.muted });
  if (pack.byline !== undefined) drawText(doc, pack.byline, { size: TYPE.body, width, color: PALETTE.muted });
  doc.moveDown(1);
  pack.sections.forEach((section, index) => {
    if (index > 0) doc.addPage();
    drawHeading(doc, section.heading, width);
    for (const block of section.blocks) drawBlock(doc, block, width, section.heading);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - MARGIN / 2 - TYPE.small;
    // Writing below the bottom margin would start a new page: lift the margin while writing the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(TYPE.small)
      .fillColor(PALETTE.muted)
      .text(`${pack.title} · ${pack.subtitle}`, MARGIN, bottom, { width: width * 0.8, lineBreak: false });
    doc.text(`${i + 1} / ${range.count}`, MARGIN, bottom, { width, align: "right", lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  await done;
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

interface TextStyle {
  readonly font?: string;
  readonly size: number;
  readonly width: number;
  readonly color?: string;
  readonly x?: number;
  readonly y?: number;
  readonly align?: "left" | "right";
}

/** Draws text run by run, so right-to-left names inside a sentence are shaped and ordered on their own. */
function drawText(doc: Doc, text: string, style: TextStyle): void {
  doc
    .font(style.font ?? REGULAR)
    .fontSize(style.size)
    .fillColor(style.color ?? PALETTE.text);
  const runs = directionRuns(layoutText(doc, text, style.width));
  // A wholly right-to-left text is a right-to-left paragraph (Unicode's bidi rule P2): it starts at the right.
  const rtlParagraph = runs.length === 1 && runs[0]!.rtl;
  const align = style.align ?? (rtlParagraph ? "right" : "left");
  const options = { width: style.width, align, lineGap: style.size * 0.25 };
  runs.forEach((run, i) => {
    const continued = i < runs.length - 1;
    const text = run.rtl && !run.text.includes("\n") ? visualWordOrder(run.text) : run.text;
    const runOptions = run.rtl
      ? { ...options, continued, features: RTL_FEATURES }
      : { ...options, continued };
    if (i === 0 && style.x !== undefined) doc.text(text, style.x, style.y, runOptions);
    else doc.text(text, runOptions);
  });
}

/**
 * The text as it is handed to pdfkit: a wholly right-to-left text (an Arabic initiative name in a cell) is
 * broken into lines here, in logical order, each line then in visual order; anything else wraps in pdfkit.
 * Font and size must be set first.
 */
function layoutText(doc: Doc, text: string, width: number): string {
  const runs = directionRuns(text);
  if (runs.length !== 1 || !runs[0]!.rtl) return text;
  return wrapRightToLeft(text, width, (piece) => doc.widthOfString(piece, { features: RTL_FEATURES }));
}

function textHeight(doc: Doc, text: string, font: string, size: number, width: number): number {
  doc.font(font).fontSize(size);
  return doc.heightOfString(layoutText(doc, text, width), { width, lineGap: size * 0.25 });
}

function room(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

function drawHeading(doc: Doc, heading: string, width: number): void {
  drawText(doc, heading, { font: BOLD, size: TYPE.heading, width, color: PALETTE.text, x: MARGIN });
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + 60, y)
    .lineWidth(2)
    .strokeColor(PALETTE.accent)
    .stroke();
  doc.y = y + 10;
}

/**
 * Starts a new page inside a section: its heading, muted and marked as continued, goes first, so a page
 * read on its own still says what it is part of.
 */
function continueOnNewPage(doc: Doc, heading: string, width: number): void {
  doc.addPage();
  drawText(doc, `${heading} (…)`, { font: BOLD, size: TYPE.body, width, x: MARGIN, color: PALETTE.muted });
  doc.moveDown(0.3);
}

function drawBlock(doc: Doc, block: PackBlock, width: number, heading: string): void {
  switch (block.kind) {
    case "paragraph": {
      const size = block.style === "lead" ? TYPE.lead : block.style === "note" ? TYPE.small + 1 : TYPE.body;
      const font = block.style === "lead" ? BOLD : REGULAR;
      if (room(doc) < textHeight(doc, block.text, font, size, width) + 20)
        continueOnNewPage(doc, heading, width);
      drawText(doc, block.text, {
        font,
        size,
        width,
        x: MARGIN,
        color: block.style === "note" ? PALETTE.muted : PALETTE.text,
      });
      doc.moveDown(0.6);
      return;
    }
    case "bullets":
      for (const item of block.items) {
        if (room(doc) < textHeight(doc, item, REGULAR, TYPE.body, width - 14) + 8)
          continueOnNewPage(doc, heading, width);
        const y = doc.y;
        doc
          .circle(MARGIN + 4, y + TYPE.body * 0.55, 1.8)
          .fillColor(PALETTE.accent)
          .fill();
        drawText(doc, item, { size: TYPE.body, width: width - 14, x: MARGIN + 14, y });
        doc.moveDown(0.35);
      }
      doc.moveDown(0.4);
      return;
    case "table":
      drawTable(doc, block, width, heading);
      return;
    case "figure":
      drawFigure(doc, block, width, heading);
  }
}

function drawTable(doc: Doc, table: TableBlock, width: number, heading: string): void {
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = fitColumns(
    doc,
    table.columns.map((column) => (column.width / total) * width),
    table.columns.map((column) => column.label),
  );
  const rowHeight = (cells: readonly string[], font: string): number =>
    cells.reduce(
      (tallest, cell, i) =>
        Math.max(tallest, textHeight(doc, cell, font, TYPE.table, widths[i]! - 2 * CELL_PAD)),
      0,
    ) +
    2 * CELL_PAD;
  const drawRow = (cells: readonly string[], font: string, fill: string | undefined): void => {
    const height = rowHeight(cells, font);
    const top = doc.y;
    if (fill !== undefined) doc.rect(MARGIN, top, width, height).fillColor(fill).fill();
    let x = MARGIN;
    cells.forEach((cell, i) => {
      drawText(doc, cell, {
        font,
        size: TYPE.table,
        width: widths[i]! - 2 * CELL_PAD,
        x: x + CELL_PAD,
        y: top + CELL_PAD,
        // Text columns start where the cell's own text direction starts.
        ...(table.columns[i]!.align === "end" ? { align: "right" as const } : {}),
      });
      x += widths[i]!;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .lineWidth(0.5)
      .strokeColor(PALETTE.rule)
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  const header = table.columns.map((column) => column.label);
  const headerHeight = rowHeight(header, BOLD);
  let started = false;
  table.rows.forEach((row, index) => {
    const height = rowHeight(row, REGULAR);
    if (!started || room(doc) < height) {
      if (started || room(doc) < headerHeight + height) continueOnNewPage(doc, heading, width);
      drawRow(header, BOLD, PALETTE.headerFill);
      started = true;
    }
    drawRow(row, REGULAR, index % 2 === 1 ? PALETTE.zebra : undefined);
  });
  doc.moveDown(0.8);
}

function drawFigure(doc: Doc, figure: FigureBlock, width: number, heading: string): void {
  const scale = Math.min(width / figure.width, (doc.page.height - 2 * MARGIN - 80) / figure.height);
  const height = figure.height * scale;
  if (room(doc) < height + 20) continueOnNewPage(doc, heading, width);
  const top = doc.y;
  // svg-to-pdfkit only recognises the keyword `bold`, sizes the picture by its root width and height, and
  // lays text out word by word: right-to-left words go in visual order first.
  const svg = figure.svg
    .replace(/font-weight="(600|700)"/g, 'font-weight="bold"')
    .replace(
      /^(<svg[^>]*?) width="[\d.]+" height="[\d.]+"/,
      `$1 width="${figure.width * scale}" height="${height}"`,
    )
    .replace(
      /(<text[^>]*>)([^<]*)(<\/text>)/g,
      (_all, open: string, text: string, close: string) => open + svgWordOrder(text) + close,
    );
  SVGtoPDF(doc, svg, MARGIN, top, {
    width: figure.width * scale,
    height,
    assumePt: true,
    fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
    warningCallback: () => {},
  });
  doc.x = MARGIN;
  doc.y = top + height + 8;
  if (room(doc) < 40) continueOnNewPage(doc, heading, width);
  drawText(doc, figure.description, { size: TYPE.small, width, x: MARGIN, color: PALETTE.muted });
  doc.moveDown(0.8);
}

/** As {@link visualWordOrder}, plus a space after each right-to-left run: svg-to-pdfkit puts each word's
 * trailing space on its left once mirrored, so the last word needs one too. */
function svgWordOrder(text: string): string {
  return directionRuns(text)
    .map((run) => (run.rtl ? `${run.text.split(" ").reverse().join(" ")} ` : run.text))
    .join("");
}

/**
 * Widens columns whose header has a word wider than the column (a German "Machbarkeit" over a number
 * column), taking the room from the columns with the most to spare, so no header word is broken.
 */
function fitColumns(doc: Doc, widths: readonly number[], labels: readonly string[]): number[] {
  doc.font(BOLD).fontSize(TYPE.table);
  const needed = labels.map(
    (label) =>
      label.split(/\s+/).reduce((widest, word) => Math.max(widest, doc.widthOfString(word)), 0) +
      2 * CELL_PAD +
      1,
  );
  const out = [...widths];
  const deficit = out.reduce((sum, w, i) => sum + Math.max(0, needed[i]! - w), 0);
  if (deficit === 0) return out;
  const slack = out.map((w, i) => Math.max(0, w - needed[i]!));
  const spare = slack.reduce((sum, x) => sum + x, 0);
  if (spare <= deficit) return out;
  return out.map((w, i) => (w < needed[i]! ? needed[i]! : w - (slack[i]! / spare) * deficit));
}
