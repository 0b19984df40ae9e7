import { CxprismError, type ProblemPath } from "../errors.js";
import { type Eigenpair, principalEigenpair } from "./linear-algebra.js";

/**
 * How missing judgments are filled for the eigenvector method and for lambda-max.
 *
 * - `harker`: Harker's (1987) completion, a_ij = w_i / w_j with w the Perron vector of Harker's matrix.
 * - `optimal`: the completion that minimises lambda-max over all positive values of the missing judgments
 *   (Bozóki, Fülöp & Rónyai 2010), the one AHPy uses.
 */
export type Completion = "harker" | "optimal";

/** The completions cxprism knows, for faces that read one from a flag or a request. */
export const COMPLETIONS: readonly Completion[] = ["harker", "optimal"];

type Judgments = readonly (readonly (number | null)[])[];

/** Limits on the iterative solvers; exceeding them is reported, never ignored. */
export interface SolverLimits {
  /** Noda iterations per eigenpair (default 100; a handful are normally enough). */
  readonly maxIterations?: number | undefined;
  /** Relative width of the Collatz-Wielandt bracket on lambda-max at which to stop (default 1e-12). */
  readonly tolerance?: number | undefined;
  /** Where the matrix sits in the input, for the not-converged error. */
  readonly path?: ProblemPath | undefined;
}

/** A completed matrix with its Perron eigenpair. */
export interface CompletedMatrix {
  /** Every judgment, the missing ones filled. */
  readonly values: number[][];
  /** The Perron eigenvector (sum 1) of the completed matrix. */
  readonly vector: Float64Array;
  /** Its Perron eigenvalue, lambda-max. */
  readonly lambdaMax: number;
}

/**
 * The Perron eigenpair of a matrix, or a `not-converged` error: the weights are never returned unconverged.
 *
 * @param matrix - row-major n x n, non-negative and irreducible
 * @param n - the size
 * @param limits - iteration limit, tolerance and the path for the error
 * @param start - a positive starting vector (default uniform)
 * @returns the eigenpair
 * @throws {@link CxprismError} `not-converged` when the bounds do not close within the iteration limit
 */
export function convergedEigenpair(
  matrix: Float64Array,
  n: number,
  limits: SolverLimits = {},
  start?: ArrayLike<number>,
): Eigenpair {
  const pair = principalEigenpair(matrix, n, limits.tolerance ?? 1e-12, limits.maxIterations ?? 100, start);
  if (pair.converged) return pair;
  throw new CxprismError("not-converged", [
    {
      path: limits.path ?? [],
      message: `expected the principal eigenvector to converge within ${pair.iterations} iterations, but the bounds on lambda-max had not closed; no weights are returned`,
    },
  ]);
}

/**
 * Harker's (1987) completion: the Perron pair of Harker's matrix (a missing a_ij becomes 0 and each diagonal
 * entry 1 plus the number of judgments missing in its row) equals that of the matrix completed with
 * a_ij = w_i / w_j.
 *
 * @param values - the judgments, `null` where missing; the comparisons connect every criterion
 * @param limits - solver limits
 * @param start - a positive starting vector, e.g. the weights of a matrix that differs in one judgment
 * @returns the completed matrix with its eigenpair
 */
export function harkerCompletion(
  values: Judgments,
  limits: SolverLimits = {},
  start?: ArrayLike<number>,
): CompletedMatrix {
  const n = values.length;
  const harker = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let missing = 0;
    for (let j = 0; j < n; j++) {
      const value = values[i]![j]!;
      if (value === null) missing++;
      else if (i !== j) harker[i * n + j] = value;
    }
    harker[i * n + i] = 1 + missing;
  }
  const pair = convergedEigenpair(harker, n, limits, start);
  const w = pair.vector;
  return {
    values: values.map((row, i) => row.map((value, j) => value ?? w[i]! / w[j]!)),
    vector: w,
    lambdaMax: pair.value,
  };
}

/** Cycles of coordinate minimisation before the optimal completion gives up. */
const MAX_CYCLES = 500;
/**
 * The most work the optimal completion may do, in steps of n³: each evaluation of the derivative computes two
 * eigenpairs of the n x n matrix, each Noda iteration of which solves an n x n linear system. About a second of CPU (measured in docs/limits.md);
 * past it the completion stops with a message naming the limit, so a request cannot hold a thread for minutes
 * (64 criteria with half the judgments missing needed more than ten).
 */
export const MAX_COMPLETION_WORK = 20_000_000;
/** The completion is optimal when every partial derivative of lambda-max (in log terms) is this small. */
const GRADIENT_TOLERANCE = 1e-10;

/**
 * The optimal completion of Bozóki, Fülöp & Rónyai (2010): the values of the missing judgments that minimise
 * lambda-max of the completed matrix. Written with t = ln a_ij for each missing pair, lambda-max is a convex
 * function of the t's, and strictly convex when the given judgments connect every
 * criterion, so the minimum is unique. It is found, as in the paper, by cyclic coordinates: each t in turn is
 * set to the minimiser along its own axis, found from the sign of the exact derivative
 * d lambda / d t = (v_i a_ij w_j - v_j a_ji w_i) / (v . w), with w and v the right and left Perron vectors;
 * cycles stop when every derivative is below 1e-10. The search starts from Harker's completion (Bozóki, S.,
 * Fülöp, J. & Rónyai, L. (2010) "On optimal completion of incomplete pairwise comparison matrices",
 * *Mathematical and Computer Modelling* 52(1-2), 318-333).
 *
 * @param values - the judgments, `null` where missing; the comparisons connect every criterion
 * @param limits - solver limits
 * @param startVector - a positive starting vector for the first eigenpair
 * @returns the completed matrix with its eigenpair
 * @throws {@link CxprismError} `not-converged` when the cycles or an eigenpair do not converge
 */
