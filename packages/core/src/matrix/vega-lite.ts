import { classifyQuadrant } from "../pipeline/quadrant.js";
import { isoPriorityRegion } from "./iso-priority.js";
import { type MatrixInput, type MatrixOptions, resolveMatrix } from "./options.js";
import { matrixTheme } from "./theme.js";

/** A Vega-Lite v5 top-level specification, as plain JSON. */
export interface VegaLiteSpec {
  readonly $schema: "https://vega.github.io/schema/vega-lite/v5.json";
  readonly [key: string]: unknown;
}

/** Options of {@link toVegaLite}: those of the SVG matrix that a Vega-Lite chart can use. */
export type VegaLiteOptions = Pick<
  MatrixOptions,
  | "width"
  | "height"
  | "title"
  | "subtitle"
  | "model"
  | "sizes"
  | "sizeField"
  | "sizeLabel"
  | "theme"
  | "levels"
  | "messages"
>;

// "+ 0" turns -0 into 0, which JSON cannot tell apart anyway.
const round2 = (x: number): number => Math.round(x * 100) / 100 + 0;

/**
 * Builds a Vega-Lite v5 specification of the prism matrix: the same axes, quadrant shading and rules,
 * iso-priority lines, markers coloured by category (Okabe-Ito) and sized by cost (or `sizes`), name labels,
 * and tooltips with the scores and every criterion's contribution. Render it with vega-embed, the Vega
 * editor, or `vl2svg`.
 *
 * @param results - scored initiatives, e.g. the output of `score`
 * @param options - chart size (of the plot area), texts, model, marker sizes, theme
 * @returns the specification, JSON-serialisable; numbers rounded to 2 decimals
 * @throws {@link CxprismError} for scores outside 0-100, bad sizes or bad options
 * @example
 * const spec = toVegaLite(score(catalogInitiatives()));
 * await vegaEmbed("#matrix", spec);
 */
