import { formatLocalNumber } from "../i18n/index.js";
import { QUADRANTS } from "../schema/model.js";
import { formatCompact, formatNumber as n } from "./format.js";
import {
  type KeyEntry,
  layoutMatrix,
  MATRIX_FONT,
  type MarkerLayout,
  type MatrixLayout,
  type TextItem,
} from "./layout.js";
import type { MatrixInput, MatrixOptions } from "./options.js";
import { estimateTextWidth, isRightToLeft } from "./text-width.js";
import { contrastingInk, type MatrixTheme, matrixTheme } from "./theme.js";
import { escapeXml } from "./xml.js";

/**
 * The fonts the matrix asks for; the width estimator errs towards the widest of them (DejaVu Sans). Names
 * are unquoted (valid CSS for multi-word names) because resvg ignores a quoted name after a missing one.
 */
export const MATRIX_FONT_FAMILY =
  "Inter, Segoe UI, Helvetica Neue, Helvetica, Arial, DejaVu Sans, Noto Sans, Noto Sans Arabic, sans-serif";

/**
 * Renders the prism matrix as a standalone SVG document: business value (y) against feasibility (x), both
 * 0-100; the four quadrants shaded and labelled at the model's thresholds; iso-priority bands for the
 * model's priority rule behind the points; one marker per initiative, its area proportional to its size
 * (cost by default) and its colour from the Okabe-Ito palette by category; labels placed without overlaps,
 * falling back to numbers and a key; legends, title and subtitle. Accessible: `<title>`, `<desc>`, and a
 * list of markers each with its own label for screen readers.
 *
 * Exact: the same input gives the same bytes; every number is rounded to 2 decimals; every text is escaped.
 *
 * @param results - scored initiatives, e.g. the output of `score`
 * @param options - size, theme, texts, model (thresholds, labels, priority rule), marker sizes
 * @returns the SVG document as a string
 * @throws {@link CxprismError} for scores outside 0-100, bad sizes or bad options
 * @example
 * import { catalogInitiatives, renderMatrixSvg, score } from "@cxprism/core";
 *
 * const svg = renderMatrixSvg(score(catalogInitiatives()), { theme: "dark", width: 1200, height: 800 });
 */
export function renderMatrixSvg(results: readonly MatrixInput[], options: MatrixOptions = {}): string {
  return drawMatrixSvg(layoutMatrix(results, options));
}

/**
 * Draws a layout made by {@link layoutMatrix} as SVG (for callers that adjust the layout first).
 *
 * @param layout - the layout
 * @returns the SVG document as a string
 */
export function drawMatrixSvg(layout: MatrixLayout): string {
  const { options, plot } = layout;
  const theme = matrixTheme(options.theme);
  const id = (name: string): string => `${options.idPrefix}-${name}`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(layout.width)}" height="${n(layout.height)}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" role="img" aria-labelledby="${id("title")} ${id("desc")}" font-family="${escapeXml(MATRIX_FONT_FAMILY)}">`,
    `<title id="${id("title")}">${escapeXml(options.title)}</title>`,
    `<desc id="${id("desc")}">${escapeXml(describeMatrix(layout))}</desc>`,
    `<defs><clipPath id="${id("plot")}"><rect x="${n(plot.x)}" y="${n(plot.y)}" width="${n(plot.width)}" height="${n(plot.height)}"/></clipPath></defs>`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
  );
  out.push(`<g aria-hidden="true">`);
  out.push(text(layout.title, MATRIX_FONT.title, theme.text, ' font-weight="700"'));
  if (layout.subtitle !== undefined) out.push(text(layout.subtitle, MATRIX_FONT.subtitle, theme.muted));
  drawPlot(out, layout, theme, id("plot"));
  out.push("</g>");
  drawMarkers(out, layout, theme);
  out.push(`<g aria-hidden="true">`);
  drawLabels(out, layout, theme);
  drawLegend(out, layout, theme);
  drawKey(out, layout, theme);
  out.push("</g>", "</svg>");
  return `${out.join("\n")}\n`;
}

