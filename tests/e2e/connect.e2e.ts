/**
 * Connecting Google Calendar and Outlook, end to end: real Chromium, the production server, an
 * OpenID provider on loopback standing in for Google's and Microsoft's sign-in (oauth2-mock-server,
 * PKCE + state), and tests/helpers/fake-calendar-api.ts speaking Calendar v3 and Graph v1.0. The
 * learner connects Google (consent through the loopback provider), picks calendars, connects
 * Outlook to the same account, adds an uploaded .ics, and reaches verdicts that come from all
 * three; then the provider withdraws access and the page asks them to reconnect.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeE2E, expectAccessible, launchBrowser, repoRoot, screenshot, startServer, type E2EServer } from "./harness";
import { startOidc, type MockOidc } from "./oidc";
import { startFakeCalendarApi, weekly, type FakeCalendarApi } from "../helpers/fake-calendar-api";

describeE2E("connecting Google Calendar and Outlook", () => {
  let server: E2EServer;
  let browser: Browser;
  let oidc: MockOidc;
  let api: FakeCalendarApi;
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "formatfit-connect-"));
    api = await startFakeCalendarApi({
      email: "learner@example.com",
      calendars: [
        {
          id: "work@example.com",
          name: "Work",
          primary: true,
          instances: [
            // Thursday client calls 18:00–19:30 New York: clash with PM-101-S1 (Tue/Thu 18:30).
            ...weekly("client-calls", "Client calls", "2027-01-21T18:00:00-05:00", 90, 7, { cancelledDates: ["2027-02-04"] }),
            ...weekly("client-calls", "Client calls", "2027-03-18T18:00:00-04:00", 90, 6),
            // A declined Tuesday invitation at the session's time: free for the learner.
            ...weekly("board", "Board dinner", "2027-01-19T18:30:00-05:00", 120, 4, { response: "declined" }),
            { id: "ooo-1", title: "Conference trip", start: "2027-03-02", end: "2027-03-04", allDay: true, show: "oof", eventType: "outOfOffice" },
          ],
        },
        { id: "family@example.com", name: "Family", instances: [...weekly("swim", "Swim class", "2027-01-23T10:00:00-05:00", 60, 10)] },
        { id: "holidays@example.com", name: "Holidays in United States", instances: [] },
      ],
    });
    api.acceptAnyToken = true; // tokens come from the loopback provider
    api.pageSize = 5; // paging happens with little data
    oidc = await startOidc();
    oidc.setUser({ sub: "google-learner-1", email: "learner@example.com", email_verified: true, name: "Lee Learner" });
    server = await startServer({
      env: (baseUrl) => ({
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: "e2e-secret-for-sessions-and-tokens-0123456789",
        FORMATFIT_SQLITE_PATH: join(dir, "store.sqlite"),
        FORMATFIT_REVISIONS_FILE: join(dir, "revisions.json"),
        FORMATFIT_INSECURE_COOKIES: "1",
        GOOGLE_CLIENT_ID: oidc.clientId,
        GOOGLE_CLIENT_SECRET: oidc.clientSecret,
        GOOGLE_ISSUER: oidc.issuer,
        GOOGLE_CALENDAR_API: api.googleApi,
        AZURE_AD_CLIENT_ID: oidc.clientId,
        AZURE_AD_CLIENT_SECRET: oidc.clientSecret,
        MICROSOFT_ISSUER: oidc.issuer,
        MICROSOFT_GRAPH_API: api.graphApi,
      }),
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await oidc?.stop();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("says what will be asked before any consent screen, and asks for nothing at page load", async () => {
    await page.goto(`${server.baseUrl}/check`);
    const panel = page.locator("section.connect");
    const connect = panel.getByRole("button", { name: "Connect Google Calendar" });
    await expect.poll(() => connect.isEnabled(), { timeout: 30_000 }).toBe(true); // once the CSRF token is in
    await panel.getByText("What FormatFit asks for, and what it keeps").click();
    await panel.getByText(/read-only access to your events/).waitFor();
    await panel.getByText(/read basic details of your calendars/).waitFor();
    expect(api.requests.length).toBe(0);
    await expectAccessible(page, "/check with connect buttons");
  });

  it("connects Google through the consent flow and lists the account's calendars to pick from", async () => {
    await page.locator("section.connect").getByRole("button", { name: "Connect Google Calendar" }).click();
    await page.waitForURL(/\/check/, { timeout: 60_000 });
    const list = page.getByRole("list", { name: "Connected calendars" });
    await list.getByText("Google Calendar — learner@example.com").waitFor({ timeout: 60_000 });
    const work = list.getByRole("checkbox", { name: /^\s*Work \(main\)/ });
    expect(await work.isChecked()).toBe(true); // the primary calendar counts until the learner picks
    expect(await list.getByRole("checkbox", { name: /^\s*Family/ }).isChecked()).toBe(false);
    await list.getByRole("checkbox", { name: /^\s*Family/ }).check();
    // The pick is saved on the server.
    await expect.poll(() => api.requests.filter((r) => r.path.startsWith("/calendar/v3/users/me/calendarList")).length).toBeGreaterThan(0);
    const saved = await page.evaluate(async () => (await (await fetch("/api/connections")).json()) as { connections: { calendars: { id: string; selected: boolean }[] }[] });
    expect(saved.connections[0]?.calendars.filter((c) => c.selected).map((c) => c.id).sort()).toEqual(["family@example.com", "work@example.com"]);
    // No token reaches the page.
    expect(JSON.stringify(saved)).not.toMatch(/token|eyJ/i);
  });

  it("connects Outlook to the same account", async () => {
    oidc.setUser({ sub: "entra-learner-1", email: "learner@contoso.example", email_verified: true, name: "Lee Learner" });
    await page.locator("section.connect").getByRole("button", { name: "Connect Outlook" }).click();
    await page.waitForURL(/\/check/, { timeout: 60_000 });
    const list = page.getByRole("list", { name: "Connected calendars" });
    await list.getByText("Outlook — learner@contoso.example").waitFor({ timeout: 60_000 });
    await list.getByText("Google Calendar — learner@example.com").waitFor();
    expect(api.requests.some((r) => r.path.startsWith("/v1.0/me/calendars"))).toBe(true);
  });

  it("combines Google, Outlook and an uploaded file in one check and reaches verdicts", async () => {
    await page.locator('input[type="file"]').setInputFiles(join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics"));
    await page.getByText(/learner-spring-2027\.ics/).first().waitFor();
    await page.getByLabel(/^PM-101 /).check();
    await page.getByRole("button", { name: "Check which formats fit" }).click();
    const result = page.getByRole("heading", { name: /Your result/ });
    await result.waitFor({ timeout: 90_000 });
    const s1 = page.getByRole("group").filter({ has: page.getByRole("heading", { name: /PM-101-S1/ }) });
    expect(await s1.locator(".verdict").first().textContent()).toMatch(/not fit/i);
    // The clashes table names events from Google (titles shown on the learner's own screen).
    await s1.locator("summary").first().click();
    await s1.getByText("Client calls").first().waitFor();
    // Graph was asked in UTC; Google with singleEvents over the term.
    expect(api.requests.some((r) => r.path.includes("/calendarView") && r.prefer?.includes('outlook.timezone="UTC"'))).toBe(true);
    expect(api.requests.some((r) => r.path.includes("/events?") && r.path.includes("singleEvents=true"))).toBe(true);
    await screenshot(page, "connect-results-desktop");
    await expectAccessible(page, "/check results with connected calendars");
  });

  it("busy times only: Google's free/busy in ranges of at most 90 days, no titles reach the result", async () => {
    oidc.setUser({ sub: "google-learner-1", email: "learner@example.com", email_verified: true, name: "Lee Learner" });
    await page.locator("section.connect").getByRole("button", { name: "Google: busy times only" }).click();
    await page.waitForURL(/\/check/, { timeout: 60_000 });
    const list = page.getByRole("list", { name: "Connected calendars" });
    await list.getByText("Google Calendar (busy times only) — learner@example.com").waitFor({ timeout: 60_000 });
    const answer = await page.evaluate(async () => {
      const conns = (await (await fetch("/api/connections")).json()) as { connections: { id: string; mode: string }[] };
      const busy = conns.connections.find((c) => c.mode === "busy");
      const form = new FormData();
      form.append("connection", busy?.id ?? "");
      form.append("section", "PM-101-S1");
      form.append("details", "true");
      form.append("preferences", JSON.stringify({ timeZone: "America/New_York" }));
      const res = await fetch("/api/check", { method: "POST", body: form });
      return { status: res.status, text: await res.text() };
    });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { sections: { sectionId: string; verdict: string; live: { conflicts: unknown[] } | null }[]; sources: { name: string; origin: string }[] };
    expect(body.sources.map((x) => [x.name, x.origin])).toEqual([["Google busy times (learner@example.com)", "connected"]]);
    // The Thursday client calls clash with S1 (a busy block each), but their title never arrives.
    expect(body.sections[0]?.live?.conflicts.length).toBeGreaterThan(0);
    expect(answer.text).not.toMatch(/Client calls|Board dinner|Swim class/);
    const ranges = api.requests
      .filter((r) => r.method === "POST" && r.path.startsWith("/calendar/v3/freeBusy"))
      .map((r) => JSON.parse(r.body ?? "{}") as { timeMin: string; timeMax: string });
    expect(ranges.length).toBeGreaterThan(1); // the term is longer than 90 days
    for (const r of ranges) expect(Date.parse(r.timeMax) - Date.parse(r.timeMin)).toBeLessThanOrEqual(90 * 86_400_000);
  });

  it("asks the learner to reconnect when the provider withdraws access", async () => {
    api.acceptAnyToken = false; // every token now answers 401, and refreshed ones too
    await page.goto(`${server.baseUrl}/check`);
    const list = page.getByRole("list", { name: "Connected calendars" });
    await list.getByRole("button", { name: /Reconnect Google Calendar/ }).waitFor({ timeout: 60_000 });
    await screenshot(page, "connect-reconnect");
    // A check naming the connection answers 409 with what to do.
    const answer = await page.evaluate(async () => {
      const conns = (await (await fetch("/api/connections")).json()) as { connections: { id: string; provider: string }[] };
      const google = conns.connections.find((c) => c.provider === "google");
      const form = new FormData();
      form.append("connection", google?.id ?? "");
      form.append("course", "PM-101");
      const res = await fetch("/api/check", { method: "POST", body: form });
      return { status: res.status, body: (await res.json()) as { error?: { code?: string; message?: string } } };
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("CALENDAR_RECONNECT");
    expect(answer.body.error?.message).toMatch(/connect/i);
  });

  it("disconnects: the connection and its tokens are gone", async () => {
    api.acceptAnyToken = true;
    const list = page.getByRole("list", { name: "Connected calendars" });
    await list.getByRole("button", { name: /Disconnect Outlook/ }).click();
    await page.getByText(/Outlook disconnected/).waitFor();
    const after = await page.evaluate(async () => (await (await fetch("/api/connections")).json()) as { connections: { provider: string; mode: string }[] });
    expect(after.connections.map((c) => `${c.provider}/${c.mode}`)).toEqual(["google/events", "google/busy"]);
  });

  it("refuses another browser (not signed in) the connections API", async () => {
    const res = await fetch(`${server.baseUrl}/api/connections`);
    expect(res.status).toBe(401);
    const del = await fetch(`${server.baseUrl}/api/connections/anything`, { method: "DELETE", headers: { origin: server.baseUrl } });
    expect(del.status).toBe(401);
  });
});
