import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { createPlan } from "../plan/plan.js";
import { formatAmount, renderPlanMarkdown } from "./plan-markdown.js";
import { renderPlanSvg } from "./plan-svg.js";

function catalogPlan() {
  const initiatives = catalogInitiatives().map((initiative, i) => ({
    ...initiative,
    cost: initiative.id === "agent-scheduling-forecasting" ? 90_000 : 100_000 + ((i * 37) % 19) * 30_000,
    effort: 2 + ((i * 5) % 9),
    benefit: 50_000 + ((i * 11) % 7) * 40_000,
    runCost: 20_000 + ((i * 3) % 5) * 5_000,
    capabilities: initiative.id === "knowledge-search" ? ["Knowledge search"] : [],
  }));
  return createPlan(initiatives, {
    budget: 2_000_000,
    capacity: 60,
    goals: ["fcr", "clv"],
    inventory: [
      { name: "Genesys", capabilities: ["knowledge search", "routing"] },
      { name: "Zendesk", capabilities: ["Knowledge search"] },
    ],
  });
}

const NASTY = "Bot <script>alert(\"x\")</script> & | *bold* | 'quoted'";

function nastyPlan() {
  const ratings = {
    cx_impact: 5,
    cost_to_serve: 5,
    revenue_retention: 5,
    employee_experience: 5,
    strategic_fit: 5,
    tech_maturity: 5,
    data_readiness: 5,
    integration_effort: 1,
    org_readiness: 5,
    acceptance: 5,
    time_to_value: 1,
  };
  return createPlan([{ id: "nasty", name: NASTY, ratings, cost: 10, kpis: ["csat"] }], { budget: 100 });
}

/** A tag-balance check: every opened element is closed in order, and no raw `<` or `&` sits in text. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(
    /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<&]*(?:&#\d+;[^"<&]*)*")*)\s*(\/?)>/g,
  )) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  const text = svg.replace(/<[^>]*>/g, "");
  expect(text).not.toMatch(/[<>]|&(?!#\d+;|amp;|lt;|gt;|quot;|apos;)/);
}

describe("renderPlanMarkdown", () => {
  const markdown = renderPlanMarkdown(catalogPlan());

  it("has the summary, a section per wave with its KPIs, coverage, overlap and right-sizing", () => {
    expect(markdown).toMatch(/^# AI initiative plan\n/);
    expect(markdown).toContain("## Wave 1: pilots");
    expect(markdown).toContain("**KPIs to measure:**");
    expect(markdown).toContain("## KPI coverage");
    expect(markdown).toContain("**Goals left uncovered:**");
    expect(markdown).toContain("already covered by Genesys, Zendesk - consolidate before buying");
    expect(markdown).toContain("**Applications in use:** 2; **needed** to keep every capability: 1");
  });

  it("matches the stored report", async () => {
    await expect(markdown).toMatchFileSnapshot("__snapshots__/catalog-plan.md");
  });

  it("escapes Markdown in names so a table row stays one row", () => {
    const text = renderPlanMarkdown(nastyPlan());
    const row = text.split("\n").find((line) => line.includes("alert"))!;
    expect(row).toContain("Bot \\<script\\>");
    expect(row.split(/(?<!\\)\|/).length).toBe(8); // six cells: seven unescaped pipes
  });
});

describe("renderPlanSvg", () => {
  const svg = renderPlanSvg(catalogPlan());

  it("is well-formed with one lane per wave", () => {
    expectWellFormed(svg);
    expect(svg.match(/class="lane"/g)?.length).toBe(catalogPlan().waves.length);
  });

  it("is deterministic", () => {
    expect(renderPlanSvg(catalogPlan())).toBe(svg);
  });

  it("matches the stored roadmap", async () => {
    await expect(svg).toMatchFileSnapshot("__snapshots__/catalog-plan.svg");
  });

  it("escapes names", () => {
    const text = renderPlanSvg(nastyPlan());
    expectWellFormed(text);
    expect(text).not.toContain("<script>");
    expect(text).toContain("&lt;script&gt;");
  });

  it("says so when nothing fits", () => {
    const empty = renderPlanSvg(createPlan([], { budget: 0 }));
    expectWellFormed(empty);
    expect(empty).toContain("Nothing fits the budget.");
  });
});

describe("formatAmount", () => {
  it.each([
    [1_234_567.891, 2, "1,234,567.89"],
    [-1500, 0, "-1,500"],
    [0.5, 1, "0.5"],
    [12, 2, "12"],
    [-0.001, 1, "0"],
  ])("formats %d with %d decimals as %s", (amount, digits, text) => {
    expect(formatAmount(amount, digits)).toBe(text);
  });
});
