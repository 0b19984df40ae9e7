/**
 * How long the prism matrix takes to draw, as a ratio to scoring the same portfolio (the baseline, measured
 * in the same run): layout with label placement, SVG, terminal text and Vega-Lite, for 22 and 120 initiatives.
 *
 * Run: npx tsx --conditions=@cxprism/source bench/matrix.ts
 */
import {
  catalogInitiatives,
  type InitiativeInput,
  layoutMatrix,
  renderMatrixSvg,
  renderMatrixText,
  score,
  toVegaLite,
} from "@cxprism/core";

function medianMs(run: () => unknown, repeats = 15): number {
  for (let i = 0; i < 3; i++) run(); // warm up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A portfolio of `n` initiatives: the catalog repeated with ratings nudged by a fixed pattern. */
function portfolio(n: number): InitiativeInput[] {
  const base = catalogInitiatives();
  return Array.from({ length: n }, (_, i) => {
    const source = base[i % base.length]!;
    const ratings = Object.fromEntries(
      Object.entries(source.ratings ?? {}).map(([id, rating], k) => [
        id,
        Math.min(5, Math.max(1, Number(rating) + (((i * 7 + k * 3) % 3) - 1))),
      ]),
    );
    return { ...source, id: `${source.id}-${i}`, name: `${source.name} ${i}`, ratings, dependsOn: [] };
  });
}

for (const n of [22, 120]) {
  const initiatives = portfolio(n);
  const results = score(initiatives);
  const baseline = medianMs(() => score(initiatives));
  const rows: [string, number][] = [
    ["layoutMatrix", medianMs(() => layoutMatrix(results))],
    ["renderMatrixSvg", medianMs(() => renderMatrixSvg(results))],
    ["renderMatrixText", medianMs(() => renderMatrixText(results))],
    ["toVegaLite", medianMs(() => toVegaLite(results))],
  ];
  console.log(`${n} initiatives; baseline score(): ${baseline.toFixed(2)} ms`);
  for (const [name, ms] of rows)
    console.log(
      `  ${name.padEnd(18)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(7)}x score()`,
    );
}
