import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalog, defaultModel, ILLUSTRATIVE_RATINGS_NOTICE, modelJsonSchema } from "@cxprism/core";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-cli-commands-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("cxprism catalog", () => {
  it("lists every use case in a table", () => {
    const run = runCli(["catalog"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(catalog.length + 1);
    expect(lines[0]).toMatch(/^id\s+name\s+category\s+kpis$/);
  });

  it("writes CSV that score reads as it is", () => {
    const csv = runCli(["catalog", "--format", "csv"]);
    expect(csv.code).toBe(0);
    const scored = runCli(["score", "-", "--format", "json"], { input: csv.stdout });
    expect(scored.code).toBe(0);
    const results = (JSON.parse(scored.stdout) as { results: { id: string }[] }).results;
    expect(results.map((result) => result.id).sort()).toEqual(catalog.map((useCase) => useCase.id).sort());
  });

  it("writes JSON with the illustrative-ratings notice", () => {
    const run = runCli(["catalog", "--format", "json"]);
    const json = JSON.parse(run.stdout) as { notice: string; useCases: unknown[] };
    expect(json.notice).toBe(ILLUSTRATIVE_RATINGS_NOTICE);
    expect(json.useCases).toHaveLength(catalog.length);
  });
});

describe("cxprism model", () => {
  it("prints the default model", () => {
    const run = runCli(["model"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(defaultModel);
  });

  it("prints the JSON Schema of a model with --schema", () => {
    const run = runCli(["model", "--schema"]);
    expect(JSON.parse(run.stdout)).toEqual(modelJsonSchema());
  });
});

describe("cxprism init", () => {
  const dir = join(temp, "workshop");

  it("writes a starter CSV and the model, which score together", () => {
    const run = runCli(["init", dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(ILLUSTRATIVE_RATINGS_NOTICE);
    expect(JSON.parse(readFileSync(join(dir, "model.json"), "utf8"))).toEqual(defaultModel);
    const scored = runCli([
      "score",
      join(dir, "initiatives.csv"),
      "--model",
      join(dir, "model.json"),
      "--top",
      "3",
    ]);
    expect(scored.code).toBe(0);
    expect(scored.stdout.trimEnd().split("\n")).toHaveLength(4);
  });

  it("keeps existing files unless --force", () => {
    const again = runCli(["init", dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("pass --force to overwrite it");
    expect(runCli(["init", dir, "--force"]).code).toBe(0);
  });

  it("creates the directory it is given", () => {
    const nested = join(temp, "a/b");
    expect(runCli(["init", nested]).code).toBe(0);
    expect(existsSync(join(nested, "initiatives.csv"))).toBe(true);
  });
});
