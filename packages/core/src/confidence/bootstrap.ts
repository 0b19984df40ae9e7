import { scaleBounds } from "../pipeline/normalise.js";
import type { RaterAggregation } from "../schema/model.js";
import { type Portfolio, readRating } from "../validate/portfolio.js";
import type { SeededRandom } from "./random.js";

/**
 * Raters' own ratings laid out for bootstrap resampling: for every initiative rated by two or more raters,
 * each rater's raw values (NaN where that rater left a criterion blank) and weight. Resampling draws as many
 * raters as there are, uniformly with replacement, and combines them with the model's rater aggregation,
 * exactly as `validatePortfolio` combined the originals; all buffers are allocated once.
 */
export class RaterBootstrap {
  /** Per initiative: where its rater rows start in `values` (-1 when it has fewer than two raters). */
  private readonly start: Int32Array;
  private readonly count: Uint32Array;
  /** Rater rows, `raters x m` per initiative, concatenated. */
  private readonly values: Float64Array;
  /** Rater weights, aligned with the rows. */
  private readonly raterWeights: Float64Array;
  private readonly method: RaterAggregation;
  private readonly scaleMin: Float64Array;
  private readonly drawn: Uint32Array;
  private readonly pickedValues: Float64Array;
  private readonly pickedWeights: Float64Array;
  private readonly m: number;

  /** @param portfolio - a validated portfolio */
  constructor(private readonly portfolio: Portfolio) {
    const { model, initiatives } = portfolio;
    const m = model.criteria.length;
    this.m = m;
    this.method = model.raterAggregation;
    this.scaleMin = Float64Array.from(model.criteria, (criterion) => scaleBounds(criterion.scale).min);
    this.start = new Int32Array(initiatives.length).fill(-1);
    this.count = new Uint32Array(initiatives.length);
    let rows = 0;
    let widest = 0;
    initiatives.forEach((initiative, i) => {
      const raters = initiative.raters ?? [];
      if (raters.length < 2) return;
      this.start[i] = rows;
      this.count[i] = raters.length;
      rows += raters.length;
      widest = Math.max(widest, raters.length);
    });
    this.values = new Float64Array(rows * m).fill(Number.NaN);
    this.raterWeights = new Float64Array(rows);
    initiatives.forEach((initiative, i) => {
      if (this.start[i]! < 0) return;
      initiative.raters!.forEach((rater, r) => {
        const row = this.start[i]! + r;
        this.raterWeights[row] = rater.weight;
        model.criteria.forEach((criterion, c) => {
          const value = rater.ratings[criterion.id];
          if (value === undefined || value === null) return;
          this.values[row * m + c] = readRating(criterion, value) ?? Number.NaN;
        });
      });
    });
    this.drawn = new Uint32Array(widest);
    this.pickedValues = new Float64Array(widest);
    this.pickedWeights = new Float64Array(widest);
  }

  /** Whether initiative `i` is resampled (it has two or more raters). */
  covers(i: number): boolean {
    return this.start[i]! >= 0;
  }

  /**
   * Resamples initiative `i`'s raters and writes the combined raw ratings into `out[0..m)`. A criterion no
   * drawn rater rated keeps the portfolio's value (the combination of all raters, or the missing-rating
   * stand-in).
   *
   * @param i - an initiative for which {@link covers} is true
   * @param random - the random source
   * @param out - receives one raw rating per criterion
   */
  resample(i: number, random: SeededRandom, out: Float64Array): void {
    const m = this.m;
    const count = this.count[i]!;
    const start = this.start[i]!;
    for (let r = 0; r < count; r++)
      this.drawn[r] = start + Math.min(count - 1, Math.floor(random.uniform() * count));
    for (let c = 0; c < m; c++) {
      let k = 0;
      for (let r = 0; r < count; r++) {
        const row = this.drawn[r]!;
        const value = this.values[row * m + c]!;
        if (Number.isNaN(value)) continue;
        this.pickedValues[k] = value;
        this.pickedWeights[k] = this.raterWeights[row]!;
        k++;
      }
      out[c] =
        k === 0
          ? this.portfolio.ratings[i * m + c]!
          : combineRaters(this.pickedValues, this.pickedWeights, k, this.method, this.scaleMin[c]!);
    }
  }
}

/**
 * Core's `aggregateRaterValues` on the first `count` entries of typed buffers, without allocating: the same
 * rules and the same arithmetic order, so both give identical results. Sorts the buffers in place for
 * `median`.
 *
 * @param values - raw values (the first `count` are used; reordered for `median`)
 * @param weights - rater weights aligned with `values`
 * @param count - how many entries to use (at least 1)
 * @param method - the rater aggregation
 * @param scaleMin - the scale's minimum (for the geometric-mean shift)
 * @returns the combined raw value
 */
export function combineRaters(
  values: Float64Array,
  weights: Float64Array,
  count: number,
  method: RaterAggregation,
  scaleMin: number,
): number {
  let total = 0;
  for (let r = 0; r < count; r++) total += weights[r]!;
  const equal = total > 0 ? 0 : 1 / count;
  if (method === "mean") {
    // As core: sum weight x value, divide once (exact for whole-number ratings in any rater order).
    let sum = 0;
    if (total > 0) {
      for (let r = 0; r < count; r++) sum += values[r]! * weights[r]!;
      return sum / total;
    }
    for (let r = 0; r < count; r++) sum += values[r]!;
    return sum / count;
  }
  if (method === "geometric-mean") {
    const shift = 1 - scaleMin;
    let logMean = 0;
    for (let r = 0; r < count; r++) {
      logMean += Math.log(values[r]! + shift) * (total > 0 ? weights[r]! / total : equal);
    }
    return Math.exp(logMean) - shift;
  }
  // Weighted median: drop zero weights, stable insertion sort by value, walk the cumulative weight.
  let k = 0;
  for (let r = 0; r < count; r++) {
    const share = total > 0 ? weights[r]! / total : equal;
    if (!(share > 0)) continue;
    const value = values[r]!;
    let j = k - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      weights[j + 1] = weights[j]!;
      j--;
    }
    values[j + 1] = value;
    weights[j + 1] = share;
    k++;
  }
  let cumulative = 0;
  for (let r = 0; r < k; r++) {
    cumulative += weights[r]!;
    if (Math.abs(cumulative - 0.5) < 1e-12 && r + 1 < k) return (values[r]! + values[r + 1]!) / 2;
    if (cumulative > 0.5) return values[r]!;
  }
  return values[k - 1]!;
}
