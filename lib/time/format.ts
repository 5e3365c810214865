/**
 * Date formatting for display: the one place that turns instants into text for people. Every
 * function names the zone it formats in.
 */
import { DateTime } from "luxon";
import { civilFromDays, isoDateOfDay } from "./civil";
import { requireZone } from "./zone";
import { DAY } from "./units";

/**
 * `Tue 12 Jan 2027 18:30` in `zone` (24-hour clock, English, as in a table).
 *
 * @example
 * formatWallTime(Date.UTC(2027, 0, 12, 23, 30), "America/New_York") // "Tue 12 Jan 2027 18:30"
 */
export function formatWallTime(ms: number, zone: string): string {
  // From the zone's transition table, not luxon: `expand` prints two per occurrence, hundreds of
  // thousands on a big calendar (luxon's formatting cost 13 s for 218,622 rows).
  const wall = ms + requireZone(zone).offsetAt(ms);
  const day = Math.floor(wall / DAY);
  const [y, m, d] = civilFromDays(day);
  const minutes = Math.floor((wall - day * DAY) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${WEEKDAYS[(((day + 3) % 7) + 7) % 7]?.slice(0, 3)} ${d} ${MONTHS[m - 1]?.slice(0, 3)} ${String(y).padStart(4, "0")} ${hh}:${mm}`;
}

/**
 * `12 April 2027` in `zone`: a day as a sentence names it (an expiry date, the day a report was
 * saved). English, whatever the runtime's locale.
 *
 * @example
 * formatLongDate(Date.UTC(2027, 3, 12, 3), "America/New_York") // "11 April 2027"
 */
export function formatLongDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale("en-US").toFormat("d LLLL yyyy");
}

/**
 * `12 Apr 2027, 14:05` in `zone` (24-hour clock): when something happened, as a table cell says it.
 * English, whatever the runtime's locale.
 *
 * @example
 * formatDateTime(Date.UTC(2027, 3, 12, 18, 5), "America/New_York") // "12 Apr 2027, 14:05"
 */
export function formatDateTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale("en-US").toFormat("d LLL yyyy, HH:mm");
}

/**
 * `16 Mar` in `zone`.
 *
 * @example
 * formatDayMonth(Date.UTC(2027, 2, 16, 22, 30), "America/New_York") // "16 Mar"
 */
export function formatDayMonth(ms: number, zone: string): string {
  const [, m, d] = civilFromDays(localDay(ms, zone));
  return `${d} ${MONTHS[m - 1]?.slice(0, 3)}`;
}

/**
 * `October` in `zone`.
 *
 * @example
 * formatMonth(Date.UTC(2027, 9, 6, 22), "America/New_York") // "October"
 */
export function formatMonth(ms: number, zone: string): string {
  return MONTHS[(civilFromDays(localDay(ms, zone))[1] as number) - 1] ?? "";
}

/**
 * `Wednesdays` in `zone`.
 *
 * @example
 * formatWeekdayPlural(Date.UTC(2027, 9, 6, 22), "America/New_York") // "Wednesdays"
 */
export function formatWeekdayPlural(ms: number, zone: string): string {
  const day = localDay(ms, zone);
  return `${WEEKDAYS[(((day + 3) % 7) + 7) % 7]}s`;
}

// English names: the reasons are written in English (luxon is slow for bulk use: an Intl call each).
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The local day number (days since 1970-01-01) of an instant in `zone`, via the zone's transition table. */
function localDay(ms: number, zone: string): number {
  const z = requireZone(zone);
  return Math.floor((ms + z.offsetAt(ms)) / DAY);
}

/**
 * `Tue 12 Jan 2027, 18:30–20:00` in `zone`: a session as a learner reads it. A session that ends on
 * another local date names both (`Sat 6 Nov 2027, 23:00 – Sun 7 Nov 2027, 01:00`).
 *
 * @example
 * formatTimeRange(Date.UTC(2027, 0, 12, 23, 30), Date.UTC(2027, 0, 13, 1), "America/New_York") // "Tue 12 Jan 2027, 18:30–20:00"
 */
export function formatTimeRange(start: number, end: number, zone: string): string {
  const a = DateTime.fromMillis(start, { zone });
  const b = DateTime.fromMillis(end, { zone });
  if (a.hasSame(b, "day")) return `${a.toFormat("ccc d LLL yyyy, HH:mm")}–${b.toFormat("HH:mm")}`;
  return `${a.toFormat("ccc d LLL yyyy, HH:mm")} – ${b.toFormat("ccc d LLL yyyy, HH:mm")}`;
}

/**
 * The zone's short name at an instant (`EST`, `GMT+1`), for labels beside a time.
 *
 * @example
 * formatZoneAbbreviation(Date.UTC(2027, 6, 1), "America/New_York") // "EDT"
 */
export function formatZoneAbbreviation(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale("en-US").toFormat("ZZZZ");
}

/**
 * The local date (YYYY-MM-DD) of an instant in `zone`.
 *
 * @example
 * localIsoDate(Date.UTC(2027, 0, 13, 3), "America/New_York") // "2027-01-12"
 */
export function localIsoDate(ms: number, zone: string): string {
  return isoDateOfDay(localDay(ms, zone));
}
