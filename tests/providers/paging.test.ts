/**
 * Paging through the providers' lists: Google's `nextPageToken` (calendarList and events.list) and
 * Graph's `@odata.nextLink`, followed only on the configured API's origin so the bearer token never
 * leaves it; a 10,000-event calendar read completely, and the per-calendar cap. The fake's page size
 * is set small, so paging happens with little data; requests are counted at the fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { googleEvents, listGoogleCalendars } from "@/lib/providers/google";
import { graphEvents, listGraphCalendars } from "@/lib/providers/graph";
import { ProviderError } from "@/lib/providers/http";
import { fakeClient, startFakeCalendarApi, type FakeCalendar, type FakeCalendarApi, type FakeInstance } from "../helpers/fake-calendar-api";
import { iso, ms } from "../helpers/ics";

const EMAIL = "ana@example.com";
const WINDOW = { from: ms("2027-01-01T00:00:00Z"), to: ms("2028-01-01T00:00:00Z") };

/** `n` half-hour single events, one every `stepMinutes` from `fromIso`, ids e00000, e00001, … */
function events(n: number, fromIso: string, stepMinutes: number): FakeInstance[] {
  const from = ms(fromIso);
  return Array.from({ length: n }, (_, i) => ({
    id: `e${String(i).padStart(5, "0")}`,
    title: `Event ${i}`,
    start: new Date(from + i * stepMinutes * 60_000).toISOString(),
    end: new Date(from + i * stepMinutes * 60_000 + 30 * 60_000).toISOString(),
  }));
}

/** 10,000 half-hour events, one every 45 minutes from 4 Jan 2027: the last starts 2027-11-12T11:15Z. */
const BIG = events(10_000, "2027-01-04T00:00:00Z", 45);
const CALENDARS: FakeCalendar[] = [
  { id: "primary-cal", name: "Ana", primary: true, instances: events(7, "2027-02-01T14:00:00Z", 24 * 60) },
  { id: "work", name: "Work", instances: [] },
  { id: "family", name: "Family", instances: [] },
  { id: "team", name: "Team", instances: [] },
  { id: "holidays", name: "Holidays in United States", instances: [] },
  { id: "big", name: "Big", instances: BIG },
];

let api: FakeCalendarApi;
let elsewhere: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ email: EMAIL, calendars: CALENDARS });
  elsewhere = await startFakeCalendarApi({ email: "someone@else.example", calendars: CALENDARS });
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});
beforeEach(() => {
  api.reset();
  elsewhere.reset();
  api.validTokens.add("tok");
  elsewhere.acceptAnyToken = true;
});

const google = { calendarApi: () => ({ calendarApi: api.googleApi }) };
const graph = () => ({ graphApi: api.graphApi });
/** Requests at the fake whose path (without the query) matches. */
const count = (re: RegExp) => api.requests.filter((r) => re.test(new URL(`http://x${r.path}`).pathname)).length;

describe("Google calendarList", () => {
  it("follows nextPageToken across three pages of two and keeps the order", async () => {
    api.pageSize = 2;
    const { client } = fakeClient();
    const list = await listGoogleCalendars(client, google.calendarApi());
    expect(list.map((c) => c.id)).toEqual(["primary-cal", "work", "family", "team", "holidays", "big"]);
    expect(list[0]).toEqual({ id: "primary-cal", name: "Ana", primary: true, access: "owner" });
    expect(count(/^\/calendar\/v3\/users\/me\/calendarList/)).toBe(3);
    const tokens = api.requests.map((r) => new URL(`http://x${r.path}`).searchParams.get("pageToken"));
    expect(tokens).toEqual([null, "2", "4"]);
  });
});

describe("Google events.list", () => {
  it("follows nextPageToken: 7 events in pages of 3 are 3 requests, each event once", async () => {
    api.pageSize = 3;
    const { client } = fakeClient();
    const got = await googleEvents(client, "primary-cal", WINDOW, { endpoints: google.calendarApi() });
    expect(got.pages).toBe(3);
    expect(got.truncated).toBe(false);
    expect(got.events.map((e) => e.uid)).toEqual(["e00000", "e00001", "e00002", "e00003", "e00004", "e00005", "e00006"]);
    expect(count(/\/events$/)).toBe(3);
  });

  it("reads a calendar of 10,000 events completely", async () => {
    api.pageSize = 1000;
    const { client } = fakeClient();
    const got = await googleEvents(client, "big", WINDOW, { endpoints: google.calendarApi() });
    expect(got.events).toHaveLength(10_000);
    expect(new Set(got.events.map((e) => e.uid)).size).toBe(10_000);
    expect(got.truncated).toBe(false);
    expect(got.pages).toBe(10);
    const last = got.events.at(-1);
    expect(last?.start.kind === "utc" ? iso(last.start.utc) : undefined).toBe("2027-11-12T11:15:00Z");
  });

  it("with a cap below the count, stops at the cap, says truncated, and asks for no further page", async () => {
    api.pageSize = 1000;
    const { client } = fakeClient();
    const got = await googleEvents(client, "big", WINDOW, { endpoints: google.calendarApi(), maxEvents: 2500 });
    expect(got.events).toHaveLength(2500);
    expect(got.events.at(-1)?.uid).toBe("e02499");
    expect(got.truncated).toBe(true);
    expect(got.pages).toBe(3);
    expect(count(/\/events$/)).toBe(3);
  });

  it("a cap exactly at the count is not truncation", async () => {
    api.pageSize = 1000;
    const { client } = fakeClient();
    const got = await googleEvents(client, "big", WINDOW, { endpoints: google.calendarApi(), maxEvents: 10_000 });
    expect([got.events.length, got.truncated]).toEqual([10_000, false]);
  });
});

