// A table and a custom model in one request, over real HTTP against the Node server: multipart/form-data with a
// workbook part and a model part to every stateless route that takes a table, and a pairwise CSV headed by the
// model's labels to /v1/weights/ahp. The workbooks were written
// by LibreOffice Calc from the CSVs beside them (test/table/fixtures/xlsx/make-fixtures.sh); their headers are
// the custom model's labels and one rating is a label of its T-shirt scale, so only that model reads them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startNodeServer } from "@cxprism/api/node";
import { defaultModel } from "@cxprism/core";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const MODEL = fixture("custom-model.json").toString("utf8");

let server: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
});

interface ErrorsBody {
  status: number;
  detail: string;
  errors?: { row?: number; column?: number; field?: string; cell?: string; detail: string }[];
}

/** A form with the table in `part` (a file of `type`, named `filename`) and, unless `model` is null, the model. */
function form(
  part: string,
  bytes: Uint8Array,
  { type = XLSX_MEDIA_TYPE, filename = "portfolio.xlsx", model = MODEL as string | null } = {},
): FormData {
  const data = new FormData();
  data.append(part, new File([bytes], filename, { type }));
  if (model !== null) data.append("model", model);
  return data;
}

const post = (path: string, body: FormData, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", body, headers });

interface ScoreBody {
  model: { id: string };
  results: { id: string; rank: number; ratings?: unknown }[];
  notes?: string[];
}

describe("multipart/form-data with a workbook part and a model part", () => {
  it("scores the workbook with the model: its labels as headers, its scale's labels as ratings", async () => {
    const response = await post("/v1/score", form("xlsx", fixture("custom-model.xlsx")));
    expect(response.status).toBe(200);
    const body = (await response.json()) as ScoreBody;
    expect(body.model.id).toBe("two-axes");
    expect(body.results.map(({ id, rank }) => [rank, id])).toEqual([
      [1, "agent-assist"],
      [2, "billing-chatbot"],
      [3, "voice-bot"],
    ]);
    expect(body.notes).toEqual(["kept as extra columns: Owner"]);
  });

  it("scores the same as the CSV the workbook was made from", async () => {
    const csv = new FormData();
    csv.append("csv", fixture("custom-model.csv").toString("utf8"));
    csv.append("model", MODEL);
    const fromCsv = (await (await post("/v1/score", csv)).json()) as ScoreBody;
    const fromXlsx = (await (
      await post("/v1/score", form("xlsx", fixture("custom-model.xlsx")))
    ).json()) as ScoreBody;
    expect(fromXlsx).toEqual(fromCsv);
  });

  it.each([
    ["an xlsx part of any type", "xlsx", "application/octet-stream", "upload.bin"],
    ["a csv part with the workbook content type", "csv", XLSX_MEDIA_TYPE, "upload"],
    ["a csv part with an .xlsx filename, as curl -F sends it", "csv", "application/octet-stream", "Q4.XLSX"],
  ])("reads %s as a workbook", async (_name, part, type, filename) => {
    const response = await post("/v1/score", form(part, fixture("custom-model.xlsx"), { type, filename }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as ScoreBody).results[0]!.id).toBe("agent-assist");
  });

  it("draws the matrix, simulates and plans from it", async () => {
    const matrix = await post("/v1/matrix", form("xlsx", fixture("custom-model.xlsx")));
    expect(matrix.status).toBe(200);
    expect(await matrix.text()).toContain("Agent assist");
    const sensitivity = await post("/v1/sensitivity", form("xlsx", fixture("custom-model.xlsx")));
    expect(sensitivity.status).toBe(200);
    const simulated = (await sensitivity.json()) as { initiatives?: unknown[] } & Record<string, unknown>;
    expect(JSON.stringify(simulated)).toContain("agent-assist");
    const plan = await post("/v1/plan?budget=250000", form("xlsx", fixture("custom-model.xlsx")));
    expect(plan.status).toBe(200);
    const planned = (await plan.json()) as { waves: { initiatives: string[] }[] };
    expect(planned.waves.map((wave) => wave.initiatives)).toEqual([["agent-assist"], ["billing-chatbot"]]);
  });

  it("writes the board pack from the workbook with the model's labels, or places the workbook's problems", async () => {
    const report = await post("/v1/report?date=2026-11-30", form("xlsx", fixture("custom-model.xlsx")), {
      Accept: "application/pdf",
    });
    expect(report.status).toBe(200);
    expect(report.headers.get("Content-Type")).toMatch(/^application\/pdf/);
    const dir = mkdtempSync(join(tmpdir(), "cxprism-multipart-"));
    try {
      const file = join(dir, "pack.pdf");
      writeFileSync(file, new Uint8Array(await report.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      for (const expected of ["Agent assist", "Billing chatbot", "Customer impact", "Ease of delivery"])
        expect(text).toContain(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const refused = await post(
      "/v1/report?date=2026-11-30",
      form("xlsx", fixture("custom-model-problems.xlsx")),
      { Accept: "application/pdf" },
    );
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorsBody).errors!.map(({ cell }) => cell)).toEqual([
      "'custom-model-problems'!B2",
      "'custom-model-problems'!C3",
    ]);
  });

  it("places every problem at its cell, with the model's label as the column", async () => {
    const response = await post("/v1/score", form("xlsx", fixture("custom-model-problems.xlsx")));
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorsBody;
    expect(body.errors!.map(({ row, column, field, cell }) => [row, column, field, cell])).toEqual([
      [2, 2, "Customer impact", "'custom-model-problems'!B2"],
      [3, 3, "Ease of delivery", "'custom-model-problems'!C3"],
    ]);
  });

  it("reads the sheet the sheet parameter names, and refuses it for a CSV part", async () => {
    const named = await post("/v1/score?sheet=CUSTOM-MODEL", form("xlsx", fixture("custom-model.xlsx")));
    expect(named.status).toBe(200);
    const unknown = await post("/v1/score?sheet=Other", form("xlsx", fixture("custom-model.xlsx")));
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as ErrorsBody).errors?.[0]?.detail).toBe(
      'expected a sheet named "Other", received a workbook whose sheets are "custom-model"',
    );
    const csv = new FormData();
    csv.append("csv", fixture("custom-model.csv").toString("utf8"));
    csv.append("model", MODEL);
    const refused = await post("/v1/score?sheet=custom-model", csv);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorsBody).errors?.[0]?.field).toBe("sheet");
  });

  it("answers 422 for two table parts, 400 for a workbook part that is no workbook", async () => {
    const both = form("xlsx", fixture("custom-model.xlsx"));
    both.append("csv", fixture("custom-model.csv").toString("utf8"));
    const twice = await post("/v1/score", both);
    expect(twice.status).toBe(422);
    expect(((await twice.json()) as ErrorsBody).errors?.[0]?.detail).toBe(
      "expected one table part, csv or xlsx, received both",
    );
    const fake = await post("/v1/score", form("xlsx", fixture("custom-model.csv")));
    expect(fake.status).toBe(400);
    expect(((await fake.json()) as ErrorsBody).detail).toBe(
      "expected an .xlsx workbook (Excel 2007 or later, or saved as .xlsx), received a file that is not one",
    );
  });

  it("still refuses a CSV part that is not UTF-8", async () => {
    const latin1 = Buffer.from("name,Customer impact,Ease of delivery\nK\xe4ytt\xf6,3,M\n", "latin1");
    const response = await post(
      "/v1/score",
      form("csv", latin1, { type: "text/csv", filename: "portfolio.csv" }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorsBody).detail).toContain("UTF-8");
  });
});

