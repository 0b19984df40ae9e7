// The same tables through both faces: the CLI binary and the Node server over HTTP read every fixture with
// the core's one table reader, so they must agree on the scores, or on every problem at the same row and
// column with the same words.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startNodeServer } from "@cxprism/api/node";
import { defaultModel } from "@cxprism/core";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const FIXTURES = "test/table/fixtures";
const names = readdirSync(new URL("./fixtures", import.meta.url)).filter((name) => name.endsWith(".csv"));
/** Workbooks written by LibreOffice Calc from the CSVs and from flat OpenDocument sources (make-fixtures.sh). */
const workbooks = readdirSync(new URL("./fixtures/xlsx", import.meta.url)).filter((name) =>
  name.endsWith(".xlsx"),
);
/** The sheet to read where it is not the first. */
const SHEETS: Readonly<Record<string, string>> = { "named-sheet.xlsx": "Ratings" };

const scratch = mkdtempSync(join(tmpdir(), "cxprism-faces-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let server: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
});

/**
 * A face's answer, reduced to what a person reads: ranked scores, or problems as [place, column, message],
 * the place a row number in a CSV and a cell (`'typo-headers'!H1`, `Sheet1!4:4`) in a workbook.
 */
type Seen =
  | { readonly ok: true; readonly results: readonly (readonly [string, number, number, string])[] }
  | {
      readonly ok: false;
      readonly problems: readonly (readonly [number | string | null, string | null, string])[];
    };

interface ResultJson {
  readonly id: string;
  readonly rank: number;
  readonly priority: number;
  readonly quadrant: string;
}
const ranked = (results: readonly ResultJson[]) =>
  results.map(
    (result) => [result.id, result.rank, Number(result.priority.toFixed(9)), result.quadrant] as const,
  );

/** `:ROW` in a CSV; `:SHEET!CELL` in a workbook, the sheet quoted as a formula quotes it. */
const PLACE = {
  csv: /^:(\d+)(?::([^ :][^:]*))?: (.*)$/s,
  xlsx: /^:((?:'(?:[^']|'')*'|[^'!:]+)![A-Z]*\d+(?::[A-Z]*\d+)?)(?::([^ :][^:]*))?: (.*)$/s,
};

function throughCli(file: string, missing: string, sheet?: string): Seen {
  const workbook = file.endsWith(".xlsx");
  const run = runCli([
    "score",
    file,
    "--format",
    "json",
    "--missing",
    missing,
    ...(sheet === undefined ? [] : ["--sheet", sheet]),
  ]);
  if (run.code === 0)
    return { ok: true, results: ranked((JSON.parse(run.stdout) as { results: ResultJson[] }).results) };
  expect(run.code, run.stderr).toBe(1);
  const problems = run.stderr
    .trimEnd()
    .split("\n")
    .filter((line) => !/^\d+ problems?$/.test(line))
    .map((line) => {
      expect(line.startsWith(file)).toBe(true);
      const place = (workbook ? PLACE.xlsx : PLACE.csv).exec(line.slice(file.length));
      if (place === null) return [null, null, line.slice(file.length + 2)] as const;
      return [workbook ? place[1]! : Number(place[1]), place[2] ?? null, place[3]!] as const;
    });
  return { ok: false, problems };
}

async function overHttp(file: string, missing: string, sheet?: string): Promise<Seen> {
  const workbook = file.endsWith(".xlsx");
  const query = new URLSearchParams({ missing, ...(sheet === undefined ? {} : { sheet }) });
  const response = await fetch(`${server.url}/v1/score?${query}`, {
    method: "POST",
    // No kept-alive socket: the CLI runs synchronously in between, long enough for the server to drop one.
    headers: { "Content-Type": workbook ? XLSX_MEDIA_TYPE : "text/csv", Connection: "close" },
    body: readFileSync(file),
  });
  const body = (await response.json()) as {
    results?: ResultJson[];
    errors?: { row?: number; cell?: string; field?: string; detail: string }[];
  };
  if (response.status === 200) return { ok: true, results: ranked(body.results!) };
  expect(response.status).toBe(422);
  return {
    ok: false,
    problems: body.errors!.map(
      (error) => [(workbook ? error.cell : error.row) ?? null, error.field ?? null, error.detail] as const,
    ),
  };
}

