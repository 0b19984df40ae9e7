import { Readable } from "node:stream";
import { catalogInitiatives, defaultModel, renderCatalogCsv, score, validatePortfolio } from "@cxprism/core";
import { checkTable, type TableRows } from "@cxprism/core/table";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { readInitiativesCsv } from "./read-csv.js";

const ids = defaultModel.criteria.map((criterion) => criterion.id);

/** Streams `bytes` in pieces cut at `cuts` (byte offsets), as a file or a pipe would deliver them. */
function streamOf(bytes: Buffer, cuts: readonly number[] = []): Readable {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return Readable.from(pieces, { objectMode: false });
}

async function read(
  text: string | Buffer,
  cuts: readonly number[] = [],
  missing: "error" | "neutral" = "error",
) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  return readInitiativesCsv(
    { file: "t.csv", stream: streamOf(bytes, cuts) },
    { model: defaultModel, missing },
  );
}

const header = `name;${ids.join(";")}`;
const messy = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    `${header}\r\n"Äänipalvelun\r\nohjaus";3,5;3;2;4;4;4;3;2;4;5;2\r\nГолосовой помощник;4;5;3;3;5;4;3;4;3;3;3\r\n`,
  ),
]);

describe("readInitiativesCsv", () => {
  it("reads a semicolon file with a BOM, CRLF, a quoted line break and a decimal comma", async () => {
    const outcome = await read(messy);
    expect(outcome.success).toBe(true);
    if (!outcome.success) return;
    expect(outcome.delimiter).toBe(";");
    expect(outcome.read.initiatives.map((initiative) => initiative.name)).toEqual([
      "Äänipalvelun\r\nohjaus",
      "Голосовой помощник",
    ]);
    expect(outcome.read.initiatives[0]!.ratings?.cx_impact).toBe(3.5);
    // The quoted line break is one spreadsheet row: the second initiative is on row 3.
    expect(outcome.read.origins.firstRows).toEqual([2, 3]);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 12 })])(
    "reads the same initiatives however the bytes are chunked (even inside a UTF-8 character)",
    async (cuts) => {
      const whole = await read(messy);
      const chunked = await read(messy, cuts);
      if (!whole.success || !chunked.success) throw new Error("expected the file to read");
      expect(chunked.read).toEqual(whole.read);
      expect(chunked.delimiter).toBe(whole.delimiter);
    },
  );

  it("reads tab-separated files", async () => {
    const outcome = await read(`name\t${ids.join("\t")}\nA\t${"3\t".repeat(10)}3\n`);
    expect(outcome.success && outcome.delimiter).toBe("\t");
  });

  /** The problems a user sees: those of the bytes, or the core's of the table, in one list. */
  async function problemsOf(text: string | Buffer, missing: "error" | "neutral" = "error") {
    const outcome = await read(text, [], missing);
    if (!outcome.success) return outcome.problems;
    const check = checkTable(outcome.start, outcome.read as TableRows, { model: defaultModel, missing });
    return check.success ? [] : check.problems;
  }

  it.each([
    ["", undefined, "received an empty file"],
    [`name,${ids.join(",")}\n`, 2, "expected at least one initiative row after the header, received none"],
    [`name,${ids.join(",")}\n"A,${"3,".repeat(10)}3\n`, 2, "expected a closing quote"],
    ["id,cx_impact\na,3\n", 1, 'expected a "name" column'],
  ])("stops with a problem on %j", async (text, row, message) => {
    const problems = await problemsOf(text);
    expect(problems[0]!.row).toBe(row);
    expect(problems[0]!.message).toContain(message);
  });

  it("rejects binary data before parsing it", async () => {
    const problems = await problemsOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    expect(problems[0]!.message).toContain("binary or non-UTF-8");
  });

  it("reports every missing criterion column against the header, unless missing is neutral", async () => {
    const text = "name,cx_impact\nA,3\n";
    const strict = await problemsOf(text);
    expect(strict).toHaveLength(ids.length - 1);
    expect(strict.every((problem) => problem.row === 1)).toBe(true);
    expect(await problemsOf(text, "neutral")).toEqual([]);
  });

  it("round-trips the catalog: its CSV scores exactly like the catalog's initiatives", async () => {
    const outcome = await read(renderCatalogCsv());
    expect(outcome.success).toBe(true);
    if (!outcome.success) return;
    const validation = validatePortfolio(outcome.read.initiatives);
    expect(validation.success).toBe(true);
    const fromCsv = score(outcome.read.initiatives);
    const direct = score(catalogInitiatives());
    expect(fromCsv.map((r) => [r.id, r.name, r.category, r.rank])).toEqual(
      direct.map((r) => [r.id, r.name, r.category, r.rank]),
    );
    fromCsv.forEach((result, k) => {
      expect(result.priority).toBeCloseTo(direct[k]!.priority, 12);
    });
  });
});
