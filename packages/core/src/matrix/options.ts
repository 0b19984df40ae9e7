import { CxprismError, type Problem } from "../errors.js";
import { en } from "../i18n/en.js";
import { quadrantName } from "../i18n/index.js";
import type { Messages } from "../i18n/messages.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { createPriorityRule } from "../pipeline/priority.js";
import { type PriorityRule, type Quadrant, type ResultQuadrant, UNRATED } from "../schema/model.js";
import type { Contributions } from "../schema/result.js";

/**
 * What the matrix needs of one scored initiative. A core `Result` is one; so is any object with these
 * fields (a `cost` or another numeric field named by `sizeField` sizes the marker).
 */
export interface MatrixInput {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Business value, 0-100 (the y axis). */
  readonly value: number;
  /** Feasibility, 0-100 (the x axis). */
  readonly feasibility: number;
  /** Priority, 0-100; computed by the priority rule when absent. */
  readonly priority?: number;
  /** Per-criterion contributions, shown in Vega-Lite tooltips. */
  readonly contributions?: Contributions;
  /** The default size field. */
  readonly cost?: number;
  /** A result's quadrant: `unrated` initiatives are listed beside the plot, never drawn on it. */
  readonly quadrant?: string;
}

/** The parts of a scoring model the matrix draws: a full `Model` fits. */
export interface MatrixModel {
  readonly priority?: PriorityRule;
  readonly axisWeights?: { readonly value?: number; readonly feasibility?: number };
  readonly thresholds?: { readonly value?: number; readonly feasibility?: number };
  readonly quadrantLabels?: { readonly [quadrant in ResultQuadrant]?: string };
}

/** Options of `renderMatrixSvg` and `layoutMatrix`. */
export interface MatrixOptions {
  /** Width of the image in pixels (default 960, at least 480). */
  readonly width?: number;
  /** Height of the image in pixels (default 680, at least 400). */
  readonly height?: number;
  /** `light` (default) or `dark`. */
  readonly theme?: "light" | "dark";
  /** Heading above the chart (default "Prism matrix: business value vs feasibility"). */
  readonly title?: string;
  /** Line under the heading (default: the count, priority rule and thresholds); `""` for none. */
  readonly subtitle?: string;
  /** Thresholds, quadrant labels and priority rule; defaults to the default model `cx-ai-prism`'s. */
  readonly model?: MatrixModel;
  /** Marker sizes by initiative id; overrides `sizeField`. */
  readonly sizes?: Readonly<Record<string, number>>;
  /** Numeric input field that sizes the markers (default `cost`); markers are all one size if no input has it. */
  readonly sizeField?: string;
  /** What the size means, for the legend (default "Cost"). */
  readonly sizeLabel?: string;
  /** Prefix of the ids inside the SVG, to keep two matrices on one page apart (default `cxprism-matrix`). */
  readonly idPrefix?: string;
  /** Priority levels at which the background bands change (default 10, 20, ..., 90). */
  readonly levels?: readonly number[];
  /** The language of every printed text (default English); the model's own labels are kept as given. */
  readonly messages?: Messages;
}

/**
 * The most pixels a PNG of the matrix may have (width x height x scale squared): 16 megapixels, a 4000 x
 * 4000 image, or the default 960 x 680 at scale 4 (10.4 MP). resvg holds 4 bytes a pixel plus its working
 * copies: the largest legal PNG peaks near 315 MiB of process memory (measured in docs/limits.md); the old
 * bound, 10000 x 10000 at scale 4 (1,600 MP), took 2.9 GB at scale 2 alone.
 */
export const MAX_PNG_PIXELS = 16_000_000;

/** Options with every default applied and checked. */
export interface ResolvedMatrixOptions {
  readonly width: number;
  readonly height: number;
  readonly theme: "light" | "dark";
  readonly title: string;
  readonly subtitle: string;
  readonly priority: PriorityRule;
  readonly priorityOf: (value: number, feasibility: number) => number;
  readonly axisShare: number;
  readonly thresholds: { readonly value: number; readonly feasibility: number };
  readonly quadrantLabels: { readonly [quadrant in ResultQuadrant]: string };
  readonly sizeLabel: string;
  readonly idPrefix: string;
  readonly levels: readonly number[];
  readonly messages: Messages;
}

/** A checked input point with its size (undefined when it has none). */
export interface MatrixPoint {
  readonly input: MatrixInput;
  readonly priority: number;
  readonly size: number | undefined;
}

/**
 * A sentence naming a priority rule, e.g. "closeness to the ideal corner".
 *
 * @param rule - the priority rule
 * @returns its description
 */
export function describePriorityRule(rule: PriorityRule): string {
  return en.priorityRules[rule];
}

/**
 * Checks the inputs and options of a matrix and applies the defaults.
 *
 * @param inputs - the scored initiatives
 * @param options - the caller's options
 * @returns the points in priority order (highest first, then value, then id) and the resolved options
 * @throws {@link CxprismError} `invalid-input` for scores outside 0-100 or bad sizes, `invalid-options` for
 *   a bad width, height, threshold or level
 */
