/**
 * Saved reports, the whole story in real Chromium against the production server, with sign-in
 * through a loopback OpenID Connect provider (tests/e2e/oidc.ts):
 *
 *  1. a learner (anonymous: this browser owns the report) checks a calendar against PM-101 on
 *     /check and saves the result as a report;
 *  2. shares it with an advisor's address and creates a share link, which a stranger's browser
 *     opens: the report without any event title, never cached, indexed or sent as a referrer;
 *  3. the advisor signs in, finds the report on /advisor, opens it and leaves a note (axe on both
 *     advisor pages; the print stylesheet drops navigation and buttons);
 *  4. the learner sees the note and the link's view, revokes the link, and the link answers 410;
 *  5. a signed-in non-advisor gets 403 on /advisor, a signed-out visitor 401.
 *
 * The steps share one server and run in order; each says what it needed from the one before.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { describeE2E, expectAccessible, launchBrowser, repoRoot, screenshot, startIsolatedServer, type E2EServer } from "./harness";
import { OIDC_NAME, signInEnv, startOidc, type MockOidc, type OidcUser } from "./oidc";

const LEARNER_ICS = join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics");
const REPORT_TITLE = "Spring 2027: PM-101 formats";
const ADVISOR: OidcUser = { sub: "oidc-sub-advisor-7f3a", email: "advisor@school.example", email_verified: true, name: "Avery Advisor" };
const OTHER_USER: OidcUser = { sub: "oidc-sub-learner-2b9c", email: "sam@home.example", email_verified: true, name: "Sam Learner" };
const NOTE = "PM-101's asynchronous section looks like the safer choice: Thursday evenings clash.";

/**
 * What the learner's calendar holds (tests/fixtures/ics/learner-spring-2027.ics): its event titles,
 * its calendar name and its file name. Without "Include event titles", none may reach a report.
 */
const PRIVATE_WORDS = ["Soccer", "soccer", "Yoga", "PTA", "Denver", "Family time", "Work and family", "learner-spring-2027"];

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const WAIT = 60_000; // generous: another e2e file may share this 2-core machine

