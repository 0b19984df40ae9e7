/**
 * Monte Carlo benchmark: 10,000 worlds x 500 initiatives x 11 criteria (the default model).
 *
 *   npx tsx --conditions=@cxprism/source bench/monte-carlo.ts [iterations] [initiatives]
 *
 * Baseline, measured in the same run: one bare function over typed arrays doing the same arithmetic with the
 * same PRNG (xoshiro128** via `SeededRandom`, the same draws in the same order): Dirichlet weights, triangular
 * rating noise, weighted sums, closeness, quadrant and histogram tallies, the same quicksort and rank counts.
 * It must reproduce the library's rank counts exactly (checked), so the ratio measures only the library's
 * structure. Goal: library <= 1.5x baseline. Best of five alternating rounds, wall-clock and process CPU time.
 */
import { defaultModel, type InitiativeInput, type Portfolio, validatePortfolio } from "@cxprism/core";
import { createRandom, runMonteCarlo } from "@cxprism/core/confidence";
import { TIE_TOLERANCE } from "../packages/core/src/pipeline/rank.js";

const iterations = Number(process.argv[2] ?? 10_000);
const count = Number(process.argv[3] ?? 500);
const seed = 2026;
const concentration = 100;
const uncertainty = 1;
const bins = 1000;

function buildPortfolio(): Portfolio {
  const random = createRandom(99);
  const initiatives: InitiativeInput[] = Array.from({ length: count }, (_, i) => ({
    id: `initiative-${i}`,
    name: `Initiative ${i}`,
    ratings: Object.fromEntries(
      defaultModel.criteria.map((criterion) => [criterion.id, 1 + Math.floor(random.uniform() * 5)]),
    ),
  }));
  const validation = validatePortfolio(initiatives);
  if (!validation.success) throw new Error("benchmark portfolio is invalid");
  return validation.portfolio;
}

/** The bare loop: returns rank counts (n x n) so the run can be checked against the library's. */
function bareLoop(portfolio: Portfolio): Uint32Array {
  const { model, ratings } = portfolio;
  const n = portfolio.initiatives.length;
  const m = model.criteria.length;
  const random = createRandom(seed);
  const x = new Float64Array(n * m);
  const axisOf = new Uint8Array(m);
  const base = new Float64Array(m);
  const totals = [0, 0];
  model.criteria.forEach((criterion, c) => {
    axisOf[c] = criterion.axis === "value" ? 0 : 1;
    totals[axisOf[c]!]! += criterion.weight;
  });
  const half = new Float64Array(m).fill(uncertainty / 4); // one step on a 1-5 scale, normalised
  model.criteria.forEach((criterion, c) => {
    base[c] = criterion.weight / totals[axisOf[c]!]!;
    for (let i = 0; i < n; i++) {
      const raw = ratings[i * m + c]!;
      x[i * m + c] = criterion.direction === "cost" ? (5 - raw) / 4 : (raw - 1) / 4;
    }
  });
  const v0 = Uint32Array.from(model.criteria.flatMap((_, c) => (axisOf[c] === 0 ? [c] : [])));
  const v1 = Uint32Array.from(model.criteria.flatMap((_, c) => (axisOf[c] === 1 ? [c] : [])));
  const all = Uint32Array.from([...v0, ...v1]);
  const alpha0 = Float64Array.from(v0, (c) => concentration * base[c]!);
  const alpha1 = Float64Array.from(v1, (c) => concentration * base[c]!);
  const d0 = new Float64Array(v0.length);
  const d1 = new Float64Array(v1.length);
  const w = new Float64Array(m);
  const row = new Float64Array(m);
  const value = new Float64Array(n);
  const priority = new Float64Array(n);
  const pk = new Float64Array(n);
  const vk = new Float64Array(n);
  const idRank = new Uint32Array(n);
  const ids = portfolio.initiatives.map((initiative) => initiative.id);
  ids
    .map((_, i) => i)
    .sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
    .forEach((i, k) => {
      idRank[i] = k;
    });
  const order = new Uint32Array(n);
  const stack = new Int32Array(64);
  const rankCounts = new Uint32Array(n * n);
  const quadrants = new Uint32Array(n * 4);
  const histogram = new Uint32Array(n * 3 * bins);
  const lowest = new Float64Array(n * 3).fill(Number.POSITIVE_INFINITY);
  const highest = new Float64Array(n * 3).fill(Number.NEGATIVE_INFINITY);
  const before = (a: number, b: number): boolean => {
    const pa = pk[a]!;
    const pb = pk[b]!;
    if (pa !== pb) return pa > pb;
    const va = vk[a]!;
    const vb = vk[b]!;
    if (va !== vb) return va > vb;
    return idRank[a]! < idRank[b]!;
  };
  const perPoint = bins / 100;
  for (let it = 0; it < iterations; it++) {
    random.dirichlet(alpha0, d0);
    for (let j = 0; j < v0.length; j++) w[v0[j]!] = d0[j]!;
    random.dirichlet(alpha1, d1);
    for (let j = 0; j < v1.length; j++) w[v1[j]!] = d1[j]!;
    for (let i = 0; i < n; i++) {
      const o = i * m;
      for (let j = 0; j < all.length; j++) {
        const c = all[j]!;
        const t = x[o + c]! + half[c]! * (random.uniform() - random.uniform());
        row[c] = Math.min(1, Math.max(0, t));
      }
      let v = 0;
      for (let j = 0; j < v0.length; j++) v += 100 * w[v0[j]!]! * row[v0[j]!]!;
      let f = 0;
      for (let j = 0; j < v1.length; j++) f += 100 * w[v1[j]!]! * row[v1[j]!]!;
      const dv = 1 - v / 100;
      const df = 1 - f / 100;
      const p = Math.min(100, Math.max(0, 100 * (1 - Math.sqrt(dv * dv + df * df) / Math.SQRT2)));
      value[i] = v;
      priority[i] = p;
      quadrants[i * 4 + (v >= 50 ? 0 : 2) + (f >= 50 ? 0 : 1)]!++;
      for (let metric = 0; metric < 3; metric++) {
        const score = metric === 0 ? v : metric === 1 ? f : p;
        const s = 3 * i + metric;
        const bin = Math.floor(score * perPoint);
        histogram[s * bins + (bin < 0 ? 0 : bin >= bins ? bins - 1 : bin)]!++;
        if (score < lowest[s]!) lowest[s] = score;
        if (score > highest[s]!) highest[s] = score;
      }
    }
    for (let i = 0; i < n; i++) {
      pk[i] = Math.round(priority[i]! / TIE_TOLERANCE);
      vk[i] = Math.round(value[i]! / TIE_TOLERANCE);
      order[i] = i;
    }
    let top = 0;
    let lo = 0;
    let hi = n - 1;
    for (;;) {
      while (hi - lo >= 12) {
        const mid = (lo + hi) >>> 1;
        let t = 0;
        if (before(order[mid]!, order[lo]!)) {
          t = order[mid]!;
          order[mid] = order[lo]!;
          order[lo] = t;
        }
        if (before(order[hi]!, order[lo]!)) {
          t = order[hi]!;
          order[hi] = order[lo]!;
          order[lo] = t;
        }
        if (before(order[hi]!, order[mid]!)) {
          t = order[hi]!;
          order[hi] = order[mid]!;
          order[mid] = t;
        }
        const pivot = order[mid]!;
        let a = lo;
        let b = hi;
        while (a <= b) {
          while (before(order[a]!, pivot)) a++;
          while (before(pivot, order[b]!)) b--;
          if (a <= b) {
            t = order[a]!;
            order[a] = order[b]!;
            order[b] = t;
            a++;
            b--;
          }
        }
        if (b - lo < hi - a) {
          stack[top++] = a;
          stack[top++] = hi;
          hi = b;
        } else {
          stack[top++] = lo;
          stack[top++] = b;
          lo = a;
        }
      }
      for (let a = lo + 1; a <= hi; a++) {
        const item = order[a]!;
        let b = a - 1;
        while (b >= lo && before(item, order[b]!)) {
          order[b + 1] = order[b]!;
          b--;
        }
        order[b + 1] = item;
      }
      if (top === 0) break;
      hi = stack[--top]!;
      lo = stack[--top]!;
    }
    for (let k = 0; k < n; k++) rankCounts[order[k]! * n + k]!++;
  }
  return rankCounts;
}

