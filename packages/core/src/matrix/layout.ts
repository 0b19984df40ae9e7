import { formatLocalNumber } from "../i18n/index.js";
import { classifyQuadrant } from "../pipeline/quadrant.js";
import { QUADRANTS, type Quadrant } from "../schema/model.js";
import { formatCompact, roundDownNice } from "./format.js";
import type { Box, Circle } from "./geometry.js";
import { type DataPoint, isoPriorityRegion } from "./iso-priority.js";
import { type LabelPlacement, placeLabels } from "./label-placement.js";
import {
  type MatrixInput,
  type MatrixOptions,
  type MatrixPoint,
  type ResolvedMatrixOptions,
  resolveMatrix,
} from "./options.js";
import { createAreaScale, createLinearScale, type LinearScale, niceTicks } from "./scale.js";
import { estimateTextWidth, truncateToWidth, wrapToWidth } from "./text-width.js";

/** Font sizes of the matrix, in pixels; the layout measures text with them. */
export const MATRIX_FONT = {
  title: 22,
  subtitle: 13,
  axisTitle: 13,
  tick: 11,
  quadrant: 12,
  label: 11,
  number: 10,
  legendTitle: 12,
  legend: 11,
  key: 11,
} as const;

/** A piece of text placed by the layout: `x` is its anchor, `y` its baseline. */
export interface TextItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: "start" | "middle" | "end";
}

/** One initiative's marker. */
export interface MarkerLayout extends Circle {
  readonly point: MatrixPoint;
  readonly quadrant: Quadrant;
  /** Position in priority order, from 1: the number shown when the name does not fit. */
  readonly number: number;
  /** Index into the categories legend (and the palette). */
  readonly category: number;
  /** Where its label went; `none` past the first {@link MAX_LABELLED_MARKERS} markers, which get no label. */
  readonly label: LabelPlacement | { readonly kind: "none" };
  /** The label's text: the name (perhaps shortened with an ellipsis) or the number; "" without a label. */
  readonly labelText: string;
}

/** One quadrant's area and label. */
export interface QuadrantLayout {
  readonly quadrant: Quadrant;
  readonly box: Box;
  /** Absent when the quadrant is too small to hold its label. */
  readonly label?: TextItem & { readonly box: Box };
}

/** An iso-priority band: the region where priority is at least `level`, in pixels. */
export interface BandLayout {
  readonly level: number;
  readonly polygon: readonly (readonly [number, number])[];
}

/** The legend and key panels. */
export interface LegendLayout {
  readonly categories: readonly {
    readonly name: string;
    readonly cx: number;
    readonly cy: number;
    readonly text: TextItem;
  }[];
  readonly categoryTitle: TextItem;
  /** Absent when no marker has a size. */
  readonly size?: {
    readonly title: TextItem;
    readonly circles: readonly (Circle & { readonly value: number; readonly text: TextItem })[];
    /** Shown when some markers have no size. */
    readonly missing?: Circle & { readonly text: TextItem };
  };
  readonly bandTitle: TextItem;
  readonly bandSwatches: readonly (Box & { readonly level: number })[];
  /** The y of the legends' lowest pixel. */
  readonly bottom: number;
  /** "low" and "high" under the ends of the swatches. */
  readonly bandScale: readonly TextItem[];
  readonly bandCaption: readonly TextItem[];
  /** Says how many markers have no label, when there are more than {@link MAX_LABELLED_MARKERS}. */
  readonly unlabelled?: readonly TextItem[];
  /** The `unrated` initiatives, listed apart because they have no place on the plot; absent when none. */
  readonly unrated?: {
    readonly title: TextItem;
    readonly note: TextItem;
    /** Their names, wrapped to the panel (at most {@link MAX_UNRATED_LINES} lines, then "+N more"). */
    readonly lines: readonly TextItem[];
    /** Every unrated initiative, in input order. */
    readonly inputs: readonly MatrixInput[];
  };
}

/** One line of the key that lists markers whose names did not fit beside them. */
export interface KeyEntry {
  readonly number: number;
  readonly name: string;
  readonly numberText: TextItem;
  readonly nameText: TextItem;
}

