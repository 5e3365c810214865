/**
 * The catalog through a real browser against the production server: /catalog lists every section
 * and its GET filters (format, weekday, time of day, judged in the viewer's zone) narrow the list;
 * a course page and a section page show times in the viewer's zone with the section's own beside
 * them, and the zone picker changes them; the "Download .ics" feed reads back through our importer
 * and ical.js with one instant per session and deadline listed; "Subscribe" is the same feed over
 * webcal://; unknown ids answer 404; axe finds nothing serious on the three pages.
 *
 * Expected rows come from lib/catalog/describe over the bundled catalog (the same catalog the
 * server reads when FORMATFIT_CATALOG is unset), so a wrong row on the page, not a changed
 * catalog, fails the test.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { findSection, loadCatalog } from "@/lib/catalog";
import { deadlineRows, filterCatalog, scheduleText, sectionZoneLabel, sessionRows, type CatalogFilter } from "@/lib/catalog/describe";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";
import { icalInstances } from "../roundtrip/helpers";
import { describeE2E, expectAccessible, launchBrowser, startIsolatedServer, type E2EServer } from "./harness";

const catalog = loadCatalog({ env: {} });
/** Every session and deadline of the bundled catalog falls in here. */
const TERM = { from: Date.parse("2027-01-01T00:00:00Z"), to: Date.parse("2027-06-01T00:00:00Z") };
/** Locators wait this long: another e2e file may be loading the same two cores. */
const WAIT = 30_000;

function section(id: string) {
  const found = findSection(catalog, id);
  if (!found) throw new Error(`${id} is not in the bundled catalog`);
  return found;
}

/** Section ids filterCatalog keeps, in page order. */
function expectedIds(filter: CatalogFilter): string[] {
  return filterCatalog(catalog, filter).flatMap((c) => c.sections.map((s) => s.id));
}

const allIds = catalog.courses.flatMap((c) => c.sections.map((s) => s.id));

