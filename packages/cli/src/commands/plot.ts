import { CxprismError, formatPath, scorePortfolio } from "@cxprism/core";
import { MAX_PNG_PIXELS, type MatrixOptions, renderMatrixSvg, toVegaLite } from "@cxprism/core/matrix";
import { defineCommand } from "../command.js";
import { CliError } from "../errors.js";
import { loadPortfolio } from "../input/load-portfolio.js";
import { writeFileAtomic } from "../io/write-file.js";
import {
  MISSING_OPTION,
  MODEL_OPTION,
  readChoice,
  readMissing,
  readNumberFlag,
  readString,
  SHEET_OPTION,
} from "./options.js";

const FORMATS = ["svg", "png", "vega-lite"] as const;
/** An image format of `cxprism plot`. */
export type PlotFormat = (typeof FORMATS)[number];

/** The largest PNG side, in pixels: beyond it resvg needs gigabytes. */
const MAX_PNG_SIDE = 16384;

/** `cxprism plot FILE|- -o OUT`: the prism matrix as SVG, PNG or Vega-Lite. */
export const plotCommand = defineCommand({
  name: "plot",
  usage: "plot FILE|- --out FILE|- [options]",
  description: [
    "Scores the initiatives (the CSV `score` reads) and draws the prism matrix: feasibility across, business",
    "value up, the quadrants at the model's thresholds, iso-priority bands, one marker per initiative coloured",
    "by category and sized by its `cost` column (all one size without one), labels that never overlap.",
    "The format comes from the --out extension (.svg, .png, .vl.json or .json for Vega-Lite) unless",
    "--format says otherwise. PNG is drawn by resvg with the system's fonts, at --scale times the size.",
    "Files are written atomically; `--out -` writes SVG or Vega-Lite (or PNG into a pipe) to stdout.",
  ].join("\n"),
  options: {
    out: {
      type: "string",
      short: "o",
      value: "FILE",
      description: "the image to write: matrix.svg, matrix.png, matrix.vl.json, or - for stdout (required)",
    },
    format: {
      type: "string",
      short: "f",
      value: "FORMAT",
      description: "svg, png or vega-lite (default: from --out)",
    },
    theme: { type: "string", value: "THEME", description: "light (default) or dark" },
    width: { type: "string", value: "W", description: "width in pixels, 480-10000 (default 960)" },
    height: { type: "string", value: "H", description: "height in pixels, 400-10000 (default 680)" },
    scale: {
      type: "string",
      value: "S",
      description: "PNG pixels per SVG pixel, above 0 up to 8 (default 1)",
    },
    title: {
      type: "string",
      short: "t",
      value: "TEXT",
      description: "the heading (default: Prism matrix: ...)",
    },
    model: MODEL_OPTION,
    missing: MISSING_OPTION,
    sheet: SHEET_OPTION,
  },
  positionals: { min: 1, max: 1 },
  examples: [
    ["cxprism plot examples/contact-center.csv -o matrix.svg", "the example portfolio as SVG"],
    [
      "cxprism plot examples/contact-center.csv -o matrix.png --scale 2 --theme dark",
      "a sharp PNG for slides, dark theme",
    ],
    ["cxprism plot portfolio.csv -o matrix.vl.json", "a Vega-Lite spec for vega-embed or the Vega editor"],
    ["cxprism plot portfolio.csv -o - --title 'Q3 shortlist' > matrix.svg", "SVG to stdout, own title"],
  ],
  async run({ values, positionals }, io) {
    const out = readString(values.out);
    if (out === undefined)
      throw new CliError(
        "usage",
        "--out: expected a file to write (matrix.svg, matrix.png, matrix.vl.json) or -, received nothing",
      );
    const format = readPlotFormat(values.format, out);
    const theme = readChoice("theme", values.theme, ["light", "dark"] as const, "light");
    const scale = readNumber("scale", values.scale) ?? 1;
    if (!(scale > 0 && scale <= 8))
      throw new CliError(
        "usage",
        `--scale: expected a number above 0 up to 8, received ${JSON.stringify(values.scale)}`,
      );
    if (format === "png" && out === "-" && io.stdout.isTTY === true)
      throw new CliError("usage", "--out -: expected a pipe or a file for a PNG, received a terminal");
    const options: MatrixOptions = { theme };
    const width = readNumber("width", values.width);
    const height = readNumber("height", values.height);
    const title = readString(values.title);
    if (width !== undefined) Object.assign(options, { width });
    if (height !== undefined) Object.assign(options, { height });
    if (title !== undefined) Object.assign(options, { title });
    if (format === "png" && Math.max(width ?? 960, height ?? 680) * scale > MAX_PNG_SIDE)
      throw new CliError(
        "usage",
        `--scale: expected at most ${MAX_PNG_SIDE} pixels a side, received ${Math.max(width ?? 960, height ?? 680)} x ${scale}`,
      );
    const pixels = Math.round((width ?? 960) * scale) * Math.round((height ?? 680) * scale);
    if (format === "png" && pixels > MAX_PNG_PIXELS)
      throw new CliError(
        "usage",
        `--scale: expected a PNG of at most ${MAX_PNG_PIXELS.toLocaleString("en")} pixels, received ${(width ?? 960) * scale} x ${(height ?? 680) * scale} = ${pixels.toLocaleString("en")}: lower --scale, --width or --height`,
      );

    const loaded = await loadPortfolio(
      positionals[0]!,
      {
        modelFile: readString(values.model),
        missing: readMissing(values.missing),
        sheet: readString(values.sheet),
      },
      io,
    );
    const results = scorePortfolio(loaded.portfolio);
    const sizes: Record<string, number> = {};
    for (const initiative of loaded.portfolio.initiatives)
      if (initiative.cost !== undefined) sizes[initiative.id] = initiative.cost;
    Object.assign(options, { model: loaded.portfolio.model, sizes });

    let data: string | Uint8Array;
    try {
      if (format === "vega-lite") data = `${JSON.stringify(toVegaLite(results, options), null, 2)}\n`;
      else {
        const svg = renderMatrixSvg(results, options);
        data = format === "svg" ? `${svg}\n` : await renderPng(svg, scale);
      }
    } catch (error) {
      if (!(error instanceof CxprismError) || error.code !== "invalid-options") throw error;
      throw new CliError(
        "usage",
        error.problems
          .map((problem) => `--${formatPath(problem.path)}: expected ${problem.message}`)
          .join("; "),
      );
    }
    if (out === "-") {
      await new Promise<void>((resolve, reject) =>
        io.stdout.write(data, (error) => (error ? reject(error) : resolve())),
      );
    } else await writeFileAtomic(out, data);
    return 0;
  },
});