export function toVegaLite(results: readonly MatrixInput[], options: VegaLiteOptions = {}): VegaLiteSpec {
  const { points, unrated, options: resolved } = resolveMatrix(results, options);
  const theme = matrixTheme(resolved.theme);
  const { thresholds, quadrantLabels, messages } = resolved;
  const words = messages.pack.columns;
  const hasSize = points.some((point) => point.size !== undefined);
  const criteria = { value: new Set<string>(), feasibility: new Set<string>() };
  for (const point of points)
    for (const axis of ["value", "feasibility"] as const)
      for (const id of Object.keys(point.input.contributions?.[axis] ?? {})) criteria[axis].add(id);
  const contributionFields = (["value", "feasibility"] as const).flatMap((axis) =>
    [...criteria[axis]].sort().map((id) => ({ field: `contribution_${axis}_${id}`, axis, id })),
  );

  const values = points.map((point, index) => {
    const { input } = point;
    const quadrant = classifyQuadrant(input.value, input.feasibility, thresholds);
    const row: Record<string, string | number | null> = {
      number: index + 1,
      id: input.id,
      name: input.name,
      category: input.category.trim() === "" ? messages.matrix.uncategorised : input.category,
      value: round2(input.value),
      feasibility: round2(input.feasibility),
      priority: round2(point.priority),
      quadrant: quadrantLabels[quadrant],
    };
    if (hasSize) row.size = point.size ?? null;
    for (const { field, axis, id } of contributionFields)
      row[field] = round2(input.contributions?.[axis]?.[id] ?? 0);
    return row;
  });

  const scale = { domain: [0, 100], nice: false, zero: true };
  const x = { field: "feasibility", type: "quantitative", title: messages.matrix.feasibilityAxis, scale };
  const y = { field: "value", type: "quantitative", title: messages.matrix.valueAxis, scale };
  const quadrantBoxes = [
    {
      quadrant: quadrantLabels["likely-win"],
      x: thresholds.feasibility,
      x2: 100,
      y: thresholds.value,
      y2: 100,
      win: 1,
    },
    {
      quadrant: quadrantLabels["calculated-risk"],
      x: 0,
      x2: thresholds.feasibility,
      y: thresholds.value,
      y2: 100,
      win: 0,
    },
    {
      quadrant: quadrantLabels["marginal-gain"],
      x: thresholds.feasibility,
      x2: 100,
      y: 0,
      y2: thresholds.value,
      win: 0,
    },
    {
      quadrant: quadrantLabels.unlikely,
      x: 0,
      x2: thresholds.feasibility,
      y: 0,
      y2: thresholds.value,
      win: 0,
    },
  ];
  const quadrantLabelRows = [
    { text: quadrantLabels["likely-win"], x: 98, y: 98, align: "right" },
    { text: quadrantLabels["calculated-risk"], x: 2, y: 98, align: "left" },
    { text: quadrantLabels["marginal-gain"], x: 98, y: 2, align: "right" },
    { text: quadrantLabels.unlikely, x: 2, y: 2, align: "left" },
  ];
  const isoLines = resolved.levels.flatMap((level) =>
    isoPriorityRegion(resolved.priorityOf, level)
      .slice(1)
      .map(([feasibility, value], order) => ({
        level,
        order,
        feasibility: round2(feasibility),
        value: round2(value),
      })),
  );
  const tooltip = [
    { field: "number", type: "quantitative", title: words.rank },
    { field: "name", type: "nominal", title: words.initiative },
    { field: "category", type: "nominal", title: messages.matrix.category },
    { field: "value", type: "quantitative", title: words.value, format: ".1f" },
    { field: "feasibility", type: "quantitative", title: words.feasibility, format: ".1f" },
    { field: "priority", type: "quantitative", title: words.priority, format: ".1f" },
    { field: "quadrant", type: "nominal", title: words.quadrant },
    ...(hasSize ? [{ field: "size", type: "quantitative", title: resolved.sizeLabel }] : []),
    ...contributionFields.map(({ field, axis, id }) => ({
      field,
      type: "quantitative",
      title: `${axis === "value" ? words.value : words.feasibility}: ${id}`,
      format: ".1f",
    })),
  ];
  const n = points.length;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    description: `Prism matrix of ${n} initiative${n === 1 ? "" : "s"}: business value against feasibility.${
      unrated.length === 0
        ? ""
        : ` ${resolved.messages.matrix.unratedTitle(unrated.length)}, not plotted: ${unrated.map((input) => input.name).join("; ")}.`
    }`,
    title: resolved.subtitle === "" ? resolved.title : { text: resolved.title, subtitle: resolved.subtitle },
    width: Math.round((options.width ?? 960) * 0.62),
    height: Math.round((options.height ?? 680) * 0.72),
    background: theme.background,
    config: {
      view: { stroke: theme.axis },
      axis: {
        labelColor: theme.muted,
        titleColor: theme.text,
        gridColor: theme.grid,
        domainColor: theme.axis,
      },
      legend: { labelColor: theme.text, titleColor: theme.text },
      title: { color: theme.text, subtitleColor: theme.muted, anchor: "start" },
    },
    layer: [
      {
        data: { values: quadrantBoxes },
        mark: { type: "rect", color: theme.winFill },
        encoding: {
          x: { field: "x", type: "quantitative", scale, title: messages.matrix.feasibilityAxis },
          x2: { field: "x2" },
          y: { field: "y", type: "quantitative", scale, title: messages.matrix.valueAxis },
          y2: { field: "y2" },
          opacity: {
            field: "win",
            type: "quantitative",
            scale: { domain: [0, 1], range: [0, 1] },
            legend: null,
          },
        },
      },
      {
        data: { values: isoLines },
        mark: { type: "line", color: theme.band, strokeOpacity: 0.35, strokeWidth: 1, clip: true },
        encoding: {
          x: { field: "feasibility", type: "quantitative", scale },
          y: { field: "value", type: "quantitative", scale },
          detail: { field: "level", type: "ordinal" },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        data: { values: [{ feasibility: thresholds.feasibility, value: thresholds.value }] },
        layer: [
          {
            mark: { type: "rule", color: theme.axis, strokeDash: [6, 4] },
            encoding: { x: { field: "feasibility", type: "quantitative", scale } },
          },
          {
            mark: { type: "rule", color: theme.axis, strokeDash: [6, 4] },
            encoding: { y: { field: "value", type: "quantitative", scale } },
          },
        ],
      },
      ...(["left", "right"] as const).map((align) => ({
        data: { values: quadrantLabelRows.filter((row) => row.align === align) },
        mark: { type: "text", fontWeight: "bold", color: theme.quadrantLabel, baseline: "middle", align },
        encoding: {
          x: { field: "x", type: "quantitative", scale },
          y: { field: "y", type: "quantitative", scale },
          text: { field: "text" },
        },
      })),
      {
        data: { values },
        layer: [
          {
            mark: { type: "circle", opacity: 0.88, stroke: theme.background, strokeWidth: 1.5 },
            encoding: {
              x,
              y,
              color: {
                field: "category",
                type: "nominal",
                title: messages.matrix.category,
                scale: { range: [...theme.palette] },
              },
              ...(hasSize
                ? {
                    size: {
                      field: "size",
                      type: "quantitative",
                      title: resolved.sizeLabel,
                      scale: { zero: true, range: [20, 900] },
                    },
                  }
                : {}),
              tooltip,
            },
          },
          {
            mark: { type: "text", align: "left", dx: 9, fontSize: 11, color: theme.text },
            encoding: { x, y, text: { field: "name" }, tooltip },
          },
        ],
      },
    ],
  };
}
