/**
 * Reading instants that people type (CLI arguments, form fields). A value with `Z` or an offset is
 * an instant; a date or a date-time without one is a wall-clock time in the named zone, resolved
 * by RFC 5545's gap/overlap rule — never by the host's zone.
 */
import { DateTime } from "luxon";
import { requireZone } from "./zone";

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export class InstantParseError extends Error {
  override readonly name = "InstantParseError";
}

/**
 * Parses `2027-01-12T23:30:00Z`, `2027-01-12T18:30-05:00`, `2027-01-12T18:30` or `2027-01-12`
 * (the last two in `zone`) into UTC epoch milliseconds.
 *
 * @example
 * parseInstant("2027-01-11", "America/New_York") // Date.parse("2027-01-11T05:00:00Z")
 */
export function parseInstant(text: string, zone: string): number {
  const t = text.trim();
  const m = LOCAL_RE.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(wall);
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
      throw new InstantParseError(`"${t}" is not a real date and time.`);
    }
    return requireZone(zone).wallToUtc(wall);
  }
  const dt = DateTime.fromISO(t, { setZone: true });
  if (!dt.isValid || !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(t)) {
    throw new InstantParseError(`"${t}" is not an ISO-8601 date or instant (use 2027-01-11, 2027-01-11T18:30 or 2027-01-11T23:30:00Z).`);
  }
  return dt.toMillis();
}

/**
 * An instant as ISO-8601 UTC without milliseconds: `2027-01-12T23:30:00Z`.
 *
 * @example
 * isoUtc(Date.UTC(2027, 0, 12, 23, 30)) // "2027-01-12T23:30:00Z"
 */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
