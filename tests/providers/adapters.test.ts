/**
 * Google Calendar v3 and Microsoft Graph payloads → the `.ics` event model → expansion and the busy
 * rules. Realistic payloads come from the fake provider over a real socket (tests/helpers/
 * fake-calendar-api.ts renders one list of instances in each provider's shape); edge cases call the
 * adapters directly with payloads shaped as the providers document them.
 *
 * The account's week (US Eastern, standard time until Sunday 14 March 2027):
 *   "sync"  Team sync, Tuesdays 09:00–10:00 from 5 Jan, six weeks: 19 Jan cancelled, 26 Jan moved to
 *           Wed 27 Jan 14:00 → 14:00Z, 12 Jan 14:00Z, 27 Jan 19:00Z (was 26 Jan 14:00Z), 2 Feb, 9 Feb
 *   Mon 15 Feb 10:00 a declined invitation, Tue 16 Feb 10:00 free, Wed 17 Feb 12:00 tentative,
 *   Thu 18 Feb 13:00–17:00 out of office, Fri 19 Feb 09:00–17:00 working location,
 *   Sat 20 Feb 11:00 an invitation answered "maybe", 8–12 Mar (DTEND 13 Mar) an all-day trip.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { classifyOccurrence, busyIntervals, DEFAULT_BUSY_PREFERENCES, type BusyRule } from "@/lib/busy";
import type { CalendarEvent } from "@/lib/calendar";
import { googleEvents, fromGoogleEvent, type GoogleEvent } from "@/lib/providers/google";
import type { ProviderEvents } from "@/lib/providers/types";
import { graphEvents, fromGraphEvent, selfAddress, type GraphEvent } from "@/lib/providers/graph";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { fakeClient, startFakeCalendarApi, weekly, type FakeCalendarApi, type FakeInstance } from "../helpers/fake-calendar-api";
import { iso, ms } from "../helpers/ics";

const EMAIL = "ana@example.com";
const WINDOW = { from: ms("2027-01-01T00:00:00Z"), to: ms("2027-04-01T00:00:00Z") };
const ZONE = "America/New_York";

const SERIES = weekly("sync", "Team sync", "2027-01-05T09:00:00-05:00", 60, 6, { cancelledDates: ["2027-01-19"], moved: { "2027-01-26": "2027-01-27T14:00:00-05:00" } });
const ONE_OFFS: FakeInstance[] = [
  { id: "declined", title: "Vendor pitch", start: "2027-02-15T10:00:00-05:00", end: "2027-02-15T11:00:00-05:00", response: "declined" },
  { id: "free", title: "Focus time", start: "2027-02-16T10:00:00-05:00", end: "2027-02-16T11:00:00-05:00", show: "free" },
  { id: "tentative", title: "Maybe lunch", start: "2027-02-17T12:00:00-05:00", end: "2027-02-17T13:00:00-05:00", show: "tentative" },
  { id: "oof", title: "Dentist", start: "2027-02-18T13:00:00-05:00", end: "2027-02-18T17:00:00-05:00", show: "oof" },
  { id: "wl", title: "Home", start: "2027-02-19T09:00:00-05:00", end: "2027-02-19T17:00:00-05:00", eventType: "workingLocation", show: "workingElsewhere" },
  { id: "maybe", title: "Book club", start: "2027-02-20T11:00:00-05:00", end: "2027-02-20T12:00:00-05:00", response: "tentative" },
  { id: "trip", title: "Client visit", start: "2027-03-08", end: "2027-03-13", allDay: true },
];
/** 18:00 New York: −05:00 before Sunday 14 March 2027, −04:00 after. */
const DST_SERIES = [
  ...weekly("evening", "Evening class", "2027-03-03T18:00:00-05:00", 90, 2),
  ...weekly("evening", "Evening class", "2027-03-17T18:00:00-04:00", 90, 2),
];

