import type { BoardPack, FigureBlock, PackBlock, PackSection, TableBlock } from "@cxprism/core";
import JSZip from "jszip";
import pptxgen from "pptxgenjs";
import { FONT_FAMILY, PALETTE, TYPE } from "./style.js";

/** Options of {@link renderBoardPackPptx}. */
export interface PptxOptions {
  /**
   * Turns a figure's SVG into PNG bytes at the given pixel width (the CLI and the API use resvg). Slides
   * carry the picture as PNG because PowerPoint's SVG support needs a PNG fallback anyway.
   */
  readonly rasterise: (svg: string, width: number) => Promise<Uint8Array> | Uint8Array;
}

const SLIDE = { width: 13.333, height: 7.5 } as const;
const MARGIN = 0.5;
const TOP = 1.25;
const BOTTOM = 7.0;
const CONTENT_WIDTH = SLIDE.width - 2 * MARGIN;
const hex = (colour: string): string => colour.replace("#", "");

// The package's types are written as CommonJS while its "import" entry is an ES module whose default export
// is the class itself.
const PptxGenJS = pptxgen as unknown as typeof pptxgen.default;
type PptxGenJS = InstanceType<typeof pptxgen.default>;
type Slide = pptxgen.default.Slide;
type TextProps = pptxgen.default.TextProps;

/**
 * Renders a board pack as an editable PowerPoint deck (16:9): a title slide, then one slide per section with
 * real text boxes and tables (long tables continue on further slides with their header repeated), and the
 * matrix and roadmap as pictures with their description as alt text and beside them. The same pack gives
 * the same bytes: document dates and file times in the zip are the pack's date.
 *
 * @param pack - the output of `buildBoardPack`
 * @param options - how to rasterise the figures
 * @returns the PPTX bytes
 */
export async function renderBoardPackPptx(pack: BoardPack, options: PptxOptions): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = pack.title;
  pptx.subject = pack.subtitle;
  pptx.author = "cxprism";
  pptx.company = "cxprism";
  pptx.rtlMode = pack.direction === "rtl";
  pptx.theme = { headFontFace: FONT_FAMILY, bodyFontFace: FONT_FAMILY };
  const title = pptx.addSlide();
  title.addText(
    [
      {
        text: pack.title,
        options: { fontSize: TYPE.title + 10, bold: true, color: hex(PALETTE.text), breakLine: true },
      },
      {
        text: pack.subtitle,
        options: { fontSize: TYPE.subtitle + 4, color: hex(PALETTE.muted), breakLine: true },
      },
      ...(pack.byline === undefined
        ? []
        : [{ text: pack.byline, options: { fontSize: TYPE.lead, color: hex(PALETTE.muted) } }]),
    ],
    { x: MARGIN, y: 2.2, w: CONTENT_WIDTH, h: 2.6, fontFace: FONT_FAMILY, valign: "middle" },
  );
  title.addShape(pptx.ShapeType.rect, {
    x: MARGIN,
    y: 4.9,
    w: 1.4,
    h: 0.08,
    fill: { color: hex(PALETTE.accent) },
  });
  for (const section of pack.sections) await addSection(pptx, section, options);
  const bytes = (await pptx.write({ outputType: "uint8array" })) as Uint8Array;
  return fixTimestamps(bytes, pack.date);
}

async function addSection(pptx: PptxGenJS, section: PackSection, options: PptxOptions): Promise<void> {
  let slide = newSlide(pptx, section.heading);
  let y = TOP;
  let texts: PackBlock[] = [];
  const flushText = (): void => {
    if (texts.length === 0) return;
    const height = textHeight(texts);
    if (y + height > BOTTOM && y > TOP) {
      slide = newSlide(pptx, section.heading);
      y = TOP;
    }
    slide.addText(textRuns(texts), {
      x: MARGIN,
      y,
      w: CONTENT_WIDTH,
      h: Math.min(height, BOTTOM - y),
      fontFace: FONT_FAMILY,
      valign: "top",
      fit: "shrink",
    });
    y += height + 0.15;
    texts = [];
  };
  for (const block of section.blocks) {
    if (block.kind === "paragraph" || block.kind === "bullets") {
      texts.push(block);
      continue;
    }
    // A heading line stays with the table it introduces: move both when the table's start would not fit.
    if (
      block.kind === "table" &&
      y > TOP &&
      y + textHeight(texts) + Math.min(tableHeight(block), 1.5) > BOTTOM
    ) {
      slide = newSlide(pptx, section.heading);
      y = TOP;
    }
    flushText();
    if (y > TOP + 0.01 && (block.kind === "figure" || y > BOTTOM - 1.2)) {
      slide = newSlide(pptx, section.heading);
      y = TOP;
    }
    if (block.kind === "table") {
      // Paged here rather than by pptxgenjs, whose estimate of row heights let the last rows run off the
      // slide: each slide takes the rows that fit, under a repeated header, and the continuation slides carry
      // the section's heading marked as continued.
      for (const [index, rows] of pageTableRows(block, BOTTOM - y, BOTTOM - TOP).entries()) {
        if (index > 0) {
          slide = newSlide(pptx, `${section.heading} (…)`);
          y = TOP;
        }
        if (rows.length === 0) continue;
        const page = { ...block, rows };
        addTable(slide, page, y);
        y += tableHeight(page) + 0.25;
      }
      if (y + 0.3 >= BOTTOM) {
        slide = newSlide(pptx, section.heading);
        y = TOP;
      }
    } else {
      await addFigure(slide, block, options);
      y = BOTTOM;
    }
  }
  flushText();
  removeEmptyLast(pptx, slide, y);
}

