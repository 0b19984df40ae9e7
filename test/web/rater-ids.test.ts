// Two people called Sam and one called Import, invited in Debian's chromium against `pnpm serve`: each rates
// under their own rater id, none joins the imported ratings, and nobody's ratings replace anybody else's.
import { join } from "node:path";
import { catalog, defaultModel } from "@cxprism/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, rateInitiative, seriousViolations, waitToSee } from "./browser.js";
import { startWorkshopServer, type WorkshopServer } from "./workshop-server.js";

/** Two catalog use cases, in the order the API lists initiatives (by id). */
const CHOSEN = catalog.slice(0, 2).sort((a, b) => (a.id < b.id ? -1 : 1));
const SHOTS = process.env.CXPRISM_SCREENSHOTS;

let workshop: WorkshopServer;
let browser: Browser;

beforeAll(async () => {
  workshop = await startWorkshopServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workshop?.stop();
});

async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe("rater ids in the invites panel", () => {
  it("keeps two Sams and an Import apart from each other and from the imported ratings", async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(`server log:\n${workshop.server.stderr()}`));
    const { facilitatorLink, api } = workshop;

    const facilitator = await open(facilitatorLink);
    await facilitator.getByRole("button", { name: "All workshops" }).click();
    await facilitator.getByLabel("Workshop name").fill("Same names");
    await facilitator.getByRole("button", { name: "Untick all" }).click();
    for (const useCase of CHOSEN)
      await facilitator.getByRole("checkbox", { name: new RegExp(useCase.name) }).check();
    await facilitator.getByRole("button", { name: "Create workshop" }).click();
    await facilitator.getByRole("heading", { name: "Same names" }).waitFor();
    const workshopId = decodeURIComponent(/workshop=([^&]+)/.exec(facilitator.url())![1]!);
    const base = `/v1/portfolios/${encodeURIComponent(workshopId)}`;

    // Ratings that came with an import sit under the API's rater id `import`.
    const all = (level: number) => Object.fromEntries(defaultModel.criteria.map((c) => [c.id, level]));
    await api("PUT", `${base}/ratings/import`, { ratings: { [CHOSEN[0]!.id]: all(1) } });
    await facilitator.getByRole("row", { name: /^Imported ratings/ }).waitFor();

    const invited: { label: string; link: string }[] = [];
    for (const [typed, label] of [
      ["Sam", "Sam"],
      ["Sam", "Sam (2)"],
      ["Import", "Import"],
    ] as const) {
      await facilitator.getByLabel("Rater's name").fill(typed);
      await facilitator.getByRole("button", { name: "Invite rater" }).click();
      const link = facilitator.getByRole("textbox", { name: `Link for ${label}` });
      await link.waitFor();
      invited.push({ label, link: await link.inputValue() });
      if (label === "Sam (2)") {
        await facilitator.getByRole("status").filter({ hasText: "Invited as Sam (2)" }).waitFor();
        if (SHOTS)
          await facilitator
            .getByRole("region", { name: "Invite" })
            .screenshot({ path: join(SHOTS, "invites-second-sam.png") });
      }
    }
    await facilitator.getByText("Ratings saved as rater import-2").waitFor();
    const invites = (await api("GET", `${base}/invites`)) as { items: { rater: string; label: string }[] };
    expect(invites.items.map(({ rater, label }) => [rater, label])).toEqual([
      ["sam", "Sam"],
      ["sam-2", "Sam (2)"],
      ["import-2", "Import"],
    ]);

    // Each person rates both initiatives at their own level: 3, 4 and 5.
    for (const [r, { link }] of invited.entries()) {
      const page = await open(link);
      for (const [i, useCase] of CHOSEN.entries()) {
        await waitToSee(page.getByRole("heading", { name: useCase.name }));
        await rateInitiative(page, () => 3 + r);
        if (i < CHOSEN.length - 1) await page.getByRole("button", { name: "Next" }).click();
      }
      await page.getByText(`You have rated ${CHOSEN.length} of ${CHOSEN.length}.`).waitFor();
      await page.context().close();
    }

    // Four rows in the progress panel, each person's own, and the imported ratings untouched.
    const progress = facilitator.getByRole("region", { name: "Progress" });
    for (const [name, rated] of [
      ["Imported ratings", 1],
      ["Import", CHOSEN.length],
      ["Sam", CHOSEN.length],
      ["Sam (2)", CHOSEN.length],
    ] as const) {
      const bar = progress.getByRole("progressbar", {
        name: `${name}: ${rated} of ${CHOSEN.length}`,
        exact: true,
      });
      await expect.poll(() => bar.count(), { timeout: 10_000 }).toBe(1);
    }
    expect(await progress.getByRole("row").count()).toBe(5);
    expect(await seriousViolations(facilitator)).toEqual([]);
    if (SHOTS)
      await facilitator
        .locator(".columns")
        .first()
        .screenshot({ path: join(SHOTS, "invites-two-sams.png") });

    // The second Sam lost their link: revoked and invited again, they continue their own ratings.
    await facilitator
      .getByRole("listitem")
      .filter({ has: facilitator.getByRole("textbox", { name: "Link for Sam (2)" }) })
      .getByRole("button", { name: "Revoke" })
      .click();
    await facilitator.getByText("Revoked. Inviting the same name again continues these ratings.").waitFor();
    await facilitator.getByLabel("Rater's name").fill("Sam");
    await facilitator.getByRole("button", { name: "Invite rater" }).click();
    const again = facilitator.getByRole("textbox", { name: "Link for Sam (2)" });
    await again.waitFor();
    const samAgain = await open(await again.inputValue());
    await samAgain.getByText(`You have rated ${CHOSEN.length} of ${CHOSEN.length}.`).waitFor();
    await samAgain.context().close();
    expect(await progress.getByRole("progressbar").count()).toBe(4);

    // No rating was lost: every rater's stored ratings are the level they chose.
    const stored = (await api("GET", `${base}/ratings`)) as {
      items: { initiativeId: string; rater: string; ratings: Record<string, number | null> }[];
    };
    const levels = stored.items
      .map(
        ({ initiativeId, rater, ratings }) =>
          `${rater} ${initiativeId} ${[...new Set(Object.values(ratings))].join()}`,
      )
      .sort();
    const [first, second] = CHOSEN.map((useCase) => useCase.id);
    expect(levels).toEqual(
      [
        `import ${first} 1`,
        `import-2 ${first} 5`,
        `import-2 ${second} 5`,
        `sam ${first} 3`,
        `sam ${second} 3`,
        `sam-2 ${first} 4`,
        `sam-2 ${second} 4`,
      ].sort(),
    );
  }, 240_000);
});
