import { catalog, defaultModel } from "@cxprism/core";
import stringWidth from "string-width";
import { renderCsvRecord } from "./csv-text.js";

/**
 * Renders the built-in catalog as a CSV that `cxprism score` reads as it is: one row per use case with its
 * KPIs, its enablers as `depends_on`, and its illustrative ratings on the default model's criteria.
 *
 * @returns the CSV text, ending with a newline
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
  return `${[header, ...rows].map(renderCsvRecord).join("\n")}\n`;
}

/**
 * Renders the catalog as an aligned table: id, name, category and KPIs.
 *
 * @returns the table, ending with a newline
 */
export function renderCatalogTable(): string {
  const rows = [
    ["id", "name", "category", "kpis"],
    ...catalog.map((useCase) => [useCase.id, useCase.name, useCase.category, useCase.kpis.join(", ")]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => stringWidth(row[column]!))));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < 3 ? cell + " ".repeat(widths[column]! - stringWidth(cell)) : cell))
      .join("  "),
  );
  return `${lines.join("\n")}\n`;
}
