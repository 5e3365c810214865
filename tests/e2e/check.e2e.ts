/**
 * /check through a real browser against the production server: three calendars picked at once (a
 * Google export, an Outlook export and the learner's spring 2027 calendar) are each listed with
 * their event count and dates; checking course PM-101 compares its three formats (all "Does not
 * fit" for this learner, with the clashes in the reasons); the answer comes first as a table (a
 * row per course, a column per format, each cell a verdict, a line of why and a link that opens the
 * section's folded detail); a section's detail draws the learner's week with its sessions and the
 * term strip, with the clashing sessions table, and the weekly load chart, each with its table;
 * the term heat map sits beside the what-if controls right under the answer; ignoring Thursday
 * soccer (what-if) turns PM-101-S1 from 16 clashes and "Does not fit" into 6 and "Fits with
 * trade-offs", in the table and in the pictures; the study plan is previewed as a week, and the
 * downloaded plan reads back through our importer, holds the previewed week's blocks and misses
 * every busy time; a refused URL and non-calendar files are explained on the page; axe before and
 * after results; screenshots at desktop and phone widths; the page's height for three courses.
 *
 * The browser lives in America/New_York (the check uses the browser's zone), so times on the
 * page are the learner's own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { findSection, loadCatalog } from "@/lib/catalog";
import { sessionRows } from "@/lib/catalog/describe";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";
import { describeE2E, expectAccessible, launchBrowser, repoRoot, screenshot, startIsolatedServer, type E2EServer } from "./harness";

const FIXTURES = join(repoRoot, "tests", "fixtures", "ics");
const GOOGLE = join(FIXTURES, "real-world", "google-chicago-weekly-many-exdates.ics");
const OUTLOOK = join(FIXTURES, "real-world", "outlook2016-desktop-w-europe-standard-time.ics");
const LEARNER = join(FIXTURES, "learner-spring-2027.ics");
const ZONE = "America/New_York";
const TERM = { from: Date.parse("2027-01-01T00:00:00Z"), to: Date.parse("2027-06-01T00:00:00Z") };
/** Locators wait this long: another e2e file may be loading the same two cores. */
const WAIT = 45_000;

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, timezoneId: ZONE, acceptDownloads: true };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, timezoneId: ZONE, acceptDownloads: true };

/** What each calendar's line says once the server has read it (SourceLine in app/check/steps/SourceLine.tsx). */
const LISTED = [
  { file: "google-chicago-weekly-many-exdates.ics", line: "“School”: 13 events (12 recurring), starting 2020-09-15 to 2020-11-16 (recurring events run on), 5 kB" },
  { file: "outlook2016-desktop-w-europe-standard-time.ics", line: "1 event, starting 2021-12-19 to 2021-12-19, 1 kB" },
  { file: "learner-spring-2027.ics", line: "“Work and family”: 6 events (5 recurring), starting 2026-01-05 to 2027-03-08 (recurring events run on), 1 kB" },
];

/** PM-101-S1 as the server's (bundled) catalog has it. */
const S1 = (() => {
  const found = findSection(loadCatalog({ env: {} }), "PM-101-S1");
  if (!found) throw new Error("PM-101-S1 is not in the bundled catalog");
  return found.section;
})();

/** The smallest PNG header: enough for the importer to recognise an image. */
const PNG_BYTES = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

