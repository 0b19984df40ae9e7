import { sortByDenseRanks } from "./dense-rank.js";

/**
 * Scores closer than this are treated as equal when ordering and ranking, so floating-point noise (a cost
 * criterion rated r against a benefit criterion rated min+max-r) never splits a tie.
 */
export const TIE_TOLERANCE = 1e-9;

/** A score as a whole number of tolerance steps; scores are clamped to [0, 100], so keys stay below 2^37. */
export function tieKey(score: number): number {
  const steps = Math.min(100, Math.max(0, score)) / TIE_TOLERANCE;
  // Math.round(steps), written out: Node's Math.round costs several times a floor (measured on 100,000
  // scores). For steps >= 0.5 the sum steps + 0.5 is exact, so its floor is the rounding; below, it is 0.
  return steps < 0.5 ? 0 : Math.floor(steps + 0.5);
}

/**
 * Each id's position in code-point order, so ranking can break full ties by id with a number comparison.
 *
 * @param ids - one id per initiative
 * @returns `ordinal[i]` = how many ids sort before `ids[i]`
 */
export function idOrdinals(ids: readonly string[]): Uint32Array {
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const ordinals = new Uint32Array(ids.length);
  order.forEach((i, position) => {
    ordinals[i] = position;
  });
  return ordinals;
}

/** Tie keys are whole numbers below 2^37 (100 / 1e-9 = 1e11): three 13-bit digits cover them. */
const DIGIT_BITS = 13;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
/** Below this many initiatives a comparison sort is faster than three radix passes over 8,192 buckets. */
const RADIX_THRESHOLD = 2048;
/** How many keys {@link tiesAreCommon} samples. */
const TIE_SAMPLE = 1024;

/**
 * Whether equal keys are common, judged from an evenly spaced sample: with integer ratings a few thousand
 * priorities repeat, so a sample of {@link TIE_SAMPLE} holds many equal pairs; with averaged or continuous
 * ratings it holds almost none.
 */
function tiesAreCommon(keys: Float64Array): boolean {
  const step = keys.length / TIE_SAMPLE;
  const sample = new Float64Array(TIE_SAMPLE);
  for (let s = 0; s < TIE_SAMPLE; s++) sample[s] = keys[Math.floor(s * step)]!;
  sample.sort();
  let equal = 0;
  for (let s = 1; s < TIE_SAMPLE; s++) if (sample[s] === sample[s - 1]) equal++;
  return equal > TIE_SAMPLE / 8;
}

/** Runs of tied priority up to this long are settled by insertion; longer ones by a merge sort. */
const INSERTION_RUN = 16;

/**
 * Stable LSD radix sort of `order` by a whole-number key in [0, 2^39), high keys first. Linear in n: ranking
 * 100,000 initiatives costs a few passes over typed arrays, not n log n comparisons. The three digit
 * histograms do not depend on the order, so one pass over the keys counts them all; a digit every key
 * shares moves nothing and is skipped.
 */
function radixSortDescending(order: Uint32Array, scratch: Uint32Array, keys: Float64Array): void {
  const n = order.length;
  // Each key as three 13-bit digits, complemented so that ascending digits mean descending keys, with 32-bit
  // integer arithmetic (`>>> 0` is the key mod 2^32).
  const digits = new Uint16Array(3 * n);
  const counts = new Uint32Array(3 * RADIX);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const low = key >>> 0;
    const high = Math.floor(key / 4294967296);
    const d0 = (low & DIGIT_MASK) ^ DIGIT_MASK;
    const d1 = ((low >>> DIGIT_BITS) & DIGIT_MASK) ^ DIGIT_MASK;
    const d2 = (((low >>> (2 * DIGIT_BITS)) | (high << (32 - 2 * DIGIT_BITS))) & DIGIT_MASK) ^ DIGIT_MASK;
    digits[i] = d0;
    digits[n + i] = d1;
    digits[2 * n + i] = d2;
    counts[d0]!++;
    counts[RADIX + d1]!++;
    counts[2 * RADIX + d2]!++;
  }
  let from = order;
  let to = scratch;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * RADIX;
    const offset = pass * n;
    let total = 0;
    let shared = false;
    for (let d = base; d < base + RADIX; d++) {
      const count = counts[d]!;
      if (count === n) shared = true;
      counts[d] = total;
      total += count;
    }
    if (shared) continue;
    for (let k = 0; k < n; k++) {
      const i = from[k]!;
      to[counts[base + digits[offset + i]!]!++] = i;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== order) order.set(from);
}

