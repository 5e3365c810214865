/**
 * A check over three calendars of different kinds — a connected Google work calendar, an uploaded
 * .ics (fixtures/ics/learner-spring-2027.ics) and a connected Outlook calendar — against the
 * bundled catalog's PM-101, through ConnectedCalendars on each store and two fake providers over
 * real sockets; then the web check's resolver, whose provider failures become the app's errors.
 *
 * PM-101-S1 meets Tue + Thu 18:30–20:00 New York (23:30Z–01:00Z in January).
 *   Google (ana@work.example): "late-standup" Tue 19 Jan 18:00–19:00 → 30 min into that session;
 *                              "declined-g" Thu 14 Jan 18:30–20:00, declined by Ana → not a clash.
 *   Outlook (ana@outlook.example): "ms-busy" Thu 21 Jan 19:00–19:30 → 30 min;
 *                              "declined-m" Tue 26 Jan 18:30–20:00, declined → not a clash.
 *   The file: PTA board meeting, second Tuesdays 18:30–20:30 → Tue 12 Jan, all 90 min.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectedCalendars, type NewConnection } from "@/lib/connections";
import { sealingKey } from "@/lib/connections/seal";
import { loadCatalog } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { termWindow } from "@/lib/fit";
import { fitJson } from "@/lib/fit/json";
import { preferencesFrom } from "@/lib/fit/preferences";
import { requestedSections, runCheck, type CalendarSource, type ConnectedSource } from "@/lib/check/run";
import type { CheckForm } from "@/lib/check/form";
import { IN_PROCESS, webCheck } from "@/lib/check/web";
import { startFakeCalendarApi, type FakeCalendarApi, type FakeInstance } from "../helpers/fake-calendar-api";
import { randomName, storeKinds, TestClock, useStore } from "../helpers/stores";

const KINDS = await storeKinds();

const CATALOG = loadCatalog({ env: {} });
const WINDOW = termWindow(requestedSections(CATALOG, [], ["PM-101"]).map((c) => c.section));
const FILE_NAME = "learner-spring-2027.ics";
const FILE = new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/ics/${FILE_NAME}`, import.meta.url))));
const PREFS = preferencesFrom({ timeZone: "America/New_York" });
const KEY = sealingKey("the test server's secret, long enough");

const GOOGLE_EVENTS: FakeInstance[] = [
  { id: "late-standup", title: "Late standup", start: "2027-01-19T18:00:00-05:00", end: "2027-01-19T19:00:00-05:00" },
  { id: "declined-g", title: "Vendor dinner", start: "2027-01-14T18:30:00-05:00", end: "2027-01-14T20:00:00-05:00", response: "declined" },
];
const OUTLOOK_EVENTS: FakeInstance[] = [
  { id: "ms-busy", title: "Call with Tokyo", start: "2027-01-21T19:00:00-05:00", end: "2027-01-21T19:30:00-05:00" },
  { id: "declined-m", title: "All-hands", start: "2027-01-26T18:30:00-05:00", end: "2027-01-26T20:00:00-05:00", response: "declined" },
];

let googleApi: FakeCalendarApi;
let outlookApi: FakeCalendarApi;

beforeAll(async () => {
  googleApi = await startFakeCalendarApi({ email: "ana@work.example", calendars: [] });
  outlookApi = await startFakeCalendarApi({ email: "ana@outlook.example", calendars: [] });
});
afterAll(async () => {
  await googleApi.close();
  await outlookApi.close();
});
beforeEach(() => {
  googleApi.reset();
  outlookApi.reset();
  googleApi.setAccount({ email: "ana@work.example", calendars: [{ id: "work", name: "Work", primary: true, instances: GOOGLE_EVENTS }] });
  outlookApi.setAccount({ email: "ana@outlook.example", calendars: [{ id: "AAMkCal", name: "Calendar", primary: true, instances: OUTLOOK_EVENTS }] });
  googleApi.validTokens.add("g-access");
  outlookApi.validTokens.add("m-access");
});

const GOOGLE: NewConnection = { provider: "google", subject: "g-sub", email: "ana@work.example", mode: "events", scope: "calendar", accessToken: "g-access", refreshToken: "g-refresh", expiresAt: undefined };
const OUTLOOK: NewConnection = { provider: "microsoft", subject: "m-sub", email: "ana@outlook.example", mode: "events", scope: "Calendars.ReadBasic", accessToken: "m-access", refreshToken: "m-refresh", expiresAt: undefined };

type Conflict = { start: string; end: string; overlapMinutes: number; partial: boolean };
function s1Conflicts(sources: readonly CalendarSource[], ignoredUids: string[] = []): Conflict[] {
  const outcome = runCheck({ catalog: CATALOG, sources, preferences: { ...PREFS, ignoredUids }, courseIds: ["PM-101"] });
  const s1 = fitJson(outcome.result).sections.find((s) => s.sectionId === "PM-101-S1");
  return s1?.live?.conflicts ?? [];
}
const at = (conflicts: Conflict[], start: string) => conflicts.find((c) => c.start === start);

describe.each(KINDS)("%s store", (kind) => {
  const t = useStore(kind);
  const clock = new TestClock("2027-01-04T15:00:00Z");
  const connections = (key: Buffer = KEY) =>
    new ConnectedCalendars(t.store, {
      key,
      now: clock.now,
      setups: {
        google: { kind: "google", oauth: { issuer: googleApi.issuer, clientId: "c", clientSecret: "s" }, google: { calendarApi: googleApi.googleApi } },
        microsoft: { kind: "microsoft", oauth: { issuer: outlookApi.issuer, clientId: "c", clientSecret: "s" }, graph: { graphApi: outlookApi.graphApi } },
      },
      sleep: async () => undefined,
    });

  async function connectedSources(): Promise<{ userId: string; google: ConnectedSource[]; outlook: ConnectedSource[]; ids: string[] }> {
    const userId = await t.reports(clock).upsertUser("oidc", randomName("sub-"), "ana@work.example", "Ana");
    const cc = connections();
    const g = await cc.save(userId, GOOGLE);
    const m = await cc.save(userId, OUTLOOK);
    return { userId, google: (await cc.read(userId, g.id, WINDOW)) ?? [], outlook: (await cc.read(userId, m.id, WINDOW)) ?? [], ids: [g.id, m.id] };
  }

  describe("runCheck over Google + an uploaded file + Outlook", () => {
    it("gives one result whose sources list all three", async () => {
      const { google, outlook } = await connectedSources();
      const sources: CalendarSource[] = [...google, { name: FILE_NAME, origin: "upload", bytes: FILE }, ...outlook];
      const outcome = runCheck({ catalog: CATALOG, sources, preferences: PREFS, courseIds: ["PM-101"] });
      expect(outcome.sources.map((s) => [s.name, s.origin, s.ok, s.eventCount])).toEqual([
        ["Google: Work", "connected", true, 2],
        [FILE_NAME, "upload", true, 6],
        ["Outlook: Calendar", "connected", true, 2],
      ]);
      expect(outcome.result.sections.map((s) => s.section.id)).toEqual(["PM-101-S1", "PM-101-A1", "PM-101-H1"]);
    });

    it("a busy Google event over a PM-101-S1 session is a conflict, as are the Outlook one and the file's", async () => {
      const { google, outlook } = await connectedSources();
      const conflicts = s1Conflicts([...google, { name: FILE_NAME, origin: "upload", bytes: FILE }, ...outlook]);
      expect(at(conflicts, "2027-01-19T23:30:00Z")).toEqual({ start: "2027-01-19T23:30:00Z", end: "2027-01-20T01:00:00Z", overlapMinutes: 30, partial: false });
      expect(at(conflicts, "2027-01-21T23:30:00Z")).toEqual({ start: "2027-01-21T23:30:00Z", end: "2027-01-22T01:00:00Z", overlapMinutes: 30, partial: false });
      expect(at(conflicts, "2027-01-12T23:30:00Z")).toEqual({ start: "2027-01-12T23:30:00Z", end: "2027-01-13T01:00:00Z", overlapMinutes: 90, partial: false });
    });

    it("the busy event behind the Google conflict is the Google event", async () => {
      const { google, outlook } = await connectedSources();
      const outcome = runCheck({ catalog: CATALOG, sources: [...google, { name: FILE_NAME, origin: "upload", bytes: FILE }, ...outlook], preferences: PREFS, courseIds: ["PM-101"] });
      const s1 = outcome.result.sections.find((s) => s.section.id === "PM-101-S1");
      const clash = s1?.live?.conflicts.find((c) => c.session.start === Date.parse("2027-01-19T23:30:00Z"));
      expect(clash?.busy.map((b) => b.uid)).toEqual(["late-standup"]);
    });

    it("invitations each account declined are not conflicts: the accounts' own addresses count as the learner's", async () => {
      const { google, outlook } = await connectedSources();
      const conflicts = s1Conflicts([...google, { name: FILE_NAME, origin: "upload", bytes: FILE }, ...outlook]);
      expect(at(conflicts, "2027-01-14T23:30:00Z")).toBeUndefined();
      expect(at(conflicts, "2027-01-26T23:30:00Z")).toBeUndefined();
      // Without the accounts' addresses the declines are someone else's meetings: busy.
      const anonymous = [...google, ...outlook].map((s) => ({ ...s, selfEmails: [] }));
      const without = s1Conflicts(anonymous);
      expect(at(without, "2027-01-14T23:30:00Z")?.overlapMinutes).toBe(90);
      expect(at(without, "2027-01-26T23:30:00Z")?.overlapMinutes).toBe(90);
    });

    it("ignoring the Google event's uid removes its conflict and leaves the others", async () => {
      const { google, outlook } = await connectedSources();
      const sources: CalendarSource[] = [...google, { name: FILE_NAME, origin: "upload", bytes: FILE }, ...outlook];
      const before = s1Conflicts(sources);
      const after = s1Conflicts(sources, ["late-standup"]);
      expect(at(after, "2027-01-19T23:30:00Z")).toBeUndefined();
      expect(after).toEqual(before.filter((c) => c.start !== "2027-01-19T23:30:00Z"));
      expect(at(after, "2027-01-21T23:30:00Z")?.overlapMinutes).toBe(30);
    });
  });

  describe("two busy-only Google accounts", () => {
    it("blocks of both accounts that start at the same instant both count", async () => {
      // Work: busy over the whole Tue 19 Jan session; personal: a quarter of an hour from its start.
      // Both accounts' free/busy is of their "primary" calendar, so the blocks share a start and
      // the calendar id; each must still count.
      googleApi.accountsByToken.set("work-access", { email: "ana@work.example", calendars: [{ id: "ana@work.example", name: "Ana", primary: true, instances: [{ id: "w", title: "w", start: "2027-01-19T23:30:00Z", end: "2027-01-20T01:00:00Z" }] }] });
      googleApi.accountsByToken.set("home-access", { email: "ana@gmail.example", calendars: [{ id: "ana@gmail.example", name: "Ana", primary: true, instances: [{ id: "h", title: "h", start: "2027-01-19T23:30:00Z", end: "2027-01-19T23:45:00Z" }] }] });
      googleApi.validTokens.add("work-access");
      googleApi.validTokens.add("home-access");
      const userId = await t.reports(clock).upsertUser("oidc", randomName("sub-"), null, "Ana");
      const cc = connections();
      const work = await cc.save(userId, { ...GOOGLE, subject: "g-work", email: "ana@work.example", mode: "busy", accessToken: "work-access" });
      const home = await cc.save(userId, { ...GOOGLE, subject: "g-home", email: "ana@gmail.example", mode: "busy", accessToken: "home-access" });
      const sources = [...((await cc.read(userId, work.id, WINDOW)) ?? []), ...((await cc.read(userId, home.id, WINDOW)) ?? [])];
      expect(sources.map((s) => [s.name, s.events.length])).toEqual([
        ["Google busy times (ana@work.example)", 1],
        ["Google busy times (ana@gmail.example)", 1],
      ]);
      expect(at(s1Conflicts(sources), "2027-01-19T23:30:00Z")?.overlapMinutes).toBe(90);
    });
  });

  describe("webCheck with a connected resolver", () => {
    function form(connections: string[]): CheckForm {
      return { files: [{ name: FILE_NAME, bytes: FILE }], urls: [], connections, preferences: PREFS, sectionIds: [], courseIds: ["PM-101"], together: false, require: [], exclude: [], details: false, output: "json", includeTitles: false };
    }
    /** As app/connected.ts builds it: the signed-in user's connections, read over the check's window. */
    function resolver(userId: string) {
      return async (ids: readonly string[], window: { from: number; to: number }) => {
        const cc = connections();
        const read = await Promise.all(ids.map((id) => cc.read(userId, id, window)));
        return read.flatMap((r) => r ?? []);
      };
    }
    async function failureOf(p: Promise<unknown>): Promise<AppError> {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    }

    it("reads the connections over the check's window and checks them with the file", async () => {
      const { userId, ids } = await connectedSources();
      googleApi.requests.length = 0;
      const answer = await webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolver(userId) });
      expect(answer.kind).toBe("json");
      if (answer.kind !== "json") return;
      expect(answer.body.sources.map((s) => s.name)).toEqual([FILE_NAME, "Google: Work", "Outlook: Calendar"]);
      const asked = googleApi.requests.find((r) => r.path.includes("/events"));
      const query = new URL(`http://x${asked?.path}`).searchParams;
      expect([query.get("timeMin"), query.get("timeMax")]).toEqual([new Date(WINDOW.from).toISOString(), new Date(WINDOW.to).toISOString()]);
    });

    it("a refused grant is CALENDAR_RECONNECT (409), and the connection is marked", async () => {
      const { userId, ids } = await connectedSources();
      googleApi.validTokens.clear();
      const e = await failureOf(webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolver(userId) }));
      expect([e.code, e.status, e.where, e.detail]).toEqual(["CALENDAR_RECONNECT", 409, "connection", { reason: "RECONNECT" }]);
      expect((await connections().get(userId, ids[0] as string))?.status).toBe("reconnect");
    });

    it("a missing scope is CALENDAR_SCOPE (403)", async () => {
      const { userId, ids } = await connectedSources();
      googleApi.fail(/\/events$/, 403, { body: { error: { code: 403, message: "Insufficient Permission", errors: [{ reason: "insufficientPermissions" }] } } });
      const e = await failureOf(webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolver(userId) }));
      expect([e.code, e.status]).toEqual(["CALENDAR_SCOPE", 403]);
    });

    it("a provider still limiting after the retries is CALENDAR_PROVIDER_BUSY (503)", async () => {
      const { userId, ids } = await connectedSources();
      outlookApi.fail(/\/calendarView$/, 429, { times: 4 });
      const e = await failureOf(webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolver(userId) }));
      expect([e.code, e.status, e.detail]).toEqual(["CALENDAR_PROVIDER_BUSY", 503, { reason: "RATE_LIMITED" }]);
    });

    it("a provider answering nonsense is CALENDAR_PROVIDER_FAILED (502)", async () => {
      const { userId, ids } = await connectedSources();
      outlookApi.fail(/\/calendarView$/, 200, { body: { value: [], "@odata.nextLink": "https://graph.evil.example/v1.0/me/events" } });
      const e = await failureOf(webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolver(userId) }));
      expect([e.code, e.status, e.detail]).toEqual(["CALENDAR_PROVIDER_FAILED", 502, { reason: "BAD_RESPONSE" }]);
    });

    it("tokens sealed under another server secret ask the learner to reconnect (409), not a 500", async () => {
      const { userId, ids } = await connectedSources();
      const rekeyed = connections(sealingKey("the server's new secret, after rotation"));
      const resolve = async (list: readonly string[], window: { from: number; to: number }) => (await Promise.all(list.map((id) => rekeyed.read(userId, id, window)))).flatMap((r) => r ?? []);
      const e = await failureOf(webCheck(form(ids), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS, connected: resolve }));
      expect([e.code, e.status, e.where]).toEqual(["CALENDAR_RECONNECT", 409, "connection"]);
      expect(e.message).toContain("Connect the calendar again");
    });

    it("connections without a resolver (nobody signed in) are UNAUTHORIZED", async () => {
      const e = await failureOf(webCheck(form(["some-id"]), { catalog: CATALOG, now: clock.now(), runner: IN_PROCESS }));
      expect([e.code, e.status]).toEqual(["UNAUTHORIZED", 401]);
    });
  });
});
