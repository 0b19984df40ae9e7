import { messages as m } from "./messages.js";

/**
 * The rater the API stores ratings under when they came with an import or a new initiative and the import
 * named no rater (`?rater=` or `raters`): the id `import`, as `docs/api.md` documents it. Nobody in the room
 * chose that name, so the app never shows it as one.
 */
export const IMPORT_RATER = "import";

/**
 * A rater as a person reads it: the rater's own name, or "Imported ratings" for {@link IMPORT_RATER}.
 *
 * @param rater - the rater id as the API answers it
 * @returns the text to show
 */
export function raterLabel(rater: string): string {
  return rater === IMPORT_RATER ? m.progress.imported : rater;
}
