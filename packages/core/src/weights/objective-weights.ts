import { CxprismError, type Problem } from "../errors.js";
import { scaleBounds } from "../pipeline/normalise.js";
import type { Direction } from "../schema/criterion.js";
import { type ScoreOptions, validatePortfolio } from "../validate/portfolio.js";

/**
 * A decision matrix: one row per alternative (initiative), one column per criterion.
 */
export interface DecisionMatrix {
  /** The criteria, in column order. */
  readonly ids: readonly string[];
  /** The performance values, `rows[alternative][criterion]`. */
  readonly rows: readonly (readonly number[])[];
}

/** The objective-weight methods. */
export type ObjectiveWeightMethod = "entropy" | "critic";

/**
 * Entropy weights: a criterion on which the alternatives differ more carries more information and more weight.
 * With p_ij = x_ij / sum_i x_ij, the entropy is E_j = -(1 / ln m) sum_i p_ij ln p_ij (0 ln 0 = 0), the
 * diversification d_j = 1 - E_j and w_j = d_j / sum_k d_k (the entropy method of Hwang, C.L. & Yoon, K.
 * (1981) *Multiple Attribute Decision Making*, Springer, after Shannon's (1948) entropy; also Zeleny 1982).
 *
 * Values must be finite and non-negative. A column of zeros carries no information (d_j = 0).
 *
 * @param matrix - alternatives x criteria, at least two alternatives
 * @returns weights by criterion id, summing to 1
 * @throws {@link CxprismError} `invalid-input` for negative or non-finite values, fewer than two alternatives,
 *   ragged rows, or when no criterion varies (every weight would be 0/0)
 * @example
 * entropyWeights({ ids: ["a", "b"], rows: [[1, 5], [1, 1], [1, 3]] }); // { a: 0, b: 1 }
 */
export function entropyWeights(matrix: DecisionMatrix): Record<string, number> {
  checkMatrix(matrix, (value) => value >= 0, "a finite number of at least 0");
  const m = matrix.rows.length;
  const diversification = matrix.ids.map((_, j) => {
    let total = 0;
    for (const row of matrix.rows) total += row[j]!;
    if (total === 0) return 0;
    let entropy = 0;
    for (const row of matrix.rows) {
      const p = row[j]! / total;
      if (p > 0) entropy -= p * Math.log(p);
    }
    return Math.max(0, 1 - entropy / Math.log(m));
  });
  return normalise(matrix.ids, diversification);
}

/**
 * CRITIC weights (CRiteria Importance Through Intercriteria Correlation): a criterion weighs more when its
 * values spread widely (contrast) and disagree with the other criteria (conflict). Each column is scaled to
 * [0, 1] by its own min and max (reversed for `cost` criteria), then C_j = sigma_j * sum_k (1 - r_jk) with
 * sigma_j the standard deviation and r_jk Pearson's correlation, and w_j = C_j / sum C (Diakoulaki, D.,
 * Mavrotas, G. & Papayannakis, L. (1995) "Determining objective weights in multiple criteria problems: the
 * CRITIC method", *Computers & Operations Research* 22(7), 763-770).
 *
 * A constant column has no contrast: weight 0, and it is left out of the others' conflict sums (its
 * correlation is undefined).
 *
 * @param matrix - alternatives x criteria, at least two alternatives
 * @param directions - `cost` for criteria where lower is better (default all `benefit`)
 * @returns weights by criterion id, summing to 1
 * @throws {@link CxprismError} `invalid-input` for non-finite values, fewer than two alternatives, ragged rows,
 *   or when every column is constant
 */
