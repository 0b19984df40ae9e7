import { IMPORT_RATER } from "./rater-label.js";
import type { Invite } from "./types.js";

/**
 * A rater id from a person's name: letters and digits of any script kept, lower-cased, the rest dashed.
 *
 * @param name - the name as the facilitator typed it
 * @returns the id, or "" when the name has no letter or digit
 */
export function raterIdOf(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** The rater id and label a new rater invite gets. */
export interface PickedRater {
  /** The id the person's ratings are stored under. */
  readonly rater: string;
  /** The name the facilitator reads: the typed name, with "(2)" when another person already has it. */
  readonly label: string;
}

/**
 * The rater id for a newly invited person: the id of their name (`sam`), or the first of `sam-2`, `sam-3`...
 * that nobody else's ratings are under. Taken are the ids of the workshop's active invites, the id `import`
 * (the ratings that came with an import) and the ids of raters who have ratings but no invite at all (an
 * import's `?rater=` names). An id held only by revoked invites is free: inviting the same name again after a
 * revoke continues that person's ratings. Ids compare case-insensitively, so `Sam` imported and `sam`
 * invited are never two rows that read alike.
 *
 * @param name - the name as the facilitator typed it
 * @param invites - the workshop's invites, revoked ones included
 * @param raters - the rater ids that have ratings (the progress poll's raters)
 * @returns the id and label, or undefined when the name has no letter or digit
 * @example
 * pickRater("Sam", [{ id: "1", role: "rater", rater: "sam", label: "Sam" }], []);
 * // { rater: "sam-2", label: "Sam (2)" }
 */
export function pickRater(
  name: string,
  invites: readonly Invite[],
  raters: readonly string[],
): PickedRater | undefined {
  const base = raterIdOf(name);
  if (base === "") return undefined;
  const invited = new Set(
    invites.flatMap((invite) => (invite.rater === undefined ? [] : [fold(invite.rater)])),
  );
  const people = new Set([
    ...invites.flatMap((invite) =>
      invite.role === "rater" && invite.rater !== undefined && invite.revokedAt === undefined
        ? [fold(invite.rater)]
        : [],
    ),
    ...raters.map(fold).filter((rater) => !invited.has(rater) && rater !== IMPORT_RATER),
  ]);
  let rater = base;
  let skippedPerson = false;
  for (let n = 2; people.has(rater) || rater === IMPORT_RATER; n++) {
    skippedPerson ||= people.has(rater);
    rater = `${base}-${n}`;
  }
  const typed = name.trim();
  const suffix = rater.slice(base.length + 1);
  return { rater, label: skippedPerson ? `${typed} (${suffix})` : typed };
}

const fold = (rater: string) => rater.toLowerCase();
