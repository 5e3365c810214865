/**
 * Microsoft Graph v1.0 (Outlook / Microsoft 365 calendars): the calendar list and `calendarView`
 * for a term, turned into the `.ics` event model. `calendarView` returns every occurrence of every
 * series in the range with exceptions applied (as Google's `singleEvents` does); times are asked in
 * UTC (`Prefer: outlook.timezone="UTC"`) so each is an exact instant. Instances keep their series'
 * id as UID, so a what-if that ignores an event ignores its series.
 */
import type { DateValue, CalendarEvent } from "../calendar";
import { ProviderClient, ProviderError } from "./http";
import type { ProviderCalendar, ProviderEvents } from "./types";
import { DAY } from "../time/units";
import type { Window } from "../time/window";

export interface GraphEndpoints {
  /** Default https://graph.microsoft.com/v1.0 */
  readonly graphApi: string;
}

export const GRAPH_DEFAULT_ENDPOINTS: GraphEndpoints = { graphApi: "https://graph.microsoft.com/v1.0" };

/** Occurrences read from one calendar for one check at most. */
export const GRAPH_MAX_EVENTS = 20_000;

const SELECT = "id,subject,start,end,isAllDay,showAs,isCancelled,responseStatus,type,seriesMasterId,originalStart";

interface GraphDate {
  dateTime?: string;
  timeZone?: string;
}

export interface GraphEvent {
  id: string;
  subject?: string;
  start?: GraphDate;
  end?: GraphDate;
  isAllDay?: boolean;
  showAs?: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
  isCancelled?: boolean;
  responseStatus?: { response?: string };
  type?: "singleInstance" | "occurrence" | "exception" | "seriesMaster";
  seriesMasterId?: string;
  originalStart?: string;
}

interface GraphPage<T> {
  value?: T[];
  "@odata.nextLink"?: string;
}

function base(endpoints: GraphEndpoints): string {
  return endpoints.graphApi.replace(/\/$/, "");
}

/**
 * Follows `@odata.nextLink` only within the configured API: a link elsewhere would carry the
 * learner's bearer token to another host.
 */
function nextLink(link: string | undefined, endpoints: GraphEndpoints): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new ProviderError("BAD_RESPONSE", "Microsoft Graph sent a next-page link that is not a URL.");
  }
  if (url.origin !== new URL(base(endpoints)).origin) throw new ProviderError("BAD_RESPONSE", `Microsoft Graph sent a next-page link to another host (${url.host}); FormatFit does not follow it.`);
  return url.toString();
}

/** The account's calendars (paged). */
export async function listGraphCalendars(client: ProviderClient, endpoints: GraphEndpoints = GRAPH_DEFAULT_ENDPOINTS): Promise<ProviderCalendar[]> {
  const out: ProviderCalendar[] = [];
  let url: string | undefined = `${base(endpoints)}/me/calendars?$select=id,name,isDefaultCalendar,canEdit&$top=100`;
  while (url) {
    const page: GraphPage<{ id?: string; name?: string; isDefaultCalendar?: boolean; canEdit?: boolean }> = await client.getJson(url);
    for (const c of page.value ?? []) {
      if (!c.id) continue;
      out.push({ id: c.id, name: c.name ?? c.id, primary: c.isDefaultCalendar === true, access: c.canEdit ? "owner" : "reader" });
    }
    url = nextLink(page["@odata.nextLink"], endpoints);
  }
  return out;
}

/**
 * The occurrences of one calendar that overlap `[from, to)`.
 *
 * @example
 * const { events } = await graphEvents(client, calendarId, { from, to }, { accountEmail: "ana@contoso.com" });
 */
export async function graphEvents(
  client: ProviderClient,
  calendarId: string,
  window: Window,
  options: { endpoints?: GraphEndpoints; maxEvents?: number; accountEmail?: string | null } = {},
): Promise<ProviderEvents> {
  const endpoints = options.endpoints ?? GRAPH_DEFAULT_ENDPOINTS;
  const max = options.maxEvents ?? GRAPH_MAX_EVENTS;
  const params = new URLSearchParams({ startDateTime: new Date(window.from).toISOString(), endDateTime: new Date(window.to).toISOString(), $select: SELECT, $top: "500" });
  let url: string | undefined = `${base(endpoints)}/me/calendars/${encodeURIComponent(calendarId)}/calendarView?${params.toString()}`;
  const events: CalendarEvent[] = [];
  let pages = 0;
  let truncated = false;
  while (url) {
    const page: GraphPage<GraphEvent> = await client.getJson(url, { headers: { prefer: 'outlook.timezone="UTC", odata.maxpagesize=500' } });
    pages++;
    if (page.value !== undefined && !Array.isArray(page.value)) throw new ProviderError("BAD_RESPONSE", "Microsoft Graph sent events in an unexpected shape.");
    for (const item of page.value ?? []) {
      const ev = fromGraphEvent(item, calendarId, options.accountEmail ?? null);
      if (!ev) continue;
      if (events.length >= max) {
        truncated = true;
        break;
      }
      events.push(ev);
    }
    url = truncated ? undefined : nextLink(page["@odata.nextLink"], endpoints);
  }
  return { events, selfEmails: [(options.accountEmail ?? selfAddress(calendarId)).toLowerCase()], truncated, pages };
}

