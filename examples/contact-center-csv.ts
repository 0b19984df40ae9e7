import { catalog, defaultModel } from "@cxprism/core";

/** Quotes a CSV field when it holds a delimiter, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The bundled example portfolio, `examples/contact-center.csv`: one row per catalog use case with its
 * illustrative ratings (a workshop starting point, not research data). `pnpm examples:build` rewrites the file;
 * a test keeps it in step with the catalog.
 */
export function renderContactCenterCsv(): string {
  const criteria = defaultModel.criteria.map((criterion) => criterion.id);
  const header = ["id", "name", "category", "description", "kpis", "depends_on", ...criteria];
  const rows = catalog.map((useCase) => [
    useCase.id,
    useCase.name,
    useCase.category,
    useCase.description,
    useCase.kpis.join("|"),
    useCase.enablers.join("|"),
    ...criteria.map((criterion) => String(useCase.illustrativeRatings[criterion])),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\n")}\n`;
}
