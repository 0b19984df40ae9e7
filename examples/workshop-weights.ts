/**
 * A workshop's weights and disagreements with the library: value-criteria weights from a pairwise CSV (AHP,
 * one judgment left empty), applied to the default model; the catalog re-scored; then three raters' ratings
 * of two initiatives and the ratings the workshop should discuss first.
 *
 *   npx tsx --conditions=@cxprism/source examples/workshop-weights.ts
 */
import { readFileSync } from "node:fs";
import { catalogInitiatives, defaultModel, score } from "@cxprism/core";
import { analyseDisagreement } from "@cxprism/core/confidence";
import { ahpWeights, applyWeights, describeJudgmentAdvice, parsePairwiseTable } from "@cxprism/core/weights";
import { parse } from "csv-parse/sync";

const table: string[][] = parse(readFileSync(new URL("./value-weights.csv", import.meta.url)), { bom: true });
const ahp = ahpWeights(parsePairwiseTable(table));
console.log("Value weights (AHP, principal eigenvector):");
for (const [id, weight] of Object.entries(ahp.weights))
  console.log(`  ${id.padEnd(20)} ${weight.toFixed(3)}`);
console.log(
  `lambda-max ${ahp.lambdaMax.toFixed(3)}, CI ${ahp.consistencyIndex.toFixed(3)}, CR ${ahp.consistencyRatio?.toFixed(3)} (${ahp.verdict}), ${ahp.missing} judgment(s) missing`,
);
for (const advice of ahp.worstJudgments) console.log(`  ${describeJudgmentAdvice(advice)}`);

// The AHP covers the value axis only; feasibility keeps the model's weights (each axis is normalised alone).
const model = applyWeights(defaultModel, ahp.weights, { missing: "keep" });
console.log("\nTop five with the workshop's value weights:");
for (const result of score(catalogInitiatives(), { model }).slice(0, 5)) {
  console.log(
    `  ${result.rank}. ${result.name} (${result.quadrantLabel}, priority ${result.priority.toFixed(1)})`,
  );
}

const [first, second] = catalogInitiatives();
const rated = [first!, second!].map((initiative, i) => ({
  id: initiative.id,
  name: initiative.name,
  raters: ["ana", "ben", "cai"].map((rater, r) => ({
    rater,
    ratings: { ...initiative.ratings, cx_impact: i === 0 ? [2, 4, 5][r]! : 4, data_readiness: [3, 3, 4][r]! },
  })),
}));
const report = analyseDisagreement(rated, { model });
console.log(`\nRaters' rankings agree: Kendall's W = ${report.agreement?.w?.toFixed(2)}`);
console.log("To discuss first:");
for (const spread of report.discuss) {
  const impact = spread.impact!;
  console.log(
    `  ${spread.name} / ${spread.criterion}: ratings ${spread.ratings.map((r) => `${r.rater} ${r.rating}`).join(", ")}; ` +
      `quadrant ${impact.quadrantAtLowest} .. ${impact.quadrantAtHighest}, rank ${impact.rankAtLowest} .. ${impact.rankAtHighest}`,
  );
}