let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ email: EMAIL, calendars: [] });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  api.validTokens.add("tok");
  api.setAccount({ email: EMAIL, calendars: [{ id: "work", name: "Work", primary: true, instances: [...SERIES, ...ONE_OFFS, ...DST_SERIES] }] });
});

type Provider = "google" | "microsoft";

function read(provider: Provider): Promise<ProviderEvents> {
  const { client } = fakeClient({ token: "tok" });
  return provider === "google"
    ? googleEvents(client, "work", WINDOW, { endpoints: { calendarApi: api.googleApi } })
    : graphEvents(client, "work", WINDOW, { endpoints: { graphApi: api.graphApi }, accountEmail: EMAIL });
}

function expand(events: readonly CalendarEvent[]): Occurrence[] {
  return expandEvents(events, WINDOW, { viewerZone: ZONE }).occurrences;
}

function occurrenceOf(occurrences: readonly Occurrence[], uid: string): Occurrence {
  const found = occurrences.filter((o) => o.uid === uid);
  expect(found, uid).toHaveLength(1);
  return found[0] as Occurrence;
}

function eventById(events: readonly CalendarEvent[], uid: string): CalendarEvent {
  const found = events.filter((e) => e.uid === uid);
  expect(found, uid).toHaveLength(1);
  return found[0] as CalendarEvent;
}

const recurrenceIso = (e: CalendarEvent) => (e.recurrenceId?.kind === "utc" ? iso(e.recurrenceId.utc) : e.recurrenceId);
const startIso = (e: CalendarEvent) => (e.start.kind === "utc" ? iso(e.start.utc) : e.start);

describe.each<Provider>(["google", "microsoft"])("%s: a weekly series with a moved and a cancelled instance", (provider) => {
  it("every instance keeps the series id as uid and its original start as recurrenceId; the moved one is at its new time", async () => {
    const { events } = await read(provider);
    const sync = events.filter((e) => e.uid === "sync" && e.status !== "CANCELLED").map((e) => ({ start: startIso(e), recurrenceId: recurrenceIso(e) }));
    expect(sync).toEqual([
      { start: "2027-01-05T14:00:00Z", recurrenceId: "2027-01-05T14:00:00Z" },
      { start: "2027-01-12T14:00:00Z", recurrenceId: "2027-01-12T14:00:00Z" },
      { start: "2027-01-27T19:00:00Z", recurrenceId: "2027-01-26T14:00:00Z" },
      { start: "2027-02-02T14:00:00Z", recurrenceId: "2027-02-02T14:00:00Z" },
      { start: "2027-02-09T14:00:00Z", recurrenceId: "2027-02-09T14:00:00Z" },
    ]);
  });

  it("the cancelled instance makes nobody busy, and the expansion holds the other five at their times", async () => {
    const { events } = await read(provider);
    const occurrences = expand(events).filter((o) => o.uid === "sync");
    expect(occurrences.map((o) => [iso(o.start), iso(o.end)])).toEqual([
      ["2027-01-05T14:00:00Z", "2027-01-05T15:00:00Z"],
      ["2027-01-12T14:00:00Z", "2027-01-12T15:00:00Z"],
      ["2027-01-27T19:00:00Z", "2027-01-27T20:00:00Z"],
      ["2027-02-02T14:00:00Z", "2027-02-02T15:00:00Z"],
      ["2027-02-09T14:00:00Z", "2027-02-09T15:00:00Z"],
    ]);
    const busy = busyIntervals(occurrences);
    expect(busy.some((b) => b.start < ms("2027-01-19T15:00:00Z") && b.end > ms("2027-01-19T14:00:00Z"))).toBe(false);
  });
});

describe("google: how events.list is asked", () => {
  it("asks for single events without deleted ones, so Google leaves the cancelled instance out", async () => {
    const { events } = await read("google");
    expect(events.filter((e) => e.uid === "sync")).toHaveLength(5);
    const asked = api.requests.filter((r) => r.path.startsWith("/calendar/v3/calendars/work/events"));
    expect(asked).toHaveLength(1);
    const query = new URL(`http://x${asked[0]?.path}`).searchParams;
    expect(query.get("singleEvents")).toBe("true");
    expect(query.get("showDeleted")).toBe("false");
    expect(query.get("timeMin")).toBe("2027-01-01T00:00:00.000Z");
    expect(query.get("timeMax")).toBe("2027-04-01T00:00:00.000Z");
    expect(asked[0]?.authorization).toBe("Bearer tok");
  });
});

