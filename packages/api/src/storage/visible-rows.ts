/**
 * What readers of a portfolio's rows may see while atomic writes (imports, initiatives added with their
 * ratings, rating batches) are under way or were cut short. See docs/storage-consistency.md.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";

type Item = Record<string, AttributeValue>;

/** On the portfolio item: the string set of write ids whose rows no reader may see yet. */
export const PENDING_IMPORTS = "pendingImports";
/** On the portfolio item: the string set of write ids being rolled back (their rows stay hidden). */
export const ABORTING_IMPORTS = "abortingImports";
/** On a row written by an atomic write: that write's id. */
export const IMPORT_ID = "importId";
/**
 * On a row an atomic write put over an earlier one: the earlier row as readers saw it (a map without `pk`,
 * `sk` and its own `previous`), shown instead while the write is hidden and put back when it rolls back.
 */
export const PREVIOUS = "previous";
/** On a row an atomic write removes: once the write shows, the row reads as absent. */
export const REMOVED = "removed";

/**
 * The write ids whose rows are hidden, from a portfolio item.
 *
 * @param portfolio - the portfolio item
 * @returns the ids in its pending and aborting sets
 */
export function hiddenImports(portfolio: Item): Set<string> {
  return new Set([...(portfolio[PENDING_IMPORTS]?.SS ?? []), ...(portfolio[ABORTING_IMPORTS]?.SS ?? [])]);
}

/**
 * A row as readers see it: the row itself; while its write is hidden, the row it replaced (or nothing when
 * it replaced none); nothing for a removal that shows.
 *
 * @param row - a stored row
 * @param hidden - the hidden write ids ({@link hiddenImports})
 * @returns the item a reader sees at the row's key, or undefined
 */
export function visibleForm(row: Item, hidden: ReadonlySet<string>): Item | undefined {
  const id = row[IMPORT_ID]?.S;
  let shown: Item | undefined = row;
  if (id !== undefined && hidden.has(id)) {
    const previous = row[PREVIOUS]?.M;
    shown = previous === undefined ? undefined : { ...previous, pk: row.pk!, sk: row.sk! };
  }
  return shown === undefined || shown[REMOVED] !== undefined ? undefined : shown;
}

/**
 * The rows readers may see, in order. A write adds its id to the pending set before it writes any row, so a
 * row whose id is pending neither before nor after the rows were read belongs to a write that had shown
 * before the read began, or that began during it (the caller tells those apart by the portfolio item's
 * count of writes begun). A write pending before the read stays hidden for all of it, also when it shows or
 * rolls back meanwhile: every row it touched then reads as before it, its other rows were read untouched.
 *
 * @param rows - stored rows of one portfolio
 * @param after - the portfolio item, read after them
 * @param before - the portfolio item read before them, when the caller has it
 * @returns what readers see of them
 */
export function visibleRows(rows: readonly Item[], after: Item, before?: Item): Item[] {
  const hidden = hiddenImports(after);
  if (before !== undefined) for (const id of hiddenImports(before)) hidden.add(id);
  const visible: Item[] = [];
  for (const row of rows) {
    const shown = visibleForm(row, hidden);
    if (shown !== undefined) visible.push(shown);
  }
  return visible;
}

/**
 * What an atomic write keeps of the row it replaces: the row readers see now (`pk`, `sk` and its own
 * `previous` left out), or undefined when they see none.
 *
 * @param row - the row stored at the key (undefined when none)
 * @param hidden - the hidden write ids, read after the row
 * @returns the value of the new row's `previous`, or undefined
 */
export function previousOf(row: Item | undefined, hidden: ReadonlySet<string>): AttributeValue | undefined {
  const shown = row === undefined ? undefined : visibleForm(row, hidden);
  if (shown === undefined) return undefined;
  const { pk: _pk, sk: _sk, [PREVIOUS]: _previous, ...rest } = shown;
  return { M: rest };
}