describe("CLI and API read every fixture table the same way", () => {
  it.each(
    names.flatMap((name) => [
      [name, "error"],
      [name, "neutral"],
    ]),
  )("%s with missing %s", async (name, missing) => {
    const file = `${FIXTURES}/${name}`;
    const cli = throughCli(file, missing);
    const api = await overHttp(file, missing);
    expect(api).toEqual(cli);
  });

  it("finds what was seen in issue #13, at the same places", async () => {
    const typo = await overHttp(`${FIXTURES}/typo-headers.csv`, "neutral");
    expect(typo.ok || typo.problems.filter(([row]) => row === 1).map(([, column]) => column)).toEqual([
      "cx_impcat",
      "Data readyness",
      "Customer & regulatory acceptance",
    ]);
    const raters = await overHttp(`${FIXTURES}/rater-mistakes.csv`, "error");
    expect(raters.ok || raters.problems.map(([row, column]) => [row, column])).toEqual([
      [4, "name"], // Biling chatbot: did you mean Billing chatbot?
      [6, "data_readiness"], // Ben's blank cell
      [8, "rater"], // anna rated Routing twice
    ]);
    const mixed = await overHttp(`${FIXTURES}/mixed-problems.csv`, "error");
    // The quoted line break in row 2 is one spreadsheet row: the rows below keep their numbers.
    expect(mixed.ok || mixed.problems.map(([row, column]) => [row, column])).toEqual([
      [1, "Notes"],
      [3, "tech_maturity"],
      [4, null],
      [4, "id"],
    ]);
    const eu = await overHttp(`${FIXTURES}/excel-eu.csv`, "error");
    expect(eu.ok).toBe(true);
  });
});

describe("CLI and API read every fixture workbook the same way", () => {
  it.each(
    workbooks.flatMap((name) => [
      [name, "error"],
      [name, "neutral"],
    ]),
  )("%s with missing %s", async (name, missing) => {
    const file = `${FIXTURES}/xlsx/${name}`;
    const cli = throughCli(file, missing, SHEETS[name]);
    const api = await overHttp(file, missing, SHEETS[name]);
    expect(api).toEqual(cli);
  });

  it("scores each workbook made from a CSV as the CSV scores", async () => {
    for (const name of names) {
      const fromCsv = await overHttp(`${FIXTURES}/${name}`, "neutral");
      const fromWorkbook = await overHttp(
        `${FIXTURES}/xlsx/${name.replace(/csv$/, "xlsx")}`,
        "neutral",
        undefined,
      );
      if (fromCsv.ok) expect(fromWorkbook, name).toEqual(fromCsv);
      else expect(fromWorkbook.ok, name).toBe(false);
    }
  });

  it("names the merged header cells through both faces", async () => {
    const api = await overHttp(`${FIXTURES}/xlsx/merged-header.xlsx`, "error", undefined);
    expect(api.ok || api.problems.map(([cell]) => cell)).toEqual(["Sheet1!B1:C1"]);
  });
});

describe("missing is never invisible (issue #13)", () => {
  const file = `${FIXTURES}/unrated.csv`;
  const expected = [
    ["agent-assist", 1, "likely-win"],
    ["rated-low", 2, "unlikely"],
    ["value-only", 3, "unrated"],
    ["blank-row", 4, "unrated"],
  ];

  it("an initiative with no rating on an axis is unrated and ranked last, never a likely win, in both faces", async () => {
    const cli = throughCli(file, "neutral");
    const api = await overHttp(file, "neutral");
    for (const seen of [cli, api]) {
      expect(seen.ok && seen.results.map(([id, rank, , quadrant]) => [id, rank, quadrant])).toEqual(expected);
    }
  });

  it("the CLI table marks every score with a midpoint, says why under the table, and notes the unrated", () => {
    const run = runCli(["score", file, "--missing", "neutral"], { env: { NO_COLOR: "1" } });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("rank  initiative    value   feasibility   priority  quadrant");
    expect(lines[1]).toMatch(/^ {3}1 {2}Agent assist +\d+\.\d {2,}\d+\.\d {2,}\d+\.\d {2}Likely win$/);
    expect(lines[3]).toMatch(/^ {3}3 {2}Value only +100\.0 {2,}50\.0\* +\d+\.\d {2}Unrated$/);
    expect(lines[4]).toMatch(/^ {3}4 {2}Blank row +50\.0\* +50\.0\* +50\.0 {2}Unrated$/);
    expect(lines.at(-2)).toBe(
      "* includes a missing rating scored at the scale midpoint (--missing neutral); --format json lists them in warnings",
    );
    expect(run.stderr).toContain(
      "note: 2 initiative(s) unrated: no rating at all on an axis, so in no quadrant and ranked last",
    );
    const unrated = runCli([
      "score",
      file,
      "--missing",
      "neutral",
      "--quadrant",
      "unrated",
      "--format",
      "csv",
    ]);
    expect(
      unrated.stdout
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[1]),
    ).toEqual(["value-only", "blank-row"]);
  });

  it("says so in every result's warnings, over HTTP as in the CLI's JSON", async () => {
    const response = await fetch(`${server.url}/v1/score?missing=neutral`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    const body = (await response.json()) as {
      results: { id: string; warnings: { code: string; criterion?: string }[] }[];
    };
    const codes = new Map(body.results.map((result) => [result.id, result.warnings.map((w) => w.code)]));
    expect(codes.get("agent-assist")).toEqual([]);
    expect(codes.get("value-only")).toEqual([...Array(6).fill("missing-rating"), "unrated"]);
    expect(codes.get("blank-row")).toEqual([...Array(11).fill("missing-rating"), "unrated"]);
    const cli = JSON.parse(runCli(["score", file, "--missing", "neutral", "--format", "json"]).stdout) as {
      results: unknown[];
    };
    expect(cli.results).toEqual(body.results);
  });

  it("the matrix draws unrated initiatives apart, over HTTP", async () => {
    const response = await fetch(`${server.url}/v1/matrix?missing=neutral`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    expect(response.status).toBe(200);
    const svg = await response.text();
    expect(svg).toContain(">Unrated (2)</text>");
    expect(svg).toContain(">Value only; Blank row</text>");
  });
});

describe("extra columns are listed once, in the same words (issue #13)", () => {
  it("the CLI's note and the API's notes name Owner and Notes once", async () => {
    const ids = defaultModel.criteria.map((criterion) => criterion.id);
    const file = join(scratch, "extras.csv");
    writeFileSync(
      file,
      `name,Owner,${ids.join(",")},Notes\nChatbot,Ann,${ids.map(() => "3").join(",")},pilot first\nRouting,Ben,${ids.map(() => "4").join(",")},\n`,
    );
    const cli = runCli(["score", file, "--format", "json"]);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe("note: kept as extra columns: Owner, Notes\n");
    const response = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    const body = (await response.json()) as { notes?: string[]; extraColumns?: string[] };
    expect(body.notes).toEqual([cli.stderr.replace(/^note: /, "").trimEnd()]);
    expect(body.extraColumns).toEqual(["Owner", "Notes"]);
    const json = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Connection: "close" },
      body: JSON.stringify({
        initiatives: [{ name: "A", ratings: Object.fromEntries(ids.map((id) => [id, 3])) }],
      }),
    });
    expect(Object.keys((await json.json()) as object)).toEqual(["model", "results"]);
  });
});