export function criticWeights(
  matrix: DecisionMatrix,
  directions: Readonly<Record<string, Direction>> = {},
): Record<string, number> {
  checkMatrix(matrix, () => true, "a finite number");
  const m = matrix.rows.length;
  const columns = matrix.ids.map((id, j) => {
    const raw = matrix.rows.map((row) => row[j]!);
    const min = raw.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const max = raw.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    if (max === min) return undefined;
    const cost = directions[id] === "cost";
    const scaled = raw.map((x) => (cost ? max - x : x - min) / (max - min));
    const mean = scaled.reduce((a, b) => a + b, 0) / m;
    const centred = scaled.map((x) => x - mean);
    const sd = Math.sqrt(centred.reduce((a, b) => a + b * b, 0) / m);
    return { centred, sd };
  });
  const information = columns.map((column, j) => {
    if (column === undefined) return 0;
    let conflict = 0;
    columns.forEach((other, k) => {
      if (other === undefined || k === j) return;
      let covariance = 0;
      for (let i = 0; i < m; i++) covariance += column.centred[i]! * other.centred[i]!;
      conflict += 1 - covariance / m / (column.sd * other.sd);
    });
    return column.sd * conflict;
  });
  // A single varying criterion has no others to conflict with; it simply takes all the weight.
  const varying = columns.filter((column) => column !== undefined).length;
  return normalise(
    matrix.ids,
    varying === 1 ? columns.map((column) => (column === undefined ? 0 : 1)) : information,
  );
}

/** Options for {@link objectiveWeights}. */
export interface ObjectiveWeightOptions extends ScoreOptions {
  /** `entropy` (default) or `critic`. */
  readonly method?: ObjectiveWeightMethod | undefined;
}

/**
 * Objective weights for a model's criteria from how the initiatives were actually rated: each rating is
 * normalised to [0, 1] by its criterion's scale and direction (1 = best), as in scoring, then weighed with
 * {@link entropyWeights} or {@link criticWeights}. Raters are aggregated first, as in `score`.
 *
 * @param initiatives - the rated initiatives (validated here, like `score`)
 * @param options - the model, the missing-rating policy and the method
 * @returns weights by criterion id (all criteria of the model), summing to 1
 * @throws {@link CxprismError} as `score` does, or `invalid-input` when no criterion varies
 */
export function objectiveWeights(
  initiatives: unknown,
  options: ObjectiveWeightOptions = {},
): Record<string, number> {
  const validation = validatePortfolio(initiatives, options);
  if (!validation.success) throw new CxprismError(validation.code, validation.problems);
  const { model, ratings, initiatives: valid } = validation.portfolio;
  const m = model.criteria.length;
  const bounds = model.criteria.map((criterion) => scaleBounds(criterion.scale));
  const rows = valid.map((_, i) =>
    model.criteria.map((criterion, c) => {
      const raw = ratings[i * m + c]!;
      const { min, max } = bounds[c]!;
      if (Number.isNaN(raw)) return 0.5; // unrated zero-weight criterion: neutral, it carries no information
      return criterion.direction === "cost" ? (max - raw) / (max - min) : (raw - min) / (max - min);
    }),
  );
  const matrix = { ids: model.criteria.map((criterion) => criterion.id), rows };
  return (options.method ?? "entropy") === "critic" ? criticWeights(matrix) : entropyWeights(matrix);
}

function checkMatrix(matrix: DecisionMatrix, valid: (value: number) => boolean, expected: string): void {
  const problems: Problem[] = [];
  const n = matrix.ids.length;
  if (n === 0) problems.push({ path: ["ids"], message: "expected at least one criterion, received none" });
  if (matrix.rows.length < 2) {
    problems.push({
      path: ["rows"],
      message: `expected at least two alternatives to compare, received ${matrix.rows.length}`,
    });
  }
  matrix.rows.forEach((row, i) => {
    if (row.length !== n) {
      problems.push({
        path: ["rows", i],
        message: `expected ${n} values (one per criterion), received ${row.length}`,
      });
      return;
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value) || !valid(value)) {
        problems.push({ path: ["rows", i, j], message: `expected ${expected}, received ${value}` });
      }
    });
  });
  if (problems.length > 0) throw new CxprismError("invalid-input", problems);
}

function normalise(ids: readonly string[], information: readonly number[]): Record<string, number> {
  const total = information.reduce((a, b) => a + b, 0);
  if (!(total > 0)) {
    throw new CxprismError("invalid-input", [
      {
        path: ["rows"],
        message: "expected at least one criterion whose values differ between alternatives, received none",
      },
    ]);
  }
  return Object.fromEntries(ids.map((id, j) => [id, information[j]! / total]));
}
