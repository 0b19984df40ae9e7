import { tieKey } from "../pipeline/rank.js";

/** Below this many elements a partition is finished by insertion sort. */
const SMALL = 12;

/**
 * Orders initiatives exactly as core's `rankInitiatives` does (priority high first, then value high first,
 * both compared by their {@link tieKey}, that is to 1e-9, then id in code-point order), reusing its buffers so
 * that sorting inside a simulation loop allocates nothing. The comparison is a total order, so the result is
 * unique whatever algorithm produces it (an iterative quicksort here).
 */
export class InitiativeSorter {
  private readonly priorityKey: Float64Array;
  private readonly valueKey: Float64Array;
  private readonly stack: Int32Array;

  /**
   * @param idRank - each initiative's position among the ids sorted by code point
   * @param last - non-zero for initiatives that rank after every other (the `unrated`), as in `rankInitiatives`
   */
  constructor(
    private readonly idRank: Uint32Array,
    private readonly last?: Uint8Array,
  ) {
    const n = idRank.length;
    this.priorityKey = new Float64Array(n);
    this.valueKey = new Float64Array(n);
    this.stack = new Int32Array(2 * (Math.ceil(Math.log2(n + 1)) + 2) + 2);
  }

  /**
   * Sorts `order` (initiative indices) best first.
   *
   * @param priority - priority per initiative
   * @param value - value per initiative
   * @param order - receives the initiative indices, best first
   */
  sort(priority: Float64Array, value: Float64Array, order: Uint32Array): void {
    const n = order.length;
    const pk = this.priorityKey;
    const vk = this.valueKey;
    for (let i = 0; i < n; i++) {
      pk[i] = tieKey(priority[i]!);
      vk[i] = tieKey(value[i]!);
      order[i] = i;
    }
    const stack = this.stack;
    let top = 0;
    let lo = 0;
    let hi = n - 1;
    for (;;) {
      while (hi - lo >= SMALL) {
        // Median of three as the pivot, then Hoare partition.
        const mid = (lo + hi) >>> 1;
        if (this.before(order[mid]!, order[lo]!)) swap(order, mid, lo);
        if (this.before(order[hi]!, order[lo]!)) swap(order, hi, lo);
        if (this.before(order[hi]!, order[mid]!)) swap(order, hi, mid);
        const pivot = order[mid]!;
        let i = lo;
        let j = hi;
        while (i <= j) {
          while (this.before(order[i]!, pivot)) i++;
          while (this.before(pivot, order[j]!)) j--;
          if (i <= j) {
            swap(order, i, j);
            i++;
            j--;
          }
        }
        // Recurse into the smaller side later (pushed), loop on the larger: the stack stays O(log n).
        if (j - lo < hi - i) {
          stack[top++] = i;
          stack[top++] = hi;
          hi = j;
        } else {
          stack[top++] = lo;
          stack[top++] = j;
          lo = i;
        }
      }
      for (let i = lo + 1; i <= hi; i++) {
        const item = order[i]!;
        let j = i - 1;
        while (j >= lo && this.before(item, order[j]!)) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = item;
      }
      if (top === 0) return;
      hi = stack[--top]!;
      lo = stack[--top]!;
    }
  }

  /** Whether initiative `a` comes before `b`, using the keys of the current sort. */
  private before(a: number, b: number): boolean {
    if (this.last !== undefined && this.last[a] !== this.last[b]) return this.last[a] === 0;
    const pa = this.priorityKey[a]!;
    const pb = this.priorityKey[b]!;
    if (pa !== pb) return pa > pb;
    const va = this.valueKey[a]!;
    const vb = this.valueKey[b]!;
    if (va !== vb) return va > vb;
    return this.idRank[a]! < this.idRank[b]!;
  }
}

function swap(order: Uint32Array, a: number, b: number): void {
  const t = order[a]!;
  order[a] = order[b]!;
  order[b] = t;
}
