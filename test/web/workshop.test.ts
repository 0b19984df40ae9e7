// A whole workshop in Debian's chromium against `pnpm serve` (packages/api/src/node.ts) on a random port with a
// temporary data dir: a facilitator and five raters, each in their own browser context, one on a phone.
import { join } from "node:path";
import { catalog } from "@cxprism/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerProcess } from "../api/portfolio-server.js";
import { runCli } from "../cli/run-cli.js";
import { launchChromium, rateInitiative, seriousViolations, waitToSee } from "./browser.js";
import { startWorkshopServer, type WorkshopServer } from "./workshop-server.js";

const RATERS = ["Ann", "Bob", "Chidi", "Dana", "ليلى"];
/** Four catalog use cases, in the order the API lists initiatives (by id). */
const CHOSEN = catalog.slice(0, 4).sort((a, b) => (a.id < b.id ? -1 : 1));
const SHOTS = process.env.CXPRISM_SCREENSHOTS;

let workshop: WorkshopServer;
let server: ServerProcess;
let browser: Browser;
let dataDir: string;
let facilitatorLink: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  workshop = await startWorkshopServer();
  ({ server, dataDir, facilitatorLink } = workshop);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await workshop?.stop();
});

async function open(url: string, viewport = { width: 1440, height: 900 }, mobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function expectAccessible(page: Page, what: string) {
  expect(await seriousViolations(page), what).toEqual([]);
}

/** Whatever this rater thinks of this criterion of this initiative: varied, so raters disagree. */
const valueFor = (rater: number, initiative: number, criterion: number) =>
  1 + ((rater * 3 + initiative * 2 + criterion) % 5);

describe("the workshop in a real browser", () => {
  it("runs a blind workshop from the catalog to an export that cxprism score ranks the same way", async ({
    onTestFailed,
  }) => {
    // A failed step in the page is usually a failed request: the server's log names it.
    onTestFailed(() => console.error(`server log:\n${server.stderr()}`));
    // The printed link opens a ready, revealed demo workshop with its prism.
    expect(facilitatorLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=cxp_/);
    const facilitator = await open(facilitatorLink);
    await expect
      .poll(() => facilitator.getByRole("img", { name: "Prism matrix" }).count(), { timeout: 20_000 })
      .toBe(1);
    expect(facilitator.url()).not.toContain("key=");

    // Create a workshop from four catalog use cases.
    await facilitator.getByRole("button", { name: "All workshops" }).click();
    await facilitator.getByLabel("Workshop name").fill("E2E workshop");
    await facilitator.getByRole("button", { name: "Untick all" }).click();
    for (const useCase of CHOSEN)
      await facilitator.getByRole("checkbox", { name: new RegExp(useCase.name) }).check();
    await expectAccessible(facilitator, "facilitator home");
    await facilitator.getByRole("button", { name: "Create workshop" }).click();
    await facilitator.getByRole("heading", { name: "E2E workshop" }).waitFor();
    const workshopId = decodeURIComponent(/workshop=([^&]+)/.exec(facilitator.url())![1]!);

    // Invite five raters (one with an Arabic name) and read each link and its QR code.
    const links: string[] = [];
    for (const name of RATERS) {
      await facilitator.getByLabel("Rater's name").fill(name);
      await facilitator.getByRole("button", { name: "Invite rater" }).click();
      const link = facilitator.getByRole("textbox", { name: `Link for ${name}` });
      await link.waitFor();
      links.push(await link.inputValue());
      expect(await facilitator.getByRole("img", { name: `QR code of the link for ${name}` }).count()).toBe(1);
    }

    // Each rater rates every initiative in their own context; the last one on a 390x844 phone.
    const raters: Page[] = [];
    for (const [r, link] of links.entries()) {
      const phone = r === links.length - 1;
      const page = await open(
        link,
        phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
        phone,
      );
      raters.push(page);
      await waitToSee(page.getByRole("heading", { name: CHOSEN[0]!.name }));
      // Nothing is claimed saved before the rater has answered anything.
      expect(await page.getByRole("status").filter({ hasText: "Saved" }).count()).toBe(0);
      for (const [i, useCase] of CHOSEN.entries()) {
        await waitToSee(page.getByRole("heading", { name: useCase.name }));
        await rateInitiative(page, (c) => (r === 0 && i === 0 && c === 0 ? null : valueFor(r, i, c)));
        if (i === 0 && r === 0) {
          await page.getByLabel("Comment (optional)").fill("Knowledge base is not ready");
          await expect
            .poll(() => page.getByRole("status").filter({ hasText: "Saved" }).count(), { timeout: 10_000 })
            .toBe(1);
        }
        if (i < CHOSEN.length - 1) await page.getByRole("button", { name: "Next" }).click();
      }
      await page.getByText(`You have rated ${CHOSEN.length} of ${CHOSEN.length}.`).waitFor();
    }
    const phone = raters.at(-1)!;
    await expectAccessible(phone, "rater page on a phone");
    if (SHOTS) await phone.screenshot({ path: join(SHOTS, "rater-phone.png"), fullPage: true });

    // Reload loses nothing: the first rater's answers and comment come back from the server.
    const first = raters[0]!;
    await first.reload();
    await waitToSee(first.getByRole("heading", { name: CHOSEN[0]!.name }));
    expect(await first.getByLabel("Comment (optional)").inputValue()).toBe("Knowledge base is not ready");
    expect(await first.getByRole("radio", { name: "Don't know" }).first().isChecked()).toBe(true);

    // Blind: no results on the rater's page, and the API refuses them to a rater key.
    expect(await first.getByRole("heading", { name: "Ranking" }).count()).toBe(0);
    const refused = await first.evaluate(async (id) => {
      const { sessionStorage } = globalThis as unknown as {
        sessionStorage: { getItem(key: string): string };
      };
      const { key } = JSON.parse(sessionStorage.getItem("cxprism.session")) as { key: string };
      const answers = [];
      for (const path of ["results", "matrix.svg", "export.csv", "ratings/bob"]) {
        const response = await fetch(`/v1/portfolios/${id}/${path}`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        answers.push({
          status: response.status,
          reason: ((await response.json()) as { reason?: string }).reason,
        });
      }
      return answers;
    }, workshopId);
    expect(refused).toEqual(Array(4).fill({ status: 403, reason: "blind" }));

    // Live progress on the facilitator's page, each rater by the name they were invited with.
    for (const name of RATERS)
      await expect
        .poll(() => facilitator.getByRole("row", { name: new RegExp(`^${name}`) }).textContent(), {
          timeout: 5_000,
        })
        .toContain(`${CHOSEN.length} of ${CHOSEN.length}`);

    // Reveal: the core's matrix, the ranking, the discussion and Kendall's W.
    await facilitator.getByRole("button", { name: "Reveal results" }).click();
    await facilitator.getByRole("img", { name: "Prism matrix" }).waitFor({ timeout: 20_000 });
    expect(await facilitator.locator("figure.matrix svg").count()).toBe(1);
    await facilitator.getByRole("heading", { name: "Discuss first" }).waitFor();
    await facilitator.getByText(/Kendall's W = \d\.\d\d among 5 raters/).waitFor();
    await facilitator
      .getByText(/top-3 in \d+% of plausible worlds/)
      .first()
      .waitFor({ timeout: 20_000 });
    await expectAccessible(facilitator, "reveal");
    if (SHOTS) await facilitator.screenshot({ path: join(SHOTS, "reveal-1440.png"), fullPage: true });

    // Re-vote one initiative: the first rater changes it in round 2; round 1 is kept for comparison.
    const again = CHOSEN[1]!;
    await facilitator
      .getByRole("group", { name: "Re-vote" })
      .getByRole("checkbox", { name: again.name })
      .check();
    await facilitator.getByRole("button", { name: "Start re-vote" }).click();
    await facilitator.getByText("Round 2").first().waitFor();
    await first.reload();
    await first.getByText("Round 2: only the reopened initiatives can change.").waitFor();
    await first.getByRole("button", { name: "Next" }).click();
    await waitToSee(first.getByRole("heading", { name: again.name }));
    await rateInitiative(first, () => 5);
    await expect
      .poll(() => facilitator.getByRole("row", { name: /^Ann/ }).textContent(), { timeout: 5_000 })
      .toContain("1 of 1");
    await facilitator.getByRole("button", { name: "Reveal results" }).click();
    await facilitator.getByRole("table", { name: "Round 1 compared with now" }).waitFor({ timeout: 20_000 });

    // Plan with a budget.
    await facilitator.getByLabel("Budget").fill("600000");
    await facilitator.getByRole("button", { name: "Make plan" }).click();
    await facilitator.getByText("Wave 1", { exact: true }).waitFor();

    // Export the CSV and read it back with the CLI: the same ranking as the page.
    const ranking = await facilitator
      .getByRole("table", { name: "Ranking" })
      .getByRole("rowheader")
      .allTextContents();
    expect(ranking).toHaveLength(CHOSEN.length);
    const [download] = await Promise.all([
      facilitator.waitForEvent("download"),
      facilitator.getByRole("button", { name: /Ratings CSV/ }).click(),
    ]);
    const file = join(dataDir, "export.csv");
    await download.saveAs(file);
    const scored = runCli(["score", file, "--format", "json", "--missing", "neutral"]);
    expect(scored.stderr).toBe("");
    const body = JSON.parse(scored.stdout) as
      | { results?: { name: string; rank: number }[] }
      | { name: string }[];
    const results = Array.isArray(body) ? body : body.results!;
    expect(results.map((result) => result.name)).toEqual(ranking);
  }, 300_000);

  it("shows a clear page for a revoked link, an unknown link and a deleted workshop", async () => {
    const key = new URLSearchParams(new URL(facilitatorLink).hash.slice(1)).get("key")!;
    const origin = new URL(facilitatorLink).origin;
    const api = async (method: string, path: string, body?: unknown) =>
      fetch(`${origin}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const portfolio = (await (await api("POST", "/v1/portfolios", { name: "Short-lived" })).json()) as {
      id: string;
    };
    const zed = (await (
      await api("POST", `/v1/portfolios/${portfolio.id}/invites`, { role: "rater", rater: "zed" })
    ).json()) as {
      id: string;
      link: string;
    };
    const yan = (await (
      await api("POST", `/v1/portfolios/${portfolio.id}/invites`, { role: "viewer" })
    ).json()) as { link: string };
    expect((await api("DELETE", `/v1/portfolios/${portfolio.id}/invites/${zed.id}`)).status).toBe(200);

    const revoked = await open(`${origin}${zed.link}`);
    await revoked.getByRole("heading", { name: "This link was revoked" }).waitFor();
    await expectAccessible(revoked, "revoked link page");
    const unknown = await open(`${origin}/#key=cxp_unknown&workshop=${portfolio.id}`);
    await unknown.getByRole("heading", { name: "This link is not known" }).waitFor();
    expect((await api("DELETE", `/v1/portfolios/${portfolio.id}`)).status).toBe(204);
    const deleted = await open(`${origin}${yan.link}`);
    await deleted.getByRole("heading", { name: "This workshop no longer exists" }).waitFor();
    const signIn = await open(`${origin}/`);
    await signIn.getByRole("heading", { name: "Sign in" }).waitFor();
    await expectAccessible(signIn, "sign-in page");
  }, 120_000);

  it("opens a rater's link through a dropped connection and a busy server, and says so when it stays away", async () => {
    const origin = new URL(facilitatorLink).origin;
    const { api } = workshop;
    const portfolio = (await api("POST", "/v1/portfolios", { name: "On the venue's Wi-Fi" })) as {
      id: string;
    };
    const base = `/v1/portfolios/${portfolio.id}`;
    await api("POST", `${base}/initiatives/import`, { initiatives: [{ id: "faq-bot", name: "FAQ bot" }] });
    const invite = (await api("POST", `${base}/invites`, { role: "rater", rater: "kit" })) as {
      link: string;
    };
    /** A busy server's answer, as the API gives it. */
    const busy = (detail: string, retryAfter: string) => ({
      status: 503,
      headers: { "Content-Type": "application/problem+json", "Retry-After": retryAfter },
      body: JSON.stringify({ status: 503, title: "Service unavailable", detail }),
    });

    // The faults a real server cannot be made to give on cue: the first answer of the workshop read is a
    // busy server's 503, the first read of the initiatives loses its connection.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const seen = { workshop: [] as number[], initiatives: [] as number[] };
    await context.route(`**${base}/workshop`, async (route) => {
      seen.workshop.push(Date.now());
      if (seen.workshop.length > 1) return route.continue();
      await route.fulfill(busy("The store is busy.", "1"));
    });
    await context.route(`**${base}/initiatives?*`, async (route) => {
      seen.initiatives.push(Date.now());
      if (seen.initiatives.length > 1) return route.continue();
      await route.abort("connectionreset");
    });
    const page = await context.newPage();
    await page.goto(`${origin}${invite.link}`);
    await page.getByRole("heading", { name: "FAQ bot" }).waitFor();
    expect(seen.workshop).toHaveLength(2);
    expect(seen.initiatives).toHaveLength(2);
    // The second try waited as the 503's Retry-After asked (1 s), not the first step's half second.
    expect(seen.workshop[1]! - seen.workshop[0]!).toBeGreaterThanOrEqual(950);

    // A server that stays away: five tries (no wait asked), then the page says so, with the server's words.
    await context.unrouteAll();
    let tries = 0;
    await context.route(`**${base}/workshop`, (route) => {
      tries += 1;
      return route.fulfill(busy("The store is away.", "0"));
    });
    await page.reload();
    await page.getByRole("heading", { name: "The server is busy" }).waitFor();
    await page.getByText("The store is away. Nothing you rated is lost. Try again in a minute.").waitFor();
    expect(tries).toBe(5);
    await expectAccessible(page, "problem page after retries");
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "rater-server-away.png") });
  }, 120_000);
});
