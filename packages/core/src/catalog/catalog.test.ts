import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/cx-ai-prism.js";
import { KPI_IDS } from "../schema/kpi.js";
import { catalog } from "./catalog.js";

describe("catalog", () => {
  it("holds at least 20 use cases with unique ids, including the ones every CX leader asks about", () => {
    expect(catalog.length).toBeGreaterThanOrEqual(20);
    const ids = catalog.map((useCase) => useCase.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "self-service-personalisation",
        "virtual-customer-assistant",
        "intelligent-routing",
        "agent-scheduling-forecasting",
        "sentiment-analysis",
        "agent-assist",
        "knowledge-search",
        "conversation-summarisation",
        "speech-interaction-analytics",
        "automated-quality-assurance",
        "intent-detection",
        "proactive-engagement",
        "next-best-action",
        "churn-prediction",
        "email-case-auto-response",
        "real-time-translation",
        "voice-authentication",
        "fraud-detection",
        "voc-text-analytics",
        "case-classification-assignment",
      ]),
    );
  });

  it.each(catalog.map((useCase) => [useCase.id, useCase] as const))(
    "%s is complete and consistent",
    (_, useCase) => {
      expect(useCase.name.length).toBeGreaterThan(3);
      expect(useCase.description.length).toBeGreaterThan(30);
      expect(useCase.kpis.length).toBeGreaterThan(0);
      for (const kpi of useCase.kpis) expect(KPI_IDS).toContain(kpi);
      const ids = new Set(catalog.map((other) => other.id));
      for (const enabler of useCase.enablers) {
        expect(ids.has(enabler)).toBe(true);
        expect(enabler).not.toBe(useCase.id);
      }
      expect(Object.keys(useCase.illustrativeRatings)).toEqual(defaultModel.criteria.map((c) => c.id));
      for (const rating of Object.values(useCase.illustrativeRatings)) {
        expect(Number.isInteger(rating) && rating >= 1 && rating <= 5).toBe(true);
      }
    },
  );

  it("has no enabler cycles", () => {
    const enablers = new Map(catalog.map((useCase) => [useCase.id, useCase.enablers]));
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string): void => {
      expect(visiting.has(id)).toBe(false);
      if (done.has(id)) return;
      visiting.add(id);
      for (const next of enablers.get(id) ?? []) visit(next);
      visiting.delete(id);
      done.add(id);
    };
    for (const id of enablers.keys()) visit(id);
  });
});
