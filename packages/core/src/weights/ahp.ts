import { CxprismError, type ProblemPath } from "../errors.js";
import {
  type CompletedMatrix,
  type Completion,
  harkerCompletion,
  optimalCompletion,
  type SolverLimits,
} from "./completion.js";
import { solveLinear } from "./linear-algebra.js";
import { formatJudgment, type PairwiseMatrix, safeCheckPairwiseMatrix } from "./pairwise-matrix.js";
import {
  DEFAULT_RANDOM_INDEX_TABLE,
  type RandomIndexBasis,
  type RandomIndexTable,
  randomIndexEntry,
} from "./random-index.js";

/**
 * How priorities are derived from the judgments.
 *
 * - `eigenvector`: Saaty's principal right eigenvector (Saaty 1977, 1980).
 * - `geometric-mean`: the row geometric mean, i.e. the logarithmic least-squares solution (Crawford &
 *   Williams 1985); for an incomplete matrix, the incomplete LLSM of Bozóki, Fülöp & Rónyai (2010).
 */
export type PriorityMethod = "eigenvector" | "geometric-mean";

/** Saaty's verdict on a matrix: CR at most the threshold is `acceptable`; `unknown` when no RI is tabulated. */
export type ConsistencyVerdict = "acceptable" | "revise" | "unknown";

/** Options for {@link ahpWeights}. */
export interface AhpOptions {
  /** `eigenvector` (default) or `geometric-mean`. */
  readonly method?: PriorityMethod | undefined;
  /** How missing judgments are filled: `harker` (default) or `optimal` (minimum lambda-max). */
  readonly completion?: Completion | undefined;
  /** The random-index table for CR (default `saaty-1980`). */
  readonly randomIndex?: RandomIndexTable | undefined;
  /** CR at or below this is acceptable (default 0.1, Saaty's 10 % rule). */
  readonly acceptableRatio?: number | undefined;
  /** How many of the most inconsistent judgments to report (default 3). */
  readonly worstJudgments?: number | undefined;
  /** Relative width of the bounds on lambda-max at which the eigen-solver stops (default 1e-12). */
  readonly tolerance?: number | undefined;
  /** Eigen-solver iterations before it reports `not-converged` (default 100; it needs a handful). */
  readonly maxIterations?: number | undefined;
  /** Prepended to problem paths (default none). */
  readonly path?: ProblemPath | undefined;
}

/** One judgment that pulls the matrix away from consistency, and what would make it consistent. */
export interface JudgmentAdvice {
  /** The row criterion: the judgment says how much more important `row` is than `column`. */
  readonly row: string;
  /** The column criterion. */
  readonly column: string;
  /** The judgment as given. */
  readonly value: number;
  /** The judgment that would agree with the derived weights: w_row / w_column. */
  readonly consistentValue: number;
  /** The Saaty-scale value (1/9..9) nearest to `consistentValue`. */
  readonly suggestedValue: number;
  /** Saaty's error ratio a_ij * w_j / w_i: 1 when consistent, 3 when the judgment is three times too high. */
  readonly deviation: number;
  /** CR after replacing this one judgment by `suggestedValue` (and its mirror), or `null` without an RI. */
  readonly consistencyRatioIfChanged: number | null;
  /** How much CR falls with that change (0 when `suggestedValue` is the judgment given), or `null`. */
  readonly consistencyRatioDrop: number | null;
}

/** The outcome of {@link ahpWeights}. */
export interface AhpResult {
  /** The compared ids, in matrix order. */
  readonly ids: readonly string[];
  /** The priorities by id; they sum to 1. */
  readonly weights: Readonly<Record<string, number>>;
  /** The priorities in matrix order. */
  readonly vector: readonly number[];
  /** The method used. */
  readonly method: PriorityMethod;
  /** How missing judgments were filled (for the eigenvector and lambda-max). */
  readonly completion: Completion;
  /** The principal eigenvalue of the completed matrix; n when consistent. */
  readonly lambdaMax: number;
  /** Saaty's consistency index (lambdaMax - n) / (n - 1); 0 for n <= 2. */
  readonly consistencyIndex: number;
  /** CI / RI; 0 for n <= 2; `null` when the table has no RI for n. */
  readonly consistencyRatio: number | null;
  /** The RI used, or `null`. */
  readonly randomIndex: number | null;
  /** The table the RI came from. */
  readonly randomIndexTable: RandomIndexTable;
  /** Whether the RI is printed in the table or interpolated between two printed sizes; `null` without one. */
  readonly randomIndexBasis: RandomIndexBasis | null;
  /** `acceptable` (CR <= threshold), `revise`, or `unknown` (no RI). */
  readonly verdict: ConsistencyVerdict;
  /** How many judgments (pairs above the diagonal) were missing. */
  readonly missing: number;
  /** The matrix with every missing judgment filled by the completion. */
  readonly completed: readonly (readonly number[])[];
  /**
   * The judgments contributing most to inconsistency, worst first: listed only when CR is above the
   * threshold, or when the nearest scale value to the consistent one differs from the judgment and would
   * lower lambda-max (so none for a consistent matrix, and no noise for an acceptable one).
   */
  readonly worstJudgments: readonly JudgmentAdvice[];
}

