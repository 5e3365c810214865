/**
 * Keyboard only (page.keyboard: Tab, Shift+Tab, Enter, Space, arrows) through the check flow, the
 * home page and the catalog filters, against the production server. At every stop the focused
 * element is the one expected and shows a focus indicator (a non-none outline or a box-shadow, by
 * getComputedStyle) on screen. The one thing the keyboard cannot do, choosing a file in the OS
 * dialog, is done through Playwright's file chooser after Space opens it.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadCatalog } from "@/lib/catalog";
import { filterCatalog } from "@/lib/catalog/describe";
import { describeE2E, launchBrowser, repoRoot, startIsolatedServer, type E2EServer } from "./harness";

const LEARNER = join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics");
const ZONE = "America/New_York";
/** Locators wait this long: another e2e file may be loading the same two cores. */
const WAIT = 45_000;

/** What the test knows about document.activeElement after a key press. */
interface Focus {
  tag: string;
  type: string;
  id: string;
  role: string;
  /** aria-label, else the first <label>'s text, else the element's own text (trimmed, ≤ 80 chars). */
  name: string;
  className: string;
  outline: string;
  boxShadow: string;
  /**
   * A non-none, non-zero, non-transparent outline, or a box-shadow. Also true on the clock/calendar
   * button inside a date or time input (focus in the input's shadow DOM, where the host does not
   * match :focus-visible and the page's outline is not drawn): Chromium draws its own ring there.
   */
  indicator: boolean;
  /** Focus is on the picker button inside a date/time input (see `indicator`). */
  nativePicker: boolean;
  inViewport: boolean;
}

async function focus(page: Page): Promise<Focus | null> {
  return page.evaluate((): Focus | null => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const clean = (t: string | null | undefined) => (t ?? "").trim().replace(/\s+/g, " ").slice(0, 80);
    const labels = (el as HTMLInputElement).labels;
    const name = el.getAttribute("aria-label") ?? (labels && labels.length > 0 ? clean(labels[0]?.textContent) : clean(el.textContent));
    const transparent = /^rgba\(.*,\s*0\)$/.test(cs.outlineColor) || cs.outlineColor === "transparent";
    const outlineShown = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !transparent;
    const nativePicker = el instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(el.type) && !el.matches(":focus-visible");
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type") ?? "",
      id: el.id,
      role: el.getAttribute("role") ?? "",
      name: clean(name),
      className: String(el.className ?? ""),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      indicator: outlineShown || cs.boxShadow !== "none" || nativePicker,
      nativePicker,
      inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  });
}

function describeFocus(f: Focus | null): string {
  if (!f) return "(nothing: focus on <body>)";
  return `<${f.tag}${f.type ? ` type=${f.type}` : ""}${f.id ? `#${f.id}` : ""}${f.role ? ` role=${f.role}` : ""}> "${f.name}"${f.nativePicker ? " (its picker button)" : ""}`;
}

/** Fails unless something is focused and shows a focus indicator on screen. */
function expectVisibleFocus(f: Focus | null, step: string): asserts f is Focus {
  expect(f, `${step}: something has focus`).not.toBeNull();
  if (!f) return;
  expect(f.indicator, `${step}: ${describeFocus(f)} has no focus indicator (outline ${f.outline}; box-shadow ${f.boxShadow})`).toBe(true);
  expect(f.inViewport, `${step}: ${describeFocus(f)} is focused but off screen`).toBe(true);
}

/** Presses `key`, then checks and returns the new focus. */
async function press(page: Page, key: string, step: string): Promise<Focus> {
  await page.keyboard.press(key);
  const f = await focus(page);
  expectVisibleFocus(f, `${step} (after ${key})`);
  return f;
}

/**
 * Presses Tab (or Shift+Tab) until `until` matches the focused element, checking a visible focus
 * indicator at every stop on the way; fails after `max` presses. Returns every stop.
 */
async function tabTo(page: Page, until: (f: Focus) => boolean, what: string, max = 120, key = "Tab"): Promise<Focus[]> {
  const stops: Focus[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focus(page);
    expectVisibleFocus(f, `${key} #${i + 1} on the way to ${what}`);
    stops.push(f);
    if (until(f)) return stops;
  }
  throw new Error(`${key} never reached ${what} in ${max} presses; stops: ${stops.map(describeFocus).join(" → ")}`);
}

