/**
 * Fixed-bin histograms of 0-100 scores, one per initiative and metric, so a simulation's memory grows with
 * initiatives x bins and not with iterations. Quantiles interpolate linearly inside a bin and are clamped to
 * the exact smallest and largest score seen, so a score that never varies is reported exactly and any other
 * is within one bin width (100 / bins) of the sample quantile.
 */
export class ScoreHistograms {
  /** `series x bins` counts. */
  readonly counts: Uint32Array;
  /** The smallest score recorded per series (Infinity before the first). */
  readonly lowest: Float64Array;
  /** The largest score recorded per series (-Infinity before the first). */
  readonly highest: Float64Array;
  private readonly scale: number;

  /**
   * @param series - how many independent histograms (e.g. initiatives x 3 metrics)
   * @param bins - bins over [0, 100]
   */
  constructor(
    series: number,
    readonly bins: number,
  ) {
    this.counts = new Uint32Array(series * bins);
    this.lowest = new Float64Array(series).fill(Number.POSITIVE_INFINITY);
    this.highest = new Float64Array(series).fill(Number.NEGATIVE_INFINITY);
    this.scale = bins / 100;
  }

  /** Records one score (0-100) in histogram `s`. */
  add(s: number, score: number): void {
    const bin = Math.floor(score * this.scale);
    this.counts[s * this.bins + (bin < 0 ? 0 : bin >= this.bins ? this.bins - 1 : bin)]!++;
    if (score < this.lowest[s]!) this.lowest[s] = score;
    if (score > this.highest[s]!) this.highest[s] = score;
  }

  /**
   * The `q` quantile of histogram `s`.
   *
   * @param s - the histogram
   * @param q - the probability, 0-1
   * @returns the estimated quantile, or NaN when the histogram is empty
   */
  quantile(s: number, q: number): number {
    const offset = s * this.bins;
    let total = 0;
    for (let b = 0; b < this.bins; b++) total += this.counts[offset + b]!;
    if (total === 0) return Number.NaN;
    const target = q * total;
    let cumulative = 0;
    let estimate = this.highest[s]!;
    for (let b = 0; b < this.bins; b++) {
      const count = this.counts[offset + b]!;
      if (count > 0 && cumulative + count >= target) {
        estimate = (b + (target - cumulative) / count) / this.scale;
        break;
      }
      cumulative += count;
    }
    return Math.min(this.highest[s]!, Math.max(this.lowest[s]!, estimate));
  }
}
