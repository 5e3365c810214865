/**
 * Outlook and Exchange write the UTC values of an all-day series (UNTIL, and some EXDATEs and
 * RECURRENCE-IDs) as the instant of local midnight in the organiser's zone: `UNTIL=20240728T230000Z`
 * for a series whose last date is 29 July in London. Read in UTC, or by a viewer west of London,
 * that instant falls on the day before and Outlook's last "end by" instance disappears.
 *
 * This module turns each such value into the DATE it names, reading the instant in the zone the
 * series was written in: the zone of the series' own zoned values (`EXDATE;TZID=…`, its overrides'
 * `RECURRENCE-ID;TZID=…`), else the calendar's zone ({@link fileZone}), else UTC. The date then
 * does not depend on who looks at the calendar.
 */
import type { CalendarEvent, DateValue, RecurrenceRule } from "../calendar";
import { UTC_ZONE, type ZoneRules } from "../time/zone";
import { DAY } from "../time/units";

function dateIn(utc: number, zone: ZoneRules): DateValue {
  const wall = utc + zone.offsetAt(utc);
  return { kind: "date", wall: Math.floor(wall / DAY) * DAY };
}

function needsSettling(master: CalendarEvent, overrides: readonly CalendarEvent[]): boolean {
  return (
    master.rrules.some((r) => r.until?.kind === "utc") ||
    master.exdates.some((x) => x.kind === "utc") ||
    overrides.some((o) => o.recurrenceId?.kind === "utc")
  );
}

/** The zone the series was written in, from its own zoned values. */
function seriesZone(master: CalendarEvent, overrides: readonly CalendarEvent[]): ZoneRules | undefined {
  const values: (DateValue | undefined)[] = [...master.exdates, ...master.rdates.map((r) => (r.kind === "period" ? r.start : r)), ...overrides.map((o) => o.recurrenceId)];
  for (const v of values) if (v?.kind === "zoned") return v.zone;
  return undefined;
}

function settleRule(rule: RecurrenceRule, zone: ZoneRules): RecurrenceRule {
  return rule.until?.kind === "utc" ? { ...rule, until: dateIn(rule.until.utc, zone) } : rule;
}

/**
 * The events with the UTC values of their all-day series turned into dates (a new list; the
 * events given are not changed).
 *
 * @example
 * settleAllDayUtcValues(events, () => londonRules)
 * // an all-day series with UNTIL=20240728T230000Z now has until { kind: "date", wall: Date.UTC(2024, 6, 29) }
 */
export function settleAllDayUtcValues(events: readonly CalendarEvent[], fileZone: () => ZoneRules | undefined): CalendarEvent[] {
  const overridesOf = new Map<string, CalendarEvent[]>();
  for (const ev of events) {
    if (!ev.recurrenceId) continue;
    const list = overridesOf.get(ev.uid);
    if (list) list.push(ev);
    else overridesOf.set(ev.uid, [ev]);
  }
  const zoneOf = new Map<string, ZoneRules>();
  for (const ev of events) {
    if (ev.recurrenceId || ev.start.kind !== "date") continue;
    const ovs = overridesOf.get(ev.uid) ?? [];
    if (needsSettling(ev, ovs)) zoneOf.set(ev.uid, seriesZone(ev, ovs) ?? fileZone() ?? UTC_ZONE);
  }
  if (zoneOf.size === 0) return [...events];
  return events.map((ev) => {
    const zone = zoneOf.get(ev.uid);
    if (!zone) return ev;
    if (ev.recurrenceId) return ev.recurrenceId.kind === "utc" ? { ...ev, recurrenceId: dateIn(ev.recurrenceId.utc, zone) } : ev;
    return { ...ev, rrules: ev.rrules.map((r) => settleRule(r, zone)), exdates: ev.exdates.map((x) => (x.kind === "utc" ? dateIn(x.utc, zone) : x)) };
  });
}

/**
 * The zone a calendar is kept in, as far as the file says: its `X-WR-TIMEZONE`, else the zone most
 * of its zoned values (starts, ends, EXDATEs, RECURRENCE-IDs) use, else the first zone its
 * VTIMEZONEs define that is not UTC.
 *
 * @example
 * fileZone(events, resolve("Europe/London"), []) // Europe/London's rules
 */
export function fileZone(events: readonly CalendarEvent[], declared: ZoneRules | undefined, defined: readonly ZoneRules[]): ZoneRules | undefined {
  if (declared) return declared;
  const counts = new Map<ZoneRules, number>();
  let best: ZoneRules | undefined;
  const see = (v: DateValue | undefined) => {
    if (v?.kind !== "zoned") return;
    const n = (counts.get(v.zone) ?? 0) + 1;
    counts.set(v.zone, n);
    if (!best || n > (counts.get(best) ?? 0)) best = v.zone;
  };
  for (const ev of events) {
    see(ev.start);
    see(ev.end);
    see(ev.recurrenceId);
    for (const x of ev.exdates) see(x);
  }
  return best ?? defined.find((z) => z.offsetAt(Date.UTC(2000, 0, 1)) !== 0 || z.offsetAt(Date.UTC(2000, 6, 1)) !== 0);
}
