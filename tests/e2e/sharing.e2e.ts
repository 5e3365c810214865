/**
 * Sharing a report (issue 15) in real Chromium against the production server, with an advisor
 * who signs in through the loopback OpenID provider:
 *
 *  1. the learner (in Los Angeles) saves a check with the name they choose to show advisors;
 *  2. the report page gives times in the learner's zone and the expiry as a date, a share link in
 *     a box that wraps (never cut off) with a Copy button (Clipboard API, and the selection when the
 *     API refuses), "Link copied" said in a live region; at 1280 and 390 px;
 *  3. the site navigation has "Advisor sign in" for a visitor, "Shared with me" for an advisor;
 *  4. the advisor's list and view name the learner; the view leads back to the list;
 *  5. printing: the advisor's view and the share link fit A4 and Letter (no horizontal overflow at
 *     the printable width, PDF page counts), without navigation or buttons.
 *
 * The server runs under TZ=Asia/Kathmandu (vitest.e2e.config.mts): a date in the machine's zone
 * would show up as wrong.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { formatDateTime, formatLongDate } from "@/lib/time/format";
import { describeE2E, expectAccessible, repoRoot, screenshot, useE2E } from "./harness";
import { OIDC_NAME, signInEnv, startOidc, type MockOidc, type OidcUser } from "./oidc";

const LEARNER_ICS = join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics");
const LEARNER_ZONE = "America/Los_Angeles";
const NAME = "Jordan Rivera";
const TITLE = "Spring 2027 options";
const ADVISOR: OidcUser = { sub: "oidc-sub-advisor-sharing", email: "advisor@school.example", email_verified: true, name: "Avery Advisor" };
const WAIT = 60_000;
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** A4's printable width at 96 px to the inch with the 12 mm side margins of the print CSS: (210 − 24) mm. */
const A4_PRINT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);
/** Letter's: (8.5 in − 24 mm). */
const LETTER_PRINT_WIDTH = Math.floor((8.5 - 24 / 25.4) * 96);