/** Saaty's scale, 1/9 .. 9, for rounding a suggested judgment. */
const SCALE = [9, 8, 7, 6, 5, 4, 3, 2].map((k) => 1 / k).concat([1, 2, 3, 4, 5, 6, 7, 8, 9]);

/**
 * Priorities, lambda-max, CI and CR from a reciprocal pairwise matrix (Saaty's Analytic Hierarchy Process).
 *
 * The eigenvector is found by Noda's iteration, which converges for every connected set of judgments; if it
 * ever does not within `maxIterations`, a `not-converged` error is thrown rather than weights returned.
 *
 * Missing judgments (`null`) are allowed while the comparisons still connect every criterion. With
 * `completion: "harker"` (default) the eigenvector method uses Harker's (1987) matrix: a missing a_ij becomes
 * 0 and each diagonal entry becomes 1 plus the number of judgments missing in its row; its Perron vector
 * equals the eigenvector of the matrix completed with a_ij = w_i / w_j, and so does its eigenvalue (Harker,
 * P.T. (1987) "Incomplete pairwise comparisons in the analytic hierarchy process", *Mathematical Modelling*
 * 9(11), 837-848). With `completion: "optimal"` the missing judgments take the values that minimise
 * lambda-max (Bozóki, Fülöp & Rónyai 2010; see {@link optimalCompletion}). CR divides by the complete-matrix
 * RI. The geometric-mean method solves the incomplete logarithmic least-squares problem (Bozóki, Fülöp &
 * Rónyai 2010), which for a complete matrix is exactly the row geometric mean; the completion then only sets
 * lambda-max and CR.
 *
 * The worst judgments follow Saaty's way of improving consistency: compare every a_ij with w_i / w_j, take
 * those with the largest error ratio a_ij w_j / w_i (or its inverse), and propose w_i / w_j, rounded to the
 * scale (Saaty, T.L. (2003) "Decision-making with the AHP: why is the principal eigenvector necessary",
 * *European Journal of Operational Research* 145(1), 85-91). They are advice for a matrix that needs it: listed
 * when CR is above the threshold, or when the scale value nearer the consistent one would lower CR.
 *
 * @param matrix - ids and judgments (`values[i][j]`: how much more important ids[i] is than ids[j])
 * @param options - method, RI table, CR threshold, how many worst judgments
 * @returns weights by id, lambda-max, CI, CR, verdict and the worst judgments
 * @throws {@link CxprismError} `invalid-input` for a malformed matrix or comparisons that do not connect;
 *   `not-converged` if the eigen-solver or the optimal completion does not converge
 * @example
 * const result = ahpWeights({
 *   ids: ["experience", "education", "charisma", "age"],
 *   values: [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]],
 * });
 * result.weights.experience; // 0.547 (to 3 places)
 */
