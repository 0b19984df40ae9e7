import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The regular and bold faces of the pack's font, as TrueType bytes. */
export interface PackFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/**
 * Reads DejaVu Sans (regular and bold) from the `dejavu-fonts-ttf` package: a free font covering Latin,
 * Cyrillic, Greek and Arabic, shipped from npm so rendering needs no network and no system fonts. In a browser,
 * fetch the same files and pass their bytes instead.
 *
 * @returns the font bytes
 */
export async function loadPackFonts(): Promise<PackFonts> {
  const require = createRequire(import.meta.url);
  const dir = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf").replace(/DejaVuSans\.ttf$/, "");
  const [regular, bold] = await Promise.all([
    readFile(`${dir}DejaVuSans.ttf`),
    readFile(`${dir}DejaVuSans-Bold.ttf`),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}
