import type { AxisScorer, ScoringKernel } from "./kernel.js";
import type { InitiativeSorter } from "./order.js";

/** Resolved options of the weight-stability analysis. */
export interface Settings {
  readonly topK: number;
  readonly method: "auto" | "numeric";
  readonly tolerance: number;
  readonly gridSteps: number;
}

/** What both methods need: the kernel, scratch scorers and the base world. */
export interface Context {
  readonly kernel: ScoringKernel;
  readonly scorer: AxisScorer;
  readonly sorter: InitiativeSorter;
  /** Base axis scores (0-100): value, feasibility. */
  readonly base: readonly [Float64Array, Float64Array];
  readonly priority: Float64Array;
  /** Base order, best first. */
  readonly order: Uint32Array;
  readonly k: number;
  readonly settings: Settings;
}

/** The path one criterion's weight moves along: its share `t`, the others scaled to `1 - t`. */
export interface WeightPath {
  readonly c: number;
  readonly axis: 0 | 1;
  /** The model share. */
  readonly t0: number;
  /** Criterion indices of the other criteria on the axis. */
  readonly others: Uint32Array;
  /** Their shares of what `c` leaves: summing to 1. */
  readonly otherShare: Float64Array;
  /** Axis share -> model weight, or `null`. */
  readonly toWeight: (t: number) => number | null;
  /** Writes the weights for share `t` into `weights` (a full per-criterion array). */
  readonly weightsAt: (t: number, weights: Float64Array) => void;
}

export function createPath(kernel: ScoringKernel, c: number): WeightPath {
  const axis = kernel.axisOf[c] as 0 | 1;
  const others = kernel.axisCriteria[axis].filter((j) => j !== c);
  const t0 = kernel.weights[c]!;
  const rest = 1 - t0;
  const otherShare = Float64Array.from(others, (j) =>
    rest > 0 ? kernel.weights[j]! / rest : 1 / others.length,
  );
  const criteria = kernel.model.criteria;
  const otherRaw = others.reduce((sum, j) => sum + criteria[j]!.weight, 0);
  return {
    c,
    axis,
    t0,
    others,
    otherShare,
    toWeight: (t) => (otherRaw > 0 && t < 1 ? (t * otherRaw) / (1 - t) : null),
    weightsAt: (t, weights) => {
      weights.set(kernel.weights);
      weights[c] = t;
      for (let j = 0; j < others.length; j++) weights[others[j]!] = otherShare[j]! * (1 - t);
    },
  };
}

/** The intervals found for one criterion, as `[low, high]` axis shares. */
export interface Analysed {
  readonly top1: readonly [number, number];
  readonly topK: readonly [number, number];
  readonly quadrants: readonly (readonly [number, number])[];
}

/** A criterion alone on its axis cannot move: every interval is its (full) share. */
export function fixedIntervals(n: number, t0: number): Analysed {
  const fixed = [t0, t0] as const;
  return { top1: fixed, topK: fixed, quadrants: Array.from({ length: n }, () => fixed) };
}
