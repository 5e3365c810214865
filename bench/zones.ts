/**
 * Time-zone helpers for the benchmark's generator and ground truth: IANA offsets through `Intl`
 * (independent of every pipeline under test), and the VTIMEZONE blocks Google and Outlook write
 * for the zones the generator uses (current rules, valid for the whole 2019–2028 span).
 */

const MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

const offsetCache = new Map<string, Map<number, number>>();

/** UTC offset in minutes of `zone` at the instant `utc` (epoch ms). */
export function offsetAt(zone: string, utc: number): number {
  // Every transition of the zones used here falls on a whole UTC hour: cache by hour.
  let perZone = offsetCache.get(zone);
  if (!perZone) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  const hour = Math.floor(utc / 3_600_000);
  const hit = perZone.get(hour);
  if (hit !== undefined) return hit;
  const at = hour * 3_600_000;
  const parts = formatter(zone).formatToParts(new Date(at));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const off = Math.round((wall - at) / MINUTE);
  perZone.set(hour, off);
  return off;
}

/**
 * The UTC instant of a wall-clock time (`Date.UTC` of its fields) in `zone`, as DESIGN.md says:
 * a time in the spring-forward gap takes the offset from before the gap (02:30 → 03:30 local),
 * an ambiguous fall-back time takes the first (daylight) instance.
 */
export function wallToUtc(wall: number, zone: string): number {
  const before = offsetAt(zone, wall - 86_400_000);
  const after = offsetAt(zone, wall + 86_400_000);
  const t1 = wall - before * MINUTE;
  const t2 = wall - after * MINUTE;
  const ok1 = offsetAt(zone, t1) === before;
  const ok2 = offsetAt(zone, t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1; // in the gap: the offset from before the gap
}

/** Wall-clock fields (as a `Date.UTC` number) of the instant `utc` in `zone`. */
export function utcToWall(utc: number, zone: string): number {
  return utc + offsetAt(zone, utc) * MINUTE;
}

interface ZoneRule {
  readonly tzid: string;
  readonly blocks: readonly string[][];
}

const us = (tzid: string, std: string, dst: string, stdName: string, dstName: string): ZoneRule => ({
  tzid,
  blocks: [
    ["BEGIN:DAYLIGHT", `TZOFFSETFROM:${std}`, `TZOFFSETTO:${dst}`, `TZNAME:${dstName}`, "DTSTART:19700308T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT"],
    ["BEGIN:STANDARD", `TZOFFSETFROM:${dst}`, `TZOFFSETTO:${std}`, `TZNAME:${stdName}`, "DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD"],
  ],
});

/** The zones the generator uses, with the rules Google Calendar exports for them. */
export const ZONES: Record<string, ZoneRule> = {
  "America/New_York": us("America/New_York", "-0500", "-0400", "EST", "EDT"),
  "America/Chicago": us("America/Chicago", "-0600", "-0500", "CST", "CDT"),
  "America/Los_Angeles": us("America/Los_Angeles", "-0800", "-0700", "PST", "PDT"),
  "Europe/London": {
    tzid: "Europe/London",
    blocks: [
      ["BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19700329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT"],
      ["BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19701025T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD"],
    ],
  },
  "Europe/Berlin": {
    tzid: "Europe/Berlin",
    blocks: [
      ["BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT"],
      ["BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD"],
    ],
  },
  "Australia/Sydney": {
    tzid: "Australia/Sydney",
    blocks: [
      ["BEGIN:STANDARD", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000", "TZNAME:AEST", "DTSTART:19700405T030000", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "END:STANDARD"],
      ["BEGIN:DAYLIGHT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100", "TZNAME:AEDT", "DTSTART:19701004T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "END:DAYLIGHT"],
    ],
  },
};

/** The VTIMEZONE component for `zone`, as content lines (no line endings). */
export function vtimezoneLines(zone: string): string[] {
  const z = ZONES[zone];
  if (!z) throw new Error(`bench/zones: no VTIMEZONE rules for ${zone}`);
  return ["BEGIN:VTIMEZONE", `TZID:${z.tzid}`, `X-LIC-LOCATION:${z.tzid}`, ...z.blocks.flat(), "END:VTIMEZONE"];
}
