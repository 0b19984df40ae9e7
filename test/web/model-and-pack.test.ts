// The facilitator's model and weights (an uploaded model JSON, good and broken; AHP questions; a 412 on a
// stale page) and the board pack download, in Debian's chromium against `pnpm serve` with the demo workshop.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultModel } from "@cxprism/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, seriousViolations } from "./browser.js";
import { startWorkshopServer, type WorkshopServer } from "./workshop-server.js";

const SHOTS = process.env.CXPRISM_SCREENSHOTS;
const VALUE = defaultModel.criteria.filter((criterion) => criterion.axis === "value");
const label = (id: string) => defaultModel.criteria.find((criterion) => criterion.id === id)!.label;

let workshop: WorkshopServer;
let browser: Browser;
let page: Page;
let owner: (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;
let portfolioPath: string;

beforeAll(async () => {
  workshop = await startWorkshopServer();
  browser = await launchChromium();
  const link = new URL(workshop.facilitatorLink);
  const key = new URLSearchParams(link.hash.slice(1)).get("key")!;
  owner = (method, path, body, headers = {}) =>
    fetch(`${link.origin}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(workshop.facilitatorLink);
  await page.getByRole("img", { name: "Prism matrix" }).waitFor({ timeout: 30_000 });
  portfolioPath = `/v1/portfolios/${decodeURIComponent(/workshop=([^&]+)/.exec(page.url())![1]!)}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workshop?.stop();
});

const ranking = () => page.getByRole("table", { name: "Ranking" }).getByRole("rowheader").allTextContents();
const storedModel = async () =>
  ((await (await owner("GET", portfolioPath)).json()) as { model: typeof defaultModel }).model;
const modelSection = () => page.getByRole("region", { name: "Model and weights" });

/** Answers one business-value question with the option of that label. */
async function answer(a: string, b: string, option: string) {
  await page
    .getByLabel(`Which matters more for business value, ${label(a)} or ${label(b)}, and how much?`)
    .selectOption({ label: option });
}

describe("the facilitator's model, weights and board pack in a real browser", () => {
  it("sets weights by pairwise questions: CR, answers to revisit, saved, and the ranking changes", async () => {
    const before = await ranking();
    await modelSection().getByRole("radio", { name: "Pairwise questions (AHP)" }).check();
    // Employee experience matters extremely more than every other value criterion, which matter equally...
    const employee = "employee_experience";
    for (const [i, a] of VALUE.entries())
      for (const b of VALUE.slice(i + 1)) {
        if (a.id === employee || b.id === employee)
          await answer(a.id, b.id, `${label(employee)} matters extremely more (9)`);
        else await answer(a.id, b.id, "Both matter equally (1)");
      }
    // ...but one answer contradicts the rest.
    await answer("cx_impact", employee, `${label("cx_impact")} matters extremely more (9)`);
    await page.getByRole("button", { name: "Compute weights" }).click();
    const result = page.getByRole("region", { name: "Weights for business value" });
    await result.getByText(/Consistency ratio \(CR\) \d\.\d{3}: not consistent/).waitFor();
    await result.getByRole("heading", { name: "Answers to revisit" }).waitFor();
    expect(await result.getByRole("listitem").first().textContent()).toContain(
      `You answered: ${label("cx_impact")} matters extremely more (9)`,
    );
    await expectAccessible("pairwise questions with answers to revisit");
    if (SHOTS) await modelSection().screenshot({ path: join(SHOTS, "ahp-revisit-1440.png") });

    // The advice's suggestion replaces the worst answer and CR falls; answering as the rest implies makes it 0.
    const cr = async () => Number(/\(CR\) (\d\.\d{3})/.exec((await result.textContent()) ?? "")![1]);
    const inconsistent = await cr();
    await result
      .getByRole("button", { name: /^Use “/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Compute weights" }).click();
    await expect.poll(cr).toBeLessThan(inconsistent);
    await answer("cx_impact", employee, `${label(employee)} matters extremely more (9)`);
    await page.getByRole("button", { name: "Compute weights" }).click();
    await result.getByText(/Consistency ratio \(CR\) 0\.000: consistent enough/).waitFor();
    expect(await result.getByRole("heading", { name: "Answers to revisit" }).count()).toBe(0);
    await page.getByRole("button", { name: "Save these weights" }).click();
    await modelSection().getByText("Weights saved.").waitFor();

    // Saved to the portfolio's model (9:1:1:1:1 on the value axis) and the reveal scores with it.
    const weights = Object.fromEntries((await storedModel()).criteria.map((c) => [c.id, c.weight]));
    expect(weights[employee]).toBeCloseTo(9 / 13, 6);
    expect(weights.cx_impact).toBeCloseTo(1 / 13, 6);
    expect(weights.data_readiness).toBe(0.25);
    await expect.poll(ranking, { timeout: 20_000 }).not.toEqual(before);
  }, 120_000);

  it("downloads the board pack as PPTX and as a German PDF on Letter paper", async () => {
    const pack = page.getByRole("group", { name: "Board pack" });
    await expectAccessible("board pack");
    for (const [format, signature] of [
      ["PowerPoint (PPTX)", "PK\u0003\u0004"],
      ["PDF", "%PDF-"],
    ] as const) {
      await pack.getByRole("radio", { name: format }).check();
      if (format === "PDF") {
        await pack.getByLabel("Language").selectOption({ label: "Deutsch" });
        await pack.getByLabel("Paper size").selectOption({ label: "Letter" });
      }
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        pack.getByRole("button", { name: "Download board pack" }).click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, signature.length).toString("latin1")).toBe(signature);
      expect(bytes.length).toBeGreaterThan(20_000);
      expect(download.suggestedFilename()).toMatch(format === "PDF" ? /-de\.pdf$/ : /-en\.pptx$/);
    }
    if (SHOTS) await pack.screenshot({ path: join(SHOTS, "board-pack-1440.png") });
  }, 180_000);

  it("lists every problem of a broken model JSON by pointer and saves nothing; saves a good one", async () => {
    const upload = modelSection().getByLabel("Upload a model JSON");
    const before = await storedModel();
    await upload.setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ oops"),
    });
    await modelSection()
      .getByText(/expected a JSON file, received a syntax error/)
      .waitFor();

    const broken = structuredClone(defaultModel) as unknown as { criteria: Record<string, unknown>[] };
    broken.criteria[0]!.weight = -1;
    broken.criteria[2]!.axis = "cost";
    await upload.setInputFiles({
      name: "model.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const problems = modelSection().getByRole("alert");
    await problems.getByText(/The model has \d+ problems; nothing was saved/).waitFor();
    const pointers = await problems.getByRole("row").locator("code").allTextContents();
    expect(pointers).toEqual(expect.arrayContaining(["/criteria/0/weight", "/criteria/2/axis"]));
    await expectAccessible("model problems");
    if (SHOTS) await modelSection().screenshot({ path: join(SHOTS, "model-problems-1440.png") });
    expect(await storedModel()).toEqual(before);

    const good = { ...defaultModel, id: "our-prism", name: "Our prism" };
    await upload.setInputFiles({
      name: "our-prism.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await modelSection().getByText("Model Our prism saved.").waitFor();
    await modelSection().getByText("Model: Our prism (11 criteria)").waitFor();
    expect((await storedModel()).name).toBe("Our prism");
  }, 60_000);

  it("tells the facilitator someone else changed the model, reloads, and keeps what was typed", async () => {
    await modelSection().getByRole("radio", { name: "Sliders" }).check();
    const slider = modelSection().getByRole("slider", { name: label("strategic_fit") });
    const current = (await (await owner("GET", portfolioPath)).json()) as { version: number };
    const renamed = await owner(
      "PATCH",
      portfolioPath,
      { description: "Edited elsewhere" },
      {
        "If-Match": `"v${current.version}"`,
      },
    );
    expect(renamed.status).toBe(200);
    await slider.fill("0.5");
    await modelSection().getByRole("button", { name: "Save weights" }).click();
    await modelSection()
      .getByText(/Someone else changed this workshop/)
      .waitFor();
    await modelSection().getByRole("button", { name: "Reload" }).click();
    expect(await slider.inputValue()).toBe("0.5");
    await modelSection().getByRole("button", { name: "Save weights" }).click();
    await modelSection().getByText("Weights saved.").waitFor();
    const saved = await storedModel();
    expect(saved.criteria.find((c) => c.id === "strategic_fit")!.weight).toBe(0.5);
  }, 60_000);

  it("fits a 390x844 phone", async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    ).newPage();
    await phone.goto(workshop.facilitatorLink);
    const section = phone.getByRole("region", { name: "Model and weights" });
    await section.getByRole("radio", { name: "Pairwise questions (AHP)" }).check();
    const width = await phone.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    if (SHOTS) {
      await section.screenshot({ path: join(SHOTS, "model-phone.png") });
      await phone
        .getByRole("group", { name: "Board pack" })
        .screenshot({ path: join(SHOTS, "board-pack-phone.png") });
    }
  }, 60_000);
});

async function expectAccessible(what: string) {
  expect(await seriousViolations(page), what).toEqual([]);
}
