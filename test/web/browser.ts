// page.evaluate callbacks run in the browser: they use its globals.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defaultModel } from "@cxprism/core";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's chromium: the README's test command installs it (scripts/ensure-system-deps.sh). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Launches headless Debian chromium with no network side traffic. Playwright gives every launch a fresh
 * temporary profile, removed when the browser closes.
 *
 * @returns the browser
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The part of axe-core's API the test calls inside the page. */
interface Axe {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  }>;
}

/** One axe-core finding, as the test reports it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core (from npm, injected into the page: nothing fetched) and answers the serious and critical
 * violations, WCAG 2 A and AA rules.
 *
 * @param page - the page as it stands
 * @returns the violations that matter
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const inPage = globalThis as unknown as { document: unknown; axe: Axe };
    const result = await inPage.axe.run(inPage.document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] },
    });
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
      }));
  });
}

/**
 * Rates every criterion of the default model on the initiative the rater's page shows, and waits until the
 * page says it saved.
 *
 * @param page - a rater's page
 * @param pick - the level (1-5) for the criterion at this index, or null for "Don't know"
 */
export async function rateInitiative(page: Page, pick: (criterion: number) => number | null) {
  for (const [index, criterion] of defaultModel.criteria.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^${criterion.label}`) });
    const value = pick(index);
    if (value === null) await group.getByRole("radio", { name: "Don't know" }).check();
    else
      await group
        .getByRole("radio")
        .nth(value - 1)
        .check();
  }
  await expect
    .poll(() => page.getByRole("status").filter({ hasText: "Saved" }).count(), { timeout: 15_000 })
    .toBe(1);
}

/**
 * Waits until the locator shows; when it does not, the error also says what the page showed instead (its
 * address and visible text): a problem page, a spinner or another step, which a timeout alone leaves out.
 *
 * @param locator - what should appear
 */
export async function waitToSee(locator: Locator): Promise<void> {
  try {
    await locator.waitFor();
  } catch (error) {
    const page = locator.page();
    const text = await page
      .locator("body")
      // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out is what a person saw
      .innerText({ timeout: 2000 })
      .catch((reason: unknown) => `(unreadable: ${String(reason)})`);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nthe page at ${page.url()} showed:\n${text.slice(0, 2000)}`,
    );
  }
}
