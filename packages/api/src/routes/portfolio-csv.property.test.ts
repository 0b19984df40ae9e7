// The export round trip as a property: whatever a portfolio holds (names in Finnish, Russian and Arabic,
// quotes, line breaks, `;`, `,` and text that would start a spreadsheet formula), the CSV `renderPortfolioCsv`
// writes is read back by the API's table reader (csv-parse, then the core's reader) to the same initiatives
// and the same raters' ratings.
import { defaultModel } from "@cxprism/core";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseCsvTable } from "../csv/read-initiatives-csv.js";
import type { PortfolioContents } from "../storage/portfolio-store.js";
import { renderPortfolioCsv } from "./portfolio-csv.js";

const CHARACTERS = [..."aZ9 ÄäöÅ Лдж تحل \";,'=+-@|\n\r\t."];
/** Text as people type it into a cell: no white space at either end (the reader trims cells). */
const text = fc
  .array(fc.constantFrom(...CHARACTERS), { maxLength: 14 })
  .map((chars) => chars.join("").trim());
/** A name: text with at least one letter, so that it is a name. */
const name = fc.tuple(fc.constantFrom("Ä", "Л", "ت", "Q"), text).map(([first, rest]) => `${first}${rest}`);
const CRITERIA = defaultModel.criteria.map((criterion) => criterion.id);
const ratings = fc.tuple(...CRITERIA.map(() => fc.integer({ min: 1, max: 5 })));
const RATERS = ["Aino", "Лена", "آمنة"] as const;
const KPIS = ["fcr", "csat", "nps", "aht"] as const;

const initiative = fc.record({
  name,
  category: text,
  description: text,
  cost: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
  kpis: fc.subarray([...KPIS]),
  owner: text,
  // Two raters at least: an initiative rated by one rater, named like another, is (rightly) a problem.
  raters: fc.tuple(fc.subarray([...RATERS], { minLength: 2 }), fc.tuple(ratings, ratings, ratings)),
});

describe("renderPortfolioCsv read back by the table reader", () => {
  test.prop([fc.array(initiative, { minLength: 1, maxLength: 6 })], { numRuns: 150 })(
    "gives back the same initiatives, raters and ratings",
    (drawn) => {
      const contents = {
        initiatives: drawn.map((item, k) => ({
          data: {
            id: `i-${k}`,
            name: item.name,
            category: item.category,
            description: item.description,
            ...(item.cost === undefined ? {} : { cost: item.cost }),
            kpis: item.kpis,
            extra: { Owner: item.owner },
          },
          version: 1,
          updatedAt: "2026-11-30T00:00:00Z",
        })),
        ratings: drawn.flatMap((item, k) =>
          item.raters[0].map((rater, r) => ({
            initiativeId: `i-${k}`,
            rater,
            weight: 1,
            ratings: Object.fromEntries(CRITERIA.map((id, c) => [id, item.raters[1][r]![c]!])),
            updatedAt: "2026-11-30T00:00:00Z",
          })),
        ),
      } as unknown as PortfolioContents;
      const csv = renderPortfolioCsv(defaultModel, contents);
      const table = parseCsvTable(csv, { model: defaultModel, missing: "error", maxHeaderLength: 200 });
      expect(table.problems).toEqual([]);
      expect(
        table.portfolio!.initiatives.map((read) => ({
          id: read.id,
          name: read.name,
          category: read.category,
          description: read.description,
          cost: read.cost,
          kpis: read.kpis,
          owner: read.extra.Owner,
          raters: read.raters?.map((rater) => [rater.rater, rater.ratings]),
        })),
      ).toEqual(
        drawn.map((item, k) => ({
          id: `i-${k}`,
          name: item.name,
          category: item.category,
          description: item.description,
          cost: item.cost,
          kpis: item.kpis,
          owner: item.owner,
          raters: item.raters[0].map((rater, r) => [
            rater,
            Object.fromEntries(CRITERIA.map((id, c) => [id, item.raters[1][r]![c]!])),
          ]),
        })),
      );
    },
  );
});