describe("microsoft: how calendarView is asked", () => {
  it("asks for UTC times, and reports the cancelled instance as CANCELLED", async () => {
    const { events } = await read("microsoft");
    const cancelled = events.filter((e) => e.uid === "sync" && e.status === "CANCELLED");
    expect(cancelled.map(startIso)).toEqual(["2027-01-19T14:00:00Z"]);
    const asked = api.requests.filter((r) => r.path.startsWith("/v1.0/me/calendars/work/calendarView"));
    expect(asked).toHaveLength(1);
    expect(asked[0]?.prefer).toMatch(/outlook\.timezone="UTC"/);
    const query = new URL(`http://x${asked[0]?.path}`).searchParams;
    expect(query.get("startDateTime")).toBe("2027-01-01T00:00:00.000Z");
    expect(query.get("endDateTime")).toBe("2027-04-01T00:00:00.000Z");
  });
});

describe.each<Provider>(["google", "microsoft"])("%s: all-day events", (provider) => {
  it("are dates, read in the viewer's zone: 8–12 March in New York is 05:00Z on the 8th to 05:00Z on the 13th", async () => {
    const { events } = await read(provider);
    const trip = eventById(events, "trip");
    expect(trip.start).toEqual({ kind: "date", wall: Date.UTC(2027, 2, 8) });
    expect(trip.end).toEqual({ kind: "date", wall: Date.UTC(2027, 2, 13) });
    const o = occurrenceOf(expand(events), "trip");
    expect([iso(o.start), iso(o.end), o.allDay]).toEqual(["2027-03-08T05:00:00Z", "2027-03-13T05:00:00Z", true]);
  });

  it("in another viewer's zone, the same dates start at that zone's midnight", async () => {
    const { events } = await read(provider);
    const o = occurrenceOf(expandEvents(events, WINDOW, { viewerZone: "Asia/Tokyo" }).occurrences, "trip");
    expect([iso(o.start), iso(o.end)]).toEqual(["2027-03-07T15:00:00Z", "2027-03-12T15:00:00Z"]);
  });
});

/** The rule the busy classifier applies to each one-off, with and without the account's address as the learner's. */
const RULES: Record<Provider, { withOwner: Record<string, BusyRule>; withoutOwner: Record<string, BusyRule> }> = {
  google: {
    withOwner: { declined: "declined", free: "transparent", tentative: "tentative", oof: "out-of-office", wl: "working-elsewhere", maybe: "tentative", trip: "busy" },
    withoutOwner: { declined: "busy", free: "transparent", tentative: "tentative", oof: "out-of-office", wl: "working-elsewhere", maybe: "busy", trip: "busy" },
  },
  microsoft: {
    withOwner: { declined: "declined", free: "free-status", tentative: "tentative", oof: "out-of-office", wl: "working-elsewhere", maybe: "tentative", trip: "busy" },
    withoutOwner: { declined: "busy", free: "free-status", tentative: "tentative", oof: "out-of-office", wl: "working-elsewhere", maybe: "busy", trip: "busy" },
  },
};
const BUSY_RULES = new Set<BusyRule>(["busy", "tentative", "out-of-office"]);

