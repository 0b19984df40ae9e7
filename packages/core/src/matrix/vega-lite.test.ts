import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { catalogInitiatives } from "../catalog/initiatives.js";
import { de } from "../i18n/de.js";
import { score } from "../pipeline/score.js";
import { toVegaLite, type VegaLiteSpec } from "./vega-lite.js";

const example = score(catalogInitiatives());

/** Compiles with the real Vega-Lite compiler, collecting its warnings and errors instead of printing them. */
function compileStrictly(spec: VegaLiteSpec): { marks: number; messages: unknown[][] } {
  const messages: unknown[][] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => messages.push(["error", ...args]) && logger,
    warn: (...args: unknown[]) => messages.push(["warn", ...args]) && logger,
    info: () => logger,
    debug: () => logger,
  };
  const output = compile(spec as unknown as TopLevelSpec, { logger: logger as never });
  return { marks: (output.spec.marks ?? []).length, messages };
}

type Row = Record<string, unknown>;
const layers = (spec: VegaLiteSpec): Row[] => spec.layer as Row[];
const pointRows = (spec: VegaLiteSpec): Row[] => (layers(spec).at(-1)!.data as Row).values as Row[];

describe("toVegaLite", () => {
  it("is accepted by the Vega-Lite 5 compiler without warnings", () => {
    const { marks, messages } = compileStrictly(toVegaLite(example));
    expect(messages).toEqual([]);
    expect(marks).toBeGreaterThanOrEqual(6);
  });

  it.each(["geometric-mean", "weighted-mean"] as const)(
    "compiles for the %s rule and the dark theme",
    (priority) => {
      const { messages } = compileStrictly(toVegaLite(example, { model: { priority }, theme: "dark" }));
      expect(messages).toEqual([]);
    },
  );

  it("compiles with marker sizes", () => {
    const spec = toVegaLite(example, { sizes: { "knowledge-search": 120_000, "agent-assist": 480_000 } });
    expect(compileStrictly(spec).messages).toEqual([]);
    const rows = pointRows(spec);
    expect(rows.find((row) => row.id === "agent-assist")!.size).toBe(480_000);
    expect(rows.find((row) => row.id === "intent-detection")!.size).toBeNull();
  });

  it("carries every initiative with its scores and contributions, for tooltips", () => {
    const spec = toVegaLite(example);
    const rows = pointRows(spec);
    expect(rows).toHaveLength(example.length);
    const first = example[0]!;
    const row = rows[0]!;
    expect(row.name).toBe(first.name);
    expect(row.value).toBeCloseTo(first.value, 2);
    expect(row.priority).toBeCloseTo(first.priority, 2);
    expect(row.contribution_value_cx_impact).toBeCloseTo(first.contributions.value.cx_impact!, 2);
    const valueSum = Object.keys(first.contributions.value).reduce(
      (sum, id) => sum + (row[`contribution_value_${id}`] as number),
      0,
    );
    expect(valueSum).toBeCloseTo(first.value, 1);
    const tooltip = ((layers(spec).at(-1)!.layer as Row[])[0]!.encoding as Row).tooltip as Row[];
    expect(tooltip.map((t) => t.title)).toContain("Value: cx_impact");
  });

  it("draws the quadrant rules at the model's thresholds", () => {
    const spec = toVegaLite(example, { model: { thresholds: { value: 65, feasibility: 35 } } });
    const rules = layers(spec).find(
      (layer) =>
        Array.isArray(layer.layer) &&
        (layer.data as Row).values !== undefined &&
        ((layer.data as Row).values as Row[]).length === 1,
    )!;
    expect((rules.data as Row).values).toEqual([{ feasibility: 35, value: 65 }]);
  });

  it("speaks the matrix's language in axis titles and tooltips", () => {
    const json = JSON.stringify(toVegaLite(score(catalogInitiatives()), { messages: de }));
    for (const title of ["Machbarkeit →", "Geschäftsnutzen →", "Kategorie", "Priorität", "Quadrant"])
      expect(json).toContain(`"title":"${title}"`);
    expect(json).not.toMatch(/"title":"(Feasibility|Business value|Category|Priority)"/);
  });

  it("is plain JSON and deterministic", () => {
    const spec = toVegaLite(example);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(JSON.stringify(toVegaLite([...example].reverse()))).toBe(JSON.stringify(spec));
  });
});
