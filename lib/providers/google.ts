/**
 * Google Calendar API v3: the learner's calendar list, the events of a term, and free/busy — turned
 * into the same event model as an `.ics` import (lib/ics/types), so the same busy rules apply.
 *
 * Events are read with `singleEvents=true`: Google expands every recurring series itself, with its
 * moved and cancelled instances already applied in the series' own zone, which is exactly what a
 * check needs for one term. Re-expanding `recurrence` strings here would duplicate Google's own
 * exception handling for no gain. The price is one item per instance, so a calendar is capped
 * ({@link GOOGLE_MAX_EVENTS} instances per calendar per check) with a warning when the cap is hit.
 * Each instance keeps its series' id as UID (and its original start as RECURRENCE-ID), so "ignore
 * this event" in a what-if ignores the whole series, as it does for an `.ics` file.
 */
import type { Attendee, DateValue, CalendarEvent } from "../calendar";
import { ProviderClient, ProviderError } from "./http";
import type { ProviderCalendar, ProviderEvents } from "./types";
import { DAY } from "../time/units";
import type { Window } from "../time/window";

export interface GoogleEndpoints {
  /** Default https://www.googleapis.com/calendar/v3 */
  readonly calendarApi: string;
}

export const GOOGLE_DEFAULT_ENDPOINTS: GoogleEndpoints = { calendarApi: "https://www.googleapis.com/calendar/v3" };

/** Instances read from one calendar for one check at most. */
export const GOOGLE_MAX_EVENTS = 20_000;
/** Google's `freeBusy` accepts a range of at most about three months. */
export const FREEBUSY_MAX_DAYS = 90;

