import { messages as m } from "./messages.js";
import type { Invite } from "./types.js";

/**
 * The rater the API stores ratings under when they came with an import or a new initiative and the import
 * named no rater (`?rater=` or `raters`): the id `import`, as `docs/api.md` documents it. Nobody in the room
 * chose that name, so the app never shows it as one.
 */
export const IMPORT_RATER = "import";

/**
 * A rater as a person reads it: their invite's label when known, else the rater id, or "Imported ratings"
 * for {@link IMPORT_RATER}.
 *
 * @param rater - the rater id as the API answers it
 * @param labels - the invites' labels by rater id ({@link labelsByRater}), when the page has them
 * @returns the text to show
 */
export function raterLabel(rater: string, labels?: ReadonlyMap<string, string>): string {
  return labels?.get(rater) ?? (rater === IMPORT_RATER ? m.progress.imported : rater);
}

/**
 * The name each invited rater id reads as: its invite's label ("Sam", "Sam (2)"). When a revoked invite and
 * a newer one share an id, the active invite's label wins, then the newest (the API lists invites oldest
 * first).
 *
 * @param invites - the workshop's invites, revoked ones included
 * @returns the label by rater id
 */
export function labelsByRater(invites: readonly Invite[]): ReadonlyMap<string, string> {
  const labels = new Map<string, string>();
  for (const revoked of [true, false])
    for (const invite of invites)
      if (invite.rater !== undefined && (invite.revokedAt !== undefined) === revoked)
        labels.set(invite.rater, invite.label);
  return labels;
}