export function optimalCompletion(
  values: Judgments,
  limits: SolverLimits = {},
  startVector?: ArrayLike<number>,
): CompletedMatrix {
  const n = values.length;
  const start = harkerCompletion(values, limits, startVector);
  const missing: [number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (values[i]![j] === null) missing.push([i, j]);
  if (missing.length === 0) return start;
  const matrix = new Float64Array(n * n);
  const transposed = new Float64Array(n * n);
  const set = (i: number, j: number, value: number) => {
    matrix[i * n + j] = value;
    transposed[j * n + i] = value;
  };
  start.values.forEach((row, i) => {
    row.forEach((value, j) => {
      set(i, j, value);
    });
  });
  const setLog = ([i, j]: [number, number], t: number) => {
    set(i, j, Math.exp(t));
    set(j, i, Math.exp(-t));
  };
  // Warm starts: each eigenpair begins from the last one; for a consistent matrix v_i is 1 / w_i.
  let w: Float64Array = start.vector;
  let v: Float64Array = w.map((x) => 1 / x);
  let work = 0;
  const derivative = ([i, j]: [number, number]) => {
    const right = convergedEigenpair(matrix, n, limits, w);
    const left = convergedEigenpair(transposed, n, limits, v);
    w = right.vector;
    v = left.vector;
    work += (right.iterations + left.iterations) * n ** 3;
    if (work > MAX_COMPLETION_WORK)
      throw new CxprismError("not-converged", [
        {
          path: limits.path ?? [],
          message: `expected an optimal completion within ${MAX_COMPLETION_WORK.toLocaleString("en")} steps of work, but its ${missing.length} missing judgments of ${n} criteria need more; no weights are returned (use completion "harker", or answer more of the missing pairs)`,
        },
      ]);
    let dot = 0;
    for (let k = 0; k < n; k++) dot += v[k]! * w[k]!;
    return (v[i]! * matrix[i * n + j]! * w[j]! - v[j]! * matrix[j * n + i]! * w[i]!) / dot;
  };
  // A chain of n - 1 judgments of 9 spans at most 9^(n-1): a generous bound for a search in ln a_ij.
  const bound = (n - 1) * Math.log(9) + 1;
  for (let cycle = 0; cycle < MAX_CYCLES; cycle++) {
    let steepest = 0;
    for (const pair of missing) {
      const t = Math.log(matrix[pair[0] * n + pair[1]]!);
      const slope = derivative(pair);
      steepest = Math.max(steepest, Math.abs(slope));
      if (Math.abs(slope) > GRADIENT_TOLERANCE) {
        setLog(
          pair,
          minimiseAlong(t, slope, bound, (s) => {
            setLog(pair, s);
            return derivative(pair);
          }),
        );
      }
    }
    if (steepest <= GRADIENT_TOLERANCE) {
      const pair = convergedEigenpair(matrix, n, limits, w);
      const completed = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => matrix[i * n + j]!),
      );
      return { values: completed, vector: pair.vector, lambdaMax: pair.value };
    }
  }
  throw new CxprismError("not-converged", [
    {
      path: limits.path ?? [],
      message: `expected the optimal completion to converge within ${MAX_CYCLES} cycles of its ${missing.length} missing judgments; no weights are returned (try completion "harker")`,
    },
  ]);
}

/**
 * The minimiser of a convex function of one variable from its derivative: step downhill, doubling, until
 * the derivative changes sign, then close the bracket by the Illinois variant of false position.
 */
function minimiseAlong(t: number, slope: number, bound: number, derivativeAt: (t: number) => number): number {
  let step = slope > 0 ? -0.5 : 0.5;
  let a = t;
  let da = slope;
  let b = Math.max(-bound, Math.min(bound, t + step));
  let db = derivativeAt(b);
  while (Math.sign(db) === Math.sign(da) && Math.abs(b) < bound) {
    a = b;
    da = db;
    step *= 2;
    b = Math.max(-bound, Math.min(bound, b + step));
    db = derivativeAt(b);
  }
  if (Math.sign(db) === Math.sign(da)) return b;
  let side = 0;
  for (let k = 0; k < 200 && Math.abs(b - a) > 1e-13; k++) {
    const c = b - (db * (b - a)) / (db - da);
    const dc = derivativeAt(c);
    if (Math.abs(dc) <= GRADIENT_TOLERANCE / 10) return c;
    if (Math.sign(dc) === Math.sign(db)) {
      b = c;
      db = dc;
      if (side === -1) da /= 2;
      side = -1;
    } else {
      a = c;
      da = dc;
      if (side === 1) db /= 2;
      side = 1;
    }
  }
  return Math.abs(da) < Math.abs(db) ? a : b;
}