describe.each<Provider>(["google", "microsoft"])("%s: busy rules on provider events", (provider) => {
  const rulesOf = async (ownerEmails: string[]) => {
    const { events } = await read(provider);
    const occurrences = expand(events);
    const out: Record<string, BusyRule> = {};
    for (const id of Object.keys(RULES[provider].withOwner)) out[id] = classifyOccurrence(occurrenceOf(occurrences, id), { ...DEFAULT_BUSY_PREFERENCES, ownerEmails }).rule;
    return out;
  };

  it("names the account's own address among the learner's", async () => {
    expect((await read(provider)).selfEmails).toEqual([EMAIL]);
  });

  it("with the account's address as the learner's: declined free, free free, tentative busy, out of office busy, working location free", async () => {
    expect(await rulesOf([EMAIL])).toEqual(RULES[provider].withOwner);
  });

  it("without it, a declined invitation is somebody's meeting: busy", async () => {
    expect(await rulesOf([])).toEqual(RULES[provider].withoutOwner);
  });

  it("busy intervals follow: the declined invitation drops out only with the owner's address", async () => {
    const { events } = await read(provider);
    const occurrences = expand(events);
    const busyAt = (ownerEmails: string[], at: string) => busyIntervals(occurrences, { ownerEmails }).some((b) => b.start <= ms(at) && b.end > ms(at));
    expect(busyAt([EMAIL], "2027-02-15T15:30:00Z")).toBe(false);
    expect(busyAt([], "2027-02-15T15:30:00Z")).toBe(true);
    for (const [id, rule] of Object.entries(RULES[provider].withOwner)) expect([id, BUSY_RULES.has(rule)]).toEqual([id, classifyOccurrence(occurrenceOf(occurrences, id), { ...DEFAULT_BUSY_PREFERENCES, ownerEmails: [EMAIL] }).busy]);
  });

  it("tentative counts as free when the learner says so", async () => {
    const { events } = await read(provider);
    const o = occurrenceOf(expand(events), "tentative");
    expect(classifyOccurrence(o, { ...DEFAULT_BUSY_PREFERENCES, tentativeIsBusy: false })).toEqual({ busy: false, rule: "tentative-free-preference" });
  });
});

describe.each<Provider>(["google", "microsoft"])("%s: a series across the DST change", (provider) => {
  it("18:00 New York is 23:00Z before 14 March 2027 and 22:00Z after, 90 minutes each", async () => {
    const { events } = await read(provider);
    const occurrences = expand(events).filter((o) => o.uid === "evening");
    expect(occurrences.map((o) => [iso(o.start), iso(o.end)])).toEqual([
      ["2027-03-03T23:00:00Z", "2027-03-04T00:30:00Z"],
      ["2027-03-10T23:00:00Z", "2027-03-11T00:30:00Z"],
      ["2027-03-17T22:00:00Z", "2027-03-17T23:30:00Z"],
      ["2027-03-24T22:00:00Z", "2027-03-24T23:30:00Z"],
    ]);
    expect(occurrences.map((o) => (o.recurrenceId === undefined ? undefined : iso(o.recurrenceId)))).toEqual(["2027-03-03T23:00:00Z", "2027-03-10T23:00:00Z", "2027-03-17T22:00:00Z", "2027-03-24T22:00:00Z"]);
  });
});