/**
 * Within each run of equal `runKeys` in `order`, orders by `keys`, high first, keeping the run's order among
 * equal keys (stable). Each run's keys are first copied beside it, so sorting reads memory in order rather
 * than through `order`.
 */
function settleRunsDescending(order: Uint32Array, runKeys: Float64Array, keys: Float64Array): void {
  const n = order.length;
  let sorted: Float64Array | undefined;
  let scratch: { order: Uint32Array; keys: Float64Array } | undefined;
  let start = 0;
  let startKey = n > 0 ? runKeys[order[0]!]! : 0;
  for (let k = 1; k <= n; k++) {
    const key = k < n ? runKeys[order[k]!]! : Number.NaN;
    if (key === startKey) continue;
    if (k - start > 1) {
      sorted ??= new Float64Array(n);
      for (let j = start; j < k; j++) sorted[j] = keys[order[j]!]!;
      if (k - start > INSERTION_RUN) scratch ??= { order: new Uint32Array(n), keys: new Float64Array(n) };
      sortRangeDescending(order, sorted, scratch, start, k);
    }
    start = k;
    startKey = key;
  }
}

/**
 * Stable sort of `order[start..end)` by `keys[start..end)` (kept beside it), high first: insertion in blocks
 * of {@link INSERTION_RUN}, then merges through `scratch`.
 */
