/**
 * "Plan my term" on /check (issue 16), in a browser against the production server: a New York
 * learner with a 9–5 job and Tuesday soccer chooses PM-101 and DA-110 and plans them together. The
 * rows are the planner's own answer (planTerm here, on the same file and zone), best first, each
 * with why it ranks below the one above; PM-101-S1 (Tuesday evenings) is cut before judging and
 * the page says why; axe on the plans; a phone-width screenshot.
 */
import { expect, test } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { loadCatalog } from "@/lib/catalog";
import { preferencesFrom } from "@/lib/fit/preferences";
import { planJson, planTerm } from "@/lib/plan";
import { join } from "node:path";
import { describeE2E, expectAccessible, screenshot, screenshotDir, useE2E } from "./harness";

const ZONE = "America/New_York";
const WAIT = 45_000;
const WEEK = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//FormatFit e2e//plan//EN",
  "BEGIN:VEVENT",
  "UID:work@plan.e2e",
  "DTSTAMP:20261201T000000Z",
  "SUMMARY:Work",
  "DTSTART;TZID=America/New_York:20270111T090000",
  "DTEND;TZID=America/New_York:20270111T170000",
  "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:soccer@plan.e2e",
  "DTSTAMP:20261201T000000Z",
  "SUMMARY:Soccer",
  "DTSTART;TZID=America/New_York:20270112T183000",
  "DTEND;TZID=America/New_York:20270112T200000",
  "RRULE:FREQ=WEEKLY;BYDAY=TU",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

/** The planner's answer for this learner, as the page must show it. */
const expected = planJson(planTerm({ catalog: loadCatalog({ env: {} }), sources: [{ name: "week.ics", origin: "upload", bytes: new TextEncoder().encode(WEEK) }], preferences: preferencesFrom({ timeZone: ZONE }), courseIds: ["PM-101", "DA-110"] }));
const TEXT = { fits: "Fits", "fits-with-tradeoffs": "Fits with trade-offs", "does-not-fit": "Does not fit" } as const;

describeE2E("Plan my term on /check", () => {
  const e2e = useE2E("plan");

  async function planPage(options: BrowserContextOptions): Promise<{ page: Page; errors: string[] }> {
    const page = await e2e.newPage({ timezoneId: ZONE, ...options }, WAIT);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    expect((await page.goto(`${e2e.base()}/check`, { waitUntil: "load" }))?.status()).toBe(200);
    await page.locator('input[type="file"]').setInputFiles([{ name: "week.ics", mimeType: "text/calendar", buffer: Buffer.from(WEEK) }]);
    await expect.poll(() => page.getByRole("list", { name: "Calendars added" }).locator("li p").first().textContent(), { timeout: WAIT }).toMatch(/^2 events/);
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    // One course: no plan to make yet.
    expect(await page.getByRole("button", { name: /^Plan my term/ }).count()).toBe(0);
    await page.getByRole("checkbox", { name: /^DA-110 Data Analytics Fundamentals/ }).check();
    await page.getByRole("button", { name: "Plan my term: 2 courses together" }).click();
    await page.getByRole("heading", { name: "Plans for your term", exact: true }).waitFor({ timeout: WAIT });
    return { page, errors };
  }

  test("the plans as rows, best first, as the planner ranks them, with why each is below the one above; what was cut and why", async () => {
    const { page, errors } = await planPage({ viewport: { width: 1280, height: 900 } });
    const table = page.getByRole("region", { name: "Plans, best first" }).locator("table");
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim())));
    expect(rows).toEqual(
      expected.plans.map((p, i) => [
        String(i + 1),
        p.sectionIds.join(" + "),
        TEXT[p.verdict],
        String(p.missedSessions + p.unmetDeadlines),
        `${p.clashes.calendar} / ${p.clashes.between}`,
        `${p.weeklyHours.required} / ${p.weeklyHours.tightestWeekAvailable}`,
        p.belowBecause ?? "Best by the ranking rules.",
      ]),
    );
    expect(rows[0]?.[1]).toBe("PM-101-H1 + DA-110-S1");
    // The best plan's week, drawn: the usual busy time and both sections' sessions on it.
    const week = page.locator(".plan-results details").first().getByRole("img", { name: /^Your usual week with the live sessions of PM-101-H1 and DA-110-S1: shading shows/ });
    expect(await week.count()).toBe(1);
    expect(await week.locator("g.block").count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole("status").filter({ hasText: "combinations of one section each" }).textContent()).toMatch(/^9 combinations of one section each of PM-101, DA-110; 3 cut before judging/);
    await page.locator("summary", { hasText: /^Cut before judging/ }).click();
    expect(await page.locator(".plan-results details li").last().textContent()).toMatch(/^PM-101-S1 does not fit on its own: .* \(3 combinations\)$/);
    await expectAccessible(page, "/check with plans");
    await page.locator(".results.plan").screenshot({ path: join(screenshotDir, "check-plan-results-1280.png") });
    expect(errors).toEqual([]);
  });

  test("a plan saved as a report: the advisor's view of it judges its sections together", async () => {
    const { page, errors } = await planPage({ viewport: { width: 1280, height: 900 } });
    const save = page.getByRole("region", { name: "Save plan 1 as a report" });
    expect(await save.getByLabel("Title", { exact: true }).inputValue()).toBe("My term: PM-101-H1 + DA-110-S1");
    await Promise.all([page.waitForURL(/\/reports\/[^/]+$/, { timeout: WAIT }), save.getByRole("button", { name: "Save report" }).click()]);
    const together = page.locator("article.report h2", { hasText: /^All chosen sections together:/ });
    expect(await together.textContent()).toBe("All chosen sections together: Fits");
    const text = (await page.locator("article.report").textContent()) ?? "";
    for (const id of ["PM-101-H1", "DA-110-S1"]) expect(text).toContain(id);
    expect(text).not.toContain("PM-101-S1");
    expect(errors).toEqual([]);
  });

  test("at 390 px the plans fit the screen (the table scrolls in its own region)", async () => {
    const { page } = await planPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, "check-plan-390");
    await page.locator(".results.plan").screenshot({ path: join(screenshotDir, "check-plan-results-390.png") });
  });
});