/** The whole matrix in numbers: everything `renderMatrixSvg` draws, nothing about how. */
export interface MatrixLayout {
  readonly width: number;
  readonly height: number;
  readonly options: ResolvedMatrixOptions;
  readonly title: TextItem;
  readonly subtitle?: TextItem;
  /** The plot area: data 0-100 on both axes. */
  readonly plot: Box;
  /** Feasibility to x pixels. */
  readonly x: LinearScale;
  /** Business value to y pixels. */
  readonly y: LinearScale;
  readonly xTicks: readonly TextItem[];
  readonly yTicks: readonly TextItem[];
  readonly xTitle: TextItem;
  readonly yTitle: TextItem;
  readonly thresholds: { readonly x: number; readonly y: number };
  readonly quadrants: readonly QuadrantLayout[];
  readonly bands: readonly BandLayout[];
  /** Category names in legend (and palette) order. */
  readonly categories: readonly string[];
  /** One per input, in priority order. */
  readonly markers: readonly MarkerLayout[];
  readonly legend: LegendLayout;
  readonly keyTitle?: TextItem;
  readonly key: readonly KeyEntry[];
  /** How many columns the key has room for. */
  readonly keyColumns: number;
  /** "… and N more": when the key has no room for every numbered marker (at small sizes). */
  readonly keyOverflow?: TextItem;
}

/**
 * The most markers that get a label (the first in priority order); the rest are drawn as markers only and
 * the legend says how many. Label placement costs grow faster than the marker count where markers crowd,
 * and past about this many a reader cannot tell labels apart anyway; this keeps a matrix of thousands of
 * initiatives within a fraction of a second (see docs/limits.md).
 */
export const MAX_LABELLED_MARKERS = 100;

/** The most lines of names in the legend's list of unrated initiatives. */
export const MAX_UNRATED_LINES = 8;

const PAD = 24;
const LABEL_HEIGHT = 14;
const KEY_ROW = 15;
const KEY_COLUMN = 210;
/** Room for a key entry's number, before its name. */
const KEY_NUMBER_WIDTH = 26;
const MAX_LABEL_WIDTH = 230;

/**
 * Lays out the prism matrix: scales, ticks, quadrants, iso-priority bands, markers, labels (placed without
 * overlaps by {@link placeLabels}), legends and the key. Pure numbers; `renderMatrixSvg` turns them into SVG
 * and other renderers can draw the same layout.
 *
 * The plot shrinks from the bottom to make room for a key when names do not fit beside their markers; it
 * is laid out again (at most five times) until the key holds every marker that needs it.
 *
 * @param inputs - scored initiatives (core `Result`s or anything with their fields)
 * @param options - size, theme, texts, model, marker sizes
 * @returns the layout
 * @throws {@link CxprismError} for scores outside 0-100, bad sizes or bad options
 */
export function layoutMatrix(inputs: readonly MatrixInput[], options: MatrixOptions = {}): MatrixLayout {
  const resolved = resolveMatrix(inputs, options);
  // Never let the key take more than 40% of the height: past that, the key ends with "and N more".
  const maxRows = Math.floor((resolved.options.height * 0.4) / KEY_ROW);
  let keyRows = 0;
  let layout = layoutOnce(resolved.points, resolved.unrated, resolved.options, keyRows);
  for (let attempt = 0; attempt < 6 && keyRows < maxRows; attempt++) {
    const needed = layout.markers.filter(
      (marker) =>
        marker.label.kind !== "none" &&
        (marker.label.kind !== "name" || marker.labelText !== marker.point.input.name),
    ).length;
    if (needed <= keyRows * layout.keyColumns) break;
    keyRows = Math.min(maxRows, Math.max(keyRows + 1, Math.ceil(needed / layout.keyColumns)));
    layout = layoutOnce(resolved.points, resolved.unrated, resolved.options, keyRows);
  }
  return layout;
}

