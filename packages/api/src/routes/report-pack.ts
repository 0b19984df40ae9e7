import { buildBoardPack, messagesFor, type Portfolio, type Result, scorePortfolio } from "@cxprism/core";
import { runMonteCarlo } from "@cxprism/core/confidence";
import type { ReportFormat, ReportQuery, ReportRenderer } from "./report.js";

/**
 * Builds the board pack for a validated portfolio and renders it: summary, matrix, ranking, confidence (as
 * many simulations as `maxSimulationWork` allows, up to 2,000, seed 1, for portfolios of at most
 * `maxSimulatedInitiatives`: the simulation's table of rank probabilities grows with the square of the
 * count, about 400 MB at 5,000), method and the ratings of the first `MAX_PACK_LISTED` initiatives. Seconds of
 * CPU for a few dozen initiatives, so the Node server runs it in its worker pool (the `report` CPU job).
 *
 * @param portfolio - the validated portfolio
 * @param query - language, date, paper and title
 * @param format - PDF or PPTX
 * @param renderReport - the renderer
 * @param maxSimulationWork - iterations x initiatives the confidence simulation may use
 * @param maxSimulatedInitiatives - the most initiatives the confidence simulation runs for
 * @returns the file's bytes
 */
export async function renderReportBytes(
  portfolio: Portfolio,
  query: ReportQuery,
  format: ReportFormat,
  renderReport: ReportRenderer,
  maxSimulationWork: number,
  maxSimulatedInitiatives: number,
): Promise<Uint8Array> {
  const results: Result[] = scorePortfolio(portfolio);
  const count = portfolio.initiatives.length;
  const iterations = Math.min(2000, Math.floor(maxSimulationWork / Math.max(1, count)));
  const confidence =
    count > 1 && count <= maxSimulatedInitiatives && iterations >= 100
      ? runMonteCarlo(portfolio, { iterations, seed: 1 })
      : undefined;
  const raters = new Set(
    portfolio.initiatives.flatMap((initiative) => (initiative.raters ?? []).map((r) => r.rater)),
  );
  const pack = buildBoardPack({
    results,
    date: query.date ?? new Date().toISOString().slice(0, 10),
    model: portfolio.model,
    messages: messagesFor(query.lang ?? "en")!,
    initiatives: portfolio.initiatives,
    ...(query.title === undefined ? {} : { title: query.title }),
    ...(raters.size > 0 ? { raters: raters.size } : {}),
    ...(confidence === undefined ? {} : { confidence }),
  });
  return renderReport(pack, format, query.paper ?? "a4");
}
