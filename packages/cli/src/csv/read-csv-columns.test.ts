import { Readable } from "node:stream";
import { defaultModel } from "@cxprism/core";
import { checkTable, portfolioFromColumns, renderCsvRecord, scoreColumns } from "@cxprism/core/table";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { readInitiativesCsv, readPortfolioCsv } from "./read-csv.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);

const options = (missing: "error" | "neutral") => ({ model: defaultModel, missing });
const stream = (text: string) => Readable.from([Buffer.from(text)], { objectMode: false });

/**
 * Reads `text` both ways — rows to initiative objects and `validatePortfolio`, rows to columns and
 * `validateColumns` — and returns what a user would see: the problems placed in the file, or the scores.
 */
async function bothWays(text: string, missing: "error" | "neutral") {
  const objects = await readInitiativesCsv({ file: "t.csv", stream: stream(text) }, options(missing));
  const columns = await readPortfolioCsv({ file: "t.csv", stream: stream(text) }, options(missing));
  if (!objects.success || !columns.success) return { objects, columns };
  if (columns.read.kind !== "columns") throw new Error("expected columns for a file without a rater column");
  const byObjects = checkTable(objects.start, objects.read, options(missing));
  const byColumns = checkTable(columns.start, columns.read, options(missing));
  return {
    problems: [byObjects.success ? [] : byObjects.problems, byColumns.success ? [] : byColumns.problems],
    origins: [objects.read.origins, columns.read.origins],
    portfolios: [
      byObjects.success ? byObjects.portfolio : undefined,
      byColumns.success ? portfolioFromColumns(byColumns.portfolio) : undefined,
    ],
    scores: [
      byObjects.success ? scoreColumns(byObjects.portfolio) : undefined,
      byColumns.success ? scoreColumns(byColumns.portfolio) : undefined,
    ],
  };
}

const cellArbitrary = (values: readonly string[]) => fc.constantFrom(...values);
const rating = cellArbitrary(["3", "5", "1", " 4 ", "2.5", "", "7", "high", "3,5", "0"]);
const rowArbitrary = fc.record({
  id: cellArbitrary(["", "a", "b", "a b"]),
  name: cellArbitrary(["Chatbot", 'Chatbot "Aino"', "Голосовой, помощник", "", "!!"]),
  category: cellArbitrary(["self-service", "", " agent assist "]),
  cost: cellArbitrary(["", "1200", "-5", "cheap", "3,5"]),
  kpis: cellArbitrary(["", "aht|fcr", "csat; nps", "bogus"]),
  depends_on: cellArbitrary(["", "a", "nowhere"]),
  owner: cellArbitrary(["", "Lee, Ana", "x"]),
  ratings: fc.array(rating, { minLength: ids.length, maxLength: ids.length }),
});

describe("the core's column reader (through readPortfolioCsv)", () => {
  test.prop(
    [
      fc.array(rowArbitrary, { minLength: 1, maxLength: 6 }),
      fc.constantFrom<"error" | "neutral">("error", "neutral"),
      fc.constantFrom(",", ";"),
    ],
    { numRuns: 150 },
  )(
    "finds the same problems at the same rows and columns, or the same scores, as the object reader",
    async (rows, missing, delimiter) => {
      const record = (cells: string[]) =>
        delimiter === ","
          ? renderCsvRecord(cells)
          : cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(";");
      const header = ["id", "name", "category", "cost", "kpis", "depends_on", "owner", ...ids];
      const lines = rows.map((row) =>
        record([
          row.id,
          row.name,
          row.category,
          row.cost,
          row.kpis,
          row.depends_on,
          row.owner,
          ...row.ratings,
        ]),
      );
      const outcome = await bothWays(`${record(header)}\n${lines.join("\n")}\n`, missing);
      if ("objects" in outcome) {
        expect(outcome.columns).toEqual(outcome.objects);
        return;
      }
      expect(outcome.origins[1]).toEqual(outcome.origins[0]);
      expect(outcome.problems[1]).toEqual(outcome.problems[0]);
      expect(outcome.portfolios[1]).toEqual(outcome.portfolios[0]);
      expect(outcome.scores[1]).toEqual(outcome.scores[0]);
    },
  );

  it("keeps a million-row shape cheap: one Float64Array per rated criterion, shared category strings and KPI lists", async () => {
    const line = (n: number) => `Initiative ${n},self-service,aht|fcr,${ids.map(() => "3").join(",")}`;
    const text = `name,category,kpis,${ids.join(",")}\n${line(1)}\n${line(2)}\n`;
    const outcome = await readPortfolioCsv({ file: "t.csv", stream: stream(text) }, options("error"));
    if (!outcome.success || outcome.read.kind !== "columns") throw new Error("expected columns");
    const { columns } = outcome.read;
    expect(columns.ratings.cx_impact).toEqual(Float64Array.of(3, 3));
    expect(columns.kpis?.[0]).toBe(columns.kpis?.[1]);
    expect(columns.kpis?.[0]).toEqual(["aht", "fcr"]);
    expect(columns.ids).toBeUndefined();
  });

  it("reads a file with a rater column as initiatives, several rows to one", async () => {
    const text = `name,rater,${ids.join(",")}\nA,ann,${ids.map(() => "3").join(",")}\nA,bo,${ids.map(() => "4").join(",")}\n`;
    const outcome = await readPortfolioCsv({ file: "t.csv", stream: stream(text) }, options("error"));
    if (!outcome.success || outcome.read.kind !== "initiatives") throw new Error("expected initiatives");
    expect(outcome.read.initiatives).toHaveLength(1);
    expect(outcome.read.initiatives[0]!.raters).toHaveLength(2);
  });
});