function layoutOnce(
  points: readonly MatrixPoint[],
  unrated: readonly MatrixInput[],
  options: ResolvedMatrixOptions,
  keyRows: number,
): MatrixLayout {
  const { width, height } = options;
  const title: TextItem = {
    text: truncateToWidth(options.title, width - 2 * PAD, MATRIX_FONT.title, { bold: true }),
    x: PAD,
    y: PAD + MATRIX_FONT.title * 0.8,
    anchor: "start",
  };
  let headerBottom = title.y + 10;
  let subtitle: TextItem | undefined;
  if (options.subtitle !== "") {
    subtitle = {
      text: truncateToWidth(options.subtitle, width - 2 * PAD, MATRIX_FONT.subtitle),
      x: PAD,
      y: title.y + 22,
      anchor: "start",
    };
    headerBottom = subtitle.y + 8;
  }
  const panelWidth = Math.round(Math.min(260, Math.max(180, width * 0.22)));
  const panelX = width - PAD - panelWidth;
  const keyHeight = keyRows > 0 ? keyRows * KEY_ROW + 26 : 0;
  const plot: Box = {
    x: PAD + 44,
    y: headerBottom + 16,
    width: panelX - 28 - (PAD + 44),
    height: height - PAD - 40 - keyHeight - (headerBottom + 16),
  };
  const x = createLinearScale([0, 100], [plot.x, plot.x + plot.width]);
  const y = createLinearScale([0, 100], [plot.y + plot.height, plot.y]);
  const ticks = niceTicks(0, 100, plot.width >= 360 ? 10 : 5);
  const yTickValues = niceTicks(0, 100, plot.height >= 300 ? 10 : 5);
  const xTicks = ticks.map(
    (tick): TextItem => ({ text: String(tick), x: x(tick), y: plot.y + plot.height + 16, anchor: "middle" }),
  );
  const yTicks = yTickValues.map(
    (tick): TextItem => ({ text: String(tick), x: plot.x - 8, y: y(tick) + 4, anchor: "end" }),
  );
  const xTitle: TextItem = {
    text: options.messages.matrix.feasibilityAxis,
    x: plot.x + plot.width / 2,
    y: plot.y + plot.height + 36,
    anchor: "middle",
  };
  // Drawn rotated by -90 degrees about its anchor.
  const longYTitle = options.messages.matrix.valueAxis;
  const yTitle: TextItem = {
    text:
      estimateTextWidth(longYTitle, MATRIX_FONT.axisTitle, { bold: true }) <= plot.height
        ? longYTitle
        : options.messages.matrix.valueAxisShort,
    x: PAD + 6,
    y: plot.y + plot.height / 2,
    anchor: "middle",
  };
  const thresholds = { x: x(options.thresholds.feasibility), y: y(options.thresholds.value) };
  const quadrants = layoutQuadrants(plot, thresholds, options);

  const bands = options.levels.flatMap((level): BandLayout[] => {
    const region = isoPriorityRegion(options.priorityOf, level);
    if (region.length === 0) return [];
    return [{ level, polygon: region.map(([f, v]: DataPoint) => [x(f), y(v)] as const) }];
  });

  const categories = categoryOrder(points, options.messages.matrix.uncategorised);
  const sized = points.filter((point) => point.size !== undefined);
  const maxSize = sized.reduce((largest, point) => Math.max(largest, point.size!), 0);
  // The largest marker shrinks as the plot gets crowded: about a fifth of the side of each point's share of
  // the plot, between 8 and 22 pixels.
  const share = Math.sqrt((plot.width * plot.height) / Math.max(1, points.length));
  const maxRadius = Math.max(8, Math.min(22, share * 0.18));
  const radiusOf = createAreaScale(maxSize, maxRadius);
  const MIN_RADIUS = 2.5;
  const PLAIN_RADIUS = 6;
  const circles = points.map((point): Circle => {
    const r =
      sized.length === 0
        ? PLAIN_RADIUS
        : point.size === undefined
          ? MIN_RADIUS + 1
          : Math.max(MIN_RADIUS, radiusOf(point.size));
    return { cx: x(point.input.feasibility), cy: y(point.input.value), r };
  });
  const labelled = Math.min(points.length, MAX_LABELLED_MARKERS);
  // A name too long to print whole keeps its number in front and gets a key entry with its full form.
  const shortened = points.map(
    (point, i) => i < labelled && estimateTextWidth(point.input.name, MATRIX_FONT.label) > MAX_LABEL_WIDTH,
  );
  const labelTexts = points
    .slice(0, labelled)
    .map((point, i) =>
      shortened[i]
        ? truncateToWidth(`${i + 1} ${point.input.name}`, MAX_LABEL_WIDTH, MATRIX_FONT.label)
        : point.input.name,
    );
  const placements = placeLabels(
    points.slice(0, labelled).map((_, i) => ({
      circle: circles[i]!,
      width: estimateTextWidth(labelTexts[i]!, MATRIX_FONT.label) + 2,
      fallbackWidth: estimateTextWidth(String(i + 1), MATRIX_FONT.number, { bold: true }) + 2,
    })),
    {
      bounds: plot,
      height: LABEL_HEIGHT,
      obstacles: quadrants.flatMap((quadrant) => (quadrant.label === undefined ? [] : [quadrant.label.box])),
      markers: circles.slice(labelled),
    },
  );
  const markers = points.map(
    (point, i): MarkerLayout => ({
      ...circles[i]!,
      point,
      quadrant: classifyQuadrant(point.input.value, point.input.feasibility, options.thresholds),
      number: i + 1,
      category: categories.indexOf(point.input.category.trim() || options.messages.matrix.uncategorised),
      label: placements[i] ?? { kind: "none" },
      labelText:
        placements[i] === undefined ? "" : placements[i]!.kind === "name" ? labelTexts[i]! : String(i + 1),
    }),
  );

  const legend = layoutLegend(
    panelX,
    plot.y,
    panelWidth,
    categories,
    sized.length,
    sized.length < points.length,
    maxSize,
    radiusOf,
    options,
    points.length - labelled,
    unrated,
  );
  const keyed = markers.filter(
    (marker, i) => marker.label.kind !== "none" && (marker.label.kind !== "name" || shortened[i]),
  );
  const keyTop = plot.y + plot.height + 52;
  // The key runs the full width below the plot and legends, or only under the plot if the legends reach down.
  const keyWidth = legend.bottom > keyTop - 12 ? panelX - 16 - PAD : width - 2 * PAD;
  // As many columns as fit, but never so many that the longest name must be shortened: a name cut in the key
  // is written in full nowhere else on the picture. Fewer columns mean more rows (see layoutMatrix).
  const longest = keyed.reduce(
    (widest, marker) => Math.max(widest, estimateTextWidth(marker.point.input.name, MATRIX_FONT.key)),
    0,
  );
  const columns = Math.max(
    1,
    Math.min(Math.floor(keyWidth / KEY_COLUMN), Math.floor(keyWidth / (longest + KEY_NUMBER_WIDTH + 8))),
  );
  const capacity = keyRows * columns;
  const overflow = keyed.length > capacity ? keyed.length - capacity + 1 : 0;
  const shown = keyed.slice(0, overflow > 0 ? capacity - 1 : capacity);
  // Spread the columns actually used over the key's width, so names are shortened as little as possible.
  const columnWidth =
    keyWidth / Math.max(1, Math.min(columns, Math.ceil(keyed.length / Math.max(1, keyRows))));
  const key = shown.map((marker, index): KeyEntry => {
    const column = Math.floor(index / keyRows);
    const row = index % keyRows;
    const left = PAD + column * columnWidth;
    const baseline = keyTop + 14 + row * KEY_ROW;
    const numberWidth = KEY_NUMBER_WIDTH;
    return {
      number: marker.number,
      name: marker.point.input.name,
      numberText: { text: String(marker.number), x: left + numberWidth - 6, y: baseline, anchor: "end" },
      nameText: {
        text: truncateToWidth(marker.point.input.name, columnWidth - numberWidth - 8, MATRIX_FONT.key),
        x: left + numberWidth,
        y: baseline,
        anchor: "start",
      },
    };
  });
  let keyOverflow: TextItem | undefined;
  if (overflow > 0) {
    const index = shown.length;
    keyOverflow = {
      text: options.messages.matrix.keyOverflow(overflow, keyed[index]!.number),
      x: PAD + Math.floor(index / keyRows) * columnWidth + KEY_NUMBER_WIDTH,
      y: keyTop + 14 + (index % keyRows) * KEY_ROW,
      anchor: "start",
    };
  }
  const base = {
    width,
    height,
    options,
    keyColumns: columns,
    title,
    plot,
    x,
    y,
    xTicks,
    yTicks,
    xTitle,
    yTitle,
    thresholds,
    quadrants,
    bands,
    categories,
    markers,
    legend,
    key,
  };
  const withOverflow = keyOverflow === undefined ? base : { ...base, keyOverflow };
  const withSubtitle = subtitle === undefined ? withOverflow : { ...withOverflow, subtitle };
  return key.length > 0
    ? {
        ...withSubtitle,
        keyTitle: {
          text: truncateToWidth(options.messages.matrix.keyTitle, keyWidth, MATRIX_FONT.legendTitle, {
            bold: true,
          }),
          x: PAD,
          y: keyTop,
          anchor: "start",
        },
      }
    : withSubtitle;
}

