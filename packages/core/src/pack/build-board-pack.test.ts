import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { runMonteCarlo } from "../confidence/monte-carlo.js";
import { de } from "../i18n/de.js";
import { defaultModel } from "../model/cx-ai-prism.js";
import { score } from "../pipeline/score.js";
import { createPlan } from "../plan/plan.js";
import { validatePortfolio } from "../validate/portfolio.js";
import { buildBoardPack, MAX_PACK_LISTED } from "./build-board-pack.js";
import type { TableBlock } from "./document.js";

const initiatives = catalogInitiatives().map((initiative, i) => ({
  ...initiative,
  cost: 100_000 + i * 10_000,
}));
const results = score(initiatives);

function table(pack: ReturnType<typeof buildBoardPack>, id: string): TableBlock {
  const block = pack.sections.find((section) => section.id === id)?.blocks.find((b) => b.kind === "table");
  if (block?.kind !== "table") throw new Error(`no table in ${id}`);
  return block;
}

describe("buildBoardPack", () => {
  it("leaves out the sections it has no data for", () => {
    const pack = buildBoardPack({ results, date: "2026-11-30" });
    expect(pack.sections.map((section) => section.id)).toEqual(["summary", "matrix", "ranking", "method"]);
    expect(pack.subtitle).toBe("Board pack · 2026-11-30");
    for (const section of pack.sections) expect(section.blocks.length).toBeGreaterThan(0);
  });

  it("ranks every initiative, best first, with its largest contributions", () => {
    const ranking = table(buildBoardPack({ results, date: "2026-11-30" }), "ranking");
    expect(ranking.rows).toHaveLength(results.length);
    expect(ranking.rows.map((row) => row[0])).toEqual(
      [...results].sort((a, b) => a.rank - b.rank).map((r) => String(r.rank)),
    );
    expect(ranking.rows[0]![6]).toMatch(/\+\d/);
  });

  it("counts the initiatives it does not list in the matrix's order of quadrants, likely wins first", () => {
    const pack = buildBoardPack({ results, date: "2026-11-30", maxListed: 4 });
    const rest = [...results].sort((a, b) => a.rank - b.rank).slice(4);
    // The catalog's fifth initiative is a calculated risk, ranked above later likely wins.
    expect(rest[0]!.quadrant).toBe("calculated-risk");
    const count = (quadrant: string) => rest.filter((result) => result.quadrant === quadrant).length;
    const note = pack.sections.find((section) => section.id === "ranking")!.blocks[0]!;
    expect(note.kind === "paragraph" && note.text).toContain(
      `The others: Likely win ${count("likely-win")}, Calculated risk ${count("calculated-risk")}, Marginal gain ${count("marginal-gain")}, Unlikely ${count("unlikely")}.`,
    );
  });

  it("shows the first MAX_PACK_LISTED initiatives in full and counts the others by quadrant", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: `i${i}`,
      name: `Initiative ${i}`,
      raters: ["ann", "bo"].map((rater, r) => ({
        rater,
        ratings: Object.fromEntries(
          defaultModel.criteria.map((c, k) => [c.id, ((i * 7 + k * 3 + r) % 5) + 1]),
        ),
      })),
    }));
    const validation = validatePortfolio(many);
    if (!validation.success) throw new Error("the portfolio should validate");
    const scored = score(many);
    const confidence = runMonteCarlo(validation.portfolio, { iterations: 100, seed: 1 });
    const pack = buildBoardPack({ results: scored, date: "2026-11-30", initiatives: many, confidence });
    const ranking = table(pack, "ranking");
    expect(ranking.rows).toHaveLength(MAX_PACK_LISTED);
    const top = [...scored]
      .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
      .slice(0, MAX_PACK_LISTED);
    expect(ranking.rows.map((row) => row[1])).toEqual(top.map((result) => result.name));
    const others = new Map<string, number>();
    for (const result of scored.filter((result) => !top.includes(result)))
      others.set(result.quadrant, (others.get(result.quadrant) ?? 0) + 1);
    const note = pack.sections.find((section) => section.id === "ranking")!.blocks[0]!;
    expect(note).toMatchObject({ kind: "paragraph", style: "note" });
    expect(note.kind === "paragraph" && note.text).toContain("the first 100 of 150 initiatives by rank");
    // Counted in the matrix's order of quadrants, likely wins first.
    const expected = (["likely-win", "calculated-risk", "marginal-gain", "unlikely"] as const)
      .filter((quadrant) => others.has(quadrant))
      .map(
        (quadrant) =>
          `${{ "likely-win": "Likely win", "calculated-risk": "Calculated risk", "marginal-gain": "Marginal gain", unlikely: "Unlikely" }[quadrant]} ${others.get(quadrant)}`,
      )
      .join(", ");
    expect(note.kind === "paragraph" && note.text).toContain(`The others: ${expected}.`);
    expect(table(pack, "confidence").rows).toHaveLength(MAX_PACK_LISTED);
    // Two raters, so two rows per listed initiative in each axis's table of the appendix.
    expect(table(pack, "appendix").rows).toHaveLength(2 * MAX_PACK_LISTED);
    const matrix = pack.sections.find((section) => section.id === "matrix")!.blocks[0]!;
    const description = matrix.kind === "figure" ? matrix.description : "";
    for (const result of scored)
      expect(description.includes(`${result.name};`) || description.includes(`${result.name}.`)).toBe(
        top.includes(result),
      );
    expect(description).toMatch(/and \d+ more/);
  });

  it("shows no NPV, ROI or payback for a plan without benefit figures", () => {
    const plan = createPlan(initiatives, { budget: 600_000, goals: ["fcr", "nps"] });
    const pack = buildBoardPack({ results, date: "2026-11-30", plan });
    const wave = table(pack, "plan");
    expect(wave.columns.map((column) => column.label)).toEqual(["Initiative", "Cost", "KPIs to measure"]);
    expect(pack.sections.map((section) => section.id)).toContain("kpi-coverage");
  });

  it("shows NPV, ROI and payback when benefits are stated", () => {
    const withMoney = initiatives.map((initiative) => ({ ...initiative, benefit: 200_000, runCost: 20_000 }));
    const plan = createPlan(withMoney, { budget: 600_000 });
    const wave = table(buildBoardPack({ results, date: "2026-11-30", plan }), "plan");
    expect(wave.columns.map((column) => column.label)).toEqual([
      "Initiative",
      "Cost",
      "NPV",
      "ROI",
      "Payback",
      "KPIs to measure",
    ]);
  });

  it("speaks German, keeping the model's own criterion labels", () => {
    const pack = buildBoardPack({ results, date: "2026-11-30", messages: de, initiatives });
    expect(pack.sections.map((section) => section.heading)).toContain("Rangfolge und ihre Treiber");
    expect(table(pack, "ranking").rows.some((row) => row[2] === "Sicherer Gewinn")).toBe(true);
    expect(table(pack, "method").rows[0]![0]).toBe("Customer experience impact");
    const matrix = pack.sections.find((section) => section.id === "matrix")!.blocks[0]!;
    expect(matrix.kind === "figure" && matrix.svg).toContain("Machbarkeit →");
  });

  it("lists every rating in the appendix, in one table per axis", () => {
    const pack = buildBoardPack({ results, date: "2026-11-30", initiatives });
    const blocks = pack.sections.find((section) => section.id === "appendix")!.blocks;
    const tables = blocks.filter((block): block is TableBlock => block.kind === "table");
    expect(tables).toHaveLength(2);
    const labels = (axis: string) =>
      defaultModel.criteria
        .filter((criterion) => criterion.axis === axis)
        .map((criterion) => criterion.label);
    expect(tables.map((block) => block.columns.slice(1).map((c) => c.label))).toEqual([
      labels("value"),
      labels("feasibility"),
    ]);
    for (const block of tables) expect(block.rows).toHaveLength(initiatives.length);
    // Every rating appears once: the two tables' rating cells add up to the model's criteria.
    expect(tables[0]!.rows[0]!.length + tables[1]!.rows[0]!.length - 2).toBe(defaultModel.criteria.length);
    expect(blocks.some((block) => block.kind === "paragraph" && block.text === "Feasibility criteria")).toBe(
      true,
    );
  });

  it.each([
    ["English", undefined, "Unrated"],
    ["German", de, "Nicht bewertet"],
  ])(
    "names an unrated initiative in %s in the ranking and lists it apart from the matrix",
    (_, messages, label) => {
      const withBlank = score([...initiatives, { name: "Blank row", ratings: {} }], { missing: "neutral" });
      const pack = buildBoardPack({
        results: withBlank,
        date: "2026-11-30",
        ...(messages === undefined ? {} : { messages }),
      });
      const last = table(pack, "ranking").rows.at(-1)!;
      expect([last[0], last[1], last[2]]).toEqual([String(withBlank.length), "Blank row", label]);
      const matrix = pack.sections.find((section) => section.id === "matrix")!.blocks[0]!;
      expect(matrix.kind === "figure" && matrix.svg).toContain(`>${label} (1)</text>`);
    },
  );

  it("shows an unrated initiative's confidence row without a quadrant probability", () => {
    const blank = [...initiatives, { name: "Blank row", ratings: {} }];
    const validation = validatePortfolio(blank, { missing: "neutral" });
    if (!validation.success) throw new Error("expected a valid portfolio");
    const pack = buildBoardPack({
      results: score(blank, { missing: "neutral" }),
      confidence: runMonteCarlo(validation.portfolio, { iterations: 100, seed: 1 }),
      date: "2026-11-30",
    });
    const rows = table(pack, "confidence").rows;
    expect(rows.at(-1)!.slice(1, 4)).toEqual(["Blank row", "0 %", "Unrated"]);
    expect(rows[0]![3]).toMatch(/%$/);
  });

  it("is deterministic", () => {
    const input = { results, date: "2026-11-30", initiatives };
    expect(JSON.stringify(buildBoardPack(input))).toBe(JSON.stringify(buildBoardPack(input)));
  });
});
