import { defaultModel } from "../model/cx-ai-prism.js";
import { renderCsvRecord } from "../table/cells.js";
import { catalog } from "./catalog.js";

/**
 * The catalog as a CSV that `cxprism score` reads as it is: one row per use case with its KPIs, its enablers as
 * `depends_on` (both `|`-separated) and its illustrative ratings on the default model's criteria (a workshop
 * starting point, not research data). `examples/contact-center.csv` is this text.
 *
 * @returns the CSV text, header first, ending with a newline
 */
export function renderCatalogCsv(): string {
  const criteria = defaultModel.criteria.map((criterion) => criterion.id);
  const header = ["id", "name", "category", "description", "kpis", "depends_on", ...criteria];
  const rows = catalog.map((useCase) => [
    useCase.id,
    useCase.name,
    useCase.category,
    useCase.description,
    useCase.kpis.join("|"),
    useCase.enablers.join("|"),
    ...criteria.map((criterion) => String(useCase.illustrativeRatings[criterion] ?? "")),
  ]);
  return `${[header, ...rows].map((row) => renderCsvRecord(row)).join("\n")}\n`;
}
