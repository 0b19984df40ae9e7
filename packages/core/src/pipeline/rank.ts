/**
 * Scores closer than this are treated as equal when ordering and ranking, so floating-point noise (a cost
 * criterion rated r against a benefit criterion rated min+max-r) never splits a tie.
 */
export const TIE_TOLERANCE = 1e-9;

/** A score as a whole number of tolerance steps; scores are clamped to [0, 100], so keys stay below 2^37. */
export function tieKey(score: number): number {
  return Math.round(Math.min(100, Math.max(0, score)) / TIE_TOLERANCE);
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

/**
 * Stable LSD radix sort of `order` by a whole-number key in [0, 2^39), descending when `descending`.
 * Linear in n: ranking 100,000 initiatives costs a few passes over typed arrays, not n log n comparisons.
 */
function radixSortBy(
  order: Uint32Array,
  scratch: Uint32Array,
  keys: Float64Array,
  descending: boolean,
): void {
  const n = order.length;
  // Split each key into three 13-bit digits with 32-bit integer arithmetic (`>>> 0` is the key mod 2^32).
  const digits = [new Uint16Array(n), new Uint16Array(n), new Uint16Array(n)] as const;
  const flip = descending ? DIGIT_MASK : 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const low = key >>> 0;
    const high = Math.floor(key / 4294967296);
    digits[0][i] = (low & DIGIT_MASK) ^ flip;
    digits[1][i] = ((low >>> DIGIT_BITS) & DIGIT_MASK) ^ flip;
    digits[2][i] = (((low >>> (2 * DIGIT_BITS)) | (high << (32 - 2 * DIGIT_BITS))) & DIGIT_MASK) ^ flip;
  }
  const counts = new Uint32Array(RADIX);
  let from = order;
  let to = scratch;
  for (const digit of digits) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[digit[from[k]!]!]!++;
    let total = 0;
    for (let d = 0; d < RADIX; d++) {
      const count = counts[d]!;
      counts[d] = total;
      total += count;
    }
    for (let k = 0; k < n; k++) {
      const i = from[k]!;
      to[counts[digit[i]!]!++] = i;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  // Three passes leave the result in `scratch`: copy it back.
  order.set(from);
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
  const n = priority.length;
  const ordinal = ids instanceof Uint32Array ? ids : idOrdinals(ids);
  const priorityKey = new Float64Array(n);
  const valueKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    priorityKey[i] = tieKey(priority[i]!);
    valueKey[i] = tieKey(value[i]!);
  }
  const order = new Uint32Array(n);
  if (n < RADIX_THRESHOLD) {
    // Small portfolios (every API request): a comparison sort beats the radix passes' fixed cost.
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort(
      (a, b) =>
        groupOf(last, a) - groupOf(last, b) ||
        priorityKey[b]! - priorityKey[a]! ||
        valueKey[b]! - valueKey[a]! ||
        ordinal[a]! - ordinal[b]!,
    );
  } else {
    // Least significant key first: id order, then value, then priority, each pass stable.
    for (let i = 0; i < n; i++) order[ordinal[i]!] = i;
    const scratch = new Uint32Array(n);
    radixSortBy(order, scratch, valueKey, true);
    radixSortBy(order, scratch, priorityKey, true);
    if (last !== undefined) moveToEnd(order, last);
  }
  const ranks = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const previous = k > 0 ? order[k - 1]! : -1;
    ranks[i] =
      previous >= 0 &&
      priorityKey[previous] === priorityKey[i] &&
      groupOf(last, previous) === groupOf(last, i)
        ? ranks[previous]!
        : k + 1;
  }
  return { order, ranks };
}

function groupOf(last: Uint8Array | undefined, i: number): number {
  return last === undefined || last[i] === 0 ? 0 : 1;
}

/** Moves the initiatives flagged in `last` behind the others, keeping both groups' order (a stable partition). */
function moveToEnd(order: Uint32Array, last: Uint8Array): void {
  const flagged = order.filter((i) => last[i] !== 0);
  if (flagged.length === 0) return;
  let k = 0;
  for (const i of order.filter((i) => last[i] === 0)) order[k++] = i;
  order.set(flagged, k);
}
