import { describe, expect, it } from "vitest";
import { CxprismError } from "../errors.js";
import { inventoryFromRows, parseInventory } from "./inventory.js";
import { capabilityOverlap, capabilityReport } from "./overlap.js";

const inventory = parseInventory([
  { name: "Genesys", capabilities: ["Routing", "IVR", "Workforce management", "Call recording"] },
  { name: "Zendesk", capabilities: ["Ticketing", "Knowledge search", "Chat"] },
  { name: "Confluence", capabilities: ["Knowledge search"] },
  { name: "Verint", capabilities: ["Workforce management", "Call recording", "Speech analytics"] },
  { name: "LivePerson", capabilities: ["chat"] },
]);

describe("capabilityOverlap", () => {
  const [kb, analytics, assist] = capabilityOverlap(
    [
      { id: "kb", capabilities: ["knowledge-search"] },
      { id: "analytics", capabilities: ["Speech analytics", "Sentiment analysis"] },
      { id: "assist", capabilities: [] },
    ],
    inventory,
    0.5,
  );

  it("flags a fully covered initiative with every app that provides it", () => {
    expect(kb!.message).toBe("already covered by Zendesk, Confluence - consolidate before buying");
    expect(kb!.share).toBe(1);
    expect(kb!.valueFactor).toBe(0.5);
  });

  it("flags a partly covered one with the count", () => {
    expect(analytics!.message).toBe(
      "partly covered by Verint (1 of 2 capabilities) - consolidate before buying",
    );
    expect(analytics!.uncovered).toEqual(["Sentiment analysis"]);
    expect(analytics!.valueFactor).toBe(0.75);
  });

  it("leaves an initiative without capabilities alone", () => {
    expect(assist).toMatchObject({ share: 0, message: null, valueFactor: 1 });
  });
});

describe("capabilityReport", () => {
  it("finds the duplicates and the apps needed", () => {
    const report = capabilityReport(inventory);
    expect(report.appsInUse).toBe(5);
    expect(report.keep).toEqual(["Genesys", "Zendesk", "Verint"]);
    expect(report.appsNeeded).toBe(3);
    expect(report.retire).toEqual(["Confluence", "LivePerson"]);
    expect(report.duplicates.map((entry) => [entry.capability, entry.apps.length])).toEqual([
      ["Workforce management", 2],
      ["Call recording", 2],
      ["Knowledge search", 2],
      ["Chat", 2],
    ]);
  });

  it("needs no apps for an empty inventory", () => {
    expect(capabilityReport([])).toEqual({
      appsInUse: 0,
      appsNeeded: 0,
      keep: [],
      retire: [],
      duplicates: [],
    });
  });
});

describe("inventoryFromRows", () => {
  it("merges long and wide rows by app name, ignoring header case", () => {
    const apps = inventoryFromRows([
      { App: "Genesys", Capabilities: "Routing; IVR", run_cost: "120000" },
      { app: "genesys", capabilities: "IVR|Call recording", run_cost: "" },
      { name: "Zendesk", capability: "Ticketing" },
    ]);
    expect(apps).toEqual([
      { name: "Genesys", capabilities: ["Routing", "IVR", "Call recording"], runCost: 120_000 },
      { name: "Zendesk", capabilities: ["Ticketing"] },
    ]);
  });

  it("reports every bad row with its column", () => {
    try {
      inventoryFromRows([{ app: "" }, { app: "X", run_cost: "lots" }, { capabilities: "a" }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CxprismError);
      expect((error as CxprismError).problems.map((problem) => problem.path)).toEqual([
        ["rows", 0, "app"],
        ["rows", 1, "run_cost"],
        ["rows", 2, "app"],
      ]);
    }
  });

  it("refuses duplicate app names in JSON", () => {
    expect(() =>
      parseInventory([
        { name: "A", capabilities: [] },
        { name: "a", capabilities: [] },
      ]),
    ).toThrow("application names that differ ignoring case");
  });
});
