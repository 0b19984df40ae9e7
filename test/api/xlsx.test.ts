// .xlsx bodies over the API (app.request, dynalite for the portfolio import): scoring a named sheet, the
// 400/415/422 answers, a zip bomb, and an all-or-nothing import that lists every problem at its cell.
import { readFileSync } from "node:fs";
import { XLSX_MEDIA_TYPE } from "@cxprism/core/table";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnerApp, startOwnerApp } from "./owner-app.js";

const fixture = (name: string) => readFileSync(new URL(`../table/fixtures/xlsx/${name}`, import.meta.url));
let owner: OwnerApp;
let app: OwnerApp["app"];

beforeAll(async () => {
  owner = await startOwnerApp("xlsx");
  app = owner.app;
});
afterAll(async () => owner?.close());

const auth = { Authorization: "Bearer owner" };
const post = (path: string, body: Uint8Array | string, type = XLSX_MEDIA_TYPE, headers = {}) =>
  app.request(path, { method: "POST", headers: { "Content-Type": type, ...headers }, body });

interface ErrorsBody {
  status: number;
  detail: string;
  errors?: { row?: number; column?: number; field?: string; cell?: string; detail: string }[];
}

describe("POST /v1/score with an .xlsx body", () => {
  it("scores the sheet the sheet parameter names", async () => {
    const response = await post("/v1/score?sheet=Ratings", fixture("named-sheet.xlsx"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { name: string; rank: number }[] };
    expect(body.results.map((result) => [result.rank, result.name])).toEqual([
      [1, "Billing chatbot"],
      [2, "Agent assist"],
      [3, "Routing"],
    ]);
  });

  it("places each problem at its row and column, and at its cell", async () => {
    const response = await post("/v1/matrix", fixture("mixed-problems.xlsx"));
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorsBody;
    expect(body.errors!.map(({ row, column, field, cell }) => [row, column, field, cell])).toEqual([
      [1, 15, "Notes", "'mixed-problems'!O1"],
      [3, 8, "tech_maturity", "'mixed-problems'!H3"],
      [4, undefined, undefined, "'mixed-problems'!4:4"],
      [4, 1, "id", "'mixed-problems'!A4"],
    ]);
  });

  it("refuses merged header cells with 422, naming them", async () => {
    const response = await post("/v1/sensitivity", fixture("merged-header.xlsx"));
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorsBody).errors).toEqual([
      {
        cell: "Sheet1!B1:C1",
        detail:
          "expected one header in each column, received the merged header cells B1:C1: unmerge them and give each column its own header",
      },
    ]);
  });

  it("answers 400 with one message for bytes that are no workbook", async () => {
    const response = await post("/v1/score", "name,cx_impact\nChatbot,4\n");
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorsBody).detail).toBe(
      "expected an .xlsx workbook (Excel 2007 or later, or saved as .xlsx), received a file that is not one",
    );
  });

  it("refuses a zip bomb with 422 naming the limit, within the body limit", async () => {
    const padding = new Uint8Array(40 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": padding,
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await post("/v1/score", bomb);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorsBody).errors![0]!.detail).toMatch(
      /^expected a workbook that unpacks to at most 32 MiB a part and 48 MiB in all, received one whose xl\/worksheets\/sheet1.xml unpacks to more/,
    );
  });

  it("lists the workbook type in Accept-Post, and refuses sheet with a CSV body", async () => {
    const unsupported = await post("/v1/score", "x", "text/plain");
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get("Accept-Post")).toContain(XLSX_MEDIA_TYPE);
    const csv = await post("/v1/score?sheet=Ratings", "name,cx_impact\nChatbot,4\n", "text/csv");
    expect(csv.status).toBe(422);
    expect(((await csv.json()) as ErrorsBody).errors![0]!.field).toBe("sheet");
  });
});

describe("POST /v1/portfolios/:id/initiatives/import with an .xlsx body", () => {
  async function portfolio(): Promise<string> {
    const created = await app.request("/v1/portfolios", {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Workbook" }),
    });
    return ((await created.json()) as { id: string }).id;
  }
  const count = async (id: string) => {
    const listed = await app.request(`/v1/portfolios/${id}/initiatives`, { headers: auth });
    return ((await listed.json()) as { items: unknown[] }).items.length;
  };

  it("imports a named sheet", async () => {
    const id = await portfolio();
    const response = await post(
      `/v1/portfolios/${id}/initiatives/import?sheet=ratings`,
      fixture("named-sheet.xlsx"),
      XLSX_MEDIA_TYPE,
      auth,
    );
    expect(await response.json()).toMatchObject({ created: 3, invalid: 0, failed: 0 });
    expect(await count(id)).toBe(3);
  });

  it("refuses a broken workbook whole: one 422 listing every problem, nothing saved", async () => {
    const id = await portfolio();
    const response = await post(
      `/v1/portfolios/${id}/initiatives/import`,
      fixture("rater-mistakes.xlsx"),
      XLSX_MEDIA_TYPE,
      auth,
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorsBody;
    expect(body.errors!.map(({ cell, field }) => [cell, field])).toEqual([
      ["'rater-mistakes'!A4", "name"],
      ["'rater-mistakes'!B8", "rater"],
    ]);
    expect(await count(id)).toBe(0);
  });

  it("answers 415 listing the three body types", async () => {
    const id = await portfolio();
    const response = await post(`/v1/portfolios/${id}/initiatives/import`, "x", "text/plain", auth);
    expect(response.status).toBe(415);
    expect(response.headers.get("Accept-Post")).toBe(`application/json, text/csv, ${XLSX_MEDIA_TYPE}`);
  });
});