function newSlide(pptx: PptxGenJS, heading: string): Slide {
  const slide = pptx.addSlide();
  addHeading(slide, heading);
  return slide;
}

function addHeading(slide: Slide, heading: string): void {
  slide.addText(heading, {
    x: MARGIN,
    y: 0.35,
    w: CONTENT_WIDTH,
    h: 0.7,
    fontFace: FONT_FAMILY,
    fontSize: TYPE.heading + 8,
    bold: true,
    color: hex(PALETTE.text),
  });
  slide.addShape("rect", { x: MARGIN, y: 1.02, w: 0.9, h: 0.05, fill: { color: hex(PALETTE.accent) } });
}

/** pptxgenjs cannot remove a slide; an empty trailing one is avoided by tracking whether anything was added. */
function removeEmptyLast(pptx: PptxGenJS, slide: Slide, y: number): void {
  if (y > TOP) return;
  const slides = (pptx as unknown as { _slides: Slide[] })._slides;
  if (slides.at(-1) === slide) slides.pop();
}

function textRuns(blocks: readonly PackBlock[]): TextProps[] {
  const runs: TextProps[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      runs.push({
        text: block.text,
        options: {
          fontSize:
            block.style === "lead" ? TYPE.lead + 4 : block.style === "note" ? TYPE.body + 1 : TYPE.body + 4,
          bold: block.style === "lead",
          color: hex(block.style === "note" ? PALETTE.muted : PALETTE.text),
          breakLine: true,
          paraSpaceAfter: 6,
        },
      });
    } else if (block.kind === "bullets") {
      for (const item of block.items) {
        runs.push({
          text: item,
          options: {
            fontSize: TYPE.body + 4,
            color: hex(PALETTE.text),
            bullet: true,
            breakLine: true,
            paraSpaceAfter: 4,
          },
        });
      }
    }
  }
  return runs;
}

/** Inches a run of text blocks takes, estimated from characters per line at its size. */
function textHeight(blocks: readonly PackBlock[]): number {
  let inches = 0;
  for (const block of blocks) {
    const items = block.kind === "paragraph" ? [block.text] : block.kind === "bullets" ? block.items : [];
    const size = block.kind === "paragraph" && block.style === "lead" ? TYPE.lead + 4 : TYPE.body + 4;
    const perLine = (CONTENT_WIDTH * 72) / (size * 0.55);
    for (const item of items) inches += (Math.ceil(item.length / perLine) * size * 1.35 + 6) / 72;
  }
  return inches + 0.1;
}

/** Inches a table takes, estimated from characters per line in each column (erring tall). */
/** A row's height in inches, from the characters that fit a line of each column (an upper estimate). */
function rowHeights(table: TableBlock): (cells: readonly string[]) => number {
  const size = TYPE.table + 1.5;
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const perLine = table.columns.map((column) => ((column.width / total) * CONTENT_WIDTH * 72) / (size * 0.6));
  return (cells) =>
    (cells.reduce((lines, cell, i) => Math.max(lines, Math.ceil(Math.max(1, cell.length) / perLine[i]!)), 1) *
      size *
      1.3 +
      6) /
    72;
}

function tableHeight(table: TableBlock): number {
  const rowHeight = rowHeights(table);
  return (
    rowHeight(table.columns.map((column) => column.label)) +
    table.rows.reduce((sum, row) => sum + rowHeight(row), 0)
  );
}

/** The fewest rows a table starts or ends with on a slide of its own, when it has that many. */
const MIN_ROWS_PER_SLIDE = 3;

