import type { ModelInput } from "@cxprism/core";
import { renderCsvRecord } from "@cxprism/core/table";
import type { PortfolioContents } from "../storage/portfolio-store.js";
import { IMPORT_RATER } from "./portfolios-initiative-input.js";

const FIXED = ["id", "name", "category", "description", "cost", "kpis", "depends_on", "rater"] as const;

/**
 * Writes a portfolio as the wide CSV that `cxprism score` and the import route read, safe to open in a
 * spreadsheet (text that would start a formula gets a leading `'`, which the reader removes): the fixed columns, one
 * column per criterion (by id), then the initiatives' extra columns; one row per rater of each initiative
 * (an unrated initiative gets one row for the rater `import` with empty ratings, which imports back to no
 * ratings). Columns the wide format has no place for (`capabilities`, `runCost`, `benefit`, `effort`,
 * `fields`, rater weights) are not written.
 *
 * @param model - the portfolio's model (its criteria name the rating columns)
 * @param contents - the initiatives and ratings
 * @returns the CSV text, CRLF line ends, no BOM
 */
export function renderPortfolioCsv(
  model: ModelInput,
  contents: Pick<PortfolioContents, "initiatives" | "ratings">,
): string {
  const criteria = model.criteria.map((criterion) => criterion.id);
  const criterionSet = new Set(criteria.map((id) => id.toLowerCase()));
  const extras: string[] = [];
  for (const { data } of contents.initiatives)
    for (const key of Object.keys(data.extra ?? {}))
      if (!extras.includes(key) && !criterionSet.has(key.toLowerCase())) extras.push(key);
  const byInitiative = new Map<string, PortfolioContents["ratings"][number][]>();
  for (const rating of contents.ratings) {
    const list = byInitiative.get(rating.initiativeId) ?? [];
    list.push(rating);
    byInitiative.set(rating.initiativeId, list);
  }
  const lines = [renderCsvRecord([...FIXED, ...criteria, ...extras])];
  for (const { data } of contents.initiatives) {
    const base = [
      data.id,
      data.name,
      data.category ?? "",
      data.description ?? "",
      data.cost === undefined ? "" : String(data.cost),
      (data.kpis ?? []).join("|"),
      (data.dependsOn ?? []).join("|"),
    ];
    const extraCells = extras.map((key) => data.extra?.[key] ?? "");
    const raters: readonly { rater: string; ratings: Readonly<Record<string, unknown>> }[] = byInitiative.get(
      data.id,
    ) ?? [{ rater: IMPORT_RATER, ratings: {} }];
    for (const rating of raters) {
      const values = criteria.map((id) => {
        const value = rating.ratings[id];
        return value === null || value === undefined ? "" : String(value);
      });
      lines.push(renderCsvRecord([...base, rating.rater, ...values, ...extraCells]));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