const HEADER_STOPS = ["Skip to content", "FormatFit", "Courses", "Check my calendar", "My reports"];

describeE2E("keyboard only: the check flow, the home page and the catalog filters", () => {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startIsolatedServer("keyboard");
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    if (!browser || !server) throw new Error("server/browser not started");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: ZONE });
    context.setDefaultTimeout(WAIT);
    contexts.push(context);
    const page = await context.newPage();
    const res = await page.goto(`${server.baseUrl}${path}`, { waitUntil: "load" });
    expect(res?.status(), `GET ${path}`).toBe(200);
    return page;
  }

  async function verdict(page: Page, sectionId: string): Promise<string> {
    const card = page.locator(".results").getByRole("group", { name: new RegExp(`${sectionId}$`) });
    return ((await card.locator(".verdict").textContent()) ?? "").trim();
  }

  test("check flow: pick a file, choose PM-101, run the check, reach the results and toggle a what-if with Space", async () => {
    const page = await open("/check");
    // Hydrated once the zone picker holds the browser's zone.
    await expect.poll(() => page.locator('select[id$="-tz"]').inputValue(), { timeout: WAIT }).toBe(ZONE);

    // Playwright intercepts the OS file dialog once a listener is attached; attach it now, well before
    // Space is pressed, so the interception is in place by then.
    const chooserOpened = page.waitForEvent("filechooser", { timeout: 120_000 });
    chooserOpened.catch(() => undefined); // awaited below; no unhandled rejection if an earlier step fails

    // The header, then the file input is the first stop in the form.
    const header: Focus[] = [];
    for (const name of HEADER_STOPS) header.push(await press(page, "Tab", `header link "${name}"`));
    expect(header.map((f) => f.name)).toEqual(HEADER_STOPS);
    const fileInput = await press(page, "Tab", "the file input");
    expect(fileInput.tag).toBe("input");
    expect(fileInput.type).toBe("file");
    expect(fileInput.name).toBe("Pick or drop .ics files (several at once is fine)");

    // Space opens the OS file dialog; Playwright answers it.
    await page.keyboard.press("Space");
    const chooser = await chooserOpened;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([LEARNER]);
    const item = page.getByRole("list", { name: "Calendars added" }).locator("li");
    await expect.poll(() => item.locator("p").first().textContent(), { timeout: WAIT }).toBe(
      "“Work and family”: 6 events (5 recurring), starting 2026-01-05 to 2027-03-08 (recurring events run on), 1 kB",
    );
    const afterPick = await focus(page);
    expectVisibleFocus(afterPick, "after choosing the file");
    expect(afterPick.type, "focus stays on the file input").toBe("file");

    // On through the address field to the calendar's Remove button and the course filter.
    expect((await press(page, "Tab", "address field")).type).toBe("url");
    expect((await press(page, "Tab", "Add address")).name).toBe("Add address");
    expect((await press(page, "Tab", "Remove button")).name).toBe("Remove learner-spring-2027.ics");
    // Nothing is chosen yet (no chips): the next stop is the filter, the first course control.
    const filter = await press(page, "Tab", "the course filter");
    expect([filter.type, filter.name]).toEqual(["search", "Find a course (code, title or section)"]);

    // Typing filters the list as it goes, and the status line (a live region) says how many match.
    await page.keyboard.type("project");
    const total = loadCatalog().courses.length;
    const matching = loadCatalog().courses.filter((c) => `${c.id} ${c.title}`.toLowerCase().includes("project")).map((c) => c.id);
    expect(matching).toEqual(["PM-101", "AGL-140"]);
    await expect.poll(() => page.locator('[role="status"]').filter({ hasText: /match/ }).textContent(), { timeout: WAIT }).toBe(`2 of ${total} courses match “project”.`);
    expect(await page.getByRole("group", { name: "Courses" }).getByRole("checkbox", { name: /^[A-Z]+-\d+ / }).count(), "only the matches are listed").toBe(2);

    // ArrowDown goes from the filter to the first match; Space ticks it, and it shows as a chip.
    const course = await press(page, "ArrowDown", "PM-101 checkbox");
    expect(course.type).toBe("checkbox");
    expect(course.name).toBe("PM-101 Project Management Foundations (synchronous, asynchronous, hybrid)");
    await press(page, "Space", "PM-101 checkbox toggled");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked), "Space ticks PM-101").toBe(true);
    await page.getByRole("button", { name: "Remove PM-101" }).waitFor({ timeout: WAIT });

    // Inside the list the arrow keys move: down to the course's sections, up again.
    expect((await press(page, "ArrowDown", "PM-101's sections")).name).toBe("Sections of PM-101");
    expect((await press(page, "ArrowUp", "back to PM-101")).name).toMatch(/^PM-101 Project Management Foundations/);

    // Shift+Tab goes back to the filter; Tab comes back to the list's one stop, the box last focused.
    expect((await press(page, "Shift+Tab", "back to the filter")).type).toBe("search");
    expect((await press(page, "Tab", "PM-101 again")).name).toMatch(/^PM-101 Project Management Foundations/);

    // The rest of the form, stop by stop, to the submit button; Enter runs the check. "Your week"
    // is one stop, its summary saying the zone the browser reported and the settings in force.
    const stops = await tabTo(page, (f) => f.tag === "button" && f.name === "Check which formats fit", "the submit button", 150);
    const names = stops.map((f) => f.name);
    const fromFilter = stops.length + 1; // the press from the filter into the list, then these
    console.log(`[e2e] keyboard: ${fromFilter} Tab presses from the course filter (the first course control) to the submit button, ${stops.length} from the PM-101 box (65 from the PM-101 box before issue 15); stops: ${names.join(" | ")}`);
    expect(names).toEqual(["Choose every course", "Clear", expect.stringMatching(/^3\. Your week: America\/New York \(from your browser\), study 07:00–22:00, sleep 23:/), "Check which formats fit"]);
    expect(fromFilter).toBeLessThanOrEqual(6);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Your result", exact: true }).waitFor({ timeout: WAIT });
    for (const id of ["PM-101-S1", "PM-101-A1", "PM-101-H1"]) await expect.poll(() => verdict(page, id), { timeout: WAIT }).toBe("Does not fit");

    // Focus moves to the results, visibly. Soft: when it does not, the walk below still runs (from
    // the browser's sequential focus starting point) and the test fails at the end.
    const landed = await page
      .waitForFunction(() => document.activeElement?.classList.contains("results") === true, undefined, { timeout: 5_000 })
      .then(
        () => "the results",
        async () => describeFocus(await focus(page)),
      );
    expect.soft(landed, "after Enter on the submit button and the answer, focus is on the results").toBe("the results");
    if (landed === "the results") expectVisibleFocus(await focus(page), "the results after Enter");

    // Into the results: the heat map's section picker changes with the arrow keys.
    const picker = await tabTo(page, (f) => f.tag === "select" && f.name === "Show the sessions of", "the heat map's section picker", 200);
    expect(picker.length).toBeGreaterThan(1);
    const heatTitle = () => page.locator(".results svg title").filter({ hasText: /^Busy hours per day/ }).textContent();
    expect(await heatTitle()).toBe("Busy hours per day over the term, with the sessions of PM-101-S1");
    await press(page, "ArrowDown", "section picker, next option");
    await expect.poll(heatTitle, { timeout: WAIT }).toBe("Busy hours per day over the term, with the sessions of PM-101-A1");
    await press(page, "ArrowUp", "section picker, previous option");
    await expect.poll(heatTitle, { timeout: WAIT }).toBe("Busy hours per day over the term, with the sessions of PM-101-S1");

    // On to the what-if box for Thursday soccer; Space ticks it and the result updates.
    const soccer = await tabTo(page, (f) => f.type === "checkbox" && f.name.startsWith("Coach kids' soccer practice"), "the soccer what-if checkbox", 150);
    expect(soccer.at(-1)?.name).toBe("Coach kids' soccer practice (12×, 18 h in the term)");
    await press(page, "Space", "soccer what-if ticked");
    await expect.poll(() => verdict(page, "PM-101-S1"), { timeout: WAIT }).toBe("Fits with trade-offs");
    await expect.poll(() => page.getByRole("heading", { name: "Your result", exact: true }).count(), { timeout: WAIT }).toBe(1);
    const afterUpdate = await focus(page);
    expectVisibleFocus(afterUpdate, "after the what-if update");
    expect(afterUpdate.name, "focus stays on the what-if box through the update").toBe("Coach kids' soccer practice (12×, 18 h in the term)");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);

    // Space again: back to the first answer.
    await press(page, "Space", "soccer what-if unticked");
    await expect.poll(() => verdict(page, "PM-101-S1"), { timeout: WAIT }).toBe("Does not fit");
    expect((await focus(page))?.name).toBe("Coach kids' soccer practice (12×, 18 h in the term)");
  });

  test("home page: Tab order, visible focus, the skip link, Shift+Tab and Enter on a link", async () => {
    const page = await open("/");
    const expected = [...HEADER_STOPS, "The formats side by side", "Check my calendar", "Browse courses and sections"];
    const stops: Focus[] = [];
    for (const name of expected) stops.push(await press(page, "Tab", `home: "${name}"`));
    expect(stops.map((f) => f.name)).toEqual(expected);
    expect(stops[5]?.role, "the table's scroll region is focusable").toBe("region");
    await page.keyboard.press("Tab");
    expect(describeFocus(await focus(page)), "after the last link focus leaves the page").toBe(describeFocus(null));

    // Shift+Tab comes back to the last link, then to "Check my calendar"; Enter follows it.
    expect((await press(page, "Shift+Tab", "back to the last link")).name).toBe("Browse courses and sections");
    const check = await press(page, "Shift+Tab", "back to Check my calendar");
    expect(check.name).toBe("Check my calendar");
    expect(check.className).toContain("button");
    await Promise.all([page.waitForURL(/\/check$/, { timeout: WAIT }), page.keyboard.press("Enter")]);

    // The skip link: first stop, shown on screen when focused, and Enter moves on to the content.
    const fresh = await open("/");
    const skip = await press(fresh, "Tab", "skip link");
    expect(skip.name).toBe("Skip to content");
    await fresh.keyboard.press("Enter");
    await fresh.waitForURL(/#main$/, { timeout: WAIT });
    const next = await press(fresh, "Tab", "first stop in the content after the skip link");
    expect(next.name, "Tab after the skip link lands in <main>, not the header").toBe("The formats side by side");
  });

  test("catalog filters: Tab to each filter, choose with the arrow keys, submit with Enter, open a course with Enter", async () => {
    const page = await open("/catalog?tz=America%2FNew_York");
    for (const name of HEADER_STOPS) await press(page, "Tab", `catalog header "${name}"`);
    const format = await press(page, "Tab", "format filter");
    expect([format.id, format.name]).toEqual(["f-format", "Format"]);
    await press(page, "ArrowDown", "format: Synchronous");
    expect(await page.locator("#f-format").inputValue()).toBe("synchronous");

    const weekday = await press(page, "Tab", "weekday filter");
    expect([weekday.id, weekday.name]).toEqual(["f-weekday", "Meets on"]);
    await press(page, "ArrowDown", "weekday: Monday");
    await press(page, "ArrowDown", "weekday: Tuesday");
    expect(await page.locator("#f-weekday").inputValue()).toBe("1");

    const time = await press(page, "Tab", "time-of-day filter");
    expect([time.id, time.name]).toEqual(["f-time", "Time of day"]);
    for (let i = 0; i < 4; i++) await press(page, "ArrowDown", `time of day, option ${i + 1}`);
    expect(await page.locator("#f-time").inputValue()).toBe("evening");

    const zone = await press(page, "Tab", "zone picker");
    expect([zone.id, zone.name]).toEqual(["f-tz", "Your time zone"]);
    const submit = await press(page, "Tab", "Show sections");
    expect([submit.tag, submit.name]).toEqual(["button", "Show sections"]);
    await Promise.all([page.waitForURL(/format=synchronous/, { timeout: WAIT, waitUntil: "load" }), page.keyboard.press("Enter")]);

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: "synchronous", weekday: "1", time: "evening", tz: ZONE });
    const expected = filterCatalog(loadCatalog({ env: {} }), { format: "synchronous", weekday: 1, timeOfDay: "evening", viewerZone: ZONE }).flatMap((c) => c.sections.map((s) => s.id));
    expect(expected).toContain("PM-101-S1");
    expect((await page.locator("ul.section-list > li > strong").allTextContents()).map((t) => t.trim())).toEqual(expected);

    // The first course link, by keyboard; Enter opens it with the zone kept.
    await tabTo(page, (f) => f.tag === "a" && f.name === "PM-101 Project Management Foundations", "the PM-101 course link", 40);
    await Promise.all([page.waitForURL(/\/catalog\/PM-101\?tz=/, { timeout: WAIT, waitUntil: "load" }), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).searchParams.get("tz")).toBe(ZONE);
  });
});
