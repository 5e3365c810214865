/**
 * Fit-first browsing on /catalog (issue 16): a New York learner loads their spring 2027 calendar
 * once; every section in the list is marked with the verdict the check gives for it (computed here
 * with runCheck on the same file and zone); "only sections that fit" hides exactly the ones that do
 * not; the marks survive a reload and a filter (session storage, this tab only) and go with
 * "Forget this calendar"; axe before and after; a phone-width screenshot with no sideways scroll.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { loadCatalog } from "@/lib/catalog";
import { runCheck } from "@/lib/check/run";
import { preferencesFrom } from "@/lib/fit/preferences";
import { describeE2E, expectAccessible, repoRoot, screenshot, useE2E } from "./harness";

const ZONE = "America/New_York";
const LEARNER = join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics");
const WAIT = 45_000;
const TEXT = { fits: "Fits", "fits-with-tradeoffs": "Fits with trade-offs", "does-not-fit": "Does not fit" } as const;

/** What the check says of every section for this learner: the marks the page must show. */
const expected = (() => {
  const outcome = runCheck({ catalog: loadCatalog({ env: {} }), sources: [{ name: "learner-spring-2027.ics", origin: "upload", bytes: new Uint8Array(readFileSync(LEARNER)) }], preferences: preferencesFrom({ timeZone: ZONE }) });
  return new Map(outcome.result.sections.map((s) => [s.section.id, s.verdict]));
})();

describeE2E("fit-first catalog: every section marked against the learner's calendar", () => {
  const e2e = useE2E("fit-first");

  async function open(width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await e2e.newPage({ viewport: { width, height: 900 }, timezoneId: ZONE }, WAIT);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(`${e2e.base()}/catalog?tz=${encodeURIComponent(ZONE)}`, { waitUntil: "load" });
    expect(res?.status()).toBe(200);
    return { page, errors };
  }

  /** Section id → the verdict text shown beside it ("" when none). */
  async function marks(page: Page): Promise<Map<string, string>> {
    const rows = await page.locator("ul.section-list > li").evaluateAll((lis) =>
      lis.map((li) => [li.querySelector(":scope > strong")?.textContent?.trim() ?? "", li.querySelector(".fit-chip .verdict")?.childNodes[0]?.textContent?.trim() ?? ""] as const),
    );
    return new Map(rows);
  }

  async function visibleIds(page: Page): Promise<string[]> {
    return page.locator("ul.section-list > li").evaluateAll((lis) => lis.filter((li) => (li as HTMLElement).offsetParent !== null).map((li) => li.querySelector(":scope > strong")?.textContent?.trim() ?? ""));
  }

  test("load a calendar once: each section is marked as the check judges it; the filter hides exactly the ones that do not fit; kept across a reload; forgotten on request", async () => {
    const { page, errors } = await open(1280);
    expect([...(await marks(page)).values()].every((m) => m === "")).toBe(true);
    await page.getByLabel("Your calendar (.ics)").setInputFiles(LEARNER);
    await page.getByRole("button", { name: "Check every section against my calendar" }).click();
    await expect.poll(async () => [...(await marks(page)).values()].filter((m) => m !== "").length, { timeout: WAIT }).toBe(expected.size);
    const shown = await marks(page);
    for (const [id, verdict] of expected) expect([id, shown.get(id)]).toEqual([id, TEXT[verdict]]);
    const fitting = [...expected].filter(([, v]) => v !== "does-not-fit").map(([id]) => id);
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting.length).toBeLessThan(expected.size); // so the filter has something to hide
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Checked against" }).textContent()).toMatch(
      new RegExp(`^Checked against learner-spring-2027\\.ics: ${fitting.length} sections of ${expected.size} listed here fit your week`),
    );
    await expectAccessible(page, "/catalog with every section marked");

    await page.getByLabel("Show only sections that fit (with or without trade-offs)").check();
    expect((await visibleIds(page)).sort()).toEqual([...fitting].sort());

    // Another page load in the same tab (a filter, a reload): the marks are still there.
    await page.reload({ waitUntil: "load" });
    await expect.poll(async () => (await marks(page)).get("PM-101-S1"), { timeout: WAIT }).toBe(TEXT[expected.get("PM-101-S1") ?? "fits"]);
    await page.getByRole("button", { name: "Forget this calendar" }).click();
    await expect.poll(async () => [...(await marks(page)).values()].every((m) => m === "")).toBe(true);
    expect(errors).toEqual([]);
  });

  test("at 390 px: the form and the marks fit the screen (no sideways scrolling)", async () => {
    const { page } = await open(390);
    await page.getByLabel("Your calendar (.ics)").setInputFiles(LEARNER);
    await page.getByRole("button", { name: "Check every section against my calendar" }).click();
    await expect.poll(async () => [...(await marks(page)).values()].filter((m) => m !== "").length, { timeout: WAIT }).toBe(expected.size);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "catalog-fit-first-390");
  });
});
