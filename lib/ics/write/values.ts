/**
 * Value types written as RFC 5545 text (§3.3): DATE-TIME in UTC or as a zone's wall-clock time,
 * and UTC-OFFSET. Instants are epoch milliseconds; wall-clock times are encoded as
 * `Date.UTC(y, m - 1, d, h, mi, s)` fields, as in the rest of `lib/` (`WallMs`).
 */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function fields(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`Cannot write ${ms} as an iCalendar date-time.`);
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Cannot write year ${year} as an iCalendar date-time (0000–9999).`);
  return `${pad(year, 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/**
 * A UTC instant as DATE-TIME form #2 (`…Z`). Milliseconds are dropped (iCalendar has seconds).
 *
 * @example
 * utcDateTime(Date.UTC(2027, 0, 12, 23, 30)) // "20270112T233000Z"
 */
export function utcDateTime(utcMs: number): string {
  return `${fields(utcMs)}Z`;
}

/**
 * A wall-clock time as DATE-TIME form #1/#3 (no `Z`): floating, or local to the TZID it is written with.
 *
 * @example
 * wallDateTime(Date.UTC(2027, 0, 12, 18, 30)) // "20270112T183000"
 */
export function wallDateTime(wallMs: number): string {
  return fields(wallMs);
}

/**
 * A UTC offset in milliseconds as UTC-OFFSET (§3.3.14): `±HHMM`, with seconds only when there are
 * any. `-0000` is not allowed, so zero is `+0000`.
 *
 * @example
 * utcOffset(-5 * 3_600_000) // "-0500"
 * utcOffset(5.75 * 3_600_000) // "+0545"
 */
export function utcOffset(offsetMs: number): string {
  const total = Math.round(offsetMs / 1000);
  const sign = total < 0 ? "-" : "+";
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h)}${pad(m)}${s === 0 ? "" : pad(s)}`;
}