describeE2E("saved reports: learner → share link → advisor → note → revoke", () => {
  let oidc: MockOidc | undefined;
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  // Carried from step to step.
  let learner: Page | undefined;
  let reportUrl: string | undefined;
  let reportId: string | undefined;
  let shareUrl: string | undefined;
  let advisorPage: Page | undefined;
  let shareViews = 0; // how often the share link has been opened: its view log must say so

  beforeAll(async () => {
    oidc = await startOidc();
    server = await startIsolatedServer("reports", { env: signInEnv(oidc, [ADVISOR.email]) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await oidc?.stop();
  });

  function base(): string {
    if (!server) throw new Error("the server did not start");
    return server.baseUrl;
  }

  async function newPage(options: BrowserContextOptions = DESKTOP): Promise<Page> {
    if (!browser) throw new Error("the browser did not start");
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.setDefaultNavigationTimeout(WAIT);
    return page;
  }

  /** Signs `user` in through the app's sign-in page and the loopback provider; lands on `callbackPath`. */
  async function signIn(page: Page, user: OidcUser, callbackPath: string): Promise<void> {
    if (!oidc) throw new Error("the OIDC provider did not start");
    oidc.setUser(user);
    const before = oidc.idTokensIssued();
    await page.goto(`${base()}/api/auth/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
    await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
    await page.waitForURL((u) => u.origin === base() && u.pathname === callbackPath, { timeout: WAIT });
    expect(oidc.idTokensIssued(), "the provider signed an ID token for this sign-in").toBeGreaterThan(before);
    const session = (await (await page.request.get(`${base()}/api/auth/session`)).json()) as { user?: { email?: string } };
    expect(session.user?.email, "the session is the person the provider vouched for").toBe(user.email);
  }

  function requireStep<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`an earlier step failed: no ${what}`);
    return value;
  }

  async function bodyText(page: Page): Promise<string> {
    return page.locator("body").innerText();
  }

  test("1. the learner checks a calendar against PM-101 on /check and saves the result as a report", async () => {
    learner = await newPage({ ...DESKTOP, timezoneId: "America/New_York" });
    const page = learner;
    const res = await page.goto(`${base()}/check?course=PM-101`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole("checkbox", { name: /^PM-101 / }).isChecked(), { timeout: WAIT }).toBe(true);

    await page.getByLabel(/Pick or drop \.ics files/).setInputFiles(LEARNER_ICS);
    const calendars = page.getByRole("list", { name: "Calendars added" });
    await calendars.getByText(/\d+ events?/).waitFor({ timeout: WAIT });
    // The zone comes from the browser; the learner lives in New York.
    await expect.poll(() => page.getByLabel("Your time zone").inputValue(), { timeout: WAIT }).toBe("America/New_York");

    await page.getByRole("button", { name: "Check which formats fit" }).click();
    await page.getByRole("heading", { name: "Save this result" }).waitFor({ timeout: WAIT });
    await page.getByRole("heading", { name: /PM-101/ }).first().waitFor();
    // The learner's own screen names their events and calendar (so the words below are real ones
    // to look for); the report must not.
    const onScreen = await bodyText(page);
    for (const word of ["Yoga", "soccer", "Work and family", "learner-spring-2027"]) expect(onScreen, `the check page shows "${word}"`).toContain(word);
    await screenshot(page, "reports-1-check-results");

    await page.getByLabel("Title", { exact: true }).fill(REPORT_TITLE);
    expect(await page.getByLabel(/Include event titles/).isChecked(), "titles are left out unless asked").toBe(false);
    await page.getByRole("button", { name: "Save report" }).click();
    await page.waitForURL(/\/reports\/[A-Za-z0-9_-]{22}$/, { timeout: WAIT });
    reportUrl = page.url();
    reportId = new URL(reportUrl).pathname.split("/").pop();

    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(REPORT_TITLE);
    const text = await bodyText(page);
    expect(text).toContain("PM-101");
    expect(text).toContain("Event titles are not included.");
    expect(text).toContain("times in America/New York");
    for (const word of PRIVATE_WORDS) expect(text, `the saved report shows "${word}"`).not.toContain(word);

    // This browser owns the report through an HttpOnly cookie (not Secure: FORMATFIT_INSECURE_COOKIES on plain http).
    const owner = (await page.context().cookies(base())).find((c) => c.name === "ff_owner");
    expect(owner, "the anonymous owner cookie").toBeDefined();
    expect(owner?.httpOnly).toBe(true);
    expect(owner?.sameSite).toBe("Lax");

    // It is listed under "My reports".
    await page.goto(`${base()}/reports`);
    await page.getByRole("link", { name: REPORT_TITLE }).waitFor();
    await page.getByRole("link", { name: REPORT_TITLE }).click();
    await page.waitForURL(reportUrl);
    await expectAccessible(page, "/reports/{id} (owner)");
    await screenshot(page, "reports-1-owner-report");
  });

  test("2. the learner shares it with the advisor and creates a share link; a stranger's browser sees it without event titles, uncached and unindexed", async () => {
    const page = requireStep(learner, "learner page");
    const url = requireStep(reportUrl, "report URL");
    await page.goto(url);

    await page.getByLabel("Advisor's email").fill(ADVISOR.email);
    await page.getByRole("button", { name: "Share with advisor" }).click();
    await page.getByRole("status").getByText(/Shared/).waitFor();
    await page.getByRole("listitem").filter({ hasText: ADVISOR.email }).waitFor();

    await page.getByRole("button", { name: "Create a share link" }).click();
    const linkBox = page.getByLabel("New link (shown once):");
    await linkBox.waitFor();
    shareUrl = await linkBox.inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${base().replace(/[.]/g, "\\.")}/share/[A-Za-z0-9_-]{43}$`));
    await page.getByRole("region", { name: "Share links" }).getByRole("button", { name: "Revoke" }).waitFor();
    await screenshot(page, "reports-2-owner-shared");

    // A stranger: a fresh context with no cookies.
    const stranger = await newPage();
    const shareResponse = await stranger.goto(shareUrl);
    shareViews += 1;
    expect(shareResponse?.status()).toBe(200);
    const h = shareResponse?.headers() ?? {};
    expect(h["cache-control"]).toBe("private, no-store");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["x-robots-tag"]).toMatch(/noindex/);
    expect(h["content-type"]).toMatch(/^text\/html/);
    expect(h["content-security-policy"], "the shared page runs no script").toMatch(/default-src 'none'/);
    expect(await stranger.getAttribute('meta[name="robots"]', "content")).toMatch(/noindex/);

    await expect.poll(() => stranger.getByRole("heading", { level: 1 }).innerText()).toBe(REPORT_TITLE);
    const text = await bodyText(stranger);
    expect(text).toContain("PM-101");
    expect(text).toContain("Event titles are not included.");
    for (const word of PRIVATE_WORDS) expect(text, `the shared report shows "${word}"`).not.toContain(word);
    // Not in the markup either (a hidden element or an attribute would leak just the same).
    const html = await stranger.content();
    for (const word of PRIVATE_WORDS) expect(html, `the shared page's HTML holds "${word}"`).not.toContain(word);
    // Read-only: nothing to press, nothing of the owner's management.
    expect(await stranger.locator("button, form, input").count()).toBe(0);
    expect(html).not.toContain("manage link");
    await screenshot(stranger, "reports-2-share-link");
  });

  test("3. the advisor signs in through the OIDC provider, finds the report on /advisor, opens it and leaves a note; axe and print stylesheet", async () => {
    const title = REPORT_TITLE;
    const id = requireStep(reportId, "report id");
    const page = await newPage();
    advisorPage = page;
    await signIn(page, ADVISOR, "/advisor");

    const list = await page.goto(`${base()}/advisor`);
    expect(list?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Reports shared with you" }).waitFor();
    expect(await bodyText(page)).toContain(`Signed in as ${ADVISOR.email}`);
    await expectAccessible(page, "/advisor");
    await screenshot(page, "reports-3-advisor-list");

    await page.getByRole("link", { name: title }).click();
    await page.waitForURL(`${base()}/advisor/${id}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(title);
    const text = await bodyText(page);
    expect(text).toContain("PM-101");
    for (const word of PRIVATE_WORDS) expect(text, `the advisor's view shows "${word}"`).not.toContain(word);
    // Read-only for the advisor: none of the owner's controls.
    expect(await page.getByRole("button", { name: /Rename|Delete report|Create a share link|Revoke/ }).count()).toBe(0);

    await page.getByLabel("Your note").fill(NOTE);
    await page.getByRole("button", { name: "Add note" }).click();
    // The form reloads the page once the note is stored.
    await page.getByRole("heading", { name: "Advisor notes" }).waitFor();
    const notes = page.locator("section.notes");
    await notes.getByText(NOTE).waitFor();
    expect(await notes.innerText()).toContain(ADVISOR.email);
    await expectAccessible(page, "/advisor/{id} with a note");
    await screenshot(page, "reports-3-advisor-report");

    // Printing: the report and its notes, without navigation, the note form or any button.
    await page.emulateMedia({ media: "print" });
    try {
      await expect.poll(() => page.locator("header.site nav").isVisible()).toBe(false);
      // An element that is laid out has client rects; display:none (or inside it) has none.
      const shown = (selector: string) => page.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.outerHTML.slice(0, 80)));
      expect(await shown("button"), "buttons visible in print").toEqual([]);
      expect(await shown("form, textarea, input"), "form controls visible in print").toEqual([]);
      expect(await page.getByRole("link", { name: "Reports shared with you" }).isVisible(), "the back link is screen-only").toBe(false);
      expect(await page.getByRole("link", { name: "Sign out" }).isVisible(), "the account links are screen-only").toBe(false);
      expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
      expect(await notes.getByText(NOTE).isVisible(), "the notes print").toBe(true);
      expect(await page.locator("article.report").isVisible()).toBe(true);
      await screenshot(page, "reports-3-advisor-report-print");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  test("3b. printing a report keeps all of it: the busy-hours table folded in a <details> prints too (advisor's page and share link)", async () => {
    const advisor = requireStep(advisorPage, "advisor page");
    const id = requireStep(reportId, "report id");
    const link = requireStep(shareUrl, "share link");
    const stranger = await newPage();
    await advisor.goto(`${base()}/advisor/${id}`);
    await stranger.goto(link);
    shareViews += 1;
    const problems: string[] = [];
    for (const [label, page] of [["/advisor/{id}", advisor], ["/share/{token}", stranger]] as const) {
      const busy = page.locator("article.report details").filter({ hasText: "Busy hours per day" });
      await busy.waitFor({ state: "attached" });
      expect(await busy.locator("table").isVisible(), `${label}: folded on screen`).toBe(false);
      await page.emulateMedia({ media: "print" });
      try {
        // Both print stylesheets hide every <summary> (nothing to click on paper) and mean to show
        // what the <details> hold; a closed <details> renders nothing past its summary, though.
        const laidOut = await busy.locator("table").evaluate((el) => el.getClientRects().length > 0);
        if (!laidOut) problems.push(`${label}: the busy-hours table is not printed (and its <summary> is hidden, so nothing says it is missing)`);
        if (label === "/share/{token}") await screenshot(page, "reports-3b-share-link-print");
      } finally {
        await page.emulateMedia({ media: "screen" });
      }
    }
    expect(problems).toEqual([]);
  });

  test("4. the learner sees the note and the link's view, revokes the link, and the link then answers 410 saying so", async () => {
    const page = requireStep(learner, "learner page");
    const url = requireStep(reportUrl, "report URL");
    const link = requireStep(shareUrl, "share link");
    await page.goto(url);
    await page.reload();

    const notes = page.locator("section.notes");
    await notes.getByRole("heading", { name: "Advisor notes" }).waitFor();
    await notes.getByText(NOTE).waitFor();
    expect(await notes.innerText()).toContain(ADVISOR.email);

    // The strangers' visits are in the view log.
    const links = page.getByRole("region", { name: "Share links" });
    await links.getByText(new RegExp(`^${shareViews}×, last`)).waitFor();
    await screenshot(page, "reports-4-owner-with-note");

    await links.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("status").getByText(/revoked/i).waitFor();
    await links.getByText("Revoked").waitFor();
    // And after a reload (the state is the server's, not the page's).
    await page.reload();
    await page.getByRole("region", { name: "Share links" }).getByText("Revoked").waitFor();
    expect(await page.getByRole("region", { name: "Share links" }).getByRole("button", { name: "Revoke" }).count()).toBe(0);

    const stranger = await newPage();
    const res = await stranger.goto(link);
    expect(res?.status(), "a revoked link").toBe(410);
    const h = res?.headers() ?? {};
    expect(h["cache-control"]).toBe("private, no-store");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["x-robots-tag"]).toMatch(/noindex/);
    await stranger.getByRole("heading", { level: 1, name: /no longer available/i }).waitFor();
    const text = await bodyText(stranger);
    expect(text).toMatch(/withdrawn/);
    expect(text, "a revoked link shows nothing of the report").not.toContain(REPORT_TITLE);
    expect(text).not.toContain("PM-101");
    await screenshot(stranger, "reports-4-share-link-revoked-410");
  });

  test("5. /advisor: a signed-in non-advisor gets 403, a signed-out visitor 401 with a way to sign in; neither sees a report", async () => {
    const id = requireStep(reportId, "report id");

    const other = await newPage();
    await signIn(other, OTHER_USER, "/");
    for (const path of ["/advisor", `/advisor/${id}`]) {
      const res = await other.goto(`${base()}${path}`);
      expect(res?.status(), `${path} for a signed-in non-advisor`).toBe(403);
      await other.getByRole("heading", { level: 1, name: "Not available to this account" }).waitFor();
      const text = await bodyText(other);
      expect(text).not.toContain(REPORT_TITLE);
      expect(text).not.toContain("Leave a note");
    }
    await screenshot(other, "reports-5-advisor-403");

    const anonymous = await newPage();
    for (const path of ["/advisor", `/advisor/${id}`]) {
      const res = await anonymous.goto(`${base()}${path}`);
      expect(res?.status(), `${path} signed out`).toBe(401);
      await anonymous.getByRole("heading", { level: 1, name: "Please sign in" }).waitFor();
      expect(await bodyText(anonymous)).not.toContain(REPORT_TITLE);
    }
    const signInLink = anonymous.getByRole("main").getByRole("link", { name: "Sign in" });
    expect(await signInLink.getAttribute("href")).toMatch(/^\/api\/auth\/signin\?callbackUrl=%2Fadvisor/);
    await screenshot(anonymous, "reports-5-advisor-401");
  });
});
