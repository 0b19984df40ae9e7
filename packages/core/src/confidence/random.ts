/**
 * Seeded pseudo-random numbers for the confidence analyses. Core never uses the platform's unseeded random source: every draw comes
 * from a generator built from a seed, so the same seed gives the same numbers in Node, Workers and browsers.
 *
 * - Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 *   47(4), 2021; reference code https://prng.di.unimi.it/xoshiro128starstar.c): 128 bits of state, period
 *   2^128 - 1, 32-bit outputs, all arithmetic in 32-bit integers (`Math.imul`, `>>>`), so exact in JavaScript.
 * - Seeding: the 32-bit seed feeds splitmix32 (a Weyl sequence stepping by 0x9e3779b9, each step mixed by
 *   MurmurHash3's `fmix32` finaliser), whose first four outputs are the xoshiro state, as Vigna recommends.
 * - Uniforms: one 32-bit output `u` maps to `(u + 0.5) / 2^32`, strictly inside (0, 1), so logarithms and
 *   reciprocals never see 0 or 1; the resolution (2^-32) is far finer than any score we report.
 * - Normals: Marsaglia's polar method (Marsaglia & Bray 1964); the second deviate of each pair is kept.
 * - Gamma: Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000; a shape
 *   below 1 uses their boost `G(a) = G(a + 1) * U^(1/a)`.
 * - Dirichlet: independent gammas normalised to sum 1.
 */

const TWO_TO_MINUS_32 = 2 ** -32;

/**
 * MurmurHash3's 32-bit finaliser (Appleby): a bijection on 32-bit integers with full avalanche.
 *
 * @param h - any 32-bit integer
 * @returns the mixed value as an unsigned 32-bit integer
 */
export function fmix32(h: number): number {
  let z = h | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x85ebca6b);
  z ^= z >>> 13;
  z = Math.imul(z, 0xc2b2ae35);
  z ^= z >>> 16;
  return z >>> 0;
}

/**
 * Expands a 32-bit seed into a xoshiro128 state with splitmix32: state words are `fmix32(seed + k * 0x9e3779b9)`
 * for k = 1..4. The result is never all zero (fmix32 is a bijection and the four inputs differ).
 *
 * @param seed - any number; its low 32 bits are used (`seed >>> 0`)
 * @returns four unsigned 32-bit state words
 */
export function splitMix32State(seed: number): [number, number, number, number] {
  let weyl = seed >>> 0;
  const next = () => {
    weyl = (weyl + 0x9e3779b9) >>> 0;
    return fmix32(weyl);
  };
  return [next(), next(), next(), next()];
}

/**
 * A seeded source of random numbers (xoshiro128**). Create it with {@link createRandom}; it is mutable and
 * not shared, and it allocates nothing per draw.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /**
   * @param state - four 32-bit words, not all zero (use {@link createRandom} to start from a seed)
   */
  constructor(state: readonly [number, number, number, number]) {
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s3 = 1; // all-zero is xoshiro's one fixed point
  }

  /** The next raw output: an unsigned 32-bit integer (xoshiro128** step). */
  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** A uniform number strictly between 0 and 1. */
  uniform(): number {
    return (this.nextUint32() + 0.5) * TWO_TO_MINUS_32;
  }

  /** A standard normal deviate (mean 0, standard deviation 1), Marsaglia's polar method. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * scale;
    this.hasSpare = true;
    return u * scale;
  }

  /**
   * A Gamma(shape, 1) deviate by Marsaglia & Tsang (2000).
   *
   * @param shape - the shape parameter, above 0
   * @returns a positive number with mean `shape` and variance `shape`
   */
  gamma(shape: number): number {
    if (shape < 1) {
      // Marsaglia & Tsang's boost for shapes below 1: G(a) = G(a + 1) * U^(1/a).
      return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * Fills `out` with a Dirichlet(alpha) draw: independent gammas normalised to sum 1. A component whose alpha
   * is 0 stays exactly 0 (a criterion without weight never gains one).
   *
   * @param alpha - concentration per component, each >= 0 and at least one > 0
   * @param out - receives the draw (same length as `alpha`)
   */
  dirichlet(alpha: ArrayLike<number>, out: Float64Array): void {
    const n = alpha.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const a = alpha[i]!;
      const g = a > 0 ? this.gamma(a) : 0;
      out[i] = g;
      total += g;
    }
    if (total > 0) {
      for (let i = 0; i < n; i++) out[i] = out[i]! / total;
      return;
    }
    // Every gamma underflowed (only with tiny alphas): fall back to the mean of the distribution.
    let alphaTotal = 0;
    for (let i = 0; i < n; i++) alphaTotal += alpha[i]!;
    for (let i = 0; i < n; i++) out[i] = alpha[i]! / alphaTotal;
  }
}

/**
 * Creates a seeded random source: xoshiro128** seeded through splitmix32.
 *
 * @param seed - any number; its low 32 bits are used
 * @returns a fresh generator; the same seed always gives the same sequence
 * @example
 * const random = createRandom(42);
 * random.uniform(); // the same number on every run and every runtime
 */
export function createRandom(seed: number): SeededRandom {
  return new SeededRandom(splitMix32State(seed));
}