const portfolio = buildPortfolio();
const options = { iterations, seed, concentration, uncertainty, noise: "triangular", bins } as const;

/** Wall-clock and process CPU time of one run (CPU time is steadier on a shared machine). */
function time<T>(run: () => T): { wall: number; cpu: number; result: T } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, result };
}

// Warm up both (JIT), then alternate timed rounds and keep each side's best.
const rounds = 5;
bareLoop(buildPortfolio());
runMonteCarlo(portfolio, { ...options, iterations: Math.min(iterations, 500) });
const best = { bareWall: Infinity, bareCpu: Infinity, libraryWall: Infinity, libraryCpu: Infinity };
let check: { bare: Uint32Array; library: ReturnType<typeof runMonteCarlo> } | undefined;
for (let round = 0; round < rounds; round++) {
  const bare = time(() => bareLoop(portfolio));
  const library = time(() => runMonteCarlo(portfolio, options));
  best.bareWall = Math.min(best.bareWall, bare.wall);
  best.bareCpu = Math.min(best.bareCpu, bare.cpu);
  best.libraryWall = Math.min(best.libraryWall, library.wall);
  best.libraryCpu = Math.min(best.libraryCpu, library.cpu);
  check = { bare: bare.result, library: library.result };
}

// Same arithmetic, same PRNG: the rank counts must agree exactly.
let mismatches = 0;
if (check) {
  const n = portfolio.initiatives.length;
  const indexOf = new Map(portfolio.initiatives.map((initiative, i) => [initiative.id, i]));
  for (const initiative of check.library.initiatives) {
    const i = indexOf.get(initiative.id)!;
    initiative.rankProbabilities.forEach((p, k) => {
      if (Math.round(p * iterations) !== check!.bare[i * n + k]) mismatches++;
    });
  }
}

const cells = `${iterations.toLocaleString("en")} draws x ${count} initiatives x ${portfolio.model.criteria.length} criteria`;
console.log(`monte-carlo: ${cells}`);
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;
console.log(`  best of ${rounds}                   wall        cpu`);
console.log(`  bare typed-array loop  ${ms(best.bareWall)}  ${ms(best.bareCpu)}`);
console.log(`  runMonteCarlo          ${ms(best.libraryWall)}  ${ms(best.libraryCpu)}`);
console.log(
  `  ratio                  ${(best.libraryWall / best.bareWall).toFixed(2).padStart(8)}x ${(best.libraryCpu / best.bareCpu).toFixed(2).padStart(8)}x   (goal <= 1.5x)`,
);
console.log(`  rank counts identical  ${mismatches === 0 ? "yes" : `NO (${mismatches} cells differ)`}`);
if (mismatches > 0) process.exitCode = 1;