describe("fromGoogleEvent on its own", () => {
  const base: GoogleEvent = { id: "e1", summary: "Standup", start: { dateTime: "2027-01-05T09:00:00-05:00", timeZone: "America/New_York" }, end: { dateTime: "2027-01-05T09:15:00-05:00" } };

  it("reads an offset date-time as an exact instant, and keeps the calendar as the source", () => {
    const ev = fromGoogleEvent(base, "work@example.com");
    expect(ev).toMatchObject({ uid: "e1", source: "google:work@example.com", summary: "Standup", start: { kind: "utc", utc: ms("2027-01-05T14:00:00Z") }, end: { kind: "utc", utc: ms("2027-01-05T14:15:00Z") }, status: "CONFIRMED", transparent: false, kind: "default" });
    expect(ev?.recurrenceId).toBeUndefined();
  });

  it("an event without a usable start is left out", () => {
    expect(fromGoogleEvent({ id: "x" }, "work")).toBeUndefined();
    expect(fromGoogleEvent({ id: "x", start: { dateTime: "next Tuesday" } }, "work")).toBeUndefined();
    expect(fromGoogleEvent({ id: "x", start: { date: "2027-13-45x" } }, "work")).toBeUndefined();
  });

  it("an all-day instance of a series keeps its original date as recurrenceId", () => {
    const ev = fromGoogleEvent({ id: "bday_20270310", recurringEventId: "bday", start: { date: "2027-03-11" }, end: { date: "2027-03-12" }, originalStartTime: { date: "2027-03-10" } }, "family");
    expect(ev).toMatchObject({ uid: "bday", start: { kind: "date", wall: Date.UTC(2027, 2, 11) }, end: { kind: "date", wall: Date.UTC(2027, 2, 12) }, recurrenceId: { kind: "date", wall: Date.UTC(2027, 2, 10) } });
  });

  it("attendee and organizer addresses are lower-cased, responses become PARTSTATs", () => {
    const ev = fromGoogleEvent(
      {
        ...base,
        organizer: { email: "Boss@Example.COM" },
        attendees: [
          { email: "Boss@Example.COM", responseStatus: "accepted" },
          { email: "Ana@Example.com", self: true, responseStatus: "declined" },
          { email: "room@resource.example.com", responseStatus: "needsAction" },
          { responseStatus: "accepted" },
        ],
      },
      "primary",
    );
    expect(ev?.organizer).toBe("boss@example.com");
    expect(ev?.attendees).toEqual([
      { email: "boss@example.com", partstat: "ACCEPTED" },
      { email: "ana@example.com", partstat: "DECLINED" },
      { email: "room@resource.example.com", partstat: "NEEDS-ACTION" },
    ]);
  });

  it("a cancelled instance (as showDeleted=true would list it) is CANCELLED and expands to nothing", () => {
    const ev = fromGoogleEvent({ ...base, id: "sync_20270119", recurringEventId: "sync", status: "cancelled", originalStartTime: { dateTime: "2027-01-05T09:00:00-05:00" } }, "work");
    expect(ev?.status).toBe("CANCELLED");
    expect(expandEvents([ev as CalendarEvent], WINDOW, { viewerZone: ZONE }).occurrences).toEqual([]);
  });
});

