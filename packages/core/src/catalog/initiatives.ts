import type { InitiativeInput } from "../schema/initiative.js";
import { catalog, ILLUSTRATIVE_RATINGS_NOTICE } from "./catalog.js";

/**
 * The catalog as initiatives ready to score with the default model, carrying the illustrative ratings
 * ({@link ILLUSTRATIVE_RATINGS_NOTICE}) and each use case's KPIs and enablers (as `dependsOn`).
 *
 * @returns one initiative per catalog use case, in catalog order
 * @example
 * score(catalogInitiatives()).slice(0, 3).map((r) => r.name)
 */
export function catalogInitiatives(): InitiativeInput[] {
  return catalog.map((useCase) => ({
    id: useCase.id,
    name: useCase.name,
    category: useCase.category,
    description: useCase.description,
    kpis: [...useCase.kpis],
    dependsOn: [...useCase.enablers],
    ratings: { ...useCase.illustrativeRatings },
    extra: { note: ILLUSTRATIVE_RATINGS_NOTICE },
  }));
}
