import { catalogInitiatives } from "@cxprism/core";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { renderReportOnNode } from "../node/render-report.js";
import { problemOf } from "./fixtures.test-helpers.js";

const INITIATIVES = catalogInitiatives()
  .slice(0, 6)
  .map(({ dependsOn: _dependsOn, ...initiative }, k) => ({ ...initiative, cost: 100 + 50 * k }));
const BODY = JSON.stringify({ initiatives: INITIATIVES });
const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

const onNode = createApp({ renderReport: renderReportOnNode });
const post = (target: ReturnType<typeof createApp>, query: string, accept: string) =>
  target.request(`/v1/report${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: accept },
    body: BODY,
  });

describe("POST /v1/report", () => {
  it("answers the board pack as PDF, the same bytes for the same body and date", async () => {
    const first = await post(onNode, "?date=2026-11-30&lang=de", "application/pdf");
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await first.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const second = new Uint8Array(
      await (await post(onNode, "?date=2026-11-30&lang=de", "application/pdf")).arrayBuffer(),
    );
    expect(Buffer.from(bytes).equals(Buffer.from(second))).toBe(true);
  });

  it("answers PPTX when Accept asks for it", async () => {
    const response = await post(onNode, "?date=2026-11-30", PPTX);
    expect(response.headers.get("Content-Type")).toBe(PPTX);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    expect(zip.file("ppt/presentation.xml")).not.toBeNull();
  });

  it("answers 406 naming what it offers where the runtime renders no board pack", async () => {
    const problem = await problemOf(await post(createApp(), "", "application/pdf"), 406);
    expect(problem.detail).toContain("the Node server renders application/pdf and PPTX");
  });

  it("rejects an unknown language with the languages it has", async () => {
    const problem = await problemOf(await post(onNode, "?lang=fr", "application/pdf"), 422);
    expect(problem.errors?.[0]).toMatchObject({ field: "lang" });
    expect(problem.errors?.[0]?.detail).toMatch(/"en".*"de"/);
  });
});