describeE2E("sharing a report: the learner's name, copying the link, local times, the advisor's view, print", () => {
  let oidc: MockOidc | undefined;
  // The provider first: the server's environment points at it (hooks run in the order registered).
  beforeAll(async () => {
    oidc = await startOidc();
  });
  afterAll(async () => {
    await oidc?.stop();
  });
  const e2e = useE2E("sharing", {
    env: () => {
      if (!oidc) throw new Error("the OIDC provider did not start");
      return signInEnv(oidc, [ADVISOR.email]);
    },
  });
  const base = e2e.base;
  const newPage = (options: BrowserContextOptions = DESKTOP) => e2e.newPage(options, WAIT);
  let learner: Page | undefined;
  let reportUrl: string | undefined;
  let reportId: string | undefined;
  let shareUrl: string | undefined;
  let advisor: Page | undefined;

  function step<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`an earlier step failed: no ${what}`);
    return value;
  }

  /** Nothing on the page is wider than the viewport (and no table runs past its right edge). */
  async function overflow(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      if (document.documentElement.scrollWidth > width + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide in ${width}`);
      // A wide element inside a sideways-scrolling box is reachable (the box scrolls); on paper
      // (print CSS) those boxes stop scrolling, so anything too wide shows up here.
      const scrolls = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return p.getBoundingClientRect().right <= width + 1;
        return false;
      };
      for (const el of Array.from(document.querySelectorAll("table, svg, pre, img"))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1 && !scrolls(el)) out.push(`<${el.tagName.toLowerCase()}> ends at ${Math.round(r.right)} px (${(el.textContent ?? "").trim().slice(0, 40)})`);
      }
      return out;
    });
  }

  /** Pages in a PDF (each page object; the page tree's /Pages is not one). */
  function pdfPages(pdf: Buffer): number {
    return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  }

  test("1. the learner saves a check with the name to show advisors", async () => {
    learner = await newPage({ ...DESKTOP, timezoneId: LEARNER_ZONE });
    const page = learner;
    await page.goto(`${base()}/check?course=PM-101`);
    await expect.poll(() => page.getByRole("checkbox", { name: /^PM-101 / }).isChecked(), { timeout: WAIT }).toBe(true);
    await page.getByLabel(/Pick or drop \.ics files/).setInputFiles(LEARNER_ICS);
    await page.getByRole("list", { name: "Calendars added" }).getByText(/\d+ events?/).waitFor();
    await expect.poll(() => page.locator("details.week > summary").textContent(), { timeout: WAIT }).toContain("America/Los Angeles (from your browser)");
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await page.getByRole("heading", { name: "Save this result" }).waitFor({ timeout: WAIT });

    await page.getByLabel("Title", { exact: true }).fill(TITLE);
    await page.getByLabel("Your name for the advisor (optional)").fill(`  ${NAME} `);
    await page.getByRole("button", { name: "Save report" }).click();
    await page.waitForURL(/\/reports\/[A-Za-z0-9_-]{22}$/, { timeout: WAIT });
    reportUrl = page.url();
    reportId = new URL(reportUrl).pathname.split("/").pop();
    expect(await page.getByLabel("Your name for the advisor (optional)").inputValue()).toBe(NAME);
    expect(await page.locator("#r-name-help").textContent()).toBe(`Shown as “${NAME}” to advisors and anyone with a link.`);
    // The learner's own page does not announce their own name as "Shared by".
    expect(await page.locator("article.report .shared-by").count()).toBe(0);
  });

  test("2. the report page: times in the learner's zone, expiry as a date, a share link that wraps with a Copy button", async () => {
    const page = step(learner, "learner page");
    const id = step(reportId, "report id");
    await page.goto(step(reportUrl, "report URL"));
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base() });

    await page.getByRole("button", { name: "Create a share link" }).click();
    const box = page.getByLabel("New link (shown once):");
    await box.waitFor();
    shareUrl = await box.inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${base().replace(/[.]/g, "\\.")}/share/[A-Za-z0-9_-]{43}$`));

    // The Clipboard API: "Link copied" in the live region, and the clipboard holds the whole link.
    const copyLink = page.locator(".copy-link", { has: page.locator("#l-new") });
    await copyLink.getByRole("button", { name: "Copy", exact: true }).click();
    const said = copyLink.getByRole("status");
    await expect.poll(() => said.textContent()).toBe("Link copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);

    // When the API refuses, the link is selected whole and copied the old way.
    await page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, "writeText", { value: () => Promise.reject(new Error("refused")), configurable: true });
    });
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await copyLink.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => said.textContent()).toMatch(/^(Link copied|Could not copy by itself: the link is selected, press Ctrl\+C)/);
    expect(await box.evaluate((t) => [(t as HTMLTextAreaElement).selectionStart, (t as HTMLTextAreaElement).selectionEnd])).toEqual([0, shareUrl.length]);

    // The links table: created and last opened in the learner's zone (the browser's), expiry as a date.
    const links = (await (await page.request.get(`${base()}/api/reports/${id}/links`)).json()) as { links: { createdAt: number; expiresAt: number }[] };
    const made = links.links[0];
    if (!made) throw new Error("no link listed");
    const row = page.getByRole("region", { name: "Share links" }).locator("tbody tr").first();
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe(formatDateTime(made.createdAt, LEARNER_ZONE));
    expect(cells[1]).toBe(formatLongDate(made.expiresAt, LEARNER_ZONE));
    expect(await page.getByText(/^Kept until \d{1,2} [A-Z][a-z]+ \d{4}, then deleted with its links\. Times on this page are in America\/Los Angeles\.$/).count()).toBe(1);
    await expectAccessible(page, "/reports/{id} with a new share link");
    await screenshot(page, "sharing-2-owner-link-1280");

    // On a phone the box wraps: all of the link is in view, nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    const fits = await box.evaluate((t) => ({ wide: t.scrollWidth <= t.clientWidth + 1, tall: t.scrollHeight <= t.clientHeight + 1 }));
    expect(fits, "the link box shows the whole link at 390 px").toEqual({ wide: true, tall: true });
    expect(await overflow(page)).toEqual([]);
    await screenshot(page, "sharing-2-owner-link-390");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("3. the navigation: 'Advisor sign in' for a visitor who is signed out; 'Shared with me' once an advisor signs in", async () => {
    const visitor = await newPage();
    await visitor.goto(`${base()}/`);
    const nav = visitor.getByRole("navigation", { name: "Main" });
    const entry = nav.getByRole("link", { name: "Advisor sign in" });
    expect(await entry.getAttribute("href")).toBe("/api/auth/signin?callbackUrl=%2Fadvisor");

    if (!oidc) throw new Error("the OIDC provider did not start");
    oidc.setUser(ADVISOR);
    await entry.click();
    await visitor.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
    await visitor.waitForURL(`${base()}/advisor`, { timeout: WAIT });
    advisor = visitor;
    expect(await nav.getByRole("link", { name: "Shared with me" }).getAttribute("href")).toBe("/advisor");
    expect(await nav.getByRole("link", { name: "Advisor sign in" }).count()).toBe(0);
  });

  test("4. the advisor's list and view name the learner; the view leads back to the list", async () => {
    const learnerPage = step(learner, "learner page");
    const page = step(advisor, "advisor page");
    const id = step(reportId, "report id");
    await learnerPage.goto(step(reportUrl, "report URL"));
    await learnerPage.getByLabel("Advisor's email").fill(ADVISOR.email);
    await learnerPage.getByRole("button", { name: "Share with advisor" }).click();
    await learnerPage.getByRole("listitem").filter({ hasText: ADVISOR.email }).waitFor();

    await page.goto(`${base()}/advisor`);
    const item = page.locator("ul.report-list li").filter({ hasText: TITLE });
    expect(((await item.textContent()) ?? "").replace(/\s+/g, " ")).toMatch(new RegExp(`^${TITLE} from ${NAME} saved \\d{1,2} [A-Z][a-z]+ \\d{4}`));

    await item.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`${base()}/advisor/${id}`);
    expect(await page.locator("article.report .shared-by").textContent()).toBe(`Shared by ${NAME}`);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(`${NAME}: ${TITLE}`);
    await crumbs.getByRole("button", { name: "Print or save as PDF" }).waitFor();
    await expectAccessible(page, "/advisor/{id} with the learner's name");
    await screenshot(page, "sharing-4-advisor-view-1280");

    await crumbs.getByRole("link", { name: "Reports shared with you" }).click();
    await page.waitForURL(`${base()}/advisor`);
    await page.getByRole("heading", { level: 1, name: "Reports shared with you" }).waitFor();

    // The share link names the learner too.
    const stranger = await newPage();
    await stranger.goto(step(shareUrl, "share link"));
    expect(await stranger.locator(".shared-by").textContent()).toBe(`Shared by ${NAME}`);
  });

  test("5. printing fits A4 and Letter: no horizontal overflow at the printable width, no navigation or buttons; PDF page counts", async () => {
    const page = step(advisor, "advisor page");
    const id = step(reportId, "report id");
    const stranger = await newPage();
    await page.goto(`${base()}/advisor/${id}`);
    await stranger.goto(step(shareUrl, "share link"));
    const counts: string[] = [];
    for (const [label, p] of [
      ["advisor view", page],
      ["share link", stranger],
    ] as const) {
      await p.emulateMedia({ media: "print" });
      try {
        for (const [paper, width] of [
          ["A4", A4_PRINT_WIDTH],
          ["Letter", LETTER_PRINT_WIDTH],
        ] as const) {
          await p.setViewportSize({ width, height: 1100 });
          expect(await overflow(p), `${label} on ${paper}`).toEqual([]);
          await screenshot(p, `sharing-5-${label.replace(/ /g, "-")}-print-${paper}`);
        }
        const shown = (selector: string) => p.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80)));
        expect(await shown("button, nav, form, header.site"), `${label}: screen-only parts in print`).toEqual([]);
        expect(await p.locator(".shared-by").isVisible(), `${label}: the learner's name prints`).toBe(true);
        for (const format of ["A4", "Letter"] as const) {
          const pages = pdfPages(await p.pdf({ format, printBackground: true }));
          counts.push(`${label} ${format}: ${pages} page(s)`);
          expect(pages, `${label} as a ${format} PDF`).toBeGreaterThan(0);
          expect(pages, `${label} as a ${format} PDF`).toBeLessThanOrEqual(12);
        }
      } finally {
        await p.emulateMedia({ media: "screen" });
        await p.setViewportSize({ width: 1280, height: 900 });
      }
    }
    console.log(`[e2e] print: ${counts.join("; ")}`);
  });
});