function drawPlot(out: string[], layout: MatrixLayout, theme: MatrixTheme, clipId: string): void {
  const { plot, thresholds } = layout;
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  const win = layout.quadrants.find((quadrant) => quadrant.quadrant === "likely-win")!.box;
  out.push(
    `<rect x="${n(plot.x)}" y="${n(plot.y)}" width="${n(plot.width)}" height="${n(plot.height)}" fill="${theme.background}"/>`,
    `<rect x="${n(win.x)}" y="${n(win.y)}" width="${n(win.width)}" height="${n(win.height)}" fill="${theme.winFill}"/>`,
  );
  out.push(`<g clip-path="url(#${clipId})" fill="${theme.band}" fill-opacity="${theme.bandOpacity}">`);
  for (const band of layout.bands) out.push(`<path d="${polygonPath(band.polygon)}"/>`);
  out.push("</g>");
  const gridLines: string[] = [];
  for (const tick of layout.xTicks)
    gridLines.push(`M${n(layout.x(Number(tick.text)))} ${n(plot.y)}V${n(bottom)}`);
  for (const tick of layout.yTicks)
    gridLines.push(`M${n(plot.x)} ${n(layout.y(Number(tick.text)))}H${n(right)}`);
  out.push(`<path d="${gridLines.join("")}" stroke="${theme.grid}" stroke-width="1" fill="none"/>`);
  out.push(
    `<path d="M${n(thresholds.x)} ${n(plot.y)}V${n(bottom)}M${n(plot.x)} ${n(thresholds.y)}H${n(right)}" stroke="${theme.axis}" stroke-width="1.5" stroke-dasharray="6 4" fill="none"/>`,
    `<rect x="${n(plot.x)}" y="${n(plot.y)}" width="${n(plot.width)}" height="${n(plot.height)}" fill="none" stroke="${theme.axis}" stroke-width="1"/>`,
  );
  for (const tick of [...layout.xTicks, ...layout.yTicks])
    out.push(text(tick, MATRIX_FONT.tick, theme.muted));
  out.push(text(layout.xTitle, MATRIX_FONT.axisTitle, theme.text, ' font-weight="600"'));
  out.push(
    text(
      layout.yTitle,
      MATRIX_FONT.axisTitle,
      theme.text,
      ` font-weight="600" transform="rotate(-90 ${n(layout.yTitle.x)} ${n(layout.yTitle.y)})"`,
    ),
  );
  for (const quadrant of layout.quadrants) {
    if (quadrant.label === undefined) continue;
    out.push(
      text(
        quadrant.label,
        MATRIX_FONT.quadrant,
        theme.quadrantLabel,
        ' font-weight="700" letter-spacing="0"',
      ),
    );
  }
}

function drawMarkers(out: string[], layout: MatrixLayout, theme: MatrixTheme): void {
  out.push(`<g role="list" aria-label="${escapeXml(layout.options.messages.matrix.initiatives)}">`);
  // Big markers first, so small ones are never hidden under them; ties keep priority order.
  const order = [...layout.markers].sort((a, b) => b.r - a.r || a.number - b.number);
  for (const marker of order) {
    const colour = colourOf(marker, theme);
    const summary = describeMarker(marker, layout);
    const unsized = marker.point.size === undefined && layout.legend.size !== undefined;
    out.push(
      `<g role="listitem" aria-label="${escapeXml(summary)}">`,
      `<title>${escapeXml(summary)}</title>`,
      `<circle cx="${n(marker.cx)}" cy="${n(marker.cy)}" r="${n(marker.r)}" fill="${colour}" fill-opacity="${unsized ? 0.35 : 0.88}" stroke="${unsized ? colour : theme.background}" stroke-width="${unsized ? 1.25 : 1.5}"/>`,
    );
    out.push("</g>");
  }
  out.push("</g>");
}

function drawLabels(out: string[], layout: MatrixLayout, theme: MatrixTheme): void {
  const leaders = layout.markers.flatMap((marker) =>
    "leader" in marker.label && marker.label.leader !== undefined ? [marker.label.leader] : [],
  );
  if (leaders.length > 0)
    out.push(
      `<path d="${leaders.map((l) => `M${n(l.x1)} ${n(l.y1)}L${n(l.x2)} ${n(l.y2)}`).join("")}" stroke="${theme.muted}" stroke-width="1" fill="none"/>`,
    );
  for (const marker of layout.markers) {
    const label = marker.label;
    if (label.kind === "none") continue;
    if (label.kind === "inside") {
      // Drawn above every marker, so a neighbour drawn later cannot hide the number.
      const colour = colourOf(marker, theme);
      const size = Math.min(MATRIX_FONT.number, Math.max(7, marker.r * 1.1));
      out.push(
        `<text x="${n(marker.cx)}" y="${n(marker.cy + size * 0.35)}" font-size="${n(size)}" font-weight="700" fill="${contrastingInk(colour)}" text-anchor="middle">${marker.number}</text>`,
      );
      continue;
    }
    const { box, position } = label;
    const anchor =
      position.startsWith("E") || position === "NE" || position === "SE"
        ? "start"
        : position.startsWith("W") || position === "NW" || position === "SW"
          ? "end"
          : "middle";
    const x =
      anchor === "start" ? box.x + 1 : anchor === "end" ? box.x + box.width - 1 : box.x + box.width / 2;
    const size = label.kind === "name" ? MATRIX_FONT.label : MATRIX_FONT.number;
    const item: TextItem = { text: marker.labelText, x, y: box.y + box.height / 2 + size * 0.36, anchor };
    out.push(text(item, size, theme.text, label.kind === "number" ? ' font-weight="700"' : ""));
  }
}

