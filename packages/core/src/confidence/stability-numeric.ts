import {
  type Analysed,
  type Context,
  fixedIntervals,
  type Settings,
  type WeightPath,
} from "./weight-path.js";

/**
 * Weight-stability intervals by grid scan and bisection, for any aggregation (see `analyseWeightStability`):
 * each property is evaluated with the model's own scoring at `gridSteps` points from the model share to each
 * end, and the first change is bisected to `tolerance`.
 *
 * @param context - the kernel and base world
 * @param path - the criterion's weight path
 * @returns the intervals as axis shares
 */
export function analyseNumeric(context: Context, path: WeightPath): Analysed {
  const { kernel, scorer, sorter, base, k, order, settings } = context;
  const { n, m, normalised, model } = kernel;
  const { t0, axis } = path;
  if (path.others.length === 0) return fixedIntervals(n, t0);
  const weights = new Float64Array(m);
  const moving = new Float64Array(n);
  const priority = new Float64Array(n);
  const value = axis === 0 ? moving : base[0];
  const feasibility = axis === 1 ? moving : base[1];
  const trial = new Uint32Array(n);
  const inTop = new Uint8Array(n);
  for (let a = 0; a < k; a++) inTop[order[a]!] = 1;
  const rankAt = (t: number) => {
    path.weightsAt(t, weights);
    for (let i = 0; i < n; i++) {
      moving[i] = scorer.score(axis, normalised, i * m, weights);
      priority[i] = kernel.priorityOf(value[i]!, feasibility[i]!);
    }
    sorter.sort(priority, value, trial);
  };
  const sameTop1 = (t: number) => {
    rankAt(t);
    return n === 0 || trial[0] === order[0];
  };
  const sameTopK = (t: number) => {
    rankAt(t);
    for (let a = 0; a < k; a++) if (inTop[trial[a]!] === 0) return false;
    return true;
  };
  const edges = (holds: (t: number) => boolean): [number, number] => [
    findEdge(t0, 0, holds, settings),
    findEdge(t0, 1, holds, settings),
  ];
  const threshold = axis === 0 ? model.thresholds.value : model.thresholds.feasibility;
  const quadrants = Array.from({ length: n }, (_, i): [number, number] => {
    const isHigh = base[axis][i]! >= threshold;
    return edges((t) => {
      path.weightsAt(t, weights);
      return scorer.score(axis, normalised, i * m, weights) >= threshold === isHigh;
    });
  });
  return { top1: edges(sameTop1), topK: edges(sameTopK), quadrants };
}

/**
 * Walks from `start` towards `end` on a grid and bisects the first change of `holds` to the tolerance.
 *
 * @returns the midpoint of the final bracket, or `end` when `holds` never fails on the grid
 */
function findEdge(start: number, end: number, holds: (t: number) => boolean, settings: Settings): number {
  if (start === end) return end;
  const step = (end - start) / settings.gridSteps;
  let inside = start;
  for (let s = 1; s <= settings.gridSteps; s++) {
    const t = s === settings.gridSteps ? end : start + s * step;
    if (holds(t)) {
      inside = t;
      continue;
    }
    let outside = t;
    while (Math.abs(outside - inside) > settings.tolerance) {
      const middle = (inside + outside) / 2;
      if (holds(middle)) inside = middle;
      else outside = middle;
    }
    return (inside + outside) / 2;
  }
  return end;
}
