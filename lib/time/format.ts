/**
 * Date formatting for display: the one place that turns instants into text for people. Every
 * function names the zone it formats in.
 */
import { DateTime } from "luxon";

/**
 * `Tue 12 Jan 2027 18:30` in `zone` (24-hour clock, English, as in a table).
 *
 * @example
 * formatWallTime(Date.UTC(2027, 0, 12, 23, 30), "America/New_York") // "Tue 12 Jan 2027 18:30"
 */
export function formatWallTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("ccc d LLL yyyy HH:mm");
}

/**
 * `Tue 12 Jan 2027` in `zone`.
 *
 * @example
 * formatDate(Date.UTC(2027, 0, 12, 23, 30), "America/New_York") // "Tue 12 Jan 2027"
 */
export function formatDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("ccc d LLL yyyy");
}

/**
 * `18:30` in `zone`.
 *
 * @example
 * formatClock(Date.UTC(2027, 0, 12, 23, 30), "America/New_York") // "18:30"
 */
export function formatClock(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("HH:mm");
}

/** The zone's abbreviation or offset at an instant (`EST`, `GMT+1`). */
export function zoneAbbreviation(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("ZZZZ");
}

/**
 * `16 Mar` in `zone`.
 *
 * @example
 * formatDayMonth(Date.UTC(2027, 2, 16, 22, 30), "America/New_York") // "16 Mar"
 */
export function formatDayMonth(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("d LLL");
}

/**
 * `October` in `zone`.
 *
 * @example
 * formatMonth(Date.UTC(2027, 9, 6, 22), "America/New_York") // "October"
 */
export function formatMonth(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("LLLL");
}

/**
 * `Wednesdays` in `zone`.
 *
 * @example
 * formatWeekdayPlural(Date.UTC(2027, 9, 6, 22), "America/New_York") // "Wednesdays"
 */
export function formatWeekdayPlural(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).toFormat("cccc")}s`;
}