/**
 * Splits a table's rows into slides: the first takes what fits in `first` inches (none when not even a few
 * rows fit, so the table starts on the next slide), each further one what fits in `full`, every slide under
 * the repeated header. No slide is left with fewer than {@link MIN_ROWS_PER_SLIDE} rows when the table has
 * more, and no row is ever dropped.
 *
 * @returns the rows of each slide, in order; the first entry may be empty
 */
function pageTableRows(table: TableBlock, first: number, full: number): (readonly string[])[][] {
  const rowHeight = rowHeights(table);
  const header = rowHeight(table.columns.map((column) => column.label));
  const pages: (readonly string[])[][] = [[]];
  let room = first - header;
  for (const row of table.rows) {
    const height = rowHeight(row);
    const page = pages.at(-1)!;
    // A full slide, or a first slide without room for even one row (the table then starts on the next).
    if (height > room && (page.length > 0 || pages.length === 1)) {
      pages.push([row]);
      room = full - header - height;
    } else {
      page.push(row);
      room -= height;
    }
  }
  // A first slide with only a couple of rows gives them to the next slide; a last one with only a couple
  // takes some from the slide before.
  if (pages.length > 1 && pages[0]!.length < MIN_ROWS_PER_SLIDE) {
    pages[1] = pages[0]!.concat(pages[1]!);
    pages[0] = [];
  }
  const n = pages.length;
  if (n > 1 && pages[n - 1]!.length < MIN_ROWS_PER_SLIDE && pages[n - 2]!.length > MIN_ROWS_PER_SLIDE) {
    const before = pages[n - 2]!;
    const moved = Math.min(MIN_ROWS_PER_SLIDE - pages[n - 1]!.length, before.length - MIN_ROWS_PER_SLIDE);
    pages[n - 1] = before.slice(before.length - moved).concat(pages[n - 1]!);
    pages[n - 2] = before.slice(0, before.length - moved);
  }
  return pages;
}

function addTable(slide: Slide, table: TableBlock, y: number): void {
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const header = table.columns.map((column) => ({
    text: column.label,
    options: {
      bold: true,
      fill: { color: hex(PALETTE.headerFill) },
      align: column.align === "end" ? "right" : "left",
    } as const,
  }));
  const rows = table.rows.map((row, index) =>
    row.map((cell, i) => ({
      text: cell,
      options: {
        align: table.columns[i]!.align === "end" ? ("right" as const) : ("left" as const),
        ...(index % 2 === 1 ? { fill: { color: hex(PALETTE.zebra) } } : {}),
      },
    })),
  );
  slide.addTable([header, ...rows], {
    x: MARGIN,
    y,
    w: CONTENT_WIDTH,
    colW: table.columns.map((column) => (column.width / total) * CONTENT_WIDTH),
    fontFace: FONT_FAMILY,
    fontSize: TYPE.table + 1.5,
    color: hex(PALETTE.text),
    border: { type: "solid", pt: 0.5, color: hex(PALETTE.rule) },
    margin: 0.04,
    valign: "top",
  });
}

async function addFigure(slide: Slide, figure: FigureBlock, options: PptxOptions): Promise<void> {
  const png = await options.rasterise(figure.svg, figure.width * 2);
  const maxWidth = figure.figure === "matrix" ? 8.4 : CONTENT_WIDTH * 0.66;
  const scale = Math.min(maxWidth / figure.width, (BOTTOM - TOP) / figure.height);
  const w = figure.width * scale;
  const h = figure.height * scale;
  slide.addImage({
    data: `image/png;base64,${toBase64(png)}`,
    x: MARGIN,
    y: TOP,
    w,
    h,
    altText: figure.description,
  });
  slide.addText(figure.description, {
    x: MARGIN + w + 0.25,
    y: TOP,
    w: CONTENT_WIDTH - w - 0.25,
    h: BOTTOM - TOP,
    fontFace: FONT_FAMILY,
    fontSize: TYPE.small + 1,
    color: hex(PALETTE.muted),
    valign: "top",
    fit: "shrink",
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Sets the document's dates and every zip entry's time to the pack's date, so output is byte-identical. */
async function fixTimestamps(bytes: Uint8Array, date: string): Promise<Uint8Array> {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const stamp = Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
  const iso = stamp.toISOString().replace(/\.\d{3}Z$/, "Z");
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file("docProps/core.xml")?.async("string");
  if (core !== undefined) {
    zip.file("docProps/core.xml", core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${iso}`));
  }
  // Zip entries store local wall-clock time: shift so every time zone writes the same bytes.
  const local = new Date(stamp.getTime() + stamp.getTimezoneOffset() * 60_000);
  const names = Object.keys(zip.files).sort();
  const out = new JSZip();
  for (const name of names) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date: local, createFolders: false });
  }
  return out.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "UNIX",
  });
}
