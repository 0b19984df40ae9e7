/** Shared helpers for benchmarks: timing with warm-up, a seeded generator, figure printing, test portfolios. */
import { defaultModel } from "@cxprism/core";
import type { InitiativeData, RatingRecord } from "../packages/api/src/storage/portfolio-store.js";

/** Median wall time of `runs` calls of `fn` after `warmup` untimed calls, in milliseconds. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A function's time in one call: wall and CPU (user + system), in milliseconds. */
export interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * Times several functions in interleaved rounds (each round runs each once, in order) after `warmup` untimed
 * rounds: on a machine shared with other work, neighbours in time see the same load, so per-round ratios are
 * steadier than ratios of medians taken minutes apart. CPU time (this process's user + system, or what a
 * self-timed function reports) is recorded beside wall time: a preempted call's wall time grows with the
 * load, its CPU time barely does.
 *
 * @param fns - the functions by name, the first being the baseline; `{selfTimed}` for one that reports its own
 *   wall and CPU time in ms (work in another process)
 * @returns per name: the median wall and CPU times in ms and the medians of per-round ratios to the baseline
 */
export async function interleavedMs(
  fns: Readonly<Record<string, (() => unknown) | { readonly selfTimed: () => Promise<Timing> }>>,
  rounds = 15,
  warmup = 3,
): Promise<Record<string, { ms: number; ratio: number; cpuMs: number; cpuRatio: number }>> {
  const names = Object.keys(fns);
  const times: Record<string, Timing[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + rounds; round++)
    for (const name of names) {
      const fn = fns[name]!;
      let timing: Timing;
      if (typeof fn === "function") {
        const start = performance.now();
        const cpu = process.cpuUsage();
        fn();
        const used = process.cpuUsage(cpu);
        timing = { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
      } else timing = await fn.selfTimed(); // work in another process: its own time, without the messaging
      if (round >= warmup) times[name]!.push(timing);
    }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const baseline = times[names[0]!]!;
  return Object.fromEntries(
    names.map((name) => {
      const own = times[name]!;
      return [
        name,
        {
          ms: median(own.map((t) => t.ms)),
          ratio: median(own.map((t, k) => t.ms / baseline[k]!.ms)),
          cpuMs: median(own.map((t) => t.cpuMs)),
          cpuRatio: median(own.map((t, k) => t.cpuMs / baseline[k]!.cpuMs)),
        },
      ];
    }),
  );
}

/** A small seeded generator (mulberry32) so every run benchmarks the same data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prints one figure line: `name: 12.3 ms (4.56x baseline)` plus an optional goal verdict. */
export function report(name: string, ms: number, baselineMs: number, goal?: number): void {
  reportRatio(name, ms, ms / baselineMs, goal);
}

/** Like {@link report}, with the ratio given (e.g. a median of per-round ratios from {@link interleavedMs}). */
export function reportRatio(name: string, ms: number, ratio: number, goal?: number): void {
  const verdict =
    goal === undefined ? "" : ratio <= goal ? `  [goal <= ${goal}x: met]` : `  [goal <= ${goal}x: NOT met]`;
  console.log(
    `${name.padEnd(34)} ${ms.toFixed(2).padStart(9)} ms  ${ratio.toFixed(2).padStart(7)}x baseline${verdict}`,
  );
}

/**
 * A shared portfolio as a workshop leaves it: `count` initiatives, each rated by `raters` people with seeded
 * ratings of every criterion of the default model.
 *
 * @param count - how many initiatives
 * @param raters - how many raters rate each one
 * @param seed - the seed of the ratings
 * @param now - the timestamp written on every rating
 */
export function workshopPortfolio(
  count: number,
  raters: number,
  seed: number,
  now: string,
): { initiatives: InitiativeData[]; ratings: RatingRecord[] } {
  const random = createRandom(seed);
  const initiatives: InitiativeData[] = Array.from({ length: count }, (_, i) => ({
    id: `initiative-${String(i).padStart(4, "0")}`,
    name: `Initiative ${i}`,
    category: ["Self-service", "Agent", "Routing", "Analytics"][i % 4]!,
    description: "A candidate AI use case for the contact centre, rated by the workshop.",
    kpis: ["csat", "aht"],
  }));
  const ratings: RatingRecord[] = initiatives.flatMap((initiative) =>
    Array.from({ length: raters }, (_, r) => ({
      initiativeId: initiative.id,
      rater: `rater-${r}`,
      weight: 1,
      ratings: Object.fromEntries(defaultModel.criteria.map((c) => [c.id, 1 + Math.floor(random() * 5)])),
      updatedAt: now,
    })),
  );
  return { initiatives, ratings };
}
