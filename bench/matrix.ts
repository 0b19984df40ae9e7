/**
 * How long the prism matrix takes to draw, as a ratio to scoring the same portfolio (the baseline, measured
 * in the same run): layout with label placement, SVG, terminal text and Vega-Lite, for 22 and 120 initiatives.
 *
 * Run: npx tsx --conditions=@cxprism/source bench/matrix.ts
 */
import { catalogInitiatives, type InitiativeInput, score } from "@cxprism/core";
import { layoutMatrix, renderMatrixSvg, renderMatrixText, toVegaLite } from "@cxprism/core/matrix";
import { medianMs } from "./lib.js";

/** Median of 15 timed runs after 3 warm-up runs. */
const measure = (run: () => unknown) => medianMs(run, 15, 3);

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
  const baseline = measure(() => score(initiatives));
  const rows: [string, number][] = [
    ["layoutMatrix", measure(() => layoutMatrix(results))],
    ["renderMatrixSvg", measure(() => renderMatrixSvg(results))],
    ["renderMatrixText", measure(() => renderMatrixText(results))],
    ["toVegaLite", measure(() => toVegaLite(results))],
  ];
  console.log(`${n} initiatives; baseline score(): ${baseline.toFixed(2)} ms`);
  for (const [name, ms] of rows)
    console.log(
      `  ${name.padEnd(18)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(7)}x score()`,
    );
}
