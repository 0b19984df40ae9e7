import { catalog } from "@cxprism/core";
import stringWidth from "string-width";

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
  const widths = [0, 1, 2].map((column) =>
    rows.reduce((widest, row) => Math.max(widest, stringWidth(row[column]!)), 0),
  );
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < 3 ? cell + " ".repeat(widths[column]! - stringWidth(cell)) : cell))
      .join("  "),
  );
  return `${lines.join("\n")}\n`;
}
