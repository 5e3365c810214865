/**
 * `isoUtc` (lib/time/parse.ts) for many instants in a row: each day's date part is formatted once
 * and kept, so an answer with hundreds of thousands of start and end times does not go through
 * `Date#toISOString` for every one. The text is isoUtc's for every instant.
 */
import { DAY } from "../time/units";
import { isoUtc } from "../time/parse";

/** Days kept at most; past that the memory starts again (an answer spans a few hundred). */
const MAX_DAYS = 10_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/**
 * A formatter that gives `isoUtc(ms)` — `2027-01-12T23:30:00Z`, with milliseconds only when there
 * are some — remembering the date part of each day it has seen.
 *
 * @example
 * const iso = isoUtcFormatter();
 * iso(Date.UTC(2027, 0, 12, 23, 30)) // "2027-01-12T23:30:00Z"
 */
export function isoUtcFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / DAY);
    const secondOfDay = (ms - day * DAY) / 1000;
    if (!Number.isInteger(secondOfDay)) return isoUtc(ms);
    let date = days.get(day);
    if (date === undefined) {
      const iso = isoUtc(day * DAY);
      date = iso.slice(0, iso.indexOf("T") + 1);
      if (days.size >= MAX_DAYS) days.clear();
      days.set(day, date);
    }
    return `${date}${TWO_DIGITS[Math.floor(secondOfDay / 3600)]}:${TWO_DIGITS[Math.floor(secondOfDay / 60) % 60]}:${TWO_DIGITS[secondOfDay % 60]}Z`;
  };
}