describeE2E("check page /check: calendars, formats compared, what-if, study plan", () => {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  /** The desktop page the flow tests share, in order (each step builds on the one before). */
  let flow: Page | undefined;
  const flowErrors: string[] = [];

  beforeAll(async () => {
    server = await startIsolatedServer("check");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function openCheck(options: BrowserContextOptions, errors: string[] = []): Promise<Page> {
    if (!browser || !server) throw new Error("server/browser not started");
    const context = await browser.newContext(options);
    context.setDefaultTimeout(WAIT);
    contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (err) => errors.push(err.message));
    const res = await page.goto(`${server.baseUrl}/check`, { waitUntil: "load" });
    expect(res?.status(), "GET /check").toBe(200);
    // Hydrated: the zone picker has the browser's zone (set in an effect).
    await expect.poll(() => page.locator('select[id$="-tz"]').inputValue(), { timeout: WAIT }).toBe(ZONE);
    return page;
  }

  function flowPage(): Page {
    if (!flow) throw new Error("the flow page is not open (an earlier step failed)");
    return flow;
  }

  function calendarItem(page: Page, label: string): Locator {
    return page.getByRole("list", { name: "Calendars added" }).locator("li").filter({ has: page.locator("strong", { hasText: label }) });
  }

  function card(page: Page, sectionId: string): Locator {
    return page.locator(".results").getByRole("group", { name: new RegExp(`${sectionId}$`) });
  }

  async function verdict(page: Page, sectionId: string): Promise<string> {
    return ((await card(page, sectionId).locator(".verdict").textContent()) ?? "").trim();
  }

  /**
   * Opens a section's folded detail the way a learner does: through its link in the summary table.
   * The link opens the fold and the browser scrolls it into view.
   */
  async function openSection(page: Page, sectionId: string): Promise<Locator> {
    const section = card(page, sectionId);
    if (await section.evaluate((d) => (d as HTMLDetailsElement).open)) return section;
    await page.locator(".results table.summary a.cell-link").filter({ hasText: sectionId }).click();
    await expect.poll(() => section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#detail-${sectionId}`);
    return section;
  }

  /** Opens a <details> by its summary text (a click on the summary) unless it is open. */
  async function openDetails(scope: Locator, summary: RegExp): Promise<Locator> {
    const details = scope.locator("details").filter({ has: scope.page().locator("summary", { hasText: summary }) }).first();
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator("summary").first().click();
    await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    return details;
  }

  /** Adds the three calendars with one pick, chooses PM-101 and runs the check. */
  async function uploadChooseRun(page: Page): Promise<void> {
    await page.locator('input[type="file"]').setInputFiles([GOOGLE, OUTLOOK, LEARNER]);
    for (const { file, line } of LISTED) await expect.poll(() => calendarItem(page, file).locator("p").first().textContent(), { timeout: WAIT }).toBe(line);
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await page.getByRole("heading", { name: "Your result", exact: true }).waitFor({ timeout: WAIT });
  }

  test("axe on /check before any calendar is added", async () => {
    const page = await openCheck(DESKTOP);
    await expectAccessible(page, "/check (empty form)");
  });

  test("1. two real-world exports and the learner's calendar picked at once: each listed with its event count and date range", async () => {
    flow = await openCheck(DESKTOP, flowErrors);
    const page = flow;
    await page.locator('input[type="file"]').setInputFiles([GOOGLE, OUTLOOK, LEARNER]);
    const items = page.getByRole("list", { name: "Calendars added" }).locator("li");
    await expect.poll(() => items.count(), { timeout: WAIT }).toBe(3);
    expect(await items.locator("strong").allTextContents()).toEqual(LISTED.map((l) => l.file));
    for (const { file, line } of LISTED) {
      await expect.poll(() => calendarItem(page, file).locator("p").first().textContent(), { timeout: WAIT }).toBe(line);
      expect(await calendarItem(page, file).getAttribute("class"), `${file} is usable`).not.toContain("bad");
      expect(await calendarItem(page, file).getByRole("button", { name: `Remove ${file}` }).count()).toBe(1);
    }
    expect(await page.getByText("Reading…").count(), "no calendar still reading").toBe(0);
  });

  test("2. choose course PM-101 (its three formats) and run the check: each section gets a verdict with reasons", async () => {
    const page = flowPage();
    const course = page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ });
    expect(await page.getByText("PM-101 Project Management Foundations (synchronous, asynchronous, hybrid)").count()).toBe(1);
    await course.check();
    // The course covers its sections: their own boxes (inside the closed "Sections of PM-101") show checked and locked.
    const s1Box = page.locator('input[type="checkbox"][id$="-s-PM-101-S1"]');
    expect(await s1Box.isChecked()).toBe(true);
    expect(await s1Box.isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await page.getByRole("heading", { name: "Your result", exact: true }).waitFor({ timeout: WAIT });
    expect(await page.getByText("Times in America/New York.").count()).toBe(1);
    expect(await page.locator(".results article.course h3").first().textContent()).toBe("PM-101 Project Management Foundations");
    expect(await page.locator(".results .section-detail h4").allTextContents()).toEqual(["synchronous PM-101-S1", "asynchronous PM-101-A1", "hybrid PM-101-H1"]);

    for (const id of ["PM-101-S1", "PM-101-A1", "PM-101-H1"]) expect(await verdict(page, id), id).toBe("Does not fit");

    const reasons = async (id: string) => (await card(page, id).locator("ul.reasons li").allTextContents()).join("\n");
    const s1 = await reasons("PM-101-S1");
    expect(s1).toContain("Set meeting times: 29 live sessions, Tuesdays and Thursdays 18:30–20:00 your time.");
    expect(s1).toContain("Clashes with 16 of 29 sessions (16 dates from January to April)");
    expect(s1).toContain("That is more than the 25% of sessions you can miss and keep up even with recordings.");
    const h1 = await reasons("PM-101-H1");
    expect(h1).toContain("Clashes with 1 of 8 sessions (10 Mar)");
    expect(h1).toContain("(the section meets on Chicago time)");
    // The asynchronous section has no sessions to clash with; its reason is the deadline it cannot meet.
    const a1 = await reasons("PM-101-A1");
    expect(a1).toContain("1 deadline cannot be met in your free study time (first: Discussion post, due 10 Mar");
    expect(a1).not.toMatch(/Clashes with/);
  });

  test("2b. the answer first: a table with a row per course and a column per format, each cell a verdict, a line of why and a link to the folded detail", async () => {
    const page = flowPage();
    const table = page.locator(".results table.summary");
    expect(await table.count()).toBe(1);
    expect((await table.locator("thead th").allTextContents()).map((t) => t.replace(/\u00AD/g, ""))).toEqual(["Course", "Synchronous", "Asynchronous", "Hybrid"]);
    const row = table.locator("tbody tr");
    expect(await row.count()).toBe(1);
    expect((await row.locator('th[scope="row"]').textContent())?.trim()).toBe("PM-101 Project Management Foundations");
    const cells = row.locator("td");
    expect(await cells.locator(".verdict").allTextContents()).toEqual(["Does not fit", "Does not fit", "Does not fit"]);
    expect(await cells.locator("a.cell-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(["#detail-PM-101-S1", "#detail-PM-101-A1", "#detail-PM-101-H1"]);
    expect(await cells.locator("p.line").allTextContents()).toEqual(["16 of 29 sessions missed; room for 3 h of study every week", "1 deadline cannot be met", "1 of 8 sessions missed; room for 5 h of study every week"]);
    // None fits: the one that comes closest (the course's best) is marked so, in the table and on its fold.
    expect(await cells.locator(".mark").allTextContents()).toEqual(["Comes closest"]);
    expect(await cells.nth(2).locator(".mark").count(), "PM-101-H1 comes closest").toBe(1);
    expect(await card(page, "PM-101-H1").locator("summary .mark").first().textContent()).toBe("Comes closest");
    // Every section's detail starts folded, its summary line saying the same as its cell.
    for (const id of ["PM-101-S1", "PM-101-A1", "PM-101-H1"]) expect(await card(page, id).evaluate((d) => (d as HTMLDetailsElement).open), id).toBe(false);
    expect(await card(page, "PM-101-S1").locator("summary .line").textContent()).toBe("16 of 29 sessions missed; room for 3 h of study every week");
    // The table comes before the details, and the what-if controls right after the table, before "Save this result".
    const top = (l: Locator) => l.evaluate((el) => el.getBoundingClientRect().top);
    const [tableTop, whatIfTop, firstSection, saveTop] = await Promise.all([
      top(table),
      top(page.locator(".results section.whatif")),
      top(card(page, "PM-101-S1")),
      top(page.getByRole("heading", { name: "Save this result" })),
    ]);
    expect(tableTop).toBeLessThan(whatIfTop);
    expect(whatIfTop).toBeLessThan(firstSection);
    expect(whatIfTop).toBeLessThan(saveTop);
    expect(await page.locator(".results section.whatif p.muted").first().textContent()).toBe("Changes here update the result at once. They are the same settings as in “Your week” above.");
  });

  test("3. the clashing sessions table lists every PM-101-S1 session with what clashes", async () => {
    const page = flowPage();
    const s1 = await openSection(page, "PM-101-S1");
    expect(await s1.evaluate((d) => d.getBoundingClientRect().top), "the link scrolled the section into view").toBeLessThan(900);
    const details = await openDetails(s1, /^Live sessions: 16 of 29 clash$/);
    const table = details.getByRole("region", { name: "Sessions of PM-101-S1" }).locator("table");
    expect(await table.locator("thead th").allTextContents()).toEqual(["Your time", "Section time", "Clashes with"]);
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(29);
    expect(await table.locator("tbody tr.clash").count()).toBe(16);
    // Every session time in the table is the catalog's, in the learner's zone.
    const expectedTimes = sessionRows(S1, ZONE).map((r) => r.viewer);
    expect(await rows.locator("td:first-child").allTextContents()).toEqual(expectedTimes);
    const rowText = async (time: string) => (await rows.filter({ hasText: time }).locator("td").allTextContents()).map((t) => t.trim());
    expect(await rowText("Thu 4 Feb 2027, 18:30–20:00")).toEqual(["Thu 4 Feb 2027, 18:30–20:00", "Thu 4 Feb 2027, 18:30–20:00 EST", "Coach kids' soccer practice — 60 min: missed"]);
    expect(await rowText("Tue 12 Jan 2027, 18:30–20:00")).toEqual(["Tue 12 Jan 2027, 18:30–20:00", "Tue 12 Jan 2027, 18:30–20:00 EST", "PTA board meeting — 90 min: missed"]);
    expect((await rowText("Thu 11 Mar 2027, 18:30–20:00"))[2]).toBe("Client visit in Denver, Coach kids' soccer practice — 90 min: missed");
    expect((await rowText("Thu 14 Jan 2027, 18:30–20:00"))[2]).toBe("—");
    // The one-off Saturday workshop is in the table too, clashing with family time.
    expect((await rowText("Sat 6 Feb 2027, 10:00–13:00"))[2]).toBe("Family time — 180 min: missed");
  });

  test("3b. PM-101-S1's week drawn: usual busy time shaded, sessions on it by how they fare; the term strip cell by cell; the same as the tables", async () => {
    const page = flowPage();
    const s1 = await openSection(page, "PM-101-S1");
    const grid = s1.getByRole("img", { name: /^Your usual week with the 29 sessions of PM-101-S1: shading shows in how many of the term's 15 weeks you are busy$/ });
    expect(await grid.count()).toBe(1);
    // One block per weekly time: Tuesdays and Thursdays 18:30–20:00 and the Saturday workshop (10:00–13:00).
    const blocks = await grid.locator("g.block > title").allTextContents();
    // Each block's counts are those of the sessions table: the rows of that weekday, and those that clash.
    const rows = s1.getByRole("region", { name: "Sessions of PM-101-S1" }).locator("tbody tr");
    const byDay = async (day: string) => {
      const r = rows.filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${day} `) }) });
      return { n: await r.count(), clash: await r.and(page.locator("tr.clash")).count() };
    };
    const tue = await byDay("Tue");
    const thu = await byDay("Thu");
    expect(tue.n + thu.n).toBe(28);
    expect(blocks).toEqual([
      `Tue 18:30–20:00: ${tue.n} sessions — ${tue.clash} missed (clash), ${tue.n - tue.clash} free`,
      `Thu 18:30–20:00: ${thu.n} sessions — ${thu.clash} missed (clash), ${thu.n - thu.clash} free`,
      "Sat 10:00–13:00: 1 session — 1 missed (clash)",
    ]);
    expect(tue.clash + thu.clash + 1).toBe(16);
    // Thursday soccer (18:00–19:30 from 4 Feb, 12 of the 15 weeks) shades Thursday evening.
    const weekTable = (await openDetails(s1, /^The week as a table$/)).locator("table");
    const thursday = (await weekTable.locator("tbody tr").filter({ has: page.locator("th", { hasText: "Thursday" }) }).locator("td").allTextContents())[0] ?? "";
    // Work every Thursday 09:00–17:30; soccer 18:00–19:30 on the 12 Thursdays from 4 Feb on.
    expect(thursday).toContain("; 09:00–17:30 (15 of 15 weeks);");
    expect(thursday).toContain("; 18:00–19:30 (12 of 15 weeks)");

    // The strip: 29 cells in date order, each an image with its own name; 16 clash.
    const strip = s1.getByRole("group", { name: "Each of the 29 sessions of PM-101-S1 in date order" });
    const cells = strip.getByRole("img");
    expect(await cells.count()).toBe(29);
    expect(await strip.locator("rect.cell.clash").count()).toBe(16);
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    expect(names).toContain("Thu 4 Feb 2027, 18:30–20:00: clash, missed (Coach kids' soccer practice)");
    expect(names).toContain("Thu 14 Jan 2027, 18:30–20:00: no clash");
    expect(names[0]).toBe("Tue 12 Jan 2027, 18:30–20:00: clash, missed (PTA board meeting)");
    // No session of PM-101-S1 moves with a clock change (New York section, New York learner): no call-out.
    expect(await s1.locator(".dst-callout").count()).toBe(0);
  });

  test("4. the term heat map (with the sessions of PM-101-S1 ringed) and its table", async () => {
    const page = flowPage();
    const term = page.locator(".results section").filter({ has: page.getByRole("heading", { name: "Your term at a glance" }) });
    expect(await term.getByLabel("Show the sessions of").inputValue()).toBe("PM-101-S1");
    const svg = term.getByRole("img", { name: /^Busy hours per day over the term, with the sessions of PM-101-S1/ });
    expect(await svg.count()).toBe(1);
    // 15 weeks × 7 days of cells; one ring per session date, red (clash) on the 16 clashing dates.
    expect(await svg.locator("rect").count()).toBe(15 * 7);
    expect(await svg.locator('circle[stroke="#b3261e"]').count()).toBe(16);
    expect(await svg.locator('circle[stroke="#1b7a3d"]').count()).toBe(29 - 16);
    // Its table comes under the picture and the what-if controls beside it, at the page's full width.
    const details = await openDetails(page.locator(".results"), /^The term at a glance as a table$/);
    const table = details.getByRole("region", { name: "Busy hours per day: table" }).locator("table");
    expect(await table.locator("thead th").allTextContents()).toEqual(["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(await table.locator("tbody tr").count()).toBe(15);
    const week = table.locator("tbody tr").filter({ has: page.locator("th", { hasText: /^2027-02-01$/ }) });
    const cells = (await week.locator("td").allTextContents()).map((t) => t.trim());
    expect(cells[3], "Thu 4 Feb: soccer clashes with the session").toMatch(/ h busy; 1 session, 1 clashing$/);
    expect(cells[1], "Tue 2 Feb: a session, no clash").toMatch(/ h busy; 1 session$/);
    expect(cells[6], "Sun 7 Feb: nothing").toBe("0 h busy");
  });

  test("5. the weekly load chart of PM-101-A1 and its table (the crunch week that cannot be met)", async () => {
    const page = flowPage();
    const a1 = await openSection(page, "PM-101-A1");
    const details = await openDetails(a1, /^Weekly load: 8 h a week; 1 crunch week; 1 deadline cannot be met$/);
    const svg = details.getByRole("img", { name: /^Hours needed and free hours per week for PM-101-A1/ });
    expect(await svg.count()).toBe(1);
    expect(await svg.locator('rect[fill="#0b5cad"]').count(), "one 'needed' bar a week").toBe(15);
    expect(await details.locator("p.error").textContent()).toBe("Cannot be met: Discussion post (due Wed 10 Mar 2027, 23:59)");
    const tableDetails = await openDetails(details, /^The weeks as a table$/);
    const table = tableDetails.getByRole("region", { name: "Hours needed and free hours per week for PM-101-A1: table" }).locator("table");
    expect(await table.locator("thead th").allTextContents()).toEqual(["Week", "Dates", "Needed", "Free", "Slack", "Status"]);
    expect(await table.locator("tbody tr").count()).toBe(15);
    const statuses = await table.locator("tbody tr td:last-child").allTextContents();
    expect(statuses.filter((s) => s === "Cannot be met")).toHaveLength(1);
    const bad = (await table.locator("tbody tr.clash td").allTextContents()).map((t) => t.trim());
    expect(bad.slice(1)).toEqual(["Mon 8 Mar – Sun 14 Mar", "8 h", "7.5 h", expect.stringMatching(/ h$/), "Cannot be met"]);
  });

  test("6. axe on /check with the results shown (tables open)", async () => {
    await expectAccessible(flowPage(), "/check with results");
  });

  test("7. screenshot of the results at desktop width (1280×900)", async () => {
    const page = flowPage();
    const file = await screenshot(page, "check-results-desktop");
    console.log(`[e2e] screenshot: ${file}`);
    expect(flowErrors, "uncaught errors in the page").toEqual([]);
  });

  test("8. what-if: ignoring Thursday soccer turns PM-101-S1 from 16 clashes (Does not fit) into 6 (Fits with trade-offs)", async () => {
    const page = flowPage();
    const whatIf = page.locator(".results section.whatif");
    const soccer = whatIf.getByRole("checkbox", { name: /^Coach kids' soccer practice/ });
    expect(await whatIf.locator("label", { hasText: "Coach kids' soccer practice" }).textContent()).toBe("Coach kids' soccer practice (12×, 18 h in the term)");
    expect(await soccer.isChecked()).toBe(false);
    await soccer.check();
    await expect.poll(() => verdict(page, "PM-101-S1"), { timeout: WAIT }).toBe("Fits with trade-offs");
    await expect.poll(() => page.getByRole("heading", { name: "Your result", exact: true }).count(), { timeout: WAIT }).toBe(1); // not "(updating…)"
    const s1 = card(page, "PM-101-S1");
    expect(await s1.locator("summary", { hasText: /^Live sessions:/ }).textContent()).toBe("Live sessions: 6 of 29 clash");
    const reasons = (await s1.locator("ul.reasons li").allTextContents()).join("\n");
    expect(reasons).toContain("Clashes with 6 of 29 sessions (6 dates from January to April)");
    expect(reasons).not.toContain("That is more than the 25%");
    const table = s1.getByRole("region", { name: "Sessions of PM-101-S1" });
    expect(await table.locator("tbody tr.clash").count()).toBe(6);
    expect(await table.locator("tbody tr").filter({ hasText: "Thu 4 Feb 2027, 18:30–20:00" }).locator("td").nth(2).textContent()).toBe("—");
    expect(await table.locator("tbody tr").filter({ hasText: "Thu 11 Mar 2027" }).locator("td").nth(2).textContent()).toBe("Client visit in Denver — 90 min: missed");
    // The other two sections keep their verdicts (soccer is not what blocks them).
    expect(await verdict(page, "PM-101-A1")).toBe("Does not fit");
    expect(await verdict(page, "PM-101-H1")).toBe("Does not fit");
    expect(await soccer.isChecked(), "the what-if box stays ticked after the update").toBe(true);
    // The table above and the pictures say so too: the cell, Thursday's block, the strip and its shading.
    const cell = page.locator(".results table.summary tbody td").first();
    expect(await cell.locator(".verdict").textContent()).toBe("Fits with trade-offs");
    expect(await cell.locator("p.line").textContent()).toBe("6 of 29 sessions missed; room for 3 h of study every week");
    expect(await s1.locator("rect.cell.clash").count()).toBe(6);
    const thursday = await s1.locator("svg.week-grid g.block > title").filter({ hasText: /^Thu / }).textContent();
    expect(thursday).toMatch(/^Thu 18:30–20:00: 14 sessions — 1 missed \(clash\), 13 free$/);
    const weekTable = s1.locator("details.chart-table").filter({ hasText: "The week as a table" }).locator("table");
    const thursdayBusy = (await weekTable.locator("tbody tr").filter({ has: page.locator("th", { hasText: "Thursday" }) }).locator("td").first().textContent()) ?? "";
    expect(thursdayBusy).not.toContain("18:00–19:30 (12 of 15 weeks)");
  });

  test("9. the study plan of PM-101-S1 is previewed as a week above its download; the .ics reads back with importIcs, holds that week's blocks and misses every busy time", async () => {
    const page = flowPage();
    const s1 = await openSection(page, "PM-101-S1");
    const plan = s1.locator("section.study-plan");
    expect(await plan.getByLabel("Week").inputValue()).toBe("2027-01-11");
    const preview = plan.getByRole("img", { name: /^Study plan for PM-101-S1, Mon 11 Jan – Sun 17 Jan: \d+ blocks? around the busy time$/ });
    expect(await preview.count()).toBe(1);
    const previewBlocks = await preview.locator("g.block.study > title").allTextContents();
    expect(previewBlocks.length).toBeGreaterThan(0);
    // Another week: the select redraws the grid.
    await plan.getByLabel("Week").selectOption("2027-01-18");
    await expect.poll(() => plan.getByRole("img", { name: /^Study plan for PM-101-S1, Mon 18 Jan – Sun 24 Jan:/ }).count()).toBe(1);
    await plan.getByLabel("Week").selectOption("2027-01-11");
    // The button comes under the preview.
    const button = plan.getByRole("button", { name: /^Download the study plan for PM-101-S1 \(\.ics, \d+ blocks\)$/ });
    expect(await button.evaluate((b) => b.getBoundingClientRect().top)).toBeGreaterThan(await plan.locator("svg.week-grid").evaluate((g) => g.getBoundingClientRect().bottom));
    const blocks = Number(/(\d+) blocks/.exec((await button.textContent()) ?? "")?.[1]);
    expect(blocks).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: WAIT }), button.click()]);
    expect(download.suggestedFilename()).toBe("study-plan-PM-101-S1.ics");
    const path = await download.path();
    const bytes = readFileSync(path);
    const imported = importIcs(new Uint8Array(bytes), { sourceName: "study-plan-PM-101-S1.ics" });
    if (!imported.ok) throw new Error(`importIcs refused the study plan: ${imported.issues.map((i) => i.message).join("; ")}`);
    expect(imported.issues).toEqual([]);
    expect(imported.calendar.name).toBe("Study plan: PM-101-S1");
    const study = expandEvents(imported.calendar.events, TERM, { viewerZone: ZONE }).occurrences;
    expect(study.length, "one event per block the button names").toBe(blocks);
    for (const o of study) expect(o.summary ?? "").toMatch(/^Study: .+ \(PM-101-S1\)$/);
    // The previewed week is the file's first week: the same blocks, at the same local times.
    const clock = (t: number) => new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t).replace(",", "");
    const weekOf11Jan = study.filter((o) => o.start >= Date.parse("2027-01-11T05:00:00Z") && o.start < Date.parse("2027-01-18T05:00:00Z"));
    expect(previewBlocks.map((t) => t.replace(/: study for .*$/, ""))).toEqual(weekOf11Jan.map((o) => `${clock(o.start)}–${clock(o.end).slice(4)}`));

    // No study block overlaps the learner's busy time (soccer is ignored now) or a PM-101-S1 session.
    const busy: { start: number; end: number; what: string }[] = [];
    for (const file of [GOOGLE, OUTLOOK, LEARNER]) {
      const cal = importIcs(new Uint8Array(readFileSync(file)), { sourceName: file });
      if (!cal.ok) throw new Error(`fixture ${file} did not import`);
      for (const o of expandEvents(cal.calendar.events, TERM, { viewerZone: ZONE }).occurrences) {
        if (!o.transparent && o.uid !== "soccer@learner.test") busy.push({ start: o.start, end: o.end, what: o.summary ?? o.uid });
      }
    }
    for (const r of sessionRows(S1, ZONE)) busy.push({ start: r.start, end: r.end, what: `PM-101-S1 session ${r.viewer}` });
    const overlaps = study.flatMap((o) =>
      busy.filter((b) => b.start < o.end && o.start < b.end).map((b) => `${new Date(o.start).toISOString()}–${new Date(o.end).toISOString()} overlaps ${b.what}`),
    );
    expect(overlaps).toEqual([]);
  });

  let phone: Page | undefined;

  test("10. screenshot of the results at phone width (390×844); no sideways scrolling", async () => {
    const page = await openCheck(PHONE);
    phone = page;
    await uploadChooseRun(page);
    for (const id of ["PM-101-S1", "PM-101-A1", "PM-101-H1"]) await expect.poll(() => verdict(page, id), { timeout: WAIT }).toBe("Does not fit");
    await openDetails(await openSection(page, "PM-101-S1"), /^Live sessions:/);
    await openDetails(await openSection(page, "PM-101-A1"), /^Weekly load:/);
    const file = await screenshot(page, "check-results-phone");
    console.log(`[e2e] screenshot: ${file}`);
    const fit = await page.evaluate(() => {
      const root = document.documentElement;
      const clientWidth = root.clientWidth;
      const past = (el: Element): boolean => el.getBoundingClientRect().right > clientWidth + 0.5;
      const culprits = Array.from(document.body.querySelectorAll<HTMLElement>("*"))
        .filter((el) => past(el) && !(el.parentElement && past(el.parentElement)) && !el.closest(".table-scroll, .chart-scroll"))
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(/\s+/).join(".")}` : ""}> right edge at ${Math.round(el.getBoundingClientRect().right)}px`);
      return { scrollWidth: root.scrollWidth, clientWidth, culprits };
    });
    expect(fit.scrollWidth, `horizontal scroll at 390 px; overflowing: ${fit.culprits.join(", ") || "?"}`).toBeLessThanOrEqual(fit.clientWidth);
    // The pictures fit the phone whole (no sideways scrolling inside them): the week, the strip, every week of the load chart.
    const widest = await page.locator(".results svg.week-grid, .results svg.term-strip, .results svg.load-chart").evaluateAll((svgs) =>
      svgs.filter((g) => g.getClientRects().length > 0).map((g) => [g.getAttribute("class"), Math.round(g.getBoundingClientRect().right)] as const),
    );
    expect(widest.length).toBeGreaterThanOrEqual(4);
    for (const [what, right] of widest) expect(right, `${what} ends past the screen`).toBeLessThanOrEqual(fit.clientWidth);
    // A table wider than the phone says so ("scroll →") and can be reached by keyboard.
    const sessions = card(page, "PM-101-S1").getByRole("region", { name: "Sessions of PM-101-S1" });
    await expect.poll(() => sessions.getAttribute("data-overflow")).toBe("true");
    expect(await sessions.evaluate((r) => getComputedStyle(r, "::before").content)).toMatch(/scroll →/);
    expect(await sessions.getAttribute("tabindex")).toBe("0");
  });

  test("11. at phone width no one-word button or link label is broken across lines (the calendars' Remove buttons)", async () => {
    if (!phone) throw new Error("the phone page is not open (step 10 failed)");
    const broken = await phone.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("main button, main a"))
        .filter((el) => /^\S+$/.test((el.textContent ?? "").trim()) && el.getClientRects().length > 0)
        .flatMap((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          return lines.size > 1 ? [`<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim()}" (${el.getAttribute("aria-label") ?? ""}) on ${lines.size} lines`] : [];
        }),
    );
    expect(broken, "one-word labels split across lines at 390 px").toEqual([]);
  });

  test("12. axe on the results at phone width (charts and tables that scroll sideways must be reachable)", async () => {
    if (!phone) throw new Error("the phone page is not open (step 10 failed)");
    await expectAccessible(phone, "/check with results at 390×844");
  });

  test("13. three courses (PM-101, DA-110, HR-200) at 1280 and 390 px: the answer is one table, the details folded; the page's height is logged", async () => {
    for (const [label, options] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const page = await openCheck(options);
      await page.locator('input[type="file"]').setInputFiles([GOOGLE, OUTLOOK, LEARNER]);
      for (const { file, line } of LISTED) await expect.poll(() => calendarItem(page, file).locator("p").first().textContent(), { timeout: WAIT }).toBe(line);
      for (const name of ["PM-101 Project Management Foundations", "DA-110 Data Analytics Fundamentals", "HR-200 Human Resource Management"]) await page.getByRole("checkbox", { name: new RegExp(`^${name}`) }).check();
      await page.getByRole("button", { name: "Check which formats fit" }).click();
      await page.getByRole("heading", { name: "Your result", exact: true }).waitFor({ timeout: WAIT });
      const rows = page.locator(".results table.summary tbody tr");
      await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(3);
      expect(await rows.locator("td .verdict").count()).toBe(9);
      // DA-110-H1 is the only one that fits (with trade-offs): the best fit of its course, marked.
      expect(await rows.nth(1).locator("td.best .sid").textContent()).toBe("DA-110-H1");
      expect(await page.locator(".results details.section-detail[open]").count()).toBe(0);
      const height = await page.evaluate(() => ({ page: document.documentElement.scrollHeight, results: Math.round(document.querySelector(".results")?.getBoundingClientRect().height ?? 0) }));
      console.log(`[e2e] three courses at ${label} (${options.viewport?.width} px): page ${height.page} px tall, results ${height.results} px`);
      await screenshot(page, `check-results-three-courses-${label}`);
      // Before the summary table, the results alone were 5,174 px (desktop) and 10,081 px (phone) tall.
      expect(height.results).toBeLessThan(label === "desktop" ? 4000 : 7500);
    }
  });

  test("a refused address (http://127.0.0.1:1/x.ics) is listed with the reason", async () => {
    const page = await openCheck(DESKTOP);
    await page.getByLabel(/…or a calendar's \.ics address/).fill("http://127.0.0.1:1/x.ics");
    await page.getByRole("button", { name: "Add address" }).click();
    const item = calendarItem(page, "http://127.0.0.1:1/x.ics");
    await expect.poll(() => item.locator("p.error").textContent(), { timeout: WAIT }).toBe(
      "127.0.0.1 is this machine's own (loopback) address; FormatFit only fetches calendars from the public internet. Download the .ics file and upload it instead.",
    );
    expect(await item.getAttribute("class")).toContain("bad");
    // Nothing usable: the check says so instead of posting.
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await expect.poll(() => page.locator("form p.error[role=alert]").textContent(), { timeout: WAIT }).toMatch(
      /^The address you added could not be used: http:\/\/127\.0\.0\.1:1\/x\.ics\. Export your calendar as an \.ics file/,
    );
  });

  test("non-calendar files (a PNG, an HTML page saved as .ics) are listed with a specific error", async () => {
    const page = await openCheck(DESKTOP);
    await page.locator('input[type="file"]').setInputFiles([
      { name: "screenshot.png", mimeType: "image/png", buffer: PNG_BYTES },
      { name: "basic.ics", mimeType: "text/calendar", buffer: Buffer.from("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to continue</body></html>\n") },
    ]);
    const png = calendarItem(page, "screenshot.png");
    const html = calendarItem(page, "basic.ics");
    await expect.poll(() => png.locator("ul.issues li").allTextContents(), { timeout: WAIT }).toEqual([
      "This is a PNG image, not a calendar: export your calendar as an .ics file and upload that.",
    ]);
    await expect.poll(() => html.locator("ul.issues li").allTextContents(), { timeout: WAIT }).toEqual([
      "This is a web page (HTML), not a calendar: the link probably points to a sign-in or preview page; use the calendar's .ics (iCal) export or secret address instead.",
    ]);
    for (const item of [png, html]) {
      expect(await item.locator("p.error").first().textContent()).toBe("This calendar cannot be used:");
      expect(await item.getAttribute("class")).toContain("bad");
    }
  });

  test("an empty calendar: a notice before any verdict; sleep hours and recordings from 'Your week' change the verdict", async () => {
    const page = await openCheck(DESKTOP);
    const empty = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FormatFit e2e//empty//EN\r\nEND:VCALENDAR\r\n";
    await page.locator('input[type="file"]').setInputFiles([{ name: "empty.ics", mimeType: "text/calendar", buffer: Buffer.from(empty) }]);
    await expect.poll(() => calendarItem(page, "empty.ics").locator("p").first().textContent(), { timeout: WAIT }).toMatch(/^0 events/);
    await page.getByRole("checkbox", { name: /^PM-101 Project Management Foundations/ }).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await page.getByRole("heading", { name: "Your result", exact: true }).waitFor({ timeout: WAIT });
    const notice = page.locator(".results .notice[role=alert]");
    await expect.poll(() => notice.locator("p").first().textContent(), { timeout: WAIT }).toBe("Before you trust this answer:");
    const items = (await notice.locator("li").allTextContents()).join("\n");
    expect(items).toContain("empty.ics has no events at all. Is it the right file? An empty export makes every section look free.");
    // The notice comes before the first verdict on the page.
    const [noticeTop, verdictTop] = await Promise.all([notice.evaluate((n) => n.getBoundingClientRect().top), card(page, "PM-101-S1").evaluate((n) => n.getBoundingClientRect().top)]);
    expect(noticeTop).toBeLessThan(verdictTop);
    expect(await verdict(page, "PM-101-S1")).toBe("Fits");

    // PM-101-S1 meets 18:30–20:00 New York time: a learner asleep 17:00–22:00 cannot attend any session live.
    // "Your week" is folded behind its summary: open it first.
    await page.locator("details.week > summary").click();
    await page.getByLabel("I sleep from").fill("17:00");
    await page.getByLabel("and wake at").fill("22:00");
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await expect.poll(() => verdict(page, "PM-101-S1"), { timeout: WAIT }).toBe("Does not fit");
    expect((await card(page, "PM-101-S1").locator("ul.reasons li").allTextContents()).join(" ")).toMatch(/in your sleep hours \(17:00–22:00 your time\)/);
    // Every PM-101-S1 session is recorded: watching the recordings makes it a trade-off.
    await page.getByLabel(/I would watch the recordings instead/).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await expect.poll(() => verdict(page, "PM-101-S1"), { timeout: WAIT }).toBe("Fits with trade-offs");
  });
});