/** Categories sorted by name, so a category keeps its colour whatever the order of the input. */
function categoryOrder(points: readonly MatrixPoint[], uncategorised: string): string[] {
  const names = [...new Set(points.map((point) => point.input.category.trim() || uncategorised))];
  return names.sort((a, b) =>
    a === uncategorised ? 1 : b === uncategorised ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

function layoutQuadrants(
  plot: Box,
  thresholds: { readonly x: number; readonly y: number },
  options: ResolvedMatrixOptions,
): QuadrantLayout[] {
  const left = plot.x;
  const right = plot.x + plot.width;
  const top = plot.y;
  const bottom = plot.y + plot.height;
  const boxes: Record<Quadrant, Box> = {
    "calculated-risk": { x: left, y: top, width: thresholds.x - left, height: thresholds.y - top },
    "likely-win": { x: thresholds.x, y: top, width: right - thresholds.x, height: thresholds.y - top },
    unlikely: { x: left, y: thresholds.y, width: thresholds.x - left, height: bottom - thresholds.y },
    "marginal-gain": {
      x: thresholds.x,
      y: thresholds.y,
      width: right - thresholds.x,
      height: bottom - thresholds.y,
    },
  };
  const inset = 8;
  const height = MATRIX_FONT.quadrant + 4;
  return QUADRANTS.map((quadrant) => {
    const box = boxes[quadrant];
    const text = options.quadrantLabels[quadrant];
    const textWidth = estimateTextWidth(text, MATRIX_FONT.quadrant, { bold: true }) + 2;
    if (textWidth + 2 * inset > box.width || height + 2 * inset > box.height) return { quadrant, box };
    // Labels sit in each quadrant's outer corner, away from the thresholds where points crowd.
    const atRight = quadrant === "likely-win" || quadrant === "marginal-gain";
    const atTop = quadrant === "likely-win" || quadrant === "calculated-risk";
    const boxX = atRight ? box.x + box.width - inset - textWidth : box.x + inset;
    const boxY = atTop ? box.y + inset : box.y + box.height - inset - height;
    return {
      quadrant,
      box,
      label: {
        text,
        x: atRight ? boxX + textWidth - 1 : boxX + 1,
        y: boxY + height - 4,
        anchor: atRight ? "end" : "start",
        box: { x: boxX, y: boxY, width: textWidth, height },
      },
    };
  });
}

function layoutLegend(
  x: number,
  top: number,
  width: number,
  categories: readonly string[],
  sizedCount: number,
  someUnsized: boolean,
  maxSize: number,
  radiusOf: (value: number) => number,
  options: ResolvedMatrixOptions,
  unlabelledCount: number,
  unratedInputs: readonly MatrixInput[],
): LegendLayout {
  let cursor = top + 10;
  const categoryTitle: TextItem = { text: options.messages.matrix.category, x, y: cursor, anchor: "start" };
  cursor += 8;
  const entries = categories.map((name) => {
    cursor += 18;
    return {
      name,
      cx: x + 6,
      cy: cursor - 4,
      text: {
        text: truncateToWidth(name, width - 20, MATRIX_FONT.legend),
        x: x + 18,
        y: cursor,
        anchor: "start" as const,
      },
    };
  });
  cursor += 30;
  let size: LegendLayout["size"];
  if (sizedCount > 0) {
    const sizeTitle: TextItem = {
      text: options.messages.matrix.size(options.sizeLabel),
      x,
      y: cursor,
      anchor: "start",
    };
    const top = roundDownNice(maxSize);
    const values = [...new Set([top, roundDownNice(top / 4), roundDownNice(top / 16)])].filter((v) => v > 0);
    const biggest = radiusOf(values[0] ?? 0);
    // Nested circles sharing a bottom point, values labelled to the right (the cartographer's size legend).
    const baseY = cursor + 12 + 2 * biggest;
    const cx = x + biggest + 2;
    const circles = values.map((value) => {
      const r = radiusOf(value);
      return {
        cx,
        cy: baseY - r,
        r,
        value,
        text: {
          text: formatCompact(value),
          x: cx + biggest + 10,
          y: baseY - 2 * r + 4,
          anchor: "start" as const,
        },
      };
    });
    // Labels of small circles could collide: keep them at least a line apart.
    for (let i = 1; i < circles.length; i++) {
      const previous = circles[i - 1]!.text;
      const current = circles[i]!.text;
      if (current.y - previous.y < 12)
        circles[i] = { ...circles[i]!, text: { ...current, y: previous.y + 12 } };
    }
    cursor = Math.max(baseY, circles.at(-1)?.text.y ?? baseY) + 10;
    let missing: (Circle & { text: TextItem }) | undefined;
    if (someUnsized) {
      cursor += 14;
      missing = {
        cx,
        cy: cursor - 4,
        r: 3.5,
        text: {
          text: options.messages.matrix.noSize(options.sizeLabel),
          x: cx + biggest + 10,
          y: cursor,
          anchor: "start",
        },
      };
      cursor += 6;
    }
    size = missing === undefined ? { title: sizeTitle, circles } : { title: sizeTitle, circles, missing };
    cursor += 30;
  }
  const bandTitle: TextItem = { text: options.messages.matrix.priority, x, y: cursor, anchor: "start" };
  cursor += 10;
  const swatchWidth = Math.min(22, (width - 8) / Math.max(1, options.levels.length + 1));
  const bandSwatches = [0, ...options.levels].map((level, index) => ({
    x: x + index * swatchWidth,
    y: cursor,
    width: swatchWidth,
    height: 12,
    level,
  }));
  cursor += 12 + 14;
  const scaleEnds: TextItem[] = [
    { text: options.messages.matrix.low, x, y: cursor, anchor: "start" },
    {
      text: options.messages.matrix.high,
      x: x + bandSwatches.length * swatchWidth,
      y: cursor,
      anchor: "end",
    },
  ];
  cursor += 20;
  const caption = options.messages.matrix.bandCaption(options.priority, options.theme);
  const bandCaption = caption.map(
    (text, index): TextItem => ({ text, x, y: cursor + index * 15, anchor: "start" }),
  );
  let bottom = cursor + (caption.length - 1) * 15 + 4;
  let unlabelled: TextItem[] | undefined;
  if (unlabelledCount > 0) {
    const top = bottom + 26;
    unlabelled = options.messages.matrix
      .unlabelled(MAX_LABELLED_MARKERS, formatLocalNumber(unlabelledCount, options.messages))
      .map((text, index): TextItem => ({ text, x, y: top + index * 15, anchor: "start" }));
    bottom = top + (unlabelled.length - 1) * 15 + 4;
  }
  const legend = {
    categories: entries,
    categoryTitle,
    bandTitle,
    bandSwatches,
    bandScale: scaleEnds,
    bandCaption,
    bottom,
  };
  let unrated: LegendLayout["unrated"];
  if (unratedInputs.length > 0) {
    const top = bottom + 26;
    const title: TextItem = {
      text: options.messages.matrix.unratedTitle(unratedInputs.length),
      x,
      y: top,
      anchor: "start",
    };
    const note: TextItem = { text: options.messages.matrix.unratedNote, x, y: top + 16, anchor: "start" };
    const lines = listNames(
      unratedInputs.map((input) => input.name),
      width,
    ).map((text, index): TextItem => ({ text, x, y: top + 32 + index * 15, anchor: "start" }));
    unrated = { title, note, lines, inputs: unratedInputs };
    bottom = top + 32 + (lines.length - 1) * 15 + 4;
  }
  const withUnlabelled = {
    ...legend,
    bottom,
    ...(unlabelled === undefined ? {} : { unlabelled }),
    ...(unrated === undefined ? {} : { unrated }),
  };
  return size === undefined ? withUnlabelled : { ...withUnlabelled, size };
}

/** Names joined by "; " and wrapped to `width`, at most {@link MAX_UNRATED_LINES} lines ending "+N more". */
function listNames(names: readonly string[], width: number): string[] {
  const lines = wrapToWidth(names.join("; "), width, MATRIX_FONT.legend);
  if (lines.length <= MAX_UNRATED_LINES) return lines;
  const kept = lines.slice(0, MAX_UNRATED_LINES - 1);
  // A name cut at the end of the last kept line is dropped from it and counted with the rest.
  const cut = kept.at(-1)!.lastIndexOf(";");
  if (cut >= 0) kept[kept.length - 1] = kept.at(-1)!.slice(0, cut + 1);
  const shown = kept.join(" ").split(";").length - 1;
  kept.push(`+${names.length - shown} more`);
  return kept;
}
