/**
 * How confident is the ranking? Monte Carlo rank probabilities, weight stability and a tornado for the
 * built-in catalog (illustrative ratings: a workshop starting point, not research data).
 *
 *   npx tsx --conditions=@cxprism/source examples/confidence.ts
 */
import { catalogInitiatives, formatProblem, validatePortfolio } from "@cxprism/core";
import { analyseWeightStability, buildTornado, runMonteCarlo } from "@cxprism/core/confidence";

const validation = validatePortfolio(catalogInitiatives());
if (!validation.success) {
  for (const problem of validation.problems) console.error(formatProblem(problem));
  process.exit(1);
}
const portfolio = validation.portfolio;

// 10,000 plausible worlds: weights ~ Dirichlet(100 x model shares), ratings +/- one point (triangular).
const confidence = runMonteCarlo(portfolio, { iterations: 10_000, seed: 7, topK: 3 });
for (const initiative of confidence.initiatives.slice(0, 5)) console.log(initiative.summary);

// How far can each weight move before the top 3 changes?
const stability = analyseWeightStability(portfolio, { topK: 3 });
console.log(`\nTop 3 today: ${stability.topK.join(", ")} (${stability.method} intervals)`);
for (const criterion of stability.criteria) {
  const { low, high } = criterion.topK;
  const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
  console.log(
    `  ${criterion.criterion.padEnd(20)} ${pct(criterion.share).padStart(6)} of its axis, stable from ${pct(low)} to ${pct(high)}`,
  );
}

// Which single rating moves the leader's priority most?
const leader = buildTornado(portfolio).find((tornado) => tornado.rank === 1)!;
console.log(`\n${leader.name}: priority ${leader.priority.toFixed(1)}`);
for (const bar of leader.bars.slice(0, 3)) {
  console.log(
    `  ${bar.label.padEnd(30)} ${bar.deltaDown.toFixed(1).padStart(5)} / +${bar.deltaUp.toFixed(1)}`,
  );
}
