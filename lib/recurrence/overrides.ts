/**
 * Which instance of a series an EXDATE or a RECURRENCE-ID names.
 *
 * - On an all-day series a value names the date it has in its own zone (Outlook and Exchange write
 *   `EXDATE;TZID=W. Europe Standard Time:20201217T000000` for the all-day instance of Dec 17): the
 *   viewer's zone never moves it to another day.
 * - On a timed series a value names the instance that starts at that instant (a floating value: at
 *   that wall-clock time). A RECURRENCE-ID that names none still replaces the one instance on its
 *   date in its own zone when there is exactly one (Exchange writes 00:00 for an 08:00 series);
 *   otherwise it names nothing, and the override is left out with a warning rather than added as
 *   an extra occurrence.
 */
import type { CalendarEvent, DateValue } from "../calendar";
import type { ZoneRules } from "../time/zone";
import { DAY } from "../time/units";
import type { InstanceList, SeriesShape } from "./instances";
import { dateOf, instantOf, ownDate, ownZone } from "./values";

/** A matcher for EXDATE values against the instances of a series. */
export class InstanceKeySet {
  private readonly byInstant = new Set<number>();
  private readonly byDate = new Set<number>();
  private readonly byWall = new Set<number>();
  constructor(
    private readonly viewer: ZoneRules,
    private readonly seriesAllDay: boolean,
  ) {}
  add(v: DateValue): void {
    if (v.kind === "date" || this.seriesAllDay) this.byDate.add(ownDate(v));
    else if (v.kind === "floating") this.byWall.add(v.wall);
    else this.byInstant.add(instantOf(v, this.viewer));
  }
  get size(): number {
    return this.byInstant.size + this.byDate.size + this.byWall.size;
  }
  has(wall: number, utc: number): boolean {
    return this.byInstant.has(utc) || this.byWall.has(wall) || (this.byDate.size > 0 && this.byDate.has(dateOf(wall)));
  }
}

/** First index in the ascending `list` whose value is at least `x`. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes of the instances whose wall-clock date in `zone` (the series' own for `undefined`) is `date`. */
function onDate(list: InstanceList, date: number, zone: ZoneRules | undefined): number[] {
  const out: number[] = [];
  // Any zone's date D lies within 14 hours either side of D in UTC.
  for (let i = lowerBound(list.utc, date - DAY); i < list.utc.length && (list.utc[i] as number) < date + 2 * DAY; i++) {
    const u = list.utc[i] as number;
    const wall = zone ? u + zone.offsetAt(u) : (list.wall[i] as number);
    if (dateOf(wall) === date) out.push(i);
  }
  return out;
}

/**
 * The index in `list` of the instance a RECURRENCE-ID names, or undefined. `lenient` allows the
 * one-instance-on-its-date reading for a timed series.
 */
export function findInstance(list: InstanceList, rid: DateValue, shape: SeriesShape, lenient: boolean): number | undefined {
  if (shape.allDay || rid.kind === "date") {
    const hits = onDate(list, ownDate(rid), undefined);
    return hits.length === 1 ? hits[0] : undefined;
  }
  if (rid.kind === "floating") {
    // Walls run in UTC order but for a fall-back hour: look a little either side.
    const at = lowerBound(list.wall, rid.wall);
    for (let i = Math.max(0, at - 2); i < Math.min(list.wall.length, at + 3); i++) if (list.wall[i] === rid.wall) return i;
  } else {
    const utc = instantOf(rid, shape.viewer);
    const i = lowerBound(list.utc, utc);
    if (list.utc[i] === utc) return i;
  }
  if (!lenient) return undefined;
  const hits = onDate(list, ownDate(rid), rid.kind === "floating" ? undefined : ownZone(rid, shape.zone));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Whether `[lo, hi]` (wall-clock) covers the two days around a RECURRENCE-ID, so the window's list can answer for it. */
export function covers(list: InstanceList, ridWall: number): boolean {
  return list.lo <= ridWall - 2 * DAY && list.hi >= ridWall + 2 * DAY;
}

/** The override events of a series that carry a RECURRENCE-ID. */
export function overridesWithId(overrides: readonly CalendarEvent[]): (CalendarEvent & { recurrenceId: DateValue })[] {
  return overrides.filter((o): o is CalendarEvent & { recurrenceId: DateValue } => o.recurrenceId !== undefined);
}
