import { scaleBounds } from "../pipeline/normalise.js";
import { tieKey } from "../pipeline/rank.js";
import type { Axis } from "../schema/criterion.js";
import type { Portfolio } from "../validate/portfolio.js";
import { AxisScorer, createScoringKernel, ratingStep } from "./kernel.js";
import { InitiativeSorter } from "./order.js";

/** What moving one rating one step down and one step up does to an initiative's priority. */
export interface TornadoBar {
  /** The criterion id. */
  readonly criterion: string;
  readonly label: string;
  readonly axis: Axis;
  /** The step used, in raw rating units (see `ratingStep`). */
  readonly step: number;
  /** The raw rating (a label's position on label scales). */
  readonly rating: number;
  /** The rating one step down, clipped at the scale's lower end. */
  readonly ratingDown: number;
  /** The rating one step up, clipped at the scale's upper end. */
  readonly ratingUp: number;
  /** Priority (0-100) with the rating moved down. */
  readonly priorityDown: number;
  /** Priority (0-100) with the rating moved up. */
  readonly priorityUp: number;
  /** `priorityDown - priority`. */
  readonly deltaDown: number;
  /** `priorityUp - priority`. */
  readonly deltaUp: number;
  /** The initiative's rank (position, 1 = best) with the rating moved down, all else unchanged. */
  readonly rankDown: number;
  /** Its rank with the rating moved up. */
  readonly rankUp: number;
}

/** The tornado of one initiative: its bars, widest swing first. */
export interface Tornado {
  readonly id: string;
  readonly name: string;
  /** Base priority, 0-100. */
  readonly priority: number;
  /** Base rank (position in core's order, 1 = best). */
  readonly rank: number;
  /** One bar per criterion with a weight above 0, by `|priorityUp - priorityDown|` descending, then model order. */
  readonly bars: readonly TornadoBar[];
}

/**
 * Builds a tornado per initiative: for each weighted criterion, its priority (and rank) when that one rating
 * moves one step down and one step up, everything else unchanged. A step is one label on a label scale, one
 * point on an integer scale of up to 21 points, a tenth of the range otherwise (see `ratingStep`); moves are
 * clipped at the scale's ends, so a rating already at an end has a zero bar on that side. Criteria with
 * weight 0 cannot move priority and have no bar.
 *
 * @param portfolio - a validated portfolio
 * @returns one tornado per initiative, in input order
 * @example
 * const tornado = buildTornado(portfolio).find((t) => t.id === "virtual-customer-assistant");
 * tornado?.bars[0]; // the rating whose one-step change moves priority the most
 */
export function buildTornado(portfolio: Portfolio): Tornado[] {
  const kernel = createScoringKernel(portfolio);
  const { n, m, model, normalised, weights } = kernel;
  const scorer = new AxisScorer(kernel);
  const value = new Float64Array(n);
  const feasibility = new Float64Array(n);
  const priority = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = scorer.score(0, normalised, i * m, weights);
    feasibility[i] = scorer.score(1, normalised, i * m, weights);
    priority[i] = kernel.priorityOf(value[i]!, feasibility[i]!);
  }
  const order = new Uint32Array(n);
  new InitiativeSorter(kernel.idRank, kernel.last).sort(priority, value, order);
  const position = new Uint32Array(n);
  order.forEach((i, k) => {
    position[i] = k + 1;
  });
  /** Position initiative i would take with (p, v) while every other initiative keeps its scores. */
  const group = (i: number) => (kernel.last === undefined || kernel.last[i] === 0 ? 0 : 1);
  const rankWith = (i: number, p: number, v: number) => {
    const pk = tieKey(p);
    const vk = tieKey(v);
    let ahead = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      // Unrated initiatives rank after the rated ones whatever their scores.
      if (group(j) !== group(i)) {
        if (group(j) < group(i)) ahead++;
        continue;
      }
      const pj = tieKey(priority[j]!);
      const vj = tieKey(value[j]!);
      if (pj > pk || (pj === pk && (vj > vk || (vj === vk && kernel.idRank[j]! < kernel.idRank[i]!))))
        ahead++;
    }
    return ahead + 1;
  };
  const row = new Float64Array(m);
  return portfolio.initiatives.map((initiative, i): Tornado => {
    const bars: TornadoBar[] = [];
    row.set(normalised.subarray(i * m, i * m + m));
    model.criteria.forEach((criterion, c) => {
      if (criterion.weight === 0) return;
      const { min, max } = scaleBounds(criterion.scale);
      const step = ratingStep(criterion);
      const rating = portfolio.ratings[i * m + c]!;
      const ratingDown = Math.max(min, rating - step);
      const ratingUp = Math.min(max, rating + step);
      const axis = kernel.axisOf[c] as 0 | 1;
      const moved = (raw: number) => {
        row[c] = (raw - kernel.origin[c]!) * kernel.factor[c]!;
        const v = axis === 0 ? scorer.score(0, row, 0, weights) : value[i]!;
        const f = axis === 1 ? scorer.score(1, row, 0, weights) : feasibility[i]!;
        row[c] = normalised[i * m + c]!;
        const p = kernel.priorityOf(v, f);
        return { p, rank: rankWith(i, p, v) };
      };
      const down = moved(ratingDown);
      const up = moved(ratingUp);
      bars.push({
        criterion: criterion.id,
        label: criterion.label,
        axis: criterion.axis,
        step,
        rating,
        ratingDown,
        ratingUp,
        priorityDown: down.p,
        priorityUp: up.p,
        deltaDown: down.p - priority[i]!,
        deltaUp: up.p - priority[i]!,
        rankDown: down.rank,
        rankUp: up.rank,
      });
    });
    // Array.prototype.sort is stable: equal swings keep model order.
    bars.sort((a, b) => Math.abs(b.priorityUp - b.priorityDown) - Math.abs(a.priorityUp - a.priorityDown));
    return { id: initiative.id, name: initiative.name, priority: priority[i]!, rank: position[i]!, bars };
  });
}
