import { describe, expect, it } from "vitest";
import { kpiCoverage } from "./coverage.js";

describe("kpiCoverage", () => {
  const initiatives = [
    { id: "vca", kpis: ["containment", "csat", "call_volume"] as const },
    { id: "assist", kpis: ["aht", "csat", "fcr"] as const },
    { id: "routing", kpis: ["fcr", "csat", "fcr"] as const },
  ];

  it("counts each KPI once per initiative, most moved first, ties in KPI order", () => {
    const { kpis } = kpiCoverage(initiatives);
    expect(kpis.map((entry) => [entry.kpi, entry.initiatives])).toEqual([
      ["csat", ["vca", "assist", "routing"]],
      ["fcr", ["assist", "routing"]],
      ["aht", ["assist"]],
      ["containment", ["vca"]],
      ["call_volume", ["vca"]],
    ]);
    expect(kpis[0]!.label).toBe("Customer satisfaction");
  });

  it("splits stated goals into covered and uncovered, in the order stated", () => {
    const coverage = kpiCoverage(initiatives, ["retention", "fcr", "nps", "fcr", "aht"]);
    expect(coverage.coveredGoals).toEqual(["fcr", "aht"]);
    expect(coverage.uncoveredGoals).toEqual(["retention", "nps"]);
  });

  it("leaves every goal uncovered for an empty set", () => {
    expect(kpiCoverage([], ["csat"])).toEqual({ kpis: [], coveredGoals: [], uncoveredGoals: ["csat"] });
  });
});
