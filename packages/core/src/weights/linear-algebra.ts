/**
 * The two numeric kernels the weight methods need, written out so the plain core stays free of a matrix
 * library: the Perron eigenpair of a non-negative matrix by Noda's iteration, and a dense linear solve.
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
  /** Whether the Collatz-Wielandt bounds on the eigenvalue closed within the tolerance. */
  readonly converged: boolean;
}

/**
 * The Perron eigenvalue and eigenvector of a non-negative, irreducible matrix (a pairwise matrix, complete
 * or in Harker's form) by Noda's iteration: shifted inverse iteration whose shift is the Collatz-Wielandt
 * upper bound sigma = max_i (Mw)_i / w_i. Each step solves (sigma I - M) y = w and takes w <- y / sum(y);
 * sigma falls monotonically to the Perron root and converges quadratically, whatever the gap between the
 * first two eigenvalues (Noda, T. (1971) "Note on the computation of the maximal eigenvalue of a
 * non-negative irreducible matrix", *Numerische Mathematik* 17, 382-386). Plain power iteration, used
 * before, stalls when that gap is small, as it is for Harker's matrix of a sparse set of judgments.
 *
 * The stopping rule is a certificate: min_i (Mw)_i / w_i <= lambda <= max_i (Mw)_i / w_i for any positive
 * w, so the iteration stops when the two bounds agree within `tolerance` (relative), then takes one more
 * step, which quadratic convergence makes exact to rounding.
 *
 * @param matrix - row-major n x n
 * @param n - the size
 * @param tolerance - stop when (max - min) / max of the bounds is at most this
 * @param maxIterations - give up after this many steps (then `converged` is false)
 * @param start - a positive starting vector (default uniform), e.g. the previous solution of a nearby matrix
 * @returns the eigenvector (sum 1), the eigenvalue, the steps taken and whether the bounds closed
 */
export function principalEigenpair(
  matrix: Float64Array,
  n: number,
  tolerance = 1e-12,
  maxIterations = 100,
  start?: ArrayLike<number>,
): Eigenpair {
  let w: Float64Array = new Float64Array(n).fill(1 / n);
  if (start !== undefined && start.length === n && Array.prototype.every.call(start, (x: number) => x > 0)) {
    let total = 0;
    for (let i = 0; i < n; i++) total += start[i]!;
    for (let i = 0; i < n; i++) w[i] = start[i]! / total;
  }
  const shifted = new Float64Array(n * n);
  const ones = new Float64Array(n).fill(1);
  let bounds = collatzWielandt(matrix, n, w);
  let closed = bounds.upper - bounds.lower <= tolerance * bounds.upper;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (bounds.upper === bounds.lower) return result(w, bounds.value, iteration - 1, true);
    // Solved in the balanced form D^-1 (sigma I - M) D z = 1 with D = diag(w), y = D z: every entry of the
    // balanced matrix is of the order of the ratios, so judgments spanning 9^k lose no precision.
    const sigma = bounds.upper;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) shifted[i * n + j] = (-matrix[i * n + j]! * w[j]!) / w[i]!;
      shifted[i * n + i] = sigma + shifted[i * n + i]!;
    }
    const z = solveLinear(shifted, ones, n);
    let next: Float64Array | undefined;
    if (z !== undefined) {
      let total = 0;
      const y = z.map((value, i) => value * w[i]!);
      for (let i = 0; i < n; i++) total += y[i]!;
      next = y.map((value) => value / total);
      if (next.some((value) => !(value > 0))) next = undefined;
    }
    // Singular or not positive only when sigma is the eigenvalue to rounding: a power step then keeps w
    // positive and lets the bounds close.
    w = next ?? powerStep(matrix, n, w);
    bounds = collatzWielandt(matrix, n, w);
    if (closed) return result(w, bounds.value, iteration, true);
    closed = bounds.upper - bounds.lower <= tolerance * bounds.upper;
  }
  return result(w, bounds.value, maxIterations, closed);
}

function powerStep(matrix: Float64Array, n: number, w: Float64Array): Float64Array {
  const next = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += matrix[i * n + j]! * w[j]!;
    next[i] = sum;
    total += sum;
  }
  for (let i = 0; i < n; i++) next[i] = next[i]! / total;
  return next;
}

function result(vector: Float64Array, value: number, iterations: number, converged: boolean): Eigenpair {
  return { vector, value, iterations, converged };
}

/**
 * The Collatz-Wielandt bounds min and max of (Mw)_i / w_i, which bracket the Perron root, and sum(Mw) for
 * w summing to 1: the estimate reported, which equals the root at the fixed point.
 */
function collatzWielandt(matrix: Float64Array, n: number, w: Float64Array) {
  let lower = Number.POSITIVE_INFINITY;
  let upper = 0;
  let value = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += matrix[row + j]! * w[j]!;
    value += sum;
    const ratio = sum / w[i]!;
    if (ratio < lower) lower = ratio;
    if (ratio > upper) upper = ratio;
  }
  return { lower, upper, value };
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