function drawLegend(out: string[], layout: MatrixLayout, theme: MatrixTheme): void {
  const { legend } = layout;
  out.push(text(legend.categoryTitle, MATRIX_FONT.legendTitle, theme.text, ' font-weight="700"'));
  legend.categories.forEach((entry, index) => {
    out.push(
      `<circle cx="${n(entry.cx)}" cy="${n(entry.cy)}" r="5.5" fill="${theme.palette[index % theme.palette.length]}" stroke="${theme.background}" stroke-width="1"/>`,
      text(entry.text, MATRIX_FONT.legend, theme.text),
    );
  });
  if (legend.size !== undefined) {
    out.push(text(legend.size.title, MATRIX_FONT.legendTitle, theme.text, ' font-weight="700"'));
    for (const circle of legend.size.circles) {
      out.push(
        `<circle cx="${n(circle.cx)}" cy="${n(circle.cy)}" r="${n(circle.r)}" fill="none" stroke="${theme.muted}" stroke-width="1"/>`,
        `<path d="M${n(circle.cx)} ${n(circle.cy - circle.r)}H${n(circle.text.x - 4)}" stroke="${theme.muted}" stroke-width="0.75" stroke-dasharray="2 2"/>`,
        text(circle.text, MATRIX_FONT.legend, theme.text),
      );
    }
    const missing = legend.size.missing;
    if (missing !== undefined)
      out.push(
        `<circle cx="${n(missing.cx)}" cy="${n(missing.cy)}" r="${n(missing.r)}" fill="${theme.muted}" fill-opacity="0.35" stroke="${theme.muted}" stroke-width="1.25"/>`,
        text(missing.text, MATRIX_FONT.legend, theme.muted),
      );
  }
  out.push(text(legend.bandTitle, MATRIX_FONT.legendTitle, theme.text, ' font-weight="700"'));
  legend.bandSwatches.forEach((swatch, index) => {
    // Each swatch shows the stacked opacity of the bands at its level, as in the plot.
    const opacity = 1 - (1 - theme.bandOpacity) ** index;
    out.push(
      `<rect x="${n(swatch.x)}" y="${n(swatch.y)}" width="${n(swatch.width)}" height="${n(swatch.height)}" fill="${theme.background}"/>`,
      `<rect x="${n(swatch.x)}" y="${n(swatch.y)}" width="${n(swatch.width)}" height="${n(swatch.height)}" fill="${theme.band}" fill-opacity="${n(opacity, 3)}" stroke="${theme.grid}" stroke-width="0.5"/>`,
    );
  });
  for (const end of legend.bandScale) out.push(text(end, MATRIX_FONT.tick, theme.muted));
  for (const line of legend.bandCaption) out.push(text(line, MATRIX_FONT.legend, theme.muted));
  for (const line of legend.unlabelled ?? []) out.push(text(line, MATRIX_FONT.legend, theme.muted));
  if (legend.unrated !== undefined) {
    out.push(text(legend.unrated.title, MATRIX_FONT.legendTitle, theme.text, ' font-weight="700"'));
    out.push(text(legend.unrated.note, MATRIX_FONT.legend, theme.muted));
    for (const line of legend.unrated.lines) out.push(text(line, MATRIX_FONT.legend, theme.text));
  }
}

function drawKey(out: string[], layout: MatrixLayout, theme: MatrixTheme): void {
  if (layout.keyTitle === undefined) return;
  out.push(text(layout.keyTitle, MATRIX_FONT.legendTitle, theme.text, ' font-weight="700"'));
  for (const entry of layout.key) out.push(keyLine(entry, theme));
  if (layout.keyOverflow !== undefined) out.push(text(layout.keyOverflow, MATRIX_FONT.key, theme.muted));
}