describe("Graph calendars and calendarView", () => {
  it("follows @odata.nextLink for the calendar list", async () => {
    api.pageSize = 4;
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    const list = await listGraphCalendars(client, graph());
    expect(list.map((c) => [c.id, c.primary])).toEqual([
      ["primary-cal", true],
      ["work", false],
      ["family", false],
      ["team", false],
      ["holidays", false],
      ["big", false],
    ]);
    expect(count(/^\/v1\.0\/me\/calendars/)).toBe(2);
  });

  it("follows @odata.nextLink for events, with the Prefer header on every page", async () => {
    api.pageSize = 3;
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    const got = await graphEvents(client, "primary-cal", WINDOW, { endpoints: graph(), accountEmail: EMAIL });
    expect(got.events.map((e) => e.uid)).toEqual(["e00000", "e00001", "e00002", "e00003", "e00004", "e00005", "e00006"]);
    expect(got.pages).toBe(3);
    const pages = api.requests.filter((r) => r.path.includes("/calendarView"));
    expect(pages).toHaveLength(3);
    for (const p of pages) {
      expect(p.prefer).toMatch(/outlook\.timezone="UTC"/);
      expect(p.authorization).toBe("Bearer tok");
    }
  });

  it("reads a calendar of 10,000 events completely, and the cap truncates", async () => {
    api.pageSize = 1000;
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    const all = await graphEvents(client, "big", WINDOW, { endpoints: graph() });
    expect([all.events.length, new Set(all.events.map((e) => e.uid)).size, all.truncated, all.pages]).toEqual([10_000, 10_000, false, 10]);
    const capped = await graphEvents(client, "big", WINDOW, { endpoints: graph(), maxEvents: 1500 });
    expect([capped.events.length, capped.truncated, capped.pages]).toEqual([1500, true, 2]);
  });

  it("refuses a nextLink to another origin (BAD_RESPONSE) and sends nothing there", async () => {
    const foreign = `${elsewhere.graphApi}/me/calendars/primary-cal/calendarView?$skiptoken=3`;
    api.fail(/\/calendarView$/, 200, { body: { value: [{ id: "x1", subject: "Page one", start: { dateTime: "2027-02-01T14:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-02-01T15:00:00.0000000", timeZone: "UTC" } }], "@odata.nextLink": foreign } });
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    const failure = await graphEvents(client, "primary-cal", WINDOW, { endpoints: graph() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: "BAD_RESPONSE" });
    expect((failure as Error).message).toContain(new URL(elsewhere.origin).host);
    expect(elsewhere.requests).toEqual([]);
  });

  it("refuses a calendar-list nextLink to another origin too", async () => {
    api.fail(/^\/v1\.0\/me\/calendars$/, 200, { body: { value: [{ id: "c1", name: "One" }], "@odata.nextLink": `${elsewhere.graphApi}/me/calendars?$skiptoken=1` } });
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    await expect(listGraphCalendars(client, graph())).rejects.toMatchObject({ name: "ProviderError", code: "BAD_RESPONSE" });
    expect(elsewhere.requests).toEqual([]);
  });

  it("a nextLink on the same host but another port is another origin", async () => {
    const u = new URL(elsewhere.origin);
    expect(u.hostname).toBe(new URL(api.origin).hostname);
    api.fail(/\/calendarView$/, 200, { body: { value: [], "@odata.nextLink": `${elsewhere.origin}/v1.0/me/calendars/primary-cal/calendarView?$skiptoken=0` } });
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    await expect(graphEvents(client, "primary-cal", WINDOW, { endpoints: graph() })).rejects.toMatchObject({ code: "BAD_RESPONSE" });
    expect(elsewhere.requests).toEqual([]);
  });

  it("a nextLink that is not a URL is BAD_RESPONSE", async () => {
    api.fail(/\/calendarView$/, 200, { body: { value: [], "@odata.nextLink": "not a url" } });
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    await expect(graphEvents(client, "primary-cal", WINDOW, { endpoints: graph() })).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });
});
