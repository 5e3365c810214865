/**
 * Property values (RFC 5545 §3.3): DATE, DATE-TIME, DURATION, PERIOD. Strict where it matters:
 * a date that does not exist (Feb 30, month 13, year 0000) is an error, never rolled over into the
 * next month. Second 60 is a leap second (RFC 5545 §3.3.12 allows it) and is read as :59, since
 * epoch milliseconds cannot hold it. Zones are attached by the caller, which knows the file's
 * VTIMEZONEs.
 */
import type { NominalDuration, WallMs } from "../calendar";
import { daysFromCivil } from "../time/civil";
import { DAY } from "../time/units";

export type ParsedDateTime =
  | { readonly kind: "date"; readonly wall: WallMs }
  | { readonly kind: "utc"; readonly utc: number }
  | { readonly kind: "local"; readonly wall: WallMs };

export class ValueError extends Error {
  override readonly name = "ValueError";
}

const DATE_RE = /^(\d{4})-?(\d{2})-?(\d{2})Z?$/i; // Google writes RDATE;VALUE=DATE:20131210Z
const DATE_TIME_RE = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})?(?:\.\d+)?(Z)?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 31;
}

function checkDate(y: number, m: number, d: number, raw: string): void {
  if (y === 0) throw new ValueError(`"${raw}" has year 0000, which no calendar uses; years run from 0001.`);
  if (m < 1 || m > 12) throw new ValueError(`"${raw}" has month ${m}; months run from 01 to 12.`);
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim) throw new ValueError(`"${raw}" is not a real date: ${y}-${pad(m)} has ${dim} days.`);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Parses a DATE (`20270111`) or DATE-TIME (`20270111T183000`, `…Z`). `valueType` is the VALUE
 * parameter, if any; without it the form of the text decides.
 *
 * @example
 * parseDateOrDateTime("20270314T023000") // { kind: "local", wall: Date.UTC(2027, 2, 14, 2, 30) }
 * parseDateOrDateTime("20270230")        // throws ValueError: "20270230" is not a real date …
 */
export function parseDateOrDateTime(raw: string, valueType?: string): ParsedDateTime {
  const text = raw.trim();
  const dm = DATE_RE.exec(text);
  if (dm) {
    const y = Number(dm[1]);
    const m = Number(dm[2]);
    const d = Number(dm[3]);
    checkDate(y, m, d, text);
    return { kind: "date", wall: wallOf(y, m, d, 0, 0, 0) };
  }
  const tm = DATE_TIME_RE.exec(text);
  if (!tm) {
    const expected = valueType?.toUpperCase() === "DATE" ? "YYYYMMDD" : "YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ";
    throw new ValueError(`"${truncate(text)}" is not a date or date-time (expected ${expected}).`);
  }
  const y = Number(tm[1]);
  const mo = Number(tm[2]);
  const d = Number(tm[3]);
  const h = Number(tm[4]);
  const mi = Number(tm[5]);
  const s = tm[6] === undefined ? 0 : Number(tm[6]);
  checkDate(y, mo, d, text);
  if (h > 23) throw new ValueError(`"${text}" has hour ${h}; hours run from 00 to 23.`);
  if (mi > 59) throw new ValueError(`"${text}" has minute ${mi}; minutes run from 00 to 59.`);
  if (s > 60) throw new ValueError(`"${text}" has second ${s}; seconds run from 00 to 60 (60 only for a leap second).`);
  // A leap second (23:59:60) cannot be an epoch-millisecond instant: it is read as the second before.
  const wall = wallOf(y, mo, d, h, mi, Math.min(s, 59));
  return tm[7] ? { kind: "utc", utc: wall } : { kind: "local", wall };
}

/**
 * Wall-clock fields as `Date.UTC` would encode them, also for years 0001–0099 (which `Date.UTC`
 * reads as 1900–1999).
 */
function wallOf(y: number, m: number, d: number, h: number, mi: number, s: number): WallMs {
  return daysFromCivil(y, m, d) * DAY + ((h * 60 + mi) * 60 + s) * 1000;
}


const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/**
 * Parses a DURATION (`P1D`, `PT1H30M`, `-PT15M`, `P2W`). Days and weeks stay nominal (they follow
 * the wall clock across DST); hours, minutes and seconds are exact.
 *
 * @example
 * parseDuration("P1DT2H") // { sign: 1, days: 1, seconds: 7200 }
 */
export function parseDuration(raw: string): NominalDuration {
  const text = raw.trim();
  const m = DURATION_RE.exec(text);
  if (!m || text === "P" || /T$/i.test(text)) {
    throw new ValueError(`"${truncate(text)}" is not a duration (expected a form such as PT1H30M, P1D or P2W).`);
  }
  const weeks = Number(m[2] ?? 0);
  const days = Number(m[3] ?? 0);
  const hours = Number(m[4] ?? 0);
  const minutes = Number(m[5] ?? 0);
  const seconds = Number(m[6] ?? 0);
  return { sign: m[1] === "-" ? -1 : 1, days: weeks * 7 + days, seconds: hours * 3600 + minutes * 60 + seconds };
}

/** Longest length an event may have: a century. Longer ones are typos or attacks, and overflow dates. */
export const MAX_DURATION_DAYS = 36_525;

/**
 * Why a DURATION cannot be an event's length (negative, or longer than a century), or undefined.
 *
 * @example
 * durationProblem(parseDuration("-PT1H")) // "is negative"
 */
export function durationProblem(d: NominalDuration): string | undefined {
  if (d.sign < 0 && (d.days > 0 || d.seconds > 0)) return "is negative";
  if (!(d.days + d.seconds / 86400 <= MAX_DURATION_DAYS)) return "is longer than a century";
  return undefined;
}

/** A value cut to 40 characters for a message. */
export function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