/**
 * The learner as an attendee when the account's address is unknown (an Entra token without an
 * email claim): a stand-in address, listed among the learner's own, so their declines still count.
 */
export function selfAddress(calendarId: string): string {
  return `self.${calendarId.replace(/[^A-Za-z0-9]/g, "").slice(0, 40).toLowerCase() || "calendar"}@connection.invalid`;
}

/** Graph's UTC date-time ("2027-01-05T14:00:00.0000000", zone "UTC") → ms. */
function graphInstant(d: GraphDate | undefined): number | undefined {
  if (!d?.dateTime) return undefined;
  const zone = (d.timeZone ?? "UTC").toUpperCase();
  if (zone !== "UTC" && zone !== "ETC/UTC") return undefined; // asked for UTC: anything else is not trusted
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(d.dateTime) ? d.dateTime : `${d.dateTime}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An all-day event's date. Graph documents all-day events as midnight to midnight in the zone asked
 * for (UTC here), so the instant is the date's UTC midnight. Should a mailbox convert the
 * organiser's midnight instead, rounding to the nearest midnight still recovers the date for
 * offsets within ±12 hours (not for UTC+13/+14).
 */
function allDayDate(ms: number): DateValue {
  return { kind: "date", wall: Math.round(ms / DAY) * DAY };
}

/** The learner's own answer to an invitation. `none` (a plain appointment) and `organizer` are no invitation at all. */
const RESPONSE: Record<string, string> = { accepted: "ACCEPTED", declined: "DECLINED", tentativelyAccepted: "TENTATIVE", notResponded: "NEEDS-ACTION" };
const SHOW_AS = { free: "FREE", tentative: "TENTATIVE", busy: "BUSY", oof: "OOF", workingElsewhere: "WORKINGELSEWHERE" } as const;

/**
 * One Graph event in the `.ics` event model; undefined for series masters (their occurrences come
 * separately) and unreadable times. `showAs` → busy status, `isCancelled` → CANCELLED, the
 * learner's own `responseStatus` → their attendee PARTSTAT (so a declined invitation is free when
 * the account's address is among the learner's own).
 */
export function fromGraphEvent(item: GraphEvent, calendarId: string, accountEmail: string | null): CalendarEvent | undefined {
  if (item.type === "seriesMaster" || !item.id) return undefined;
  const s = graphInstant(item.start);
  const e = graphInstant(item.end);
  if (s === undefined) return undefined;
  const start: DateValue = item.isAllDay ? allDayDate(s) : { kind: "utc", utc: s };
  const end: DateValue | undefined = e === undefined ? undefined : item.isAllDay ? allDayDate(e) : { kind: "utc", utc: e };
  const original = item.seriesMasterId && item.originalStart ? Date.parse(item.originalStart) : NaN;
  const response = item.responseStatus?.response;
  const showAs = item.showAs && item.showAs !== "unknown" ? SHOW_AS[item.showAs] : undefined;
  return {
    // An instance without its original start cannot stand for its series' slot: its own id then.
    uid: item.seriesMasterId && !Number.isNaN(original) ? item.seriesMasterId : item.id,
    source: `microsoft:${calendarId}`,
    ...(item.subject !== undefined ? { summary: item.subject } : {}),
    start,
    ...(end ? { end } : {}),
    rrules: [],
    rdates: [],
    exdates: [],
    ...(Number.isNaN(original) ? {} : { recurrenceId: { kind: "utc", utc: original } as DateValue }),
    status: item.isCancelled ? "CANCELLED" : showAs === "TENTATIVE" ? "TENTATIVE" : "CONFIRMED",
    transparent: showAs === "FREE",
    ...(showAs ? { busyStatus: showAs } : {}),
    attendees: response && RESPONSE[response] ? [{ email: (accountEmail ?? selfAddress(calendarId)).toLowerCase(), partstat: RESPONSE[response] }] : [],
    kind: item.type ?? "singleInstance",
  };
}