export function ahpWeights(matrix: PairwiseMatrix, options: AhpOptions = {}): AhpResult {
  const checked = safeCheckPairwiseMatrix(matrix, options.path === undefined ? {} : { path: options.path });
  if (!checked.success) throw new CxprismError("invalid-input", checked.problems);
  const { ids, values } = checked.matrix;
  assertConnected(ids, values, options.path ?? []);
  const method = options.method ?? "eigenvector";
  const completion = options.completion ?? "harker";
  const table = options.randomIndex ?? DEFAULT_RANDOM_INDEX_TABLE;
  const threshold = options.acceptableRatio ?? 0.1;
  const limits: SolverLimits = {
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    path: options.path ?? [],
  };
  const n = ids.length;
  const entry = randomIndexEntry(n, table);
  const ri = entry?.value ?? null;
  const complete = (
    judgments: readonly (readonly (number | null)[])[],
    start?: ArrayLike<number>,
  ): CompletedMatrix =>
    completion === "optimal"
      ? optimalCompletion(judgments, limits, start)
      : harkerCompletion(judgments, limits, start);
  // The log least-squares weights are close to the eigenvector: a good start saves Noda a few steps.
  const leastSquares = logLeastSquares(values);
  const filled = complete(values, leastSquares);
  const vector = method === "eigenvector" ? filled.vector : leastSquares;
  const ratio = (lambda: number) => consistencyRatio(lambda, n, ri);
  const cr = ratio(filled.lambdaMax);
  const verdict: ConsistencyVerdict = cr === null ? "unknown" : cr <= threshold ? "acceptable" : "revise";
  return {
    ids,
    weights: Object.fromEntries(ids.map((id, i) => [id, vector[i]!])),
    vector: [...vector],
    method,
    completion,
    lambdaMax: filled.lambdaMax,
    consistencyIndex: consistencyIndexOf(filled.lambdaMax, n),
    consistencyRatio: cr,
    randomIndex: ri,
    randomIndexTable: table,
    randomIndexBasis: entry?.basis ?? null,
    verdict,
    missing: countMissing(values),
    completed:
      completion === "harker"
        ? values.map((row, i) => row.map((value, j) => value ?? vector[i]! / vector[j]!))
        : filled.values,
    worstJudgments: worstJudgments(ids, values, vector, {
      count: options.worstJudgments ?? 3,
      lambdaMax: filled.lambdaMax,
      needsRevision: verdict === "revise",
      ratio,
      // A matrix one judgment away starts from this one's eigenvector: Noda then needs two or three steps.
      lambdaIfChanged: (changed) => complete(changed, filled.vector).lambdaMax,
    }),
  };
}

/**
 * The groups of ids that the judgments connect (directly or through others). One group means the weights
 * are determined; more mean some criteria were never compared with the rest.
 *
 * @param matrix - the pairwise matrix (`null` = missing)
 * @returns the groups, each in matrix order, ordered by their first member
 */
export function comparisonGroups(matrix: PairwiseMatrix): string[][] {
  const n = matrix.ids.length;
  const group = new Int32Array(n).fill(-1);
  const groups: string[][] = [];
  for (let start = 0; start < n; start++) {
    if (group[start] !== -1) continue;
    const members: number[] = [];
    const stack = [start];
    group[start] = groups.length;
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      for (let j = 0; j < n; j++) {
        if (group[j] === -1 && j !== i && matrix.values[i]?.[j] != null) {
          group[j] = groups.length;
          stack.push(j);
        }
      }
    }
    groups.push(members.sort((a, b) => a - b).map((i) => matrix.ids[i]!));
  }
  return groups;
}

function assertConnected(
  ids: readonly string[],
  values: readonly (readonly (number | null)[])[],
  path: ProblemPath,
): void {
  const groups = comparisonGroups({ ids, values });
  if (groups.length <= 1) return;
  throw new CxprismError("invalid-input", [
    {
      path,
      message: `expected judgments that connect every criterion, directly or through others; received ${groups.length} groups never compared with each other: ${groups.map((g) => `{${g.join(", ")}}`).join(" and ")} (add a judgment between groups)`,
    },
  ]);
}

/**
 * Logarithmic least squares over the given judgments: minimise sum (ln a_ij - y_i + y_j)^2. The normal
 * equations are a graph-Laplacian system L y = b (b_i = sum of ln a_ij in row i); adding the all-ones matrix
 * pins sum y = 0 and makes it regular for a connected graph. Complete matrix: y_i = mean of ln a_ij, the row
 * geometric mean.
 */
function logLeastSquares(values: readonly (readonly (number | null)[])[]): Float64Array {
  const n = values.length;
  const system = new Float64Array(n * n).fill(1);
  const rhs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = values[i]![j]!;
      if (i === j || value === null) continue;
      system[i * n + i] = system[i * n + i]! + 1;
      system[i * n + j] = system[i * n + j]! - 1;
      rhs[i] = rhs[i]! + Math.log(value);
    }
  }
  const y = solveLinear(system, rhs, n)!; // regular: the comparisons are connected (checked before)
  let total = 0;
  const w = y.map((value) => {
    const e = Math.exp(value);
    total += e;
    return e;
  });
  return w.map((value) => value / total);
}

/**
 * Row geometric means of a complete pairwise matrix, normalised to sum 1 — the textbook approximation of
 * the eigenvector (and the exact logarithmic least-squares solution).
 *
 * @param values - a complete positive matrix
 * @returns the normalised row geometric means
 */
export function rowGeometricMeans(values: readonly (readonly number[])[]): number[] {
  const means = values.map((row) =>
    Math.exp(row.reduce((sum, value) => sum + Math.log(value), 0) / row.length),
  );
  const total = means.reduce((sum, value) => sum + value, 0);
  return means.map((value) => value / total);
}

