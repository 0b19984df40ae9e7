/**
 * Ordering by dense ranks: when scores repeat a lot (with integer ratings, 100,000 initiatives hold a few
 * thousand distinct (priority, value) pairs), gather the distinct pairs, sort only those, and place the
 * initiatives by counting: four passes over the initiatives, where radix sorts of both keys take about eight.
 */

/** The most distinct pairs {@link sortByDenseRanks} gathers (and then only up to 1 per 8 initiatives). */
const DISTINCT_LIMIT = 65_536;

/**
 * Stable sort of `order` by priority key, then value key, both high first: a full tie keeps the order `order`
 * had. Gives up, leaving `order` as it was, past `min(65,536, n / 8)` distinct (priority, value) pairs: a radix
 * sort is then the better tool.
 *
 * @param order - initiative indices, sorted in place
 * @param scratch - a buffer as long as `order`
 * @param priorityKey - priority tie key per initiative (a whole number below 2^37)
 * @param valueKey - value tie key per initiative (a whole number below 2^37)
 * @returns whether `order` was sorted
 */
export function sortByDenseRanks(
  order: Uint32Array,
  scratch: Uint32Array,
  priorityKey: Float64Array,
  valueKey: Float64Array,
): boolean {
  const limit = Math.min(DISTINCT_LIMIT, order.length >>> 3);
  const places = new Uint32Array(order.length);
  const priorities = new Float64Array(limit);
  const values = new Float64Array(limit);
  const count = distinctPairs(priorityKey, valueKey, places, priorities, values);
  if (count === -1) return false;
  const rankOfPlace = pairRanksDescending(priorities.subarray(0, count), values.subarray(0, count));
  countingSort(order, scratch, relabel(places, rankOfPlace), count);
  return true;
}

/** More than the most distinct pairs: a pair's place or position fits below it. */
const PLACES = 2 ** 16;

/**
 * Each distinct pair's rank, high first (priority, then value): how many distinct pairs sort above it. Two
 * numeric sorts, least significant key first as in a radix sort: of `value x 2^16 + place`, then of
 * `priority x 2^16 + position in value order`. Both are exact doubles (keys below 2^37, places below 2^16).
 */
function pairRanksDescending(priorities: Float64Array, values: Float64Array): Uint32Array {
  const count = priorities.length;
  const byValue = new Float64Array(count);
  for (let d = 0; d < count; d++) byValue[d] = values[d]! * PLACES + d;
  byValue.sort();
  const placeInValueOrder = new Uint32Array(count);
  const byPair = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const place = lowBits(byValue[k]!);
    placeInValueOrder[k] = place;
    byPair[place] = priorities[place]! * PLACES + k;
  }
  byPair.sort();
  const ranks = new Uint32Array(count);
  for (let k = 0; k < count; k++) ranks[placeInValueOrder[lowBits(byPair[k]!)]!] = count - 1 - k;
  return ranks;
}

/** The place or position packed below 2^16 in `key x 2^16 + place` (exact). */
function lowBits(packed: number): number {
  return packed - Math.floor(packed / PLACES) * PLACES;
}

/*
 * The loops over every initiative live in functions that end with their loop and return at most a number
 * (see rank.ts: Node 20 would otherwise deoptimise the code after a long loop on every call).
 */

/**
 * Writes each initiative's place among the distinct (priority, value) pairs in first-seen order, and each
 * distinct pair's keys, gathered in a hash table (open addressing, linear probing, at most half full).
 *
 * @param places - receives the place per initiative
 * @param priorities - receives each distinct pair's priority key; its length is the most pairs gathered
 * @param values - receives each distinct pair's value key
 * @returns how many distinct pairs there are, or -1 past `priorities.length`
 */
function distinctPairs(
  priorityKey: Float64Array,
  valueKey: Float64Array,
  places: Uint32Array,
  priorities: Float64Array,
  values: Float64Array,
): number {
  const n = priorityKey.length;
  const limit = priorities.length;
  const bits = Math.max(4, Math.ceil(Math.log2(2 * limit + 1)));
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  /** Per slot: the place of the pair stored there, or -1. */
  const slots = new Int32Array(mask + 1).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const priority = priorityKey[i]!;
    const value = valueKey[i]!;
    let slot = hashPair(priority, value) >>> shift;
    let place = slots[slot]!;
    while (place !== -1 && (priorities[place] !== priority || values[place] !== value)) {
      slot = (slot + 1) & mask;
      place = slots[slot]!;
    }
    if (place === -1) {
      if (count === limit) return -1;
      place = count++;
      priorities[place] = priority;
      values[place] = value;
      slots[slot] = place;
    }
    places[i] = place;
  }
  return count;
}

/** A 32-bit hash of two whole numbers below 2^53 (multiplying by 2^-32 is exact), best in its high bits. */
function hashPair(a: number, b: number): number {
  const mixed =
    (a >>> 0) ^
    ((a * 2.3283064365386963e-10) | 0) ^
    Math.imul((b >>> 0) ^ ((b * 2.3283064365386963e-10) | 0), 0x85ebca6b);
  return Math.imul(mixed, 0x9e3779b1);
}

/** Replaces each label `labels[i]` by `relabelled[labels[i]]`, in place. */
function relabel(labels: Uint32Array, relabelled: Uint32Array): Uint32Array {
  for (let i = 0; i < labels.length; i++) labels[i] = relabelled[labels[i]!]!;
  return labels;
}

/**
 * Stable counting sort of `order` by `keys[order[k]]`, low first.
 *
 * @param order - initiative indices, sorted in place
 * @param scratch - a buffer as long as `order`
 * @param keys - a whole number in [0, buckets) per initiative
 * @param buckets - one more than the largest key
 */
function countingSort(order: Uint32Array, scratch: Uint32Array, keys: Uint32Array, buckets: number): void {
  // Where each bucket starts: how many keys fall in the buckets before it.
  const starts = new Uint32Array(buckets + 1);
  countInto(starts, keys);
  runningTotals(starts);
  place(order, scratch, keys, starts);
  order.set(scratch);
}

/** Adds 1 to `counts[key + 1]` for each key. */
function countInto(counts: Uint32Array, keys: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) counts[keys[i]! + 1]!++;
}

/** Each entry plus all before it, in place. */
function runningTotals(counts: Uint32Array): void {
  for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
}

/** Writes `order` into `sorted` bucket by bucket, each bucket keeping the order it had in `order`. */
function place(order: Uint32Array, sorted: Uint32Array, keys: Uint32Array, starts: Uint32Array): void {
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    sorted[starts[keys[i]!]!++] = i;
  }
}