export function resolveMatrix(
  inputs: readonly MatrixInput[],
  options: MatrixOptions = {},
): { points: MatrixPoint[]; unrated: MatrixInput[]; options: ResolvedMatrixOptions } {
  const problems: Problem[] = [];
  const optionProblems: Problem[] = [];
  const width = options.width ?? 960;
  const height = options.height ?? 680;
  if (!(Number.isFinite(width) && width >= 480 && width <= 10000))
    optionProblems.push({ path: ["width"], message: `a width from 480 to 10000 pixels; received ${width}` });
  if (!(Number.isFinite(height) && height >= 400 && height <= 10000))
    optionProblems.push({
      path: ["height"],
      message: `a height from 400 to 10000 pixels; received ${height}`,
    });
  const model = options.model ?? {};
  const thresholds = {
    value: model.thresholds?.value ?? defaultModel.thresholds.value,
    feasibility: model.thresholds?.feasibility ?? defaultModel.thresholds.feasibility,
  };
  for (const axis of ["value", "feasibility"] as const) {
    const t = thresholds[axis];
    if (!(Number.isFinite(t) && t >= 0 && t <= 100))
      optionProblems.push({
        path: ["model", "thresholds", axis],
        message: `a number from 0 to 100; received ${t}`,
      });
  }
  const axisWeights = {
    value: model.axisWeights?.value ?? defaultModel.axisWeights.value,
    feasibility: model.axisWeights?.feasibility ?? defaultModel.axisWeights.feasibility,
  };
  if (
    !(
      axisWeights.value >= 0 &&
      axisWeights.feasibility >= 0 &&
      axisWeights.value + axisWeights.feasibility > 0
    )
  )
    optionProblems.push({
      path: ["model", "axisWeights"],
      message: `two weights of at least 0, not both 0; received ${axisWeights.value} and ${axisWeights.feasibility}`,
    });
  const levels = options.levels ?? [10, 20, 30, 40, 50, 60, 70, 80, 90];
  levels.forEach((level, index) => {
    if (!(Number.isFinite(level) && level > 0 && level < 100))
      optionProblems.push({
        path: ["levels", index],
        message: `a priority level above 0 and below 100; received ${level}`,
      });
  });
  if (options.idPrefix !== undefined && !/^[A-Za-z_][\w.-]{0,63}$/.test(options.idPrefix))
    optionProblems.push({
      path: ["idPrefix"],
      message: `an XML id prefix (a letter or _, then letters, digits, _ . -); received ${JSON.stringify(options.idPrefix)}`,
    });
  if (optionProblems.length > 0) throw new CxprismError("invalid-options", optionProblems);

  const priority = model.priority ?? defaultModel.priority;
  const priorityOf = createPriorityRule({ priority, axisWeights });
  const sizeField = options.sizeField ?? "cost";
  const points: MatrixPoint[] = [];
  const unrated: MatrixInput[] = [];
  inputs.forEach((input, index) => {
    for (const axis of ["value", "feasibility"] as const) {
      const score = input[axis];
      if (!(typeof score === "number" && score >= 0 && score <= 100))
        problems.push({ path: [index, axis], message: `a score from 0 to 100; received ${String(score)}` });
    }
    let size: number | undefined;
    if (options.sizes !== undefined) {
      size = Object.hasOwn(options.sizes, input.id) ? options.sizes[input.id] : undefined;
      if (size !== undefined && !(Number.isFinite(size) && size >= 0))
        problems.push({ path: ["sizes", input.id], message: `a size of at least 0; received ${size}` });
    } else {
      const field = (input as unknown as Record<string, unknown>)[sizeField];
      if (field !== undefined && field !== null) {
        if (typeof field === "number" && Number.isFinite(field) && field >= 0) size = field;
        else
          problems.push({
            path: [index, sizeField],
            message: `a size of at least 0; received ${JSON.stringify(field)}`,
          });
      }
    }
    if (input.quadrant === UNRATED) {
      unrated.push(input);
      return;
    }
    const score = input.priority ?? priorityOf(input.value, input.feasibility);
    points.push({ input, priority: score, size });
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
  points.sort(
    (a, b) =>
      b.priority - a.priority ||
      b.input.value - a.input.value ||
      (a.input.id < b.input.id ? -1 : a.input.id > b.input.id ? 1 : 0),
  );
  const messages = options.messages ?? en;
  const labels = model.quadrantLabels ?? {};
  const label = (quadrant: Quadrant): string =>
    quadrantName(labels[quadrant], defaultModel.quadrantLabels[quadrant], messages.quadrants[quadrant]);
  const quadrantLabels = {
    "likely-win": label("likely-win"),
    "calculated-risk": label("calculated-risk"),
    "marginal-gain": label("marginal-gain"),
    unlikely: label("unlikely"),
    unrated: quadrantName(labels.unrated, defaultModel.quadrantLabels.unrated, messages.quadrants.unrated),
  };
  const subtitle =
    options.subtitle ??
    messages.matrix.subtitle(
      inputs.length,
      messages.priorityRules[priority],
      String(thresholds.value),
      String(thresholds.feasibility),
    );
  return {
    points,
    unrated,
    options: {
      width,
      height,
      theme: options.theme ?? "light",
      title: options.title ?? messages.matrix.title,
      subtitle,
      priority,
      priorityOf,
      axisShare: axisWeights.value / (axisWeights.value + axisWeights.feasibility),
      thresholds,
      quadrantLabels,
      sizeLabel: options.sizeLabel ?? messages.matrix.cost,
      idPrefix: options.idPrefix ?? "cxprism-matrix",
      levels: [...levels].sort((a, b) => a - b),
      messages,
    },
  };
}
