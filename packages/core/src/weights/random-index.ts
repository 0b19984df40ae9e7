/**
 * Random-index (RI) tables: the mean consistency index of random reciprocal matrices of each size, the
 * denominator of Saaty's consistency ratio CR = CI / RI. Published tables differ because each came from a
 * different simulation; pick one by name and quote it with the CR.
 */

/** The names of the random-index tables cxprism knows. */
export type RandomIndexTable =
  | "saaty-1980"
  | "saaty-2005"
  | "donegan-dodd-1991"
  | "alonso-lamata-2006"
  | "tummala-ling-1998";

/** One published random-index table. */
export interface RandomIndexSource {
  /** Who published it, as a short citation. */
  readonly source: string;
  /** RI by matrix size n; sizes 1 and 2 are always 0 (such matrices cannot be inconsistent). */
  readonly values: Readonly<Record<number, number>>;
  /**
   * Whether a size between two tabulated sizes takes the RI interpolated linearly between them (only for a
   * table that is published with gaps, such as Donegan & Dodd's 20, 25, 30, 40 ... 100).
   */
  readonly interpolate: boolean;
}

/** How the RI for a size was found: printed in the table, or interpolated between two printed sizes. */
export type RandomIndexBasis = "tabulated" | "interpolated";

/** The RI for one size, and how it was found. */
export interface RandomIndexEntry {
  readonly value: number;
  readonly basis: RandomIndexBasis;
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
 *   and Computer Modelling* 15(10), 135-137 — n = 3..20, then 25, 30, 40, 50 ... 100 (values as AHPy
 *   transcribes them; 90 is printed below 80). Sizes between two printed sizes are interpolated linearly,
 *   as AHPy does, and the result says so (`basis: "interpolated"`).
 * - `alonso-lamata-2006`: Alonso, J.A. & Lamata, M.T. (2006) "Consistency in the analytic hierarchy process:
 *   a new approach", *Int. J. of Uncertainty, Fuzziness and Knowledge-Based Systems* 14(4), 445-459 —
 *   100,000 matrices per size, n = 3..15.
 * - `tummala-ling-1998`: Tummala, V.M.R. & Ling, H. (1998) "A note on the computation of the mean random
 *   consistency index of the analytic hierarchy process (AHP)", *Theory and Decision* 44(3), 221-230 —
 *   n = 3..15, the table pymcdm uses (values as pymcdm transcribes them).
 */
export const RANDOM_INDEX_TABLES: Readonly<Record<RandomIndexTable, RandomIndexSource>> = {
  "saaty-1980": {
    source: "Saaty (1980), The Analytic Hierarchy Process",
    values: table([0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]),
    interpolate: false,
  },
  "saaty-2005": {
    source: "Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31",
    values: table([0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]),
    interpolate: false,
  },
  "donegan-dodd-1991": {
    source: "Donegan & Dodd (1991), Mathematical and Computer Modelling 15(10)",
    values: {
      ...table([
        0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822,
        1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371,
      ]),
      25: 1.5619,
      30: 1.5772,
      40: 1.5976,
      50: 1.6102,
      60: 1.6178,
      70: 1.6237,
      80: 1.6277,
      90: 1.6213,
      100: 1.6339,
    },
    interpolate: true,
  },
  "alonso-lamata-2006": {
    source: "Alonso & Lamata (2006), Int. J. of Uncertainty, Fuzziness and Knowledge-Based Systems 14(4)",
    values: table([
      0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838,
    ]),
    interpolate: false,
  },
  "tummala-ling-1998": {
    source: "Tummala & Ling (1998), Theory and Decision 44(3)",
    values: table([
      0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831,
    ]),
    interpolate: false,
  },
};

/** The table used when none is named. */
export const DEFAULT_RANDOM_INDEX_TABLE: RandomIndexTable = "saaty-1980";

/** The largest matrix every table covers (`donegan-dodd-1991` goes on to 100). */
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
 * @returns the RI, or `undefined` when the table does not define one for `n`
 * @example
 * randomIndex(4); // 0.9
 * randomIndex(4, "alonso-lamata-2006"); // 0.8815
 * randomIndex(22, "donegan-dodd-1991"); // 1.54702 (interpolated between 20 and 25)
 */
export function randomIndex(
  n: number,
  name: RandomIndexTable = DEFAULT_RANDOM_INDEX_TABLE,
): number | undefined {
  return randomIndexEntry(n, name)?.value;
}

/**
 * The random index for a matrix of size `n` and whether it is printed in the table or interpolated.
 *
 * @param n - the matrix size
 * @param name - the table (default `saaty-1980`)
 * @returns `{value, basis}`, or `undefined` when the table does not define an RI for `n`
 */
export function randomIndexEntry(
  n: number,
  name: RandomIndexTable = DEFAULT_RANDOM_INDEX_TABLE,
): RandomIndexEntry | undefined {
  const source = RANDOM_INDEX_TABLES[name];
  const printed = source.values[n];
  if (printed !== undefined) return { value: printed, basis: "tabulated" };
  if (!source.interpolate) return undefined;
  const sizes = Object.keys(source.values).map(Number);
  const below = sizes.reduce(
    (best, size) => (size < n ? Math.max(best, size) : best),
    Number.NEGATIVE_INFINITY,
  );
  const above = sizes.reduce(
    (best, size) => (size > n ? Math.min(best, size) : best),
    Number.POSITIVE_INFINITY,
  );
  if (!Number.isFinite(below) || !Number.isFinite(above)) return undefined;
  const share = (n - below) / (above - below);
  const low = source.values[below]!;
  return { value: low + share * (source.values[above]! - low), basis: "interpolated" };
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
