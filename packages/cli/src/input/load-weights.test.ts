import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../errors.js";
import { loadWeightedModel, loadWeights } from "./load-weights.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-weights-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(content: string): string {
  const path = join(temp, `w${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return path;
}

describe("loadWeights", () => {
  it.each([
    [
      '{"weights": {"cx_impact": 0.6, "strategic_fit": 0.4}, "cr": 0.01}',
      { cx_impact: 0.6, strategic_fit: 0.4 },
    ],
    ['{"cx_impact": 2, "strategic_fit": 1}', { cx_impact: 2, strategic_fit: 1 }],
    ['\uFEFF{"cx_impact": 0}', { cx_impact: 0 }],
  ])("reads %s", async (content, expected) => {
    expect(await loadWeights(write(content))).toEqual(expected);
  });

  it.each([
    ["not json", /not JSON/, undefined],
    ["[1, 2]", /received an array/, undefined],
    ['{"cx_impact": -1}', /at least 0, received -1/, "cx_impact"],
    ['{"weights": {"cx_impact": "high"}}', /received "high"/, "weights.cx_impact"],
    ["{}", /at least one criterion weight/, undefined],
  ])("rejects %s", async (content, message, column) => {
    const error = (await loadWeights(write(content)).catch((e: unknown) => e)) as CliError;
    expect(error).toBeInstanceOf(CliError);
    expect(error.code).toBe("invalid-input");
    expect(error.problems[0]!.message).toMatch(message);
    expect(error.problems[0]!.column).toBe(column);
  });
});

describe("loadWeightedModel", () => {
  it("re-weights the named criteria and keeps the others", async () => {
    const model = await loadWeightedModel(defaultModel, write('{"cx_impact": 0.9}'));
    const weight = (id: string) => model.criteria.find((criterion) => criterion.id === id)!.weight;
    expect(weight("cx_impact")).toBe(0.9);
    const original = defaultModel.criteria.find((criterion) => criterion.id === "strategic_fit")!.weight;
    expect(weight("strategic_fit")).toBe(original);
  });

  it("names an unknown id in the file and suggests the nearest criterion", async () => {
    const file = write('{"cx_impactt": 1, "data_readines": 2}');
    const error = (await loadWeightedModel(defaultModel, file).catch((e: unknown) => e)) as CliError;
    expect(error.problems.map((p) => [p.column, p.message.match(/did you mean (\w+),/)?.[1]])).toEqual([
      ["cx_impactt", "cx_impact"],
      ["data_readines", "data_readiness"],
    ]);
  });
});