/**
 * Draws an SVG as PNG with resvg and the system's fonts. resvg is loaded only here: other commands never
 * pay for its native binding.
 *
 * @param svg - the SVG document
 * @param scale - PNG pixels per SVG pixel
 * @returns the PNG bytes
 */
export async function renderPng(svg: string, scale: number): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
  });
  return resvg.render().asPng();
}

/**
 * Picks the image format: `--format`, else the extension of `--out` (`.vl.json` and `.json` are Vega-Lite),
 * else SVG for stdout.
 *
 * @param value - the `--format` value
 * @param out - the `--out` path, or `-`
 * @returns the format
 * @throws {@link CliError} `usage` for an unknown format or an extension that names none
 */
export function readPlotFormat(value: string | boolean | undefined, out: string): PlotFormat {
  if (value !== undefined) return readChoice("format", value, FORMATS, "svg");
  if (out === "-") return "svg";
  const lower = out.toLowerCase();
  if (lower.endsWith(".svg")) return "svg";
  if (lower.endsWith(".png")) return "png";
  if (lower.endsWith(".json")) return "vega-lite";
  throw new CliError(
    "usage",
    `--out: expected a file ending in .svg, .png, .vl.json or .json (or pass --format), received ${JSON.stringify(out)}`,
  );
}

function readNumber(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  return readNumberFlag(name, value, { min: 0 });
}