function consistencyIndexOf(lambda: number, n: number): number {
  // lambda-max >= n for a positive reciprocal matrix; rounding may put it a hair below.
  return n <= 2 ? 0 : Math.max(0, (lambda - n) / (n - 1));
}

function consistencyRatio(lambda: number, n: number, ri: number | null): number | null {
  if (n <= 2) return 0;
  if (ri === null || ri === 0) return null;
  return consistencyIndexOf(lambda, n) / ri;
}

function countMissing(values: readonly (readonly (number | null)[])[]): number {
  let missing = 0;
  values.forEach((row, i) => {
    row.forEach((value, j) => {
      if (j > i && value === null) missing++;
    });
  });
  return missing;
}

function nearestScaleValue(value: number): number {
  let best = 1;
  for (const candidate of SCALE) {
    if (Math.abs(Math.log(candidate / value)) < Math.abs(Math.log(best / value))) best = candidate;
  }
  return best;
}

interface AdviceSettings {
  /** How many judgments to list at most. */
  readonly count: number;
  /** lambda-max of the matrix as given. */
  readonly lambdaMax: number;
  /** Whether CR is above the threshold: then the worst judgments are listed whatever a change would do. */
  readonly needsRevision: boolean;
  /** CR from lambda-max (null without an RI). */
  readonly ratio: (lambda: number) => number | null;
  /** lambda-max after a change, completed the same way as the matrix. */
  readonly lambdaIfChanged: (changed: (number | null)[][]) => number;
}

function worstJudgments(
  ids: readonly string[],
  values: readonly (readonly (number | null)[])[],
  w: ArrayLike<number>,
  settings: AdviceSettings,
): JudgmentAdvice[] {
  const n = ids.length;
  const candidates: { i: number; j: number; error: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = values[i]![j]!;
      if (value === null) continue;
      // Rounded so that errors equal but for floating-point noise tie, and ties go in matrix order.
      const error = Math.round(Math.abs(Math.log((value * w[j]!) / w[i]!)) * 1e9);
      if (error > 0) candidates.push({ i, j, error });
    }
  }
  candidates.sort((a, b) => b.error - a.error || a.i - b.i || a.j - b.j);
  const advice: JudgmentAdvice[] = [];
  const cr = settings.ratio(settings.lambdaMax);
  for (const { i, j } of candidates) {
    if (advice.length >= settings.count) break;
    let a = i;
    let b = j;
    // Report each judgment the way round it was strong (>= 1), as a workshop would state it.
    if (values[i]![j]! < 1) [a, b] = [j, i];
    const value = values[a]![b]!;
    const consistentValue = w[a]! / w[b]!;
    const suggestedValue = nearestScaleValue(consistentValue);
    const unchanged = Math.abs(suggestedValue - value) < 1e-9;
    if (unchanged && !settings.needsRevision) continue;
    let lambda = settings.lambdaMax;
    if (!unchanged) {
      const changed = values.map((row) => [...row]);
      changed[a]![b] = suggestedValue;
      changed[b]![a] = 1 / suggestedValue;
      lambda = settings.lambdaIfChanged(changed);
    }
    // Without revision needed, a change is advice only when it makes the matrix more consistent.
    if (!settings.needsRevision && !(lambda < settings.lambdaMax - 1e-12)) continue;
    const crIfChanged = settings.ratio(lambda);
    advice.push({
      row: ids[a]!,
      column: ids[b]!,
      value,
      consistentValue,
      suggestedValue,
      deviation: (value * w[b]!) / w[a]!,
      consistencyRatioIfChanged: crIfChanged,
      consistencyRatioDrop: cr === null || crIfChanged === null ? null : cr - crIfChanged,
    });
  }
  return advice;
}

/**
 * One line of advice in words: `experience vs charisma: 3 given, 2.028 would be consistent (try 2: CR
 * falls by 0.031)`, or `... (already the nearest scale value)` when no other value of Saaty's scale would be
 * closer.
 *
 * @param advice - one entry of {@link AhpResult.worstJudgments}
 * @returns a sentence for a report
 */
export function describeJudgmentAdvice(advice: JudgmentAdvice): string {
  const given = `${advice.row} vs ${advice.column}: ${formatJudgment(advice.value)} given, ${formatJudgment(advice.consistentValue)} would be consistent`;
  return Math.abs(advice.suggestedValue - advice.value) < 1e-9
    ? `${given} (already the nearest scale value)`
    : `${given} (try ${formatJudgment(advice.suggestedValue)}${advice.consistencyRatioDrop === null ? "" : `: CR falls by ${advice.consistencyRatioDrop.toFixed(3)}`})`;
}
