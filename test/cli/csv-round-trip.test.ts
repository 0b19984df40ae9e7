import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { renderCsvRecord } from "@cxprism/core/table";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-csv-round-trip-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const ids = defaultModel.criteria.map((criterion) => criterion.id);
/** Names in Finnish, Russian and Arabic, with a quote, a `;`, a comma, a line break and a leading `=`. */
const NAMES = [
  "Äänipalvelun älykäs ohjaus",
  "Маршрутизация обращений",
  "المساعد الافتراضي للعملاء",
  'Chatbot "Aino"',
  "Billing; refunds",
  "Forecasting, staffing",
  "Two\nlines",
  "=Knowledge search",
];

/** A portfolio with those names, costs with decimals, a Notes column and one rating left blank. */
function writePortfolio(): string {
  const rows = NAMES.map((name, k) => [
    name,
    k % 3 === 0 ? "" : String(1000 * (k + 1) + 0.5),
    ...ids.map((_, c) => (k === 4 && c === 7 ? "" : String(((k * 7 + c * 3) % 5) + 1))),
    `note ${k}; "quoted"`,
  ]);
  const file = join(temp, "portfolio.csv");
  writeFileSync(
    file,
    `${[["name", "cost", ...ids, "Notes"], ...rows].map((row) => renderCsvRecord(row)).join("\n")}\n`,
  );
  return file;
}

interface Ranked {
  results: { id: string; name: string; rank: number; priority: number; quadrant: string }[];
}
const rankingOf = (stdout: string) =>
  (JSON.parse(stdout) as Ranked).results.map((r) => [r.id, r.name, r.rank, r.priority, r.quadrant]);

describe("score --format csv reads back to the same ranking", () => {
  it.each([["excel"], ["excel-eu"]])(
    "in the %s dialect, names in any script, cost and ratings kept",
    (dialect) => {
      const source = writePortfolio();
      const args = ["--missing", "neutral"];
      const first = runCli(["score", source, "--format", "json", ...args]);
      expect(first.code, first.stderr).toBe(0);
      const exported = join(temp, `ranking-${dialect}.csv`);
      const written = runCli([
        "score",
        source,
        "--format",
        "csv",
        "--csv-dialect",
        dialect,
        "--out",
        exported,
        ...args,
      ]);
      expect(written.code, written.stderr).toBe(0);
      const bytes = readFileSync(exported, "utf8");
      if (dialect === "excel-eu") {
        expect(
          bytes.startsWith("\uFEFFrank;id;name;category;value;feasibility;priority;quadrant;cost;cx_impact;"),
        ).toBe(true);
        expect(bytes).toContain(";2000,5;");
        expect(bytes).toContain('"Billing; refunds"');
      } else {
        expect(
          bytes.startsWith("rank,id,name,category,value,feasibility,priority,quadrant,cost,cx_impact,"),
        ).toBe(true);
        expect(bytes).toContain(",2000.5,");
      }
      expect(bytes).toContain('"Chatbot ""Aino"""');
      expect(bytes).toContain("'=Knowledge search");
      const again = runCli(["score", exported, "--format", "json", ...args]);
      expect(again.code, again.stderr).toBe(0);
      expect(rankingOf(again.stdout)).toEqual(rankingOf(first.stdout));
      expect(
        rankingOf(again.stdout)
          .map(([, name]) => name)
          .sort(),
      ).toEqual([...NAMES].sort());
      // The exported file exports to itself: ratings, costs and extra columns survive a second trip.
      const twice = join(temp, `twice-${dialect}.csv`);
      runCli(["score", exported, "--format", "csv", "--csv-dialect", dialect, "--out", twice, ...args]);
      expect(readFileSync(twice, "utf8")).toBe(bytes);
    },
  );

  it("refuses --csv-dialect with another format (exit 2)", () => {
    const run = runCli(["score", writePortfolio(), "--csv-dialect", "excel-eu"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--csv-dialect: expected --format csv, received --format table");
  });
});