function sortRangeDescending(
  order: Uint32Array,
  keys: Float64Array,
  scratch: { order: Uint32Array; keys: Float64Array } | undefined,
  start: number,
  end: number,
): void {
  for (let block = start; block < end; block += INSERTION_RUN)
    insertionSortDescending(order, keys, block, Math.min(end, block + INSERTION_RUN));
  if (scratch === undefined) return;
  let from = order;
  let fromKeys = keys;
  let to = scratch.order;
  let toKeys = scratch.keys;
  for (let width = INSERTION_RUN; width < end - start; width *= 2) {
    for (let left = start; left < end; left += 2 * width) {
      const middle = Math.min(end, left + width);
      const right = Math.min(end, left + 2 * width);
      let a = left;
      let b = middle;
      let k = left;
      while (a < middle && b < right) {
        if (fromKeys[b]! > fromKeys[a]!) {
          toKeys[k] = fromKeys[b]!;
          to[k++] = from[b++]!;
        } else {
          toKeys[k] = fromKeys[a]!;
          to[k++] = from[a++]!;
        }
      }
      for (; a < middle; a++, k++) {
        toKeys[k] = fromKeys[a]!;
        to[k] = from[a]!;
      }
      for (; b < right; b++, k++) {
        toKeys[k] = fromKeys[b]!;
        to[k] = from[b]!;
      }
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  if (from !== order) for (let k = start; k < end; k++) order[k] = from[k]!;
}

function insertionSortDescending(order: Uint32Array, keys: Float64Array, start: number, end: number): void {
  for (let k = start + 1; k < end; k++) {
    const i = order[k]!;
    const key = keys[k]!;
    let j = k - 1;
    while (j >= start && keys[j]! < key) {
      order[j + 1] = order[j]!;
      keys[j + 1] = keys[j]!;
      j--;
    }
    order[j + 1] = i;
    keys[j + 1] = key;
  }
}

/**
 * Orders initiatives by priority (high first), then value (high first), then id (code-point order), and gives
 * tied priorities the same rank (competition ranking: 1, 2, 2, 4). Scores within {@link TIE_TOLERANCE} tie.
 *
 * @param priority - priority per initiative, 0-100
 * @param value - value per initiative, 0-100
 * @param ids - id per initiative (unique), or their precomputed {@link idOrdinals}
 * @param last - non-zero for initiatives that rank after every other (the `unrated` ones), whatever their
 *   priority; they are ordered among themselves by the same rules
 * @returns `order` (initiative indices, best first) and `ranks` (rank per initiative index)
 */
export function rankInitiatives(
  priority: Float64Array,
  value: Float64Array,
  ids: readonly string[] | Uint32Array,
  last?: Uint8Array,
): { order: Uint32Array; ranks: Uint32Array } {
  return rankByTieKeys(tieKeys(priority), tieKeys(value), ids, last);
}

/**
 * {@link rankInitiatives} from the scores' tie keys ({@link tieKey}), for a caller that made them on the way.
 *
 * @param priorityKey - the tie key of each initiative's priority
 * @param valueKey - the tie key of each initiative's value
 * @param ids - id per initiative (unique), or their precomputed {@link idOrdinals}
 * @param last - non-zero for initiatives that rank after every other
 * @returns `order` (initiative indices, best first) and `ranks` (rank per initiative index)
 */
export function rankByTieKeys(
  priorityKey: Float64Array,
  valueKey: Float64Array,
  ids: readonly string[] | Uint32Array,
  last?: Uint8Array,
): { order: Uint32Array; ranks: Uint32Array } {
  const n = priorityKey.length;
  const ordinal = ids instanceof Uint32Array ? ids : idOrdinals(ids);
  // Most portfolios have no unrated initiative: then no group is looked up.
  const flagged = last !== undefined && anyFlagged(last) ? last : undefined;
  let order: Uint32Array;
  if (n < RADIX_THRESHOLD) {
    // Small portfolios (every API request): a comparison sort beats the radix passes' fixed cost.
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort(
      (a, b) =>
        groupOf(flagged, a) - groupOf(flagged, b) ||
        priorityKey[b]! - priorityKey[a]! ||
        valueKey[b]! - valueKey[a]! ||
        ordinal[a]! - ordinal[b]!,
    );
  } else {
    // From id order, stable sorts (id order stays among full ties). When priorities seldom tie (averaged or
    // continuous ratings): a radix sort by priority, the few ties then ordered by value. When they often tie
    // (integer ratings): a counting sort by the dense ranks of the few distinct (priority, value) pairs, or,
    // if there are too many of those to gather, radix sorts by value then by priority. All give the same
    // order; they differ in speed only.
    order = inIdOrder(ordinal);
    const scratch = new Uint32Array(n);
    if (!tiesAreCommon(priorityKey)) {
      radixSortDescending(order, scratch, priorityKey);
      settleRunsDescending(order, priorityKey, valueKey);
    } else if (!sortByDenseRanks(order, scratch, priorityKey, valueKey)) {
      radixSortDescending(order, scratch, valueKey);
      radixSortDescending(order, scratch, priorityKey);
    }
    if (flagged !== undefined) moveToEnd(order, scratch, flagged);
  }
  const ranks = competitionRanks(order, priorityKey, flagged);
  return { order, ranks };
}

/*
 * The loops over every initiative live in small functions that return when their loop ends. Called once per
 * ranking, such a loop is optimised while it runs (on-stack replacement) and Node 20 keeps that code for later
 * calls; whatever followed the loop in the same function was compiled before it had ever run, and is
 * deoptimised again on every call (seen with --trace-deopt: the code after the key loop fell back to the
 * interpreter on every call of 100,000 initiatives). A loop followed only by a return costs little.
 */

/** {@link tieKey} of every score. */
function tieKeys(scores: Float64Array): Float64Array {
  const keys = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) keys[i] = tieKey(scores[i]!);
  return keys;
}

/** Initiative indices in id order, from each initiative's place in that order. */
function inIdOrder(ordinal: Uint32Array): Uint32Array {
  const order = new Uint32Array(ordinal.length);
  for (let i = 0; i < ordinal.length; i++) order[ordinal[i]!] = i;
  return order;
}

/**
 * Competition ranks (1, 2, 2, 4) along `order`: an initiative shares the rank of the one before it when both
 * have the same priority key and group. The previous key and group are carried along, so each initiative is
 * looked up once.
 */
function competitionRanks(
  order: Uint32Array,
  priorityKey: Float64Array,
  last: Uint8Array | undefined,
): Uint32Array {
  const n = order.length;
  const ranks = new Uint32Array(n);
  let previousKey = Number.NaN;
  let previousGroup = -1;
  let rank = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const key = priorityKey[i]!;
    const group = groupOf(last, i);
    if (key !== previousKey || group !== previousGroup) rank = k + 1;
    ranks[i] = rank;
    previousKey = key;
    previousGroup = group;
  }
  return ranks;
}

function groupOf(last: Uint8Array | undefined, i: number): number {
  return last === undefined || last[i] === 0 ? 0 : 1;
}

/** Whether any initiative is flagged. */
function anyFlagged(last: Uint8Array): boolean {
  for (let i = 0; i < last.length; i++) if (last[i] !== 0) return true;
  return false;
}

/** Moves the initiatives flagged in `last` behind the others, keeping both groups' order (a stable partition). */
function moveToEnd(order: Uint32Array, scratch: Uint32Array, last: Uint8Array): void {
  const n = order.length;
  let kept = 0;
  let flagged = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (last[i] === 0) order[kept++] = i;
    else scratch[flagged++] = i;
  }
  order.set(scratch.subarray(0, flagged), kept);
}