describe("fromGraphEvent on its own", () => {
  const allDay = (start: string, end: string): GraphEvent => ({ id: "a1", subject: "Offsite", isAllDay: true, start: { dateTime: start, timeZone: "UTC" }, end: { dateTime: end, timeZone: "UTC" }, showAs: "busy", type: "singleInstance" });

  it("an all-day event at midnight UTC is its date", () => {
    const ev = fromGraphEvent(allDay("2027-03-08T00:00:00.0000000", "2027-03-09T00:00:00.0000000"), "cal", null);
    expect([ev?.start, ev?.end]).toEqual([
      { kind: "date", wall: Date.UTC(2027, 2, 8) },
      { kind: "date", wall: Date.UTC(2027, 2, 9) },
    ]);
  });

  it("an all-day event given as 05:00Z (the organiser's New York midnight) is still 8 March", () => {
    const ev = fromGraphEvent(allDay("2027-03-08T05:00:00.0000000", "2027-03-09T05:00:00.0000000"), "cal", null);
    expect([ev?.start, ev?.end]).toEqual([
      { kind: "date", wall: Date.UTC(2027, 2, 8) },
      { kind: "date", wall: Date.UTC(2027, 2, 9) },
    ]);
  });

  it("an all-day event given as 14:00Z the day before (the organiser's Sydney midnight) is 8 March", () => {
    const ev = fromGraphEvent(allDay("2027-03-07T13:00:00.0000000", "2027-03-08T13:00:00.0000000"), "cal", null);
    expect(ev?.start).toEqual({ kind: "date", wall: Date.UTC(2027, 2, 8) });
  });

  it("a time in a zone other than the UTC asked for is not trusted, and a series master is left out", () => {
    expect(fromGraphEvent({ id: "z", start: { dateTime: "2027-01-05T09:00:00.0000000", timeZone: "Eastern Standard Time" }, end: { dateTime: "2027-01-05T10:00:00.0000000", timeZone: "Eastern Standard Time" } }, "cal", null)).toBeUndefined();
    expect(fromGraphEvent({ id: "m", type: "seriesMaster", start: { dateTime: "2027-01-05T14:00:00.0000000", timeZone: "UTC" } }, "cal", null)).toBeUndefined();
  });

  it("an occurrence keeps the series master's id as uid and its original start as recurrenceId", () => {
    const ev = fromGraphEvent(
      { id: "AAMkOcc", type: "exception", seriesMasterId: "AAMkMaster", originalStart: "2027-01-26T14:00:00Z", start: { dateTime: "2027-01-27T19:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-01-27T20:00:00.0000000", timeZone: "UTC" } },
      "cal",
      null,
    );
    expect(ev).toMatchObject({ uid: "AAMkMaster", source: "microsoft:cal", start: { kind: "utc", utc: ms("2027-01-27T19:00:00Z") }, recurrenceId: { kind: "utc", utc: ms("2027-01-26T14:00:00Z") }, kind: "exception" });
  });

  it("the learner's answer to an invitation becomes their attendee entry (a stand-in address when the account's is unknown); appointments have none", () => {
    const declined: GraphEvent = { id: "d", start: { dateTime: "2027-02-15T15:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-02-15T16:00:00.0000000", timeZone: "UTC" }, responseStatus: { response: "declined" }, showAs: "free" };
    expect(fromGraphEvent(declined, "cal", "Ana@Example.com")?.attendees).toEqual([{ email: "ana@example.com", partstat: "DECLINED" }]);
    expect(fromGraphEvent(declined, "cal", null)?.attendees).toEqual([{ email: selfAddress("cal"), partstat: "DECLINED" }]);
    expect(fromGraphEvent({ ...declined, responseStatus: { response: "organizer" } }, "cal", "ana@example.com")?.attendees).toEqual([]);
    // "none" is a plain appointment, not an unanswered invitation: no attendee, so not tentative.
    const appointment = fromGraphEvent({ ...declined, showAs: "busy", responseStatus: { response: "none" } }, "cal", "ana@example.com") as CalendarEvent;
    expect(appointment.attendees).toEqual([]);
    const [o] = expandEvents([appointment], WINDOW, { viewerZone: ZONE }).occurrences;
    expect(classifyOccurrence(o as Occurrence, { ...DEFAULT_BUSY_PREFERENCES, tentativeIsBusy: false, ownerEmails: ["ana@example.com"] })).toEqual({ busy: true, rule: "busy" });
  });

  it("an instance without its original start keeps its own id, so two such instances are two events", () => {
    const a: GraphEvent = { id: "i1", seriesMasterId: "m", type: "occurrence", start: { dateTime: "2027-02-15T15:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-02-15T16:00:00.0000000", timeZone: "UTC" } };
    const b: GraphEvent = { ...a, id: "i2", start: { dateTime: "2027-02-22T15:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-02-22T16:00:00.0000000", timeZone: "UTC" } };
    const events = [fromGraphEvent(a, "cal", null), fromGraphEvent(b, "cal", null)] as CalendarEvent[];
    expect(expandEvents(events, WINDOW, { viewerZone: ZONE }).occurrences).toHaveLength(2);
  });

  it("isCancelled is CANCELLED, and out of office is busy by its status", () => {
    const times = { start: { dateTime: "2027-02-18T18:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2027-02-18T22:00:00.0000000", timeZone: "UTC" } };
    expect(fromGraphEvent({ id: "c", isCancelled: true, showAs: "busy", ...times }, "cal", null)?.status).toBe("CANCELLED");
    const oof = fromGraphEvent({ id: "o", showAs: "oof", ...times }, "cal", null) as CalendarEvent;
    expect(oof.busyStatus).toBe("OOF");
    const [o] = expandEvents([oof], WINDOW, { viewerZone: ZONE }).occurrences;
    expect(classifyOccurrence(o as Occurrence)).toEqual({ busy: true, rule: "out-of-office" });
  });
});