describe("POST /v1/weights/ahp with a pairwise CSV and a model part", () => {
  const THREE = JSON.stringify({
    id: "three",
    name: "Three",
    criteria: [
      { id: "reach", label: "Customers reached", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
      { id: "savings", label: "Annual savings", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
      { id: "ease", label: "Ease of delivery", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
    ],
  });
  const pairwise = (second: string) =>
    `,Customers reached,${second},ease\nCustomers reached,1,2,4\n${second},1/2,1,2\nease,1/4,1/2,1\n`;
  const ahp = (csv: string, model: string, query = "") => {
    const data = new FormData();
    data.append("csv", new File([csv], "pairwise.csv", { type: "text/csv" }));
    data.append("model", model);
    return post(`/v1/weights/ahp${query}`, data);
  };

  it("answers weights by the model's criterion ids for a CSV headed by its labels or ids", async () => {
    const response = await ahp(pairwise("annual  SAVINGS"), THREE, "?method=geometric-mean");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      weights: Record<string, number>;
      method: string;
      consistencyRatio: number;
    };
    expect(body.method).toBe("geometric-mean");
    // A consistent matrix (4 = 2 x 2): the weights are 4:2:1 exactly.
    expect(Object.keys(body.weights)).toEqual(["reach", "savings", "ease"]);
    expect(body.weights.reach).toBeCloseTo(4 / 7, 9);
    expect(body.weights.ease).toBeCloseTo(1 / 7, 9);
    expect(body.consistencyRatio).toBeCloseTo(0, 9);
  });

  it("names a header that is none of the model's criteria at its cell, suggesting the one meant", async () => {
    const response = await ahp(pairwise("Anual savings"), THREE);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorsBody).errors).toEqual([
      {
        row: 1,
        column: 3,
        detail:
          'expected a criterion id or label of model three, received "Anual savings" (did you mean savings, "Annual savings"?)',
      },
    ]);
  });

  it("points at the model part's problems, and still needs a csv part", async () => {
    const bad = await ahp(pairwise("Annual savings"), JSON.stringify({ id: "three", criteria: [] }));
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as ErrorsBody & { errors: { pointer?: string }[] }).errors[0]!.pointer,
    ).toMatch(/^\/model/);
    const data = new FormData();
    data.append("model", THREE);
    const none = await post("/v1/weights/ahp", data);
    expect(none.status).toBe(422);
    expect(((await none.json()) as ErrorsBody).errors?.[0]?.field).toBe("csv");
  });
});

