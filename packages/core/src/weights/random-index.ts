/**
 * Random-index (RI) tables: the mean consistency index of random reciprocal matrices of each size, the
 * denominator of Saaty's consistency ratio CR = CI / RI. Published tables differ because each came from a
 * different simulation; pick one by name and quote it with the CR.
 */

/** The names of the random-index tables cxprism knows. */
export type RandomIndexTable = "saaty-1980" | "saaty-2005" | "donegan-dodd-1991" | "alonso-lamata-2006";

/** One published random-index table. */
export interface RandomIndexSource {
  /** Who published it, as a short citation. */
  readonly source: string;
  /** RI by matrix size n; sizes 1 and 2 are always 0 (such matrices cannot be inconsistent). */
  readonly values: Readonly<Record<number, number>>;
}

/**
 * The published tables.
 *
 * - `saaty-1980` (default): Saaty, T.L. (1980) *The Analytic Hierarchy Process*, McGraw-Hill — n = 3..10:
 *   0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49; n = 11..15: 1.51, 1.48, 1.56, 1.57, 1.59, the extension
 *   reproduced with that table in most AHP software and textbooks (from a smaller simulation, hence the
 *   non-monotone 1.48 at n = 12; prefer `alonso-lamata-2006` for n > 10).
 * - `saaty-2005`: Saaty, T.L. (2005) *Theory and Applications of the Analytic Network Process*, RWS
 *   Publications, p. 31 — n = 3..15.
 * - `donegan-dodd-1991`: Donegan, H.A. & Dodd, F.J. (1991) "A note on Saaty's random indexes", *Mathematical
 *   and Computer Modelling* 15(10), 135-137 — n = 3..15 listed here (the paper goes further).
 * - `alonso-lamata-2006`: Alonso, J.A. & Lamata, M.T. (2006) "Consistency in the analytic hierarchy process:
 *   a new approach", *Int. J. of Uncertainty, Fuzziness and Knowledge-Based Systems* 14(4), 445-459 —
 *   100,000 matrices per size, n = 3..15.
 */
export const RANDOM_INDEX_TABLES: Readonly<Record<RandomIndexTable, RandomIndexSource>> = {
  "saaty-1980": {
    source: "Saaty (1980), The Analytic Hierarchy Process",
    values: table([0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]),
  },
  "saaty-2005": {
    source: "Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31",
    values: table([0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]),
  },
  "donegan-dodd-1991": {
    source: "Donegan & Dodd (1991), Mathematical and Computer Modelling 15(10)",
    values: table([
      0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969,
    ]),
  },
  "alonso-lamata-2006": {
    source: "Alonso & Lamata (2006), Int. J. of Uncertainty, Fuzziness and Knowledge-Based Systems 14(4)",
    values: table([
      0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838,
    ]),
  },
};

/** The table used when none is named. */
export const DEFAULT_RANDOM_INDEX_TABLE: RandomIndexTable = "saaty-1980";

/** The largest matrix every table covers. */
export const MAX_TABULATED_SIZE = 15;

function table(fromThree: readonly number[]): Record<number, number> {
  const values: Record<number, number> = { 1: 0, 2: 0 };
  fromThree.forEach((value, k) => {
    values[k + 3] = value;
  });
  return values;
}

/**
 * The random index for a matrix of size `n`.
 *
 * @param n - the matrix size
 * @param name - the table (default `saaty-1980`)
 * @returns the RI, or `undefined` when the table stops before `n`
 * @example
 * randomIndex(4); // 0.9
 * randomIndex(4, "alonso-lamata-2006"); // 0.8815
 */
export function randomIndex(
  n: number,
  name: RandomIndexTable = DEFAULT_RANDOM_INDEX_TABLE,
): number | undefined {
  return RANDOM_INDEX_TABLES[name].values[n];
}

/**
 * Whether a string names a known random-index table (for faces that read it from a flag or a request).
 *
 * @param name - the candidate name
 * @returns true for a key of {@link RANDOM_INDEX_TABLES}
 */
export function isRandomIndexTable(name: string): name is RandomIndexTable {
  return Object.hasOwn(RANDOM_INDEX_TABLES, name);
}
