import type { InitiativeInput } from "@cxprism/core";
import type { PortfolioContents } from "../storage/portfolio-store.js";

/**
 * Rebuilds the core's initiatives from stored items: each initiative with its raters. A `dependsOn` entry
 * naming an initiative no longer in the portfolio is dropped, so deleting one never blocks scoring the rest.
 *
 * @param contents - the stored initiatives and ratings
 * @returns initiatives for `validatePortfolio`
 */
export function initiativesFromContents(contents: PortfolioContents): InitiativeInput[] {
  const ids = new Set(contents.initiatives.map((record) => record.data.id));
  const raters = new Map<
    string,
    { rater: string; weight: number; ratings: Record<string, number | string | null> }[]
  >();
  for (const rating of contents.ratings) {
    const list = raters.get(rating.initiativeId) ?? [];
    list.push({ rater: rating.rater, weight: rating.weight, ratings: { ...rating.ratings } });
    raters.set(rating.initiativeId, list);
  }
  return contents.initiatives.map(({ data }) => {
    const own = raters.get(data.id);
    return {
      ...data,
      dependsOn: (data.dependsOn ?? []).filter((id) => ids.has(id)),
      ...(own === undefined ? { ratings: {} } : { raters: own }),
    };
  });
}
