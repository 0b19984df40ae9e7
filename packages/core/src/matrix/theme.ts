/**
 * The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that stay distinct
 * under the common forms of colour blindness. Ordered here so the first categories get the most distinct
 * hues; yellow and black, hard to see on white and dark backgrounds respectively, come last.
 */
export const OKABE_ITO = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#F0E442", // yellow
  "#000000", // black
] as const;

/** The colours of one matrix theme. */
export interface MatrixTheme {
  readonly name: "light" | "dark";
  readonly background: string;
  /** Titles, labels and key text. */
  readonly text: string;
  /** Tick labels, axis titles, subtitles. */
  readonly muted: string;
  readonly grid: string;
  /** The frame and the threshold lines. */
  readonly axis: string;
  /** The quadrant labels. */
  readonly quadrantLabel: string;
  /** Background tint of the high-value, high-feasibility quadrant. */
  readonly winFill: string;
  /** The colour of the iso-priority bands, stacked at {@link MatrixTheme.bandOpacity} each. */
  readonly band: string;
  readonly bandOpacity: number;
  /** Category colours, in order of first use; they repeat past the eighth category. */
  readonly palette: readonly string[];
}

const LIGHT: MatrixTheme = {
  name: "light",
  background: "#FFFFFF",
  text: "#1B1F2A",
  muted: "#5A6172",
  grid: "#E4E7EE",
  axis: "#9AA1B2",
  quadrantLabel: "#4A5163",
  winFill: "#F2F0FB",
  band: "#5B3FBF",
  bandOpacity: 0.045,
  palette: OKABE_ITO,
};

const DARK: MatrixTheme = {
  name: "dark",
  background: "#14161D",
  text: "#ECEEF4",
  muted: "#A4AABA",
  grid: "#2A2E3A",
  axis: "#5D6476",
  quadrantLabel: "#C3C8D6",
  winFill: "#1D1B2C",
  band: "#A08CFF",
  bandOpacity: 0.05,
  // Black disappears on a dark background; white takes its place.
  palette: [...OKABE_ITO.slice(0, 7), "#FFFFFF"],
};

/**
 * The colours of a named theme.
 *
 * @param name - `light` (default) or `dark`
 * @returns the theme
 */
export function matrixTheme(name: "light" | "dark" = "light"): MatrixTheme {
  return name === "dark" ? DARK : LIGHT;
}

/**
 * Black or white, whichever reads better on a colour (by WCAG relative luminance).
 *
 * @param hex - a `#RRGGBB` colour
 * @returns `#000000` or `#FFFFFF`
 */
export function contrastingInk(hex: string): string {
  const channel = (offset: number): number => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // The crossover where contrast with black equals contrast with white.
  return luminance > 0.179 ? "#000000" : "#FFFFFF";
}
