import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../errors.js";
import { readCsvTable } from "./read-table.js";

const temp = mkdtempSync(join(tmpdir(), "cxprism-read-table-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
}

const noStdin = Readable.from([]);

describe("readCsvTable", () => {
  it.each([
    ["comma, LF", "x,a,b\na,1,3\nb,1/3,1\n", ","],
    ["semicolon, CRLF, BOM", "\uFEFFx;a;b\r\na;1;3\r\nb;1/3;1\r\n", ";"],
    ["tab", "x\ta\tb\na\t1\t3\nb\t1/3\t1\n", "\t"],
  ])("reads %s the way score does", async (_, content, delimiter) => {
    const table = await readCsvTable(write(`t${delimiter.charCodeAt(0)}.csv`, content), noStdin);
    expect(table.delimiter).toBe(delimiter);
    expect(table.rows).toEqual([
      ["x", "a", "b"],
      ["a", "1", "3"],
      ["b", "1/3", "1"],
    ]);
  });

  it("turns a decimal comma into a point only when the delimiter is ;", async () => {
    const table = await readCsvTable(write("comma.csv", "x;a;b\na;1;0,5\nb;2;1\n"), noStdin);
    expect(table.rows[1]).toEqual(["a", "1", "0.5"]);
  });

  it("keeps a blank line as a row, so row numbers stay those a spreadsheet shows", async () => {
    const table = await readCsvTable(write("blank.csv", "x,a\n\na,1\n"), noStdin);
    expect(table.rows.map((row) => row[0])).toEqual(["x", "", "a"]);
  });

  it("reads stdin for -", async () => {
    const table = await readCsvTable("-", Readable.from([Buffer.from("x,a\na,1\n")]));
    expect(table.file).toBe("stdin");
    expect(table.rows).toEqual([
      ["x", "a"],
      ["a", "1"],
    ]);
  });

  it.each([
    ["an empty file", "", "invalid-input", /received an empty file/],
    ["binary data", Buffer.from([0, 1, 2, 255]), "invalid-input", /UTF-8/],
  ])("rejects %s", async (_, content, code, message) => {
    const error = await readCsvTable(write("bad.csv", content), noStdin).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(code);
    expect((error as CliError).problems[0]!.message).toMatch(message);
  });

  it("reports a missing file as an io error", async () => {
    const error = await readCsvTable(join(temp, "nope.csv"), noStdin).catch((e: unknown) => e);
    expect((error as CliError).code).toBe("io");
    expect((error as CliError).message).toContain("no such file");
  });
});
