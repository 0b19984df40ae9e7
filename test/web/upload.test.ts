// Creating a workshop from a spreadsheet in Debian's chromium against `pnpm serve`: an Excel workbook is
// checked, then imported; a broken one lists every problem by cell and saves nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../cli/run-cli.js";
import { launchChromium, seriousViolations } from "./browser.js";
import { startWorkshopServer, type WorkshopServer } from "./workshop-server.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SHOTS = process.env.CXPRISM_SCREENSHOTS;

let workshop: WorkshopServer;
let browser: Browser;
let page: Page;
let portfolios: () => Promise<{ id: string; name: string }[]>;

beforeAll(async () => {
  workshop = await startWorkshopServer();
  browser = await launchChromium();
  const link = new URL(workshop.facilitatorLink);
  const key = new URLSearchParams(link.hash.slice(1)).get("key")!;
  portfolios = async () =>
    (
      (await (
        await fetch(`${link.origin}/v1/portfolios`, { headers: { Authorization: `Bearer ${key}` } })
      ).json()) as { items: { id: string; name: string }[] }
    ).items;
}, 120_000);

/** A fresh page on the facilitator's link, once the demo workshop's prism shows. */
async function openFacilitator() {
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(workshop.facilitatorLink);
  await page.getByRole("img", { name: "Prism matrix" }).waitFor({ timeout: 30_000 });
}

afterAll(async () => {
  await browser?.close();
  await workshop?.stop();
});

async function upload(
  name: string,
  file: string,
  content?: { readonly type: string; readonly text: string },
) {
  await openFacilitator();
  await page.getByRole("button", { name: "All workshops" }).click();
  await page.getByLabel("Workshop name").fill(name);
  await page.getByRole("radio", { name: "A spreadsheet (CSV or Excel)" }).check();
  await page.getByLabel(/^CSV or Excel \(\.xlsx\) file/).setInputFiles({
    name: file.split("/").at(-1)!,
    mimeType: content?.type ?? XLSX,
    buffer: content === undefined ? readFileSync(join(ROOT, file)) : Buffer.from(content.text),
  });
}

describe("a workshop from a spreadsheet in a real browser", () => {
  it("lists every problem of a broken workbook by cell, and saves nothing", async () => {
    const before = (await portfolios()).length;
    await upload("Broken workbook", "test/table/fixtures/xlsx/mixed-problems.xlsx");
    const alert = page.getByRole("alert").filter({ hasText: "nothing was saved" });
    await alert.waitFor({ timeout: 20_000 });
    const cells = await alert.getByRole("row").allTextContents();
    // A header row, then one row per problem, each placed the way Excel's name box shows it: a cell
    // (`'mixed-problems'!H3`) or a whole row (`'mixed-problems'!4:4`).
    expect(cells.length).toBeGreaterThan(2);
    for (const row of cells.slice(1)) expect(row).toMatch(/^'mixed-problems'!([A-Z]+\d+|\d+:\d+)/);
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "upload-problems.png"), fullPage: true });
    await page.getByRole("button", { name: "Create workshop" }).click();
    await page.getByText("Choose at least one initiative.").waitFor();
    expect((await portfolios()).length).toBe(before);
  });

  it("lists the columns it keeps as extra, once, before anything is saved", async () => {
    const criteria =
      "cx_impact,cost_to_serve,revenue_retention,employee_experience,strategic_fit,tech_maturity,data_readiness,integration_effort,org_readiness,acceptance,time_to_value";
    await upload("With an owner", "owners.csv", {
      type: "text/csv",
      text: `name,Owner,${criteria},Notes\nChatbot,Aino,${"3,".repeat(11)}pilot first\nRouting,Lena,${"4,".repeat(11)}\n`,
    });
    await page
      .getByRole("status")
      .filter({
        hasText: "2 initiatives read, ready to create. Kept as extra columns (not rated): Owner, Notes.",
      })
      .waitFor({ timeout: 20_000 });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "upload-extra-columns.png"), fullPage: true });
  });

  it("creates a workshop from the example workbook", async () => {
    await upload("From Excel", "examples/contact-center.xlsx");
    await page.getByText("22 initiatives read, ready to create.").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Create workshop" }).click();
    await page.getByRole("heading", { name: "From Excel" }).waitFor();
    const created = (await portfolios()).find((portfolio) => portfolio.name === "From Excel");
    expect(created).toBeDefined();
    // The workbook's ratings are stored under the API's default rater id `import`: the progress panel
    // names them for what they are, not by an id nobody in the room chose.
    const progress = page.getByRole("region", { name: "Progress" });
    const imported = progress.getByRole("row", { name: /^Imported ratings/ });
    await imported.waitFor({ timeout: 20_000 });
    const cells = await imported.getByRole("cell").allTextContents();
    expect(cells.map((cell) => cell.trim())).toEqual(["Imported ratings", "22 of 22"]);
    expect(await progress.getByRole("progressbar", { name: "Imported ratings: 22 of 22" }).count()).toBe(1);
    expect(await progress.getByText("import", { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "upload-imported-progress.png"), fullPage: true });
  });
});
