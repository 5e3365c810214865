/**
 * Busy-only mode: Google `freeBusy` over a window longer than the ≈3 months Google accepts, asked
 * in ranges of at most 90 days (the fake refuses more than 92, as Google does); busy blocks become
 * opaque, untitled events; a calendar Google does not know is CALENDAR_GONE.
 *
 * Window: 1 Jan 2027 00:00Z + 200 days = 20 Jul 2027 00:00Z → ranges [1 Jan, 1 Apr), [1 Apr, 30 Jun),
 * [30 Jun, 20 Jul).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { busyIntervals } from "@/lib/busy";
import { FREEBUSY_MAX_DAYS, googleFreeBusy, splitRange } from "@/lib/providers/google";
import { expandEvents } from "@/lib/recurrence/expand";
import { fakeClient, startFakeCalendarApi, type FakeCalendarApi, type FakeInstance } from "../helpers/fake-calendar-api";
import { iso, ms } from "../helpers/ics";

const DAY = 86_400_000;
const WINDOW = { from: ms("2027-01-01T00:00:00Z"), to: ms("2027-01-01T00:00:00Z") + 200 * DAY };
const INSTANCES: FakeInstance[] = [
  { id: "a", title: "Standup", start: "2027-01-05T14:00:00Z", end: "2027-01-05T15:00:00Z" },
  { id: "across", title: "Late release", start: "2027-03-31T23:00:00Z", end: "2027-04-01T01:00:00Z" },
  { id: "b", title: "Review", start: "2027-05-10T13:00:00Z", end: "2027-05-10T14:30:00Z" },
  { id: "c", title: "Offsite", start: "2027-07-15T16:00:00Z", end: "2027-07-15T18:00:00Z" },
  { id: "free", title: "Focus", start: "2027-02-01T14:00:00Z", end: "2027-02-01T15:00:00Z", show: "free" },
  { id: "declined", title: "Pitch", start: "2027-02-02T14:00:00Z", end: "2027-02-02T15:00:00Z", response: "declined" },
  { id: "late", title: "After the window", start: "2027-07-20T00:00:00Z", end: "2027-07-20T01:00:00Z" },
];

let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ email: "ana@example.com", calendars: [{ id: "ana@example.com", name: "Ana", primary: true, instances: INSTANCES }] });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  api.validTokens.add("tok");
});

const endpoints = () => ({ calendarApi: api.googleApi });

describe("splitRange", () => {
  it("cuts 200 days into 90 + 90 + 20, contiguous and half-open", () => {
    const ranges = splitRange(WINDOW, FREEBUSY_MAX_DAYS).map((r) => [iso(r.from), iso(r.to)]);
    expect(ranges).toEqual([
      ["2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z"],
      ["2027-04-01T00:00:00Z", "2027-06-30T00:00:00Z"],
      ["2027-06-30T00:00:00Z", "2027-07-20T00:00:00Z"],
    ]);
  });

  it("exactly 90 days is one range; an empty window none", () => {
    expect(splitRange({ from: 0, to: 90 * DAY }, 90)).toEqual([{ from: 0, to: 90 * DAY }]);
    expect(splitRange({ from: 0, to: 90 * DAY + 1 }, 90)).toEqual([
      { from: 0, to: 90 * DAY },
      { from: 90 * DAY, to: 90 * DAY + 1 },
    ]);
    expect(splitRange({ from: 5, to: 5 }, 90)).toEqual([]);
  });
});

describe("googleFreeBusy", () => {
  it("asks in ranges of at most 90 days that cover the window, for the calendars given", async () => {
    const { client } = fakeClient();
    const got = await googleFreeBusy(client, ["primary"], WINDOW, { endpoints: endpoints() });
    const asked = api.requests.filter((r) => r.path === "/calendar/v3/freeBusy");
    expect(asked.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    expect(got.pages).toBe(3);
    const bodies = asked.map((r) => JSON.parse(r.body ?? "{}") as { timeMin: string; timeMax: string; items: { id: string }[] });
    for (const b of bodies) {
      expect(Date.parse(b.timeMax) - Date.parse(b.timeMin)).toBeLessThanOrEqual(90 * DAY);
      expect(b.items).toEqual([{ id: "primary" }]);
    }
    expect(bodies.map((b) => [b.timeMin, b.timeMax])).toEqual([
      ["2027-01-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z"],
      ["2027-04-01T00:00:00.000Z", "2027-06-30T00:00:00.000Z"],
      ["2027-06-30T00:00:00.000Z", "2027-07-20T00:00:00.000Z"],
    ]);
  });

  it("busy blocks become opaque, untitled events; free and declined time is not busy", async () => {
    const { client } = fakeClient();
    const got = await googleFreeBusy(client, ["primary"], WINDOW, { endpoints: endpoints() });
    expect(got.truncated).toBe(false);
    expect(got.selfEmails).toEqual([]);
    expect(got.events.map((e) => [e.start.kind === "utc" ? iso(e.start.utc) : "?", e.end?.kind === "utc" ? iso(e.end.utc) : "?"])).toEqual([
      ["2027-01-05T14:00:00Z", "2027-01-05T15:00:00Z"],
      ["2027-03-31T23:00:00Z", "2027-04-01T00:00:00Z"],
      ["2027-04-01T00:00:00Z", "2027-04-01T01:00:00Z"],
      ["2027-05-10T13:00:00Z", "2027-05-10T14:30:00Z"],
      ["2027-07-15T16:00:00Z", "2027-07-15T18:00:00Z"],
    ]);
    for (const e of got.events) {
      expect(e).toMatchObject({ transparent: false, kind: "busy", source: "google-busy:account:primary", rrules: [], attendees: [] });
      expect(e.summary).toBeUndefined();
    }
    expect(new Set(got.events.map((e) => e.uid)).size).toBe(got.events.length);
  });

  it("a block cut at a range boundary merges back into one busy interval", async () => {
    const { client } = fakeClient();
    const got = await googleFreeBusy(client, ["primary"], WINDOW, { endpoints: endpoints() });
    const busy = busyIntervals(expandEvents(got.events, WINDOW, { viewerZone: "America/New_York" }).occurrences);
    expect(busy.map((b) => [iso(b.start), iso(b.end)])).toEqual([
      ["2027-01-05T14:00:00Z", "2027-01-05T15:00:00Z"],
      ["2027-03-31T23:00:00Z", "2027-04-01T01:00:00Z"],
      ["2027-05-10T13:00:00Z", "2027-05-10T14:30:00Z"],
      ["2027-07-15T16:00:00Z", "2027-07-15T18:00:00Z"],
    ]);
  });

  it("a calendar Google does not know (notFound) is CALENDAR_GONE, naming it", async () => {
    const { client } = fakeClient();
    await expect(googleFreeBusy(client, ["primary", "gone@group.calendar.google.com"], WINDOW, { endpoints: endpoints() })).rejects.toMatchObject({
      name: "ProviderError",
      code: "CALENDAR_GONE",
      message: expect.stringContaining("gone@group.calendar.google.com"),
    });
  });

  it("the POST carries the bearer token and a JSON body, and 429 is retried as for any call", async () => {
    api.fail(/^\/calendar\/v3\/freeBusy$/, 429, { headers: { "retry-after": "2" } });
    const { client, sleeps } = fakeClient();
    const got = await googleFreeBusy(client, ["primary"], { from: ms("2027-01-01T00:00:00Z"), to: ms("2027-01-10T00:00:00Z") }, { endpoints: endpoints() });
    expect(got.events).toHaveLength(1);
    expect(sleeps).toEqual([2000]);
    expect(api.requests.map((r) => r.authorization)).toEqual(["Bearer tok", "Bearer tok"]);
  });
});
