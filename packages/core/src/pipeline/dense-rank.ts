/**
 * Ordering by dense ranks: for keys that repeat a lot (with integer ratings, 100,000 initiatives have a few
 * thousand distinct priorities and fewer than a hundred distinct values), gather the distinct keys, sort only
 * those, and place the initiatives by counting. Costs a few passes over the initiatives where a radix sort
 * of the keys takes several per key.
 */

/** The most distinct keys {@link sortByDenseRanks} gathers (and then only up to 1 per 8 initiatives). */
const DISTINCT_LIMIT = 65_536;

/**
 * Stable sort of `order` by priority key, then value key, both high first, through their dense ranks; a
 * full tie keeps the order `order` had. Gives up, leaving `order` as it was, when either key has more than
 * `min(65,536, n / 8)` distinct values: a radix sort is then the better tool.
 *
 * @param order - initiative indices (in id order), sorted in place
 * @param scratch - a buffer as long as `order`
 * @param priorityKey - priority tie key per initiative (a whole number)
 * @param valueKey - value tie key per initiative (a whole number)
 * @returns whether `order` was sorted
 */
export function sortByDenseRanks(
  order: Uint32Array,
  scratch: Uint32Array,
  priorityKey: Float64Array,
  valueKey: Float64Array,
): boolean {
  const n = order.length;
  const limit = Math.min(DISTINCT_LIMIT, n >>> 3);
  const byPriority = denseRanksDescending(priorityKey, limit);
  if (byPriority === undefined) return false;
  const byValue = denseRanksDescending(valueKey, limit);
  if (byValue === undefined) return false;
  const pairs = byPriority.count * byValue.count;
  if (pairs <= 2 * n) {
    // One counting sort by the (priority, value) pair when its buckets cost no more than two passes.
    const pairRank = byPriority.ranks;
    for (let i = 0; i < n; i++) pairRank[i] = pairRank[i]! * byValue.count + byValue.ranks[i]!;
    countingSort(order, scratch, pairRank, pairs);
  } else {
    countingSort(order, scratch, byValue.ranks, byValue.count);
    countingSort(order, scratch, byPriority.ranks, byPriority.count);
  }
  return true;
}

/**
 * Dense ranks of whole-number keys, high first: `ranks[i]` is how many distinct keys are above `keys[i]`, so
 * equal keys share a rank and ranks run from 0 to `count - 1` without gaps.
 *
 * The distinct keys are gathered in a hash table (open addressing, linear probing, at most half full), then
 * only they are sorted.
 *
 * @param keys - whole numbers in [0, 2^53)
 * @param limit - the most distinct keys worth ranking this way
 * @returns the rank per key and how many distinct keys there are, or `undefined` past `limit`
 */
function denseRanksDescending(
  keys: Float64Array,
  limit: number,
): { ranks: Uint32Array; count: number } | undefined {
  const n = keys.length;
  const bits = Math.max(4, Math.ceil(Math.log2(2 * limit + 1)));
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  /** Per slot: the place (in first-seen order) of the distinct key stored there, or -1. */
  const slots = new Int32Array(mask + 1).fill(-1);
  const distinct = new Float64Array(limit);
  const ranks = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    // Fibonacci hashing of the key's low and high 32 bits (2^-32 is exact): the top `bits` of the product.
    let slot = Math.imul((key >>> 0) ^ ((key * 2.3283064365386963e-10) | 0), 0x9e3779b1) >>> shift;
    let place = slots[slot]!;
    while (place !== -1 && distinct[place] !== key) {
      slot = (slot + 1) & mask;
      place = slots[slot]!;
    }
    if (place === -1) {
      if (count === limit) return undefined;
      place = count++;
      distinct[place] = key;
      slots[slot] = place;
    }
    ranks[i] = place;
  }
  // From places to ranks: a place's rank is how many distinct keys sort above its key.
  const ascending = distinct.slice(0, count).sort();
  const rankOfPlace = new Uint32Array(count);
  for (let place = 0; place < count; place++)
    rankOfPlace[place] = count - 1 - indexOf(ascending, distinct[place]!);
  for (let i = 0; i < n; i++) ranks[i] = rankOfPlace[ranks[i]!]!;
  return { ranks, count };
}

/** Where `key` sits in `sorted` (ascending, `key` present): a binary search. */
function indexOf(sorted: Float64Array, key: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Stable counting sort of `order` by `keys[order[k]]`, low first: one pass to count, one to place.
 *
 * @param order - initiative indices, sorted in place
 * @param scratch - a buffer as long as `order`
 * @param keys - a whole number in [0, buckets) per initiative
 * @param buckets - one more than the largest key
 */
function countingSort(order: Uint32Array, scratch: Uint32Array, keys: Uint32Array, buckets: number): void {
  const n = order.length;
  const starts = new Uint32Array(buckets);
  for (let i = 0; i < n; i++) starts[keys[i]!]!++;
  let total = 0;
  for (let b = 0; b < buckets; b++) {
    const count = starts[b]!;
    starts[b] = total;
    total += count;
  }
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    scratch[starts[keys[i]!]!++] = i;
  }
  order.set(scratch);
}
