/**
 * The board pack as a document model: sections of blocks with every text already in the chosen language and
 * every number already formatted. Renderers (PPTX, PDF) only lay it out; they add no words of their own.
 */

/** A paragraph of running text. */
export interface ParagraphBlock {
  readonly kind: "paragraph";
  readonly text: string;
  /** `lead` paragraphs are set larger, e.g. the summary's sentences. */
  readonly style?: "lead" | "note";
}

/** A bulleted list. */
export interface BulletsBlock {
  readonly kind: "bullets";
  readonly items: readonly string[];
}

/** One column of a table. */
export interface TableColumn {
  readonly label: string;
  /** `end` for numbers. */
  readonly align: "start" | "end";
  /** Share of the table's width, relative to the other columns' shares. */
  readonly width: number;
}

/** A table; cells are text, wrapped by the renderer, never cut. */
export interface TableBlock {
  readonly kind: "table";
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
}

/** A picture given as SVG, with what it shows in words for people who cannot see it. */
export interface FigureBlock {
  readonly kind: "figure";
  /** `matrix` for the prism, `roadmap` for the plan. */
  readonly figure: "matrix" | "roadmap";
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly description: string;
}

/** Anything a section holds. */
export type PackBlock = ParagraphBlock | BulletsBlock | TableBlock | FigureBlock;

/** Section ids, in the order they appear. */
export type PackSectionId =
  | "summary"
  | "matrix"
  | "ranking"
  | "confidence"
  | "discussion"
  | "rounds"
  | "plan"
  | "kpi-coverage"
  | "overlap"
  | "method"
  | "appendix";

/** One section: a heading and its blocks. A section without data is left out of the pack. */
export interface PackSection {
  readonly id: PackSectionId;
  readonly heading: string;
  readonly blocks: readonly PackBlock[];
}

/** The whole board pack. */
export interface BoardPack {
  /** BCP 47 tag of the pack's language. */
  readonly lang: string;
  readonly direction: "ltr" | "rtl";
  readonly title: string;
  /** The date line, e.g. "Board pack · 2026-11-30". */
  readonly subtitle: string;
  /** Raters and rounds, when known. */
  readonly byline?: string;
  /** The date as the caller gave it (ISO 8601), for document metadata. */
  readonly date: string;
  readonly sections: readonly PackSection[];
}
