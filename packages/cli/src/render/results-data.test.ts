import {
  catalogInitiatives,
  type InitiativeInput,
  type Portfolio,
  type Result,
  scorePortfolio,
  validatePortfolio,
} from "@cxprism/core";
import { scoreColumns } from "@cxprism/core/table";
import { fc, test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  type ExtraColumns,
  fixed2,
  renderResultsJson,
  renderScoredCsv,
  renderScoredJson,
  type ScoredCsvRows,
} from "./results-data.js";

/** The catalog, with names and extras that need CSV quoting, as objects and as indexable rows. */
function fixture(): { portfolio: Portfolio; rows: ScoredCsvRows; extras: ExtraColumns } {
  const initiatives: InitiativeInput[] = catalogInitiatives().map((initiative, k) => ({
    ...initiative,
    name: k === 0 ? 'Chatbot "Aino", v2' : k === 1 ? "Two\nlines" : initiative.name,
    cost: k === 2 ? 1500.5 : undefined,
    extra: { owner: k % 3 === 0 ? "Lee, Ana" : `owner ${k}`, notes: "" },
  }));
  const validation = validatePortfolio(initiatives);
  if (!validation.success) throw new Error("the catalog validates");
  const { portfolio } = validation;
  const byId = new Map(portfolio.initiatives.map((initiative) => [initiative.id, initiative.extra]));
  return {
    portfolio,
    rows: {
      portfolio,
      id: (i) => portfolio.initiatives[i]!.id,
      name: (i) => portfolio.initiatives[i]!.name,
      category: (i) => portfolio.initiatives[i]!.category,
      extra: (i, column) => portfolio.initiatives[i]!.extra[column],
      cost: (i) => portfolio.initiatives[i]!.cost,
    },
    extras: { names: ["owner", "notes"], of: (result: Result) => byId.get(result.id) },
  };
}

const text = (chunks: Iterable<string>) => [...chunks].join("");

describe("rendering straight from score columns", () => {
  it.each([
    ["every row, with extra columns", (_: Result) => true, true],
    [
      "a filtered selection, without extra columns",
      (result: Result) => result.quadrant === "likely-win",
      false,
    ],
  ])(
    "writes the scores, cost, ratings and extras of the results, and the JSON the Result renderer writes: %s",
    (_, keep, withExtras) => {
      const { portfolio, rows, extras } = fixture();
      const used = withExtras ? extras : { names: [], of: () => undefined };
      const all = scorePortfolio(portfolio);
      const results = all.filter(keep);
      const resultOfId = new Map(all.map((result) => [result.id, result]));
      const columns = scoreColumns(portfolio);
      const order = columns.order.filter((i) => keep(resultOfId.get(rows.id(i))!));
      expect(order.length).toBe(results.length);
      const ids = portfolio.model.criteria.map((criterion) => criterion.id);
      for (const dialect of ["excel", "excel-eu"] as const) {
        const written = text(renderScoredCsv(rows, columns, order, used.names, dialect));
        const eu = dialect === "excel-eu";
        expect(written.startsWith("\uFEFF")).toBe(eu);
        const [header, ...records] = parse(written, { bom: true, delimiter: eu ? ";" : "," }) as string[][];
        const number = (cell: string) => Number(eu ? cell.replace(",", ".") : cell);
        expect(header).toEqual([
          ...["rank", "id", "name", "category", "value", "feasibility", "priority", "quadrant", "cost"],
          ...ids,
          ...used.names,
        ]);
        expect(
          records.map((cells) => [Number(cells[0]), cells[1], cells[2], number(cells[6]!), cells[7]]),
        ).toEqual(results.map((r) => [r.rank, r.id, r.name, Number(fixed2(r.priority)), r.quadrant]));
        records.forEach((cells, k) => {
          const initiative = portfolio.initiatives.find((item) => item.id === results[k]!.id)!;
          expect(cells[8] === "" ? undefined : number(cells[8]!)).toBe(initiative.cost);
          expect(ids.map((_, c) => number(cells[9 + c]!))).toEqual(ids.map((id) => initiative.ratings?.[id]));
          expect(cells.slice(9 + ids.length)).toEqual(used.names.map((name) => initiative.extra[name] ?? ""));
        });
      }
      expect(text(renderScoredJson(rows, columns, order, used.names))).toBe(
        text(renderResultsJson(portfolio.model, results, used)),
      );
    },
  );
});

describe("fixed2", () => {
  test.prop([fc.double({ min: 0, max: 100, noNaN: true })])("is toFixed(2) for every score", (score) => {
    expect(fixed2(score)).toBe(score.toFixed(2));
  });

  it.each([0, 100, 0.005, 0.015, 1.005, 2.675, 8.345, 50.125, 99.995, 0.285, 1e-9, -0, Number.NaN])(
    "is toFixed(2) at %d, where rounding halves is delicate",
    (score) => {
      expect(fixed2(score)).toBe(score.toFixed(2));
    },
  );

  test.prop([fc.integer({ min: 0, max: 100_000 })])(
    "is toFixed(2) on thousandths (every half of a cent)",
    (k) => {
      expect(fixed2(k / 1000)).toBe((k / 1000).toFixed(2));
    },
  );
});