describeE2E("catalog /catalog, course and section pages, section calendars", () => {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startIsolatedServer("catalog");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  function base(): string {
    if (!server) throw new Error("server not started");
    return server.baseUrl;
  }

  /** A page in a browser that lives in `timeZone` (what DetectZone reads). */
  async function newPage(timeZone: string, options: BrowserContextOptions = {}): Promise<{ page: Page; pageErrors: string[] }> {
    if (!browser) throw new Error("browser not started");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: timeZone, ...options });
    context.setDefaultTimeout(WAIT);
    contexts.push(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    return { page, pageErrors };
  }

  /**
   * Loads `path` and waits until the page shows its times in `expectZone`: at once when the address
   * or the zone cookie names it, else after DetectZone has told the server the browser's zone and
   * refreshed the page in place (no second navigation: see the test of that below).
   */
  async function open(page: Page, path: string, expectZone: string): Promise<void> {
    const res = await page.goto(`${base()}${path}`, { waitUntil: "load" });
    expect(res?.status(), `GET ${path}`).toBe(200);
    await expect.poll(() => page.locator("[data-zone]").first().getAttribute("data-zone"), { timeout: WAIT }).toBe(expectZone);
  }

  /** The section ids listed on /catalog, in order. */
  async function listedIds(page: Page): Promise<string[]> {
    return (await page.locator("ul.section-list > li > strong").allTextContents()).map((t) => t.trim());
  }

  /** Submits the /catalog filter form with these values and waits for the new page. */
  async function filter(page: Page, values: { format?: string; weekday?: string; time?: string; tz?: string }): Promise<void> {
    if (values.format !== undefined) await page.selectOption("#f-format", values.format);
    if (values.weekday !== undefined) await page.selectOption("#f-weekday", values.weekday);
    if (values.time !== undefined) await page.selectOption("#f-time", values.time);
    if (values.tz !== undefined) await page.selectOption("#f-tz", values.tz);
    // The GET form's own query, to wait for the page it leads to (not the one already shown).
    const query = await page.locator("form.filters").evaluate((form) => new URLSearchParams(new FormData(form as HTMLFormElement) as unknown as Record<string, string>).toString());
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/catalog" && u.search === `?${query}`, { timeout: WAIT, waitUntil: "load" }),
      page.getByRole("button", { name: "Show sections" }).click(),
    ]);
  }

  function sectionItem(page: Page, id: string) {
    return page.locator("ul.section-list > li").filter({ has: page.locator("strong", { hasText: new RegExp(`^${id}$`) }) });
  }

  test("/catalog lists every course and section, in the browser's zone (DetectZone); axe", async () => {
    const { page, pageErrors } = await newPage("America/New_York");
    await open(page, "/catalog", "America/New_York");
    await expect.poll(() => page.locator("h1").textContent(), { timeout: WAIT }).toMatch(/^Courses and sections, Spring 2027$/);
    expect(await page.locator("p.lead strong").textContent()).toBe("America/New York");
    expect(await listedIds(page)).toEqual(allIds);
    expect(await page.locator("article.course").count()).toBe(catalog.courses.length);
    expect((await page.getByRole("status").textContent())?.trim()).toBe(`${allIds.length} sections in ${catalog.courses.length} courses.`);
    // Each section shows its schedule in the viewer's zone.
    const s1 = section("PM-101-S1").section;
    await expect.poll(() => sectionItem(page, "PM-101-S1").textContent()).toContain(scheduleText(s1, "America/New_York"));
    expect(await sectionItem(page, "PM-101-S1").textContent()).toContain("Tuesdays and Thursdays 18:30–20:00");
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
    await expectAccessible(page, "/catalog");
  });

  test("filters: format, weekday and time of day narrow the list (a section that should vanish does)", async () => {
    const { page } = await newPage("America/New_York");
    await open(page, "/catalog?tz=America%2FNew_York", "America/New_York");
    const zone = "America/New_York";

    // Format: asynchronous only. PM-101-S1 (synchronous) vanishes, PM-101-A1 stays.
    await filter(page, { format: "asynchronous" });
    expect(new URL(page.url()).searchParams.get("format")).toBe("asynchronous");
    let ids = await listedIds(page);
    expect(ids).toEqual(expectedIds({ format: "asynchronous", viewerZone: zone }));
    expect(ids).toContain("PM-101-A1");
    expect(ids).not.toContain("PM-101-S1");
    expect(ids).not.toContain("PM-101-H1");
    expect(new Set(await page.locator("ul.section-list > li > .badge").allTextContents())).toEqual(new Set(["asynchronous"]));
    expect(await page.locator("#f-format").inputValue(), "the form keeps the chosen filter").toBe("asynchronous");
    expect(ids.length).toBeLessThan(allIds.length);

    // Any format, Tuesday: DA-110-S1 (Mondays and Wednesdays) vanishes, PM-101-S1 (Tue/Thu) stays,
    // asynchronous sections stay (no set times).
    await filter(page, { format: "", weekday: "1" });
    ids = await listedIds(page);
    expect(ids).toEqual(expectedIds({ weekday: 1, viewerZone: zone }));
    expect(ids).toContain("PM-101-S1");
    expect(ids).toContain("PM-101-A1");
    expect(ids).not.toContain("DA-110-S1");
    expect(ids).not.toContain("HR-200-S1");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Asynchronous sections have no set times");

    // Wednesday at lunchtime: HR-200-H1 (Wednesdays 12:00) stays, PM-101-H1 (Wednesday evenings) and
    // PM-101-S1 (not on Wednesdays) vanish.
    await filter(page, { weekday: "2", time: "lunchtime" });
    ids = await listedIds(page);
    expect(ids).toEqual(expectedIds({ weekday: 2, timeOfDay: "lunchtime", viewerZone: zone }));
    expect(ids).toContain("HR-200-H1");
    expect(ids).not.toContain("PM-101-H1");
    expect(ids).not.toContain("PM-101-S1");

    // All three: hybrid, Wednesday, lunchtime → HR-200-H1 alone.
    await filter(page, { format: "hybrid" });
    ids = await listedIds(page);
    expect(ids).toEqual(expectedIds({ format: "hybrid", weekday: 2, timeOfDay: "lunchtime", viewerZone: zone }));
    expect(ids).toEqual(["HR-200-H1"]);
    expect((await page.getByRole("status").textContent())?.trim()).toMatch(/^1 section in 1 course\./);
    expect(await page.locator("article.course h2").allTextContents()).toEqual(["HR-200 Human Resource Management"]);
  });

  test("/catalog: the zone picker changes the times shown, and day filters are judged in that zone", async () => {
    const { page } = await newPage("America/New_York");
    await open(page, "/catalog?tz=America%2FNew_York", "America/New_York");
    const s1 = section("PM-101-S1").section;
    const nyText = scheduleText(s1, "America/New_York");
    const tokyoText = scheduleText(s1, "Asia/Tokyo");
    expect(tokyoText).not.toBe(nyText);
    expect(await sectionItem(page, "PM-101-S1").textContent()).toContain(nyText);

    await filter(page, { tz: "Asia/Tokyo" });
    expect(new URL(page.url()).searchParams.get("tz")).toBe("Asia/Tokyo");
    expect(await page.locator("p.lead strong").textContent()).toBe("Asia/Tokyo");
    const item = await sectionItem(page, "PM-101-S1").textContent();
    expect(item).toContain(tokyoText);
    expect(item).toContain("Wednesdays and Fridays 08:30–10:00");
    expect(item).not.toContain(nyText);
    // The course link carries the zone on.
    expect(await page.locator("article.course h2 a", { hasText: "PM-101" }).getAttribute("href")).toBe("/catalog/PM-101?tz=Asia%2FTokyo");

    // Tuesday evening in New York is Wednesday morning in Tokyo.
    await filter(page, { weekday: "2", time: "morning" });
    const ids = await listedIds(page);
    expect(ids).toEqual(expectedIds({ weekday: 2, timeOfDay: "morning", viewerZone: "Asia/Tokyo" }));
    expect(ids).toContain("PM-101-S1");
  });

  test("course page /catalog/PM-101: each section's schedule in the viewer's zone, the section's zone beside it; links; axe", async () => {
    const { page, pageErrors } = await newPage("Europe/London");
    await open(page, "/catalog/PM-101", "Europe/London");
    expect((await page.locator("h1").textContent())?.trim()).toBe("PM-101 Project Management Foundations");
    await expect.poll(() => page.getByText("Times in Europe/London.").count()).toBe(1);
    const rows = page.locator("table.data tbody tr");
    const course = section("PM-101-S1").course;
    expect(await rows.count()).toBe(course.sections.length);
    for (const s of course.sections) {
      const row = rows.filter({ has: page.locator("th", { hasText: new RegExp(`^${s.id}$`) }) });
      const text = (await row.textContent()) ?? "";
      expect(text, s.id).toContain(scheduleText(s, "Europe/London"));
      expect(text, s.id).toContain(`section zone ${s.timeZone.replace(/_/g, " ")} (${sectionZoneLabel(s)})`);
      expect(text, s.id).toContain(`${s.startDate} to ${s.endDate}`);
      expect(await row.getByRole("link", { name: `Sessions of ${s.id}` }).getAttribute("href")).toBe(`/catalog/PM-101/${s.id}?tz=Europe%2FLondon`);
      expect(await row.getByRole("link", { name: `Download .ics of ${s.id}` }).getAttribute("href")).toBe(`/api/sections/${s.id}/calendar.ics?download=1`);
    }
    // PM-101-S1 meets 18:30 New York time: 23:30 in London (its row says so), section zone EST.
    const s1Row = (await rows.filter({ hasText: "PM-101-S1" }).textContent()) ?? "";
    expect(s1Row).toContain("23:30");
    expect(s1Row).toContain("section zone America/New York (EST)");
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
    await expectAccessible(page, "/catalog/PM-101");
  });

  test("course page: every section's Download .ics reads back with one instant per listed session and deadline", async () => {
    const { page } = await newPage("America/New_York");
    await open(page, "/catalog/PM-101?tz=America%2FNew_York", "America/New_York");
    const course = section("PM-101-S1").course;
    for (const s of course.sections) {
      const href = await page.getByRole("link", { name: `Download .ics of ${s.id}` }).getAttribute("href");
      expect(href, s.id).toBeTruthy();
      const res = await page.request.get(new URL(href ?? "", page.url()).href);
      expect(res.status(), `${s.id} download status`).toBe(200);
      expect(res.headers()["content-type"], s.id).toMatch(/^text\/calendar\b/);
      const body = await res.text();
      const imported = importIcs(body, { sourceName: `${s.id}.ics` });
      expect(imported.ok, `${s.id}: our importer reads the feed`).toBe(true);
      if (!imported.ok) continue;
      const starts = expandEvents(imported.calendar.events, TERM, { viewerZone: "America/New_York" }).occurrences.map((o) => o.start);
      const expected = [...sessionRows(s, "America/New_York").map((r) => r.start), ...deadlineRows(s, "America/New_York").map((d) => d.at)].sort((a, b) => a - b);
      expect(starts, `${s.id}: instants in the feed = sessions + deadlines`).toEqual(expected);
    }
  });

  test("section page PM-101-S1: sessions in the viewer's zone with the section's time beside them; the zone picker changes them", async () => {
    const { page, pageErrors } = await newPage("Europe/London");
    await open(page, "/catalog/PM-101/PM-101-S1", "Europe/London");
    const s1 = section("PM-101-S1").section;
    const london = sessionRows(s1, "Europe/London");
    const deadlines = deadlineRows(s1, "Europe/London");
    await expect.poll(() => page.getByRole("heading", { level: 2, name: `Live sessions (${london.length})` }).count()).toBe(1);
    expect(london.length).toBe(29);
    expect(await page.getByRole("heading", { level: 2, name: `Deadlines (${deadlines.length})` }).count()).toBe(1);

    const sessionTable = page.getByRole("region", { name: "Live sessions" }).locator("table");
    expect(await sessionTable.locator("thead th").allTextContents()).toEqual(["Your time (Europe/London)", "Section time", "Session"]);
    const cells = async () =>
      sessionTable.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim())));
    let rows = await cells();
    expect(rows.map((r) => r[0])).toEqual(london.map((r) => r.viewer));
    expect(rows.map((r) => r[1])).toEqual(london.map((r) => r.section));
    // 18:30 EST is 23:30 in London; the section's own time keeps its abbreviation.
    expect(rows[0]?.[0]).toMatch(/23:30/);
    expect(rows[0]?.[1]).toMatch(/18:30–20:00 EST$/);
    expect(pageErrors, "uncaught errors in the page").toEqual([]);

    // The picker: Asia/Tokyo. Your-time column changes, the section-time column does not.
    await page.selectOption("#s-tz", "Asia/Tokyo");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("tz") === "Asia/Tokyo", { timeout: WAIT, waitUntil: "load" }), page.getByRole("button", { name: "Show", exact: true }).click()]);
    const tokyo = sessionRows(s1, "Asia/Tokyo");
    expect(await sessionTable.locator("thead th").first().textContent()).toBe("Your time (Asia/Tokyo)");
    rows = await cells();
    expect(rows.map((r) => r[0])).toEqual(tokyo.map((r) => r.viewer));
    expect(rows[0]?.[0]).not.toBe(london[0]?.viewer);
    expect(rows.map((r) => r[1])).toEqual(london.map((r) => r.section));

    // The section's own zone: one column of times, no "Section time".
    await page.selectOption("#s-tz", "America/New_York");
    await Promise.all([page.waitForURL((u) => u.searchParams.get("tz") === "America/New_York", { timeout: WAIT, waitUntil: "load" }), page.getByRole("button", { name: "Show", exact: true }).click()]);
    expect(await sessionTable.locator("thead th").allTextContents()).toEqual(["Your time (America/New York)", "Session"]);
    rows = await cells();
    expect(rows.map((r) => r[0])).toEqual(sessionRows(s1, "America/New_York").map((r) => r.viewer));
  });

  test("axe: section page /catalog/PM-101/PM-101-S1 (viewer in Europe/London, both time columns)", async () => {
    const { page } = await newPage("Europe/London");
    await open(page, "/catalog/PM-101/PM-101-S1", "Europe/London");
    await page.getByRole("region", { name: "Live sessions" }).waitFor();
    await expectAccessible(page, "/catalog/PM-101/PM-101-S1");
  });

  test("the Sessions / Download .ics / Subscribe links stand apart on /catalog, the course page and the section page", async () => {
    const { page } = await newPage("America/New_York");
    const problems: string[] = [];
    for (const path of ["/catalog?tz=America%2FNew_York", "/catalog/PM-101?tz=America%2FNew_York", "/catalog/PM-101/PM-101-S1?tz=America%2FNew_York"]) {
      await open(page, path, "America/New_York");
      // Each line box of each link; two links whose boxes on the same line are under 4 px apart read as one word.
      const found = await page.locator("main .links").evaluateAll((groups) =>
        groups.flatMap((g) => {
          const boxes = Array.from(g.querySelectorAll("a")).flatMap((a) =>
            Array.from(a.getClientRects()).map((r) => ({ text: (a.textContent ?? "").trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
          );
          const out: string[] = [];
          for (const a of boxes)
            for (const b of boxes) {
              if (a.text === b.text || a.right > b.left) continue;
              const sameLine = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
              if (sameLine && b.left - a.right < 4) out.push(`"${a.text}" and "${b.text}" are ${Math.round(b.left - a.right)} px apart`);
            }
          return out;
        }),
      );
      problems.push(...[...new Set(found)].map((p) => `${path}: ${p}`));
    }
    expect(problems, "links that run together").toEqual([]);
  });

  test("section page: Download .ics is a 200 text/calendar that our importer and ical.js read back, one instant per session listed", async () => {
    const { page } = await newPage("America/Chicago");
    await open(page, "/catalog/PM-101/PM-101-S1", "America/Chicago");
    const s1 = section("PM-101-S1").section;
    const listedSessions = await page.getByRole("region", { name: "Live sessions" }).locator("tbody tr").count();
    const listedDeadlines = await page.getByRole("region", { name: "Deadlines" }).locator("tbody tr").count();
    expect(listedSessions).toBe(sessionRows(s1, "America/Chicago").length);
    expect(listedDeadlines).toBe(deadlineRows(s1, "America/Chicago").length);

    const download = page.getByRole("link", { name: "Download .ics of PM-101-S1" });
    expect(await download.textContent()).toBe("Download .ics");
    expect(await download.getAttribute("download")).toBe("PM-101-S1.ics");
    const href = await download.getAttribute("href");
    expect(href).toBe("/api/sections/PM-101-S1/calendar.ics?download=1");
    const res = await page.request.get(new URL(href ?? "", page.url()).href);
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers["content-type"]).toMatch(/^text\/calendar\b/);
    expect(headers["content-disposition"]).toBe('attachment; filename="PM-101-S1.ics"');
    const body = await res.text();

    // Our importer: no problems, and the expanded instants are exactly the sessions then the deadlines.
    const imported = importIcs(body, { sourceName: "PM-101-S1.ics" });
    if (!imported.ok) throw new Error(`importIcs refused the feed: ${imported.issues.map((i) => i.message).join("; ")}`);
    expect(imported.issues).toEqual([]);
    const occurrences = expandEvents(imported.calendar.events, TERM, { viewerZone: "America/Chicago" }).occurrences;
    const sessionStarts = new Set(sessionRows(s1, "America/Chicago").map((r) => r.start));
    const sessionInstants = occurrences.filter((o) => sessionStarts.has(o.start));
    expect(sessionInstants.length, "session instants in the feed").toBe(listedSessions);
    expect(occurrences.length - sessionInstants.length, "deadline instants in the feed").toBe(listedDeadlines);

    // ical.js: parses without throwing, and its own expansion of the "Class session" events gives
    // the same number of instants as the page lists.
    expect(() => ICAL.parse(body)).not.toThrow();
    const root = new ICAL.Component(ICAL.parse(body));
    const classUids = new Set(
      root
        .getAllSubcomponents("vevent")
        .filter((v) => String(v.getFirstPropertyValue("categories") ?? "") === "Class session")
        .map((v) => String(v.getFirstPropertyValue("uid"))),
    );
    expect(classUids.size).toBeGreaterThan(0);
    const icalSessions = icalInstances(body).filter((i) => classUids.has(i.uid));
    expect(icalSessions.length, "ical.js: class-session instants").toBe(listedSessions);
    expect(icalSessions.map((i) => Date.parse(i.start))).toEqual([...sessionStarts].sort((a, b) => a - b));
  });

  test('"Subscribe" is a webcal:// link to the same feed (served inline)', async () => {
    const { page } = await newPage("America/New_York");
    await open(page, "/catalog/PM-101/PM-101-S1?tz=America%2FNew_York", "America/New_York");
    const subscribe = page.getByRole("link", { name: "Subscribe to PM-101-S1" });
    expect(await subscribe.textContent()).toBe("Subscribe");
    const host = new URL(base()).host;
    // The webcal:// address is built from the page's host once the page has hydrated.
    await expect.poll(() => subscribe.getAttribute("href"), { timeout: WAIT }).toBe(`webcal://${host}/api/sections/PM-101-S1/calendar.ics`);
    const downloadHref = await page.getByRole("link", { name: "Download .ics of PM-101-S1" }).getAttribute("href");
    const subscribeHref = (await subscribe.getAttribute("href")) ?? "";
    expect(new URL(subscribeHref.replace(/^webcal:/, "http:")).pathname).toBe(new URL(downloadHref ?? "", base()).pathname);

    const inline = await page.request.get(subscribeHref.replace(/^webcal:/, "http:"));
    expect(inline.status()).toBe(200);
    expect(inline.headers()["content-type"]).toMatch(/^text\/calendar\b/);
    expect(inline.headers()["content-disposition"]).toBe('inline; filename="PM-101-S1.ics"');
    const attachment = await page.request.get(new URL(downloadHref ?? "", base()).href);
    expect(await inline.text(), "the subscription and the download are the same calendar").toBe(await attachment.text());
  });

  test("unknown section, a section under the wrong course, an unknown course and an unknown feed answer 404", async () => {
    const { page } = await newPage("America/New_York");
    for (const path of ["/catalog/PM-101/PM-101-Z9?tz=UTC", "/catalog/PM-101/DA-110-S1?tz=UTC", "/catalog/NOPE-999?tz=UTC"]) {
      const res = await page.goto(`${base()}${path}`, { waitUntil: "load" });
      expect(res?.status(), path).toBe(404);
      expect(await page.locator("body").textContent(), path).toContain("This page could not be found");
    }
    const feed = await page.request.get(`${base()}/api/sections/PM-101-Z9/calendar.ics`);
    expect(feed.status()).toBe(404);
    expect(feed.headers()["content-type"]).toMatch(/^text\/plain\b/);
    expect(await feed.text()).toContain('There is no section "PM-101-Z9" in this catalog');
  });
  test("no ?tz= reload: /catalog opened without a zone loads one document and is shown in the browser's zone; the next page arrives in it", async () => {
    /**
     * Watches a page load: main-frame `framenavigated` events (Playwright fires them for
     * same-document history updates too: Next's router writes its state with replaceState once it
     * hydrates), document requests, `load` events, and whether a marker set on `window` survives
     * (a reload would wipe it).
     */
    const watch = (page: Page) => {
      const navigated: string[] = [];
      let documents = 0;
      let loads = 0;
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) navigated.push(frame.url());
      });
      page.on("request", (r) => {
        if (r.resourceType() === "document" && r.frame() === page.mainFrame()) documents++;
      });
      page.on("load", () => loads++);
      return {
        navigated,
        counts: () => ({ documents, loads }),
        mark: () => page.evaluate(() => ((window as unknown as { marked?: boolean }).marked = true)),
        marked: () => page.evaluate(() => (window as unknown as { marked?: boolean }).marked === true),
      };
    };

    // The yardstick: a catalog page whose address names the zone (nothing to detect).
    const { page: plain } = await newPage("Asia/Tokyo");
    const baseline = watch(plain);
    await plain.goto(`${base()}/catalog?tz=Asia%2FTokyo`, { waitUntil: "load" });
    await plain.waitForTimeout(1_500);
    const baselineEvents = baseline.navigated.length;

    // A first visit: no zone cookie yet, so the server draws its fallback zone (New York) and the
    // page has the server draw it again in Tokyo's zone, in place.
    const { page, pageErrors } = await newPage("Asia/Tokyo");
    const first = watch(page);
    const res = await page.goto(`${base()}/catalog`, { waitUntil: "load" });
    expect(res?.status()).toBe(200);
    await first.mark();
    await expect.poll(() => page.locator("p.lead strong").getAttribute("data-zone"), { timeout: WAIT }).toBe("Asia/Tokyo");
    await expect.poll(() => sectionItem(page, "PM-101-S1").textContent(), { timeout: WAIT }).toContain("Wednesdays and Fridays 08:30–10:00");
    await page.waitForTimeout(1_500); // time for a stray reload to happen before counting
    expect(first.counts(), "one document, loaded once: no reload").toEqual({ documents: 1, loads: 1 });
    expect(await first.marked(), "the page was not reloaded (its window is the same)").toBe(true);
    expect(new Set(first.navigated), "every navigation event is at /catalog: no ?tz= added").toEqual(new Set([`${base()}/catalog`]));
    // The refresh is one same-document history update on top of a plain load's events.
    expect(first.navigated.length).toBeLessThanOrEqual(baselineEvents + 1);
    console.log(`[e2e] /catalog first visit: ${first.navigated.length} framenavigated events (a page load with ?tz= gives ${baselineEvents}), 1 document`);
    const cookie = (await page.context().cookies(base())).find((c) => c.name === "formatfit-tz");
    expect(cookie?.value, "the zone cookie DetectZone set").toBe("Asia/Tokyo");
    expect(cookie?.sameSite).toBe("Lax");

    // With the cookie, the next page is drawn in Tokyo's zone by the server itself (its HTML says
    // so before any script runs) and loads exactly like the yardstick.
    const next = watch(page);
    const nextRes = await page.goto(`${base()}/catalog/PM-101`, { waitUntil: "load" });
    expect(await nextRes?.text()).toContain('data-zone="Asia/Tokyo"');
    await page.waitForTimeout(1_500);
    expect(next.navigated.length, "framenavigated events on a page drawn in the right zone at once").toBe(baselineEvents);
    expect(next.counts()).toEqual({ documents: 1, loads: 1 });
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  });

  test('the section page\'s heading names the course after the colon ("PM-101-S1: Project Management Foundations")', async () => {
    const { page } = await newPage("America/New_York");
    await open(page, "/catalog/PM-101/PM-101-S1?tz=America%2FNew_York", "America/New_York");
    expect(((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim()).toBe("PM-101-S1: Project Management Foundations");
    expect(((await page.locator("p.lead .badge").textContent()) ?? "").trim()).toBe("synchronous");
  });
});
