import { CxprismError, type ProblemPath } from "../errors.js";
import { principalEigenpair, solveLinear } from "./linear-algebra.js";
import { formatJudgment, type PairwiseMatrix, safeCheckPairwiseMatrix } from "./pairwise-matrix.js";
import { DEFAULT_RANDOM_INDEX_TABLE, type RandomIndexTable, randomIndex } from "./random-index.js";

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
  /** The random-index table for CR (default `saaty-1980`). */
  readonly randomIndex?: RandomIndexTable | undefined;
  /** CR at or below this is acceptable (default 0.1, Saaty's 10 % rule). */
  readonly acceptableRatio?: number | undefined;
  /** How many of the most inconsistent judgments to report (default 3). */
  readonly worstJudgments?: number | undefined;
  /** Power-iteration tolerance on the weights (default 1e-12). */
  readonly tolerance?: number | undefined;
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
  /** The principal eigenvalue (of Harker's matrix when judgments are missing); n when consistent. */
  readonly lambdaMax: number;
  /** Saaty's consistency index (lambdaMax - n) / (n - 1); 0 for n <= 2. */
  readonly consistencyIndex: number;
  /** CI / RI; 0 for n <= 2; `null` when the table has no RI for n. */
  readonly consistencyRatio: number | null;
  /** The RI used, or `null`. */
  readonly randomIndex: number | null;
  /** The table the RI came from. */
  readonly randomIndexTable: RandomIndexTable;
  /** `acceptable` (CR <= threshold), `revise`, or `unknown` (no RI). */
  readonly verdict: ConsistencyVerdict;
  /** How many judgments (pairs above the diagonal) were missing. */
  readonly missing: number;
  /** The matrix with every missing judgment filled by w_i / w_j. */
  readonly completed: readonly (readonly number[])[];
  /** The judgments contributing most to inconsistency, worst first (none when consistent). */
  readonly worstJudgments: readonly JudgmentAdvice[];
}

/** Saaty's scale, 1/9 .. 9, for rounding a suggested judgment. */
const SCALE = [9, 8, 7, 6, 5, 4, 3, 2].map((k) => 1 / k).concat([1, 2, 3, 4, 5, 6, 7, 8, 9]);

/**
 * Priorities, lambda-max, CI and CR from a reciprocal pairwise matrix (Saaty's Analytic Hierarchy Process).
 *
 * Missing judgments (`null`) are allowed while the comparisons still connect every criterion. The eigenvector
 * method then uses Harker's (1987) matrix: a missing a_ij becomes 0 and each diagonal entry becomes 1 plus the
 * number of judgments missing in its row; its Perron vector equals the eigenvector of the matrix completed
 * with a_ij = w_i / w_j, and so does its eigenvalue (Harker, P.T. (1987) "Incomplete pairwise comparisons in
 * the analytic hierarchy process", *Mathematical Modelling* 9(11), 837-848). CR divides by the complete-matrix
 * RI. The geometric-mean method solves the incomplete logarithmic least-squares problem (Bozóki, Fülöp &
 * Rónyai 2010), which for a complete matrix is exactly the row geometric mean.
 *
 * The worst judgments follow Saaty's way of improving consistency: compare every a_ij with w_i / w_j, take
 * those with the largest error ratio a_ij w_j / w_i (or its inverse), and propose w_i / w_j, rounded to the
 * scale (Saaty, T.L. (2003) "Decision-making with the AHP: why is the principal eigenvector necessary",
 * *European Journal of Operational Research* 145(1), 85-91).
 *
 * @param matrix - ids and judgments (`values[i][j]`: how much more important ids[i] is than ids[j])
 * @param options - method, RI table, CR threshold, how many worst judgments
 * @returns weights by id, lambda-max, CI, CR, verdict and the worst judgments
 * @throws {@link CxprismError} `invalid-input` for a malformed matrix or comparisons that do not connect
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
  const table = options.randomIndex ?? DEFAULT_RANDOM_INDEX_TABLE;
  const threshold = options.acceptableRatio ?? 0.1;
  const tolerance = options.tolerance ?? 1e-12;
  const n = ids.length;
  const ri = randomIndex(n, table) ?? null;
  const eigen = harkerEigenpair(values, tolerance);
  const vector = method === "eigenvector" ? eigen.vector : logLeastSquares(values);
  const ratio = (lambda: number) => consistencyRatio(lambda, n, ri);
  const consistencyIndex = consistencyIndexOf(eigen.value, n);
  const cr = ratio(eigen.value);
  const completed = values.map((row, i) => row.map((value, j) => value ?? vector[i]! / vector[j]!));
  return {
    ids,
    weights: Object.fromEntries(ids.map((id, i) => [id, vector[i]!])),
    vector: [...vector],
    method,
    lambdaMax: eigen.value,
    consistencyIndex,
    consistencyRatio: cr,
    randomIndex: ri,
    randomIndexTable: table,
    verdict: cr === null ? "unknown" : cr <= threshold ? "acceptable" : "revise",
    missing: countMissing(values),
    completed,
    worstJudgments: worstJudgments(ids, values, vector, options.worstJudgments ?? 3, (changed) =>
      ratio(harkerEigenpair(changed, tolerance).value),
    ),
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

/** The eigenpair of Harker's matrix: missing -> 0, diagonal 1 + missing in the row. */
function harkerEigenpair(values: readonly (readonly (number | null)[])[], tolerance: number) {
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
  return principalEigenpair(harker, n, tolerance);
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

function worstJudgments(
  ids: readonly string[],
  values: readonly (readonly (number | null)[])[],
  w: Float64Array,
  count: number,
  crIfChanged: (changed: (number | null)[][]) => number | null,
): JudgmentAdvice[] {
  const n = ids.length;
  const candidates: { i: number; j: number; error: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const value = values[i]![j]!;
      if (value === null) continue;
      const error = Math.abs(Math.log((value * w[j]!) / w[i]!));
      if (error > 1e-9) candidates.push({ i, j, error });
    }
  }
  candidates.sort((a, b) => b.error - a.error || a.i - b.i || a.j - b.j);
  return candidates.slice(0, Math.max(0, count)).map(({ i, j }) => {
    let a = i;
    let b = j;
    // Report each judgment the way round it was strong (>= 1), as a workshop would state it.
    if (values[i]![j]! < 1) [a, b] = [j, i];
    const value = values[a]![b]!;
    const consistentValue = w[a]! / w[b]!;
    const suggestedValue = nearestScaleValue(consistentValue);
    const changed = values.map((row) => [...row]);
    changed[a]![b] = suggestedValue;
    changed[b]![a] = 1 / suggestedValue;
    return {
      row: ids[a]!,
      column: ids[b]!,
      value,
      consistentValue,
      suggestedValue,
      deviation: (value * w[b]!) / w[a]!,
      consistencyRatioIfChanged: crIfChanged(changed),
    };
  });
}

/**
 * One line of advice in words: `experience vs charisma: 3 given, 2.028 would be consistent (try 2)`, or
 * `... (already the nearest scale value)` when no other value of Saaty's scale would be closer.
 *
 * @param advice - one entry of {@link AhpResult.worstJudgments}
 * @returns a sentence for a report
 */
export function describeJudgmentAdvice(advice: JudgmentAdvice): string {
  const given = `${advice.row} vs ${advice.column}: ${formatJudgment(advice.value)} given, ${formatJudgment(advice.consistentValue)} would be consistent`;
  return Math.abs(advice.suggestedValue - advice.value) < 1e-9
    ? `${given} (already the nearest scale value)`
    : `${given} (try ${formatJudgment(advice.suggestedValue)})`;
}