describe("POST /v1/plan reads a table like the CLI's plan (issue #13)", () => {
  it("gives the same plan for the same CSV and options through both faces", async () => {
    const file = "examples/plan-inputs/portfolio.csv";
    const cli = runCli(["plan", file, "--budget", "1500000", "--goals", "fcr,csat", "--format", "json"]);
    expect(cli.code, cli.stderr).toBe(0);
    const response = await fetch(`${server.url}/v1/plan?budget=1500000&goals=fcr,csat`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as { waves: unknown[] };
    expect(plan.waves.length).toBeGreaterThan(1);
    expect(plan).toEqual(JSON.parse(cli.stdout));
  });

  it("places a broken table's problems at the same rows and columns as the CLI", async () => {
    const file = `${FIXTURES}/mixed-problems.csv`;
    const cli = runCli(["plan", file, "--budget", "1000", "--format", "json"]);
    expect(cli.code).toBe(1);
    const response = await fetch(`${server.url}/v1/plan?budget=1000`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    const body = (await response.json()) as { errors: { row?: number; field?: string }[] };
    expect(response.status).toBe(422);
    const places = body.errors.map((error) => `${file}:${error.row}${error.field ? `:${error.field}` : ""}:`);
    for (const place of places) expect(cli.stderr).toContain(place);
  });

  it("reports a missing cost in the same pass as the rating problems, at the same places", async () => {
    const ids = defaultModel.criteria.map((criterion) => criterion.id);
    const row = (name: string, cost: string, first: string) =>
      [name, cost, first, ...ids.slice(1).map(() => "3")].join(",");
    const file = join(scratch, "no-cost.csv");
    writeFileSync(
      file,
      `${["name", "cost", ...ids].join(",")}\n${row("Chatbot", "", "high")}\n${row("Routing", "1000", "4")}\n${row("Knowledge search", "", "2")}\n`,
    );
    const cli = runCli(["plan", file, "--budget", "5000", "--format", "json"]);
    expect(cli.code).toBe(1);
    const fromCli = cli.stderr
      .trimEnd()
      .split("\n")
      .filter((line) => !/^\d+ problems?$/.test(line))
      .map((line) => {
        const [, place, column, message] = PLACE.csv.exec(line.slice(file.length))!;
        return [Number(place), column ?? null, message] as const;
      });
    const response = await fetch(`${server.url}/v1/plan?budget=5000`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", Connection: "close" },
      body: readFileSync(file),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { row?: number; field?: string; detail: string }[] };
    const fromHttp = body.errors.map(
      (error) => [error.row ?? null, error.field ?? null, error.detail] as const,
    );
    const cost = "expected a one-off cost of at least 0 to plan within a budget, received nothing";
    expect(fromCli).toEqual([
      [2, "cost", cost],
      [2, "cx_impact", expect.stringContaining('received "high"')],
      [4, "cost", cost],
    ]);
    expect(fromHttp).toEqual(fromCli);
  });
});