describe("POST /v1/weights/ahp with a pairwise workbook", () => {
  const workbook = (name: string) => readFileSync(new URL(`../cli/fixtures/${name}`, import.meta.url));
  const fromCsv = async () =>
    (await (
      await fetch(`${server.url}/v1/weights/ahp`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: readFileSync(new URL("../cli/fixtures/pairwise-labels.csv", import.meta.url)),
      })
    ).json()) as { weights: Record<string, number> };

  it("reads a workbook body, or a workbook part with a model part, as the CSV it was made from", async () => {
    const expected = await fromCsv();
    expect(Object.keys(expected.weights)[0]).toBe("cx_impact");
    const body = await fetch(`${server.url}/v1/weights/ahp`, {
      method: "POST",
      headers: { "Content-Type": XLSX_MEDIA_TYPE },
      body: workbook("pairwise-labels.xlsx"),
    });
    expect(body.status).toBe(200);
    expect(((await body.json()) as typeof expected).weights).toEqual(expected.weights);
    const data = new FormData();
    data.append("xlsx", new File([workbook("pairwise-labels.xlsx")], "pairwise.xlsx"));
    data.append("model", JSON.stringify(defaultModel));
    const part = await post("/v1/weights/ahp?sheet=pairwise-labels", data);
    expect(part.status).toBe(200);
    expect(((await part.json()) as typeof expected).weights).toEqual(expected.weights);
  });

  it("places every problem at its cell, as weights ahp does", async () => {
    const response = await fetch(`${server.url}/v1/weights/ahp`, {
      method: "POST",
      headers: { "Content-Type": XLSX_MEDIA_TYPE },
      body: workbook("pairwise-all-problems.xlsx"),
    });
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as ErrorsBody).errors!.map(({ row, column, cell }) => [row, column, cell]),
    ).toEqual([
      [1, 3, "'pairwise-all-problems'!C1"],
      [2, 3, "'pairwise-all-problems'!C2"],
      [2, 4, "'pairwise-all-problems'!D2"],
    ]);
  });
});
