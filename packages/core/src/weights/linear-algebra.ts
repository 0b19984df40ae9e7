/**
 * The two numeric kernels the weight methods need, written out so the plain core stays free of a matrix
 * library: the Perron eigenpair of a non-negative matrix by power iteration, and a dense linear solve.
 * Matrices are row-major `Float64Array`s of size n x n.
 */

/** The principal eigenpair found by {@link principalEigenpair}. */
export interface Eigenpair {
  /** The eigenvector, scaled to sum to 1. */
  readonly vector: Float64Array;
  /** The eigenvalue. */
  readonly value: number;
  /** Iterations used. */
  readonly iterations: number;
  /** Whether successive vectors agreed within the tolerance before the iteration limit. */
  readonly converged: boolean;
}

/**
 * The Perron eigenvalue and eigenvector of a non-negative, irreducible matrix with a positive diagonal (a
 * pairwise matrix, complete or in Harker's form) by power iteration: w <- Mw / sum(Mw) from the uniform
 * vector until no component moves more than `tolerance`. A positive diagonal makes the matrix primitive, so
 * the iteration converges; for a consistent matrix it does so in one step.
 *
 * @param matrix - row-major n x n
 * @param n - the size
 * @param tolerance - stop when max |w_k+1 - w_k| is at most this
 * @param maxIterations - give up after this many steps (then `converged` is false)
 * @returns the eigenvector (sum 1), eigenvalue and iteration count
 */
export function principalEigenpair(
  matrix: Float64Array,
  n: number,
  tolerance = 1e-12,
  maxIterations = 10_000,
): Eigenpair {
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let value = 0;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) sum += matrix[row + j]! * w[j]!;
      next[i] = sum;
      total += sum;
    }
    // With w summing to 1, sum(Mw) is the Rayleigh-like estimate that equals lambda at the fixed point.
    value = total;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / total;
      change = Math.max(change, Math.abs(next[i]! - w[i]!));
    }
    [w, next] = [next, w];
    if (change <= tolerance) return { vector: w, value, iterations: iteration, converged: true };
  }
  return { vector: w, value, iterations: maxIterations, converged: false };
}

/**
 * Solves `A x = b` by Gaussian elimination with partial pivoting.
 *
 * @param matrix - row-major n x n (not modified)
 * @param rhs - the right-hand side (not modified)
 * @param n - the size
 * @returns x, or `undefined` when A is singular
 */
export function solveLinear(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array | undefined {
  const a = Float64Array.from(matrix);
  const x = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    }
    if (Math.abs(a[pivot * n + col]!) < 1e-14) return undefined;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = a[col * n + k]!;
        a[col * n + k] = a[pivot * n + k]!;
        a[pivot * n + k] = t;
      }
      const t = x[col]!;
      x[col] = x[pivot]!;
      x[pivot] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const factor = a[r * n + col]! / a[col * n + col]!;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k] = a[r * n + k]! - factor * a[col * n + k]!;
      x[r] = x[r]! - factor * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let sum = x[r]!;
    for (let k = r + 1; k < n; k++) sum -= a[r * n + k]! * x[k]!;
    x[r] = sum / a[r * n + r]!;
  }
  return x;
}