interface GoogleDate {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface GoogleEvent {
  id: string;
  status?: "confirmed" | "tentative" | "cancelled";
  summary?: string;
  start?: GoogleDate;
  end?: GoogleDate;
  transparency?: "opaque" | "transparent";
  eventType?: string;
  recurringEventId?: string;
  originalStartTime?: GoogleDate;
  attendees?: { email?: string; self?: boolean; responseStatus?: string }[];
  organizer?: { email?: string; self?: boolean };
  sequence?: number;
}

interface GooglePage<T> {
  items?: T[];
  nextPageToken?: string;
}

function base(endpoints: GoogleEndpoints): string {
  return endpoints.calendarApi.replace(/\/$/, "");
}

/** The calendars in the account's list (paged). */
export async function listGoogleCalendars(client: ProviderClient, endpoints: GoogleEndpoints = GOOGLE_DEFAULT_ENDPOINTS): Promise<ProviderCalendar[]> {
  const out: ProviderCalendar[] = [];
  let pageToken: string | undefined;
  do {
    const url = new URL(`${base(endpoints)}/users/me/calendarList`);
    url.searchParams.set("maxResults", "250");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const page = await client.getJson<GooglePage<{ id?: string; summary?: string; summaryOverride?: string; primary?: boolean; accessRole?: string; deleted?: boolean }>>(url.toString());
    for (const c of page.items ?? []) {
      if (!c.id || c.deleted) continue;
      out.push({ id: c.id, name: c.summaryOverride ?? c.summary ?? c.id, primary: c.primary === true, ...(c.accessRole ? { access: c.accessRole } : {}) });
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

/**
 * The instances of one calendar that overlap `[from, to)`, as events.
 *
 * @example
 * const { events } = await googleEvents(client, "primary", { from, to });
 */
export async function googleEvents(
  client: ProviderClient,
  calendarId: string,
  window: Window,
  options: { endpoints?: GoogleEndpoints; maxEvents?: number } = {},
): Promise<ProviderEvents> {
  const endpoints = options.endpoints ?? GOOGLE_DEFAULT_ENDPOINTS;
  const max = options.maxEvents ?? GOOGLE_MAX_EVENTS;
  const events: CalendarEvent[] = [];
  const selfEmails = new Set<string>();
  let pageToken: string | undefined;
  let pages = 0;
  let truncated = false;
  do {
    const url = new URL(`${base(endpoints)}/calendars/${encodeURIComponent(calendarId)}/events`);
    url.searchParams.set("singleEvents", "true");
    url.searchParams.set("orderBy", "startTime");
    url.searchParams.set("timeMin", new Date(window.from).toISOString());
    url.searchParams.set("timeMax", new Date(window.to).toISOString());
    url.searchParams.set("maxResults", "2500");
    url.searchParams.set("showDeleted", "false");
    if (pageToken) url.searchParams.set("pageToken", pageToken);
    const page = await client.getJson<GooglePage<GoogleEvent>>(url.toString());
    pages++;
    if (page.items !== undefined && !Array.isArray(page.items)) throw new ProviderError("BAD_RESPONSE", "Google Calendar sent events in an unexpected shape.");
    for (const item of page.items ?? []) {
      const ev = fromGoogleEvent(item, calendarId);
      if (!ev) continue;
      for (const a of item.attendees ?? []) if (a.self && a.email) selfEmails.add(a.email.toLowerCase());
      if (events.length >= max) {
        truncated = true;
        break;
      }
      events.push(ev);
    }
    pageToken = truncated ? undefined : page.nextPageToken;
  } while (pageToken);
  return { events, selfEmails: [...selfEmails], truncated, pages };
}

/** RFC 3339 with an offset or Z → UTC ms; undefined when unreadable. */
function instant(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A Google date/dateTime as a DateValue: dateTime is an exact instant; date an all-day date. */
function dateValue(d: GoogleDate | undefined): DateValue | undefined {
  if (!d) return undefined;
  if (d.dateTime) {
    const utc = instant(d.dateTime);
    return utc === undefined ? undefined : { kind: "utc", utc };
  }
  if (d.date && /^\d{4}-\d{2}-\d{2}$/.test(d.date)) {
    const [y, m, day] = d.date.split("-").map(Number) as [number, number, number];
    const wall = Date.UTC(y, m - 1, day);
    return Number.isNaN(wall) ? undefined : { kind: "date", wall };
  }
  return undefined;
}

const PARTSTAT: Record<string, string> = { needsAction: "NEEDS-ACTION", accepted: "ACCEPTED", declined: "DECLINED", tentative: "TENTATIVE" };

/**
 * One Google event (an instance, with `singleEvents=true`) in the `.ics` event model; undefined
 * when it has no usable start. Busy rules then read: `transparency` → TRANSP, `status`, the self
 * attendee's `responseStatus` → PARTSTAT, `eventType` outOfOffice → out of office, workingLocation
 * → free (it marks where one works, not time taken).
 */
export function fromGoogleEvent(item: GoogleEvent, calendarId: string): CalendarEvent | undefined {
  const start = dateValue(item.start);
  if (!start || !item.id) return undefined;
  const end = dateValue(item.end);
  const recurrenceId = item.recurringEventId ? dateValue(item.originalStartTime) : undefined;
  // An instance without its original start cannot stand for its series' slot: its own id then.
  const uid = item.recurringEventId && recurrenceId ? item.recurringEventId : item.id;
  const attendees: Attendee[] = (item.attendees ?? []).filter((a) => a.email).map((a) => ({ email: (a.email as string).toLowerCase(), partstat: PARTSTAT[a.responseStatus ?? ""] ?? "NEEDS-ACTION" }));
  const status = item.status === "cancelled" ? "CANCELLED" : item.status === "tentative" ? "TENTATIVE" : "CONFIRMED";
  const type = item.eventType ?? "default";
  return {
    uid,
    source: `google:${calendarId}`,
    ...(item.summary !== undefined ? { summary: item.summary } : {}),
    start,
    ...(end ? { end } : {}),
    rrules: [],
    rdates: [],
    exdates: [],
    ...(recurrenceId ? { recurrenceId } : {}),
    status,
    transparent: item.transparency === "transparent" || type === "workingLocation",
    ...(type === "outOfOffice" ? { busyStatus: "OOF" as const } : type === "workingLocation" ? { busyStatus: "WORKINGELSEWHERE" as const } : {}),
    attendees,
    ...(item.organizer?.email ? { organizer: item.organizer.email.toLowerCase() } : {}),
    ...(item.sequence !== undefined ? { sequence: item.sequence } : {}),
    kind: type,
  };
}

/** `[from, to)` cut into ranges of at most `days` days. */
export function splitRange(window: Window, days: number): Window[] {
  const out: Window[] = [];
  for (let from = window.from; from < window.to; from += days * DAY) out.push({ from, to: Math.min(window.to, from + days * DAY) });
  return out;
}

/**
 * Busy-only mode: Google `freeBusy` for the chosen calendars over `[from, to)`, asked in ranges of
 * at most {@link FREEBUSY_MAX_DAYS} days. Each busy block becomes an opaque event without a title.
 */
export async function googleFreeBusy(
  client: ProviderClient,
  calendarIds: readonly string[],
  window: Window,
  options: { endpoints?: GoogleEndpoints; account?: string } = {},
): Promise<ProviderEvents> {
  const endpoints = options.endpoints ?? GOOGLE_DEFAULT_ENDPOINTS;
  // Blocks are keyed by account and calendar: two accounts' "primary" are different calendars.
  const account = options.account ?? "account";
  const events: CalendarEvent[] = [];
  let pages = 0;
  for (const range of splitRange(window, FREEBUSY_MAX_DAYS)) {
    const answer = await client.getJson<{ calendars?: Record<string, { busy?: { start: string; end: string }[]; errors?: { reason?: string }[] }> }>(`${base(endpoints)}/freeBusy`, {
      method: "POST",
      body: { timeMin: new Date(range.from).toISOString(), timeMax: new Date(range.to).toISOString(), items: calendarIds.map((id) => ({ id })) },
    });
    pages++;
    for (const id of calendarIds) {
      const cal = answer.calendars?.[id];
      const reason = cal?.errors?.[0]?.reason;
      if (reason === "notFound") throw new ProviderError("CALENDAR_GONE", `Google Calendar says the calendar "${id}" no longer exists or is no longer shared with you.`, 404);
      if (reason === "forbidden" || reason === "insufficientPermissions" || reason === "accessDenied") throw new ProviderError("INSUFFICIENT_SCOPE", `Google Calendar would not give the busy times of "${id}" (${reason}).`, 403);
      if (reason) throw new ProviderError("UNAVAILABLE", `Google Calendar could not give the busy times of "${id}" just now (${reason}). Try again in a few minutes.`);
      for (const b of cal?.busy ?? []) {
        const s = instant(b.start);
        const e = instant(b.end);
        if (s === undefined || e === undefined || e <= s) continue;
        events.push({ uid: `busy-${id}-${s}`, source: `google-busy:${account}:${id}`, start: { kind: "utc", utc: s }, end: { kind: "utc", utc: e }, rrules: [], rdates: [], exdates: [], transparent: false, attendees: [], kind: "busy" });
      }
    }
  }
  return { events, selfEmails: [], truncated: false, pages };
}