function keyLine(entry: KeyEntry, theme: MatrixTheme): string {
  return `${text(entry.numberText, MATRIX_FONT.key, theme.text, ' font-weight="700"')}\n${text(entry.nameText, MATRIX_FONT.key, theme.text)}`;
}

/**
 * One `<text>` element. Right-to-left text (Arabic, Hebrew) gets `direction="rtl"` so its words and
 * punctuation are ordered correctly, and is always anchored at its middle: renderers disagree on whether
 * `text-anchor="start"` means the left or the right end of right-to-left text (browsers follow the text's
 * direction, resvg does not), while the middle is the middle in all of them. The layout's estimated width
 * finds that middle.
 */
function text(
  item: TextItem,
  size: number,
  fill: string,
  extra = "",
  bold = extra.includes('font-weight="7'),
): string {
  const rtl = isRightToLeft(item.text);
  let x = item.x;
  let anchor = item.anchor;
  if (rtl && anchor !== "middle") {
    const half = estimateTextWidth(item.text, size, { bold }) / 2;
    x = anchor === "start" ? x + half : x - half;
    anchor = "middle";
  }
  const direction = rtl ? ' direction="rtl" unicode-bidi="embed"' : "";
  const anchorAttribute = anchor === "start" ? "" : ` text-anchor="${anchor}"`;
  return `<text x="${n(x)}" y="${n(item.y)}" font-size="${size}" fill="${fill}"${anchorAttribute}${direction}${extra}>${escapeXml(item.text)}</text>`;
}

function polygonPath(points: readonly (readonly [number, number])[]): string {
  return `${points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${n(x)} ${n(y)}`).join("")}Z`;
}

function colourOf(marker: MarkerLayout, theme: MatrixTheme): string {
  return theme.palette[marker.category % theme.palette.length]!;
}

function describeMarker(marker: MarkerLayout, layout: MatrixLayout): string {
  const { input, size, priority } = marker.point;
  const words = layout.options.messages.matrix.words;
  const parts = [
    `${marker.number}. ${input.name}`,
    `${words.value} ${n(input.value, 1)}`,
    `${words.feasibility} ${n(input.feasibility, 1)}`,
    `${words.priority} ${n(priority, 1)}`,
    layout.options.quadrantLabels[marker.quadrant],
    layout.categories[marker.category]!,
  ];
  if (size !== undefined) parts.push(`${layout.options.sizeLabel.toLowerCase()} ${formatCompact(size)}`);
  return parts.join(", ");
}

/**
 * What a laid-out matrix shows, in words, for people who cannot see it: the SVG's `<desc>`, and the text
 * beside the matrix picture in the board pack.
 *
 * @param layout - the output of `layoutMatrix`
 * @param named - the ids of the initiatives to name (default every one); the others are counted per
 *   quadrant ("and 1,204 more"), so a pack of thousands keeps a description a person can read
 * @returns sentences in the layout's language, naming the initiatives by quadrant
 */
export function describeMatrix(layout: MatrixLayout, named?: ReadonlySet<string>): string {
  const { options, markers } = layout;
  const list = (inputs: readonly MatrixInput[]): string => {
    const names = inputs.filter((input) => named?.has(input.id) ?? true).map((input) => input.name);
    const more = inputs.length - names.length;
    if (names.length > 0 && more > 0)
      names.push(options.messages.matrix.moreNames(formatLocalNumber(more, options.messages)));
    return names.length > 0 ? `: ${names.join("; ")}` : "";
  };
  const parts = [
    options.messages.matrix.describe(
      markers.length,
      String(options.thresholds.value),
      String(options.thresholds.feasibility),
      options.messages.priorityRules[options.priority],
    ),
  ];
  for (const quadrant of QUADRANTS) {
    const inputs = markers
      .filter((marker) => marker.quadrant === quadrant)
      .map((marker) => marker.point.input);
    parts.push(`${options.quadrantLabels[quadrant]} (${inputs.length})${list(inputs)}.`);
  }
  const unrated = layout.legend.unrated?.inputs ?? [];
  if (unrated.length > 0)
    parts.push(
      `${options.quadrantLabels.unrated} (${unrated.length})${list(unrated)}. ${options.messages.matrix.unratedNote}.`,
    );
  return parts.join(" ");
}
