/**
 * The check form (issue 15) in real Chromium against the production server: the course list
 * filtered live with a count a screen reader hears, chosen courses and sections as chips that
 * remove them (by mouse and by keyboard, focus kept), "Your week" folded behind a summary of the
 * zone and settings, the message when only unusable files were added, the one line that says
 * connecting Google or Outlook is not set up, and the favicon. Screenshots at 1280 and 390 px.
 *
 * The browser lives in America/New_York.
 */
import { expect, test } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { loadCatalog } from "@/lib/catalog";
import { describeE2E, expectAccessible, screenshot, useE2E } from "./harness";

const ZONE = "America/New_York";
const WAIT = 45_000;
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, timezoneId: ZONE };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: ZONE };
const TOTAL = loadCatalog({ env: {} }).courses.length;

/** The smallest PNG header: enough for the importer to recognise an image. */
const PNG_BYTES = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const HTML_BYTES = Buffer.from("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>\n");

describeE2E("the check form: course filter and chips, your week folded, unusable files, connect, favicon", () => {
  const e2e = useE2E("form");
  const base = e2e.base;

  async function openCheck(options: BrowserContextOptions, errors: string[] = []): Promise<Page> {
    const page = await e2e.newPage(options, WAIT);
    page.on("pageerror", (err) => errors.push(err.message));
    const res = await page.goto(`${base()}/check`, { waitUntil: "load" });
    expect(res?.status(), "GET /check").toBe(200);
    // Hydrated once "Your week" names the browser's zone.
    await expect.poll(() => page.locator("details.week > summary").textContent(), { timeout: WAIT }).toContain("America/New York (from your browser)");
    return page;
  }

  const status = (page: Page) => page.locator('[role="status"]').filter({ hasText: /course/ }).first();
  const listed = (page: Page) => page.getByRole("group", { name: "Courses" }).locator(".course-row label");
  const chips = (page: Page) => page.locator("ul.chips button.chip");

  test("the filter narrows the list as one types, and says how many match; a section id opens its course's sections", async () => {
    const errors: string[] = [];
    const page = await openCheck(DESKTOP, errors);
    const search = page.getByLabel("Find a course (code, title or section)");
    expect(await search.getAttribute("type")).toBe("search");
    expect(await status(page).textContent()).toBe(`${TOTAL} courses.`);
    expect(await listed(page).count()).toBe(TOTAL);

    await search.fill("data");
    await expect.poll(() => status(page).textContent()).toBe(`2 of ${TOTAL} courses match “data”.`);
    expect((await listed(page).allTextContents()).map((t) => t.split(" ")[0])).toEqual(["DA-110", "DA-120"]);

    // Case and accents do not matter; several words must all match.
    await search.fill("MANAGEMENT projéct");
    await expect.poll(() => status(page).textContent()).toBe(`2 of ${TOTAL} courses match “MANAGEMENT projéct”.`);
    expect((await listed(page).allTextContents()).map((t) => t.split(" ")[0])).toEqual(["PM-101", "AGL-140"]);

    await search.fill("astrophysics");
    await expect.poll(() => status(page).textContent()).toBe("No course matches “astrophysics”. Try a course code such as PM-101 or a word from its title.");
    expect(await listed(page).count()).toBe(0);

    // A section's id finds its course with the sections open, so the section can be ticked at once.
    await search.fill("pm-101-s1");
    await expect.poll(() => status(page).textContent()).toBe(`1 of ${TOTAL} courses matches “pm-101-s1”.`);
    const s1 = page.getByRole("checkbox", { name: /^PM-101-S1 synchronous/ });
    expect(await s1.isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Sections of PM-101" }).getAttribute("aria-expanded")).toBe("true");
    await s1.check();
    await page.getByRole("button", { name: "Remove PM-101-S1" }).waitFor();

    // Enter in the filter does not submit the form: it goes to the first match.
    await search.press("Enter");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? "")).toMatch(/-c-PM-101$/);
    expect(await page.locator("form p.error[role=alert]").count(), "no submit from the filter").toBe(0);
    expect(errors).toEqual([]);
  });

  test("chips: each chosen course or section is a chip that removes it; a whole course covers its sections; focus stays in the chips", async () => {
    const page = await openCheck(DESKTOP);
    expect(((await page.locator(".chosen").textContent()) ?? "").replace(/\s+/g, " ").trim()).toBe("Chosen: nothing yet.");
    await page.getByRole("button", { name: "Sections of PM-101" }).click();
    await page.getByRole("checkbox", { name: /^PM-101-A1 asynchronous/ }).check();
    expect(await chips(page).allTextContents()).toEqual(["PM-101-A1 ×"]);

    // Choosing the whole course replaces its single section (the course covers all three).
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    await page.getByRole("checkbox", { name: /^DA-110 Data Analytics Fundamentals/ }).check();
    await page.getByRole("checkbox", { name: /^UX-130 UX Design Fundamentals/ }).check();
    expect(await chips(page).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")))).toEqual(["Remove PM-101", "Remove DA-110", "Remove UX-130"]);
    expect(await page.getByRole("checkbox", { name: /^PM-101-A1 / }).isDisabled(), "a section of a chosen course is locked").toBe(true);
    // With two or more chosen, "together" is offered.
    await page.getByLabel(/Also judge the chosen sections together/).waitFor();

    // A click removes; focus moves to the chip that took its place.
    await page.getByRole("button", { name: "Remove DA-110" }).click();
    // React re-renders, then focus moves in the next animation frame: wait for both (a loaded machine is slow).
    await expect.poll(() => chips(page).evaluateAll((els) => els.map((el) => el.getAttribute("aria-label")))).toEqual(["Remove PM-101", "Remove UX-130"]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Remove UX-130");
    expect(await page.getByRole("checkbox", { name: /^DA-110 / }).isChecked()).toBe(false);

    // The keyboard: Enter on the focused chip removes it too; focus goes to the one before.
    await page.keyboard.press("Enter");
    await expect.poll(() => chips(page).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Remove PM-101");
    expect(await page.getByLabel(/Also judge the chosen sections together/).count(), "one chosen: nothing to judge together").toBe(0);
    // The last chip gone, focus goes to the filter.
    await page.keyboard.press("Space");
    await expect.poll(() => chips(page).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("search");
    expect(await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).isChecked()).toBe(false);
  });

  test("Your week is folded behind a summary of the detected zone and the settings; changing one changes the summary", async () => {
    const page = await openCheck(DESKTOP);
    const week = page.locator("details.week");
    const summary = week.locator("> summary");
    expect(await week.evaluate((d) => (d as HTMLDetailsElement).open), "folded at first").toBe(false);
    expect(((await summary.textContent()) ?? "").replace(/\s+/g, " ").trim()).toBe(
      "3. Your week: America/New York (from your browser), study 07:00–22:00, sleep 23:00–06:00 — change",
    );
    expect(await page.getByLabel("I sleep from").isVisible(), "the fields are folded away").toBe(false);

    await summary.click();
    await page.getByLabel("I sleep from").fill("00:30");
    await page.getByLabel("Buffer after each event (minutes)").fill("15");
    await page.getByLabel("Your time zone").selectOption("Europe/London");
    await expect.poll(async () => ((await summary.textContent()) ?? "").replace(/\s+/g, " ").trim()).toBe(
      "3. Your week: Europe/London, study 07:00–22:00, sleep 00:30–06:00, buffers 0/15 min before/after events — change",
    );
  });

  test("only unusable files: the check names them and says what to do (not 'Add at least one calendar first')", async () => {
    const page = await openCheck(DESKTOP);
    await page.locator('input[type="file"]').setInputFiles([
      { name: "screenshot.png", mimeType: "image/png", buffer: PNG_BYTES },
      { name: "basic.ics", mimeType: "text/calendar", buffer: HTML_BYTES },
    ]);
    const items = page.getByRole("list", { name: "Calendars added" }).locator("li.bad");
    await expect.poll(() => items.count(), { timeout: WAIT }).toBe(2);
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    const alert = page.locator("form p.error[role=alert]");
    await expect.poll(() => alert.textContent(), { timeout: WAIT }).toBe(
      "The 2 files you added could not be used: screenshot.png and basic.ics. Export your calendar as an .ics file and add that (Google Calendar: Settings → Import & export → Export; Outlook: File → Save Calendar; Apple Calendar: File → Export), or paste the calendar's .ics address. Each one that could not be used is marked above with the reason; remove it.",
    );
    expect(await page.getByRole("heading", { name: "Your result" }).count(), "no check was sent").toBe(0);
    await screenshot(page, "form-unusable-files-1280");
  });

  test("connect: with no Google or Microsoft configured, one line says so and what to do instead", async () => {
    const page = await openCheck(DESKTOP);
    const line = page.locator("p.connect-off");
    expect(await line.textContent()).toBe("Connecting Google or Outlook is not set up on this server; upload an .ics file or paste its address instead.");
    expect(await page.getByRole("button", { name: /Connect Google|Connect Outlook/ }).count()).toBe(0);
  });

  test("favicon: /favicon.ico and /icon.svg answer 200 with an image, and pages link the icon", async () => {
    const page = await openCheck(DESKTOP);
    const ico = await page.request.get(`${base()}/favicon.ico`);
    expect(ico.status()).toBe(200);
    expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = await ico.body();
    expect([...bytes.subarray(0, 4)], "an ICO header").toEqual([0, 0, 1, 0]);
    const svg = await page.request.get(`${base()}/icon.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    const icons = await page.locator('head link[rel="icon"]').evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    expect(icons).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg"]));
  });

  test("axe and screenshots: the form with chips at 1280 px and 390 px, Your week open on the phone", async () => {
    for (const [label, options] of [
      ["1280", DESKTOP],
      ["390", PHONE],
    ] as const) {
      const page = await openCheck(options);
      await page.getByLabel("Find a course (code, title or section)").fill("man");
      await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
      await page.getByRole("checkbox", { name: /^HR-200 / }).check();
      await page.getByRole("button", { name: "Sections of SCM-210" }).click();
      await page.getByRole("checkbox", { name: /^SCM-210-H1 / }).check();
      await expect.poll(() => chips(page).count()).toBe(3);
      // Nothing runs off the side of the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${label}: no horizontal scroll`).toBe(true);
      await expectAccessible(page, `/check form with chips at ${label} px`);
      await screenshot(page, `form-chips-${label}`);
      if (label === "390") {
        await page.locator("details.week > summary").click();
        await expectAccessible(page, "/check with Your week open at 390 px");
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "390: no horizontal scroll with Your week open").toBe(true);
        await screenshot(page, "form-week-open-390");
      }
    }
  });
});
