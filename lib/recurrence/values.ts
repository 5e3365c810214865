/**
 * What a {@link DateValue} means as a time: its wall clock, its instant, and the zone its wall
 * clock is read in (its own, the viewer's for floating and all-day values, or UTC).
 */
import type { DateValue } from "../calendar";
import { UTC_ZONE, type ZoneRules } from "../time/zone";
import { DAY } from "../time/units";

/** The zone an event's wall-clock times are in: its own, the viewer's (floating, all-day) or UTC. */
export function wallZone(v: DateValue, viewer: ZoneRules): ZoneRules {
  switch (v.kind) {
    case "zoned":
      return v.zone;
    case "utc":
      return UTC_ZONE;
    default:
      return viewer;
  }
}

/** The value's wall-clock fields (a UTC value's are UTC's). */
export function wallOf(v: DateValue): number {
  return v.kind === "utc" ? v.utc : v.wall;
}

/** A value as a UTC instant (floating and all-day read in the viewer's zone). */
export function instantOf(v: DateValue, viewer: ZoneRules): number {
  switch (v.kind) {
    case "utc":
      return v.utc;
    case "zoned":
      return v.zone.wallToUtc(v.wall);
    default:
      return viewer.wallToUtc(v.wall);
  }
}

/** A value as a wall time in `zone` (converting through the instant when zones differ). */
export function wallIn(v: DateValue, zone: ZoneRules, viewer: ZoneRules): number {
  if (v.kind === "date" || v.kind === "floating") return v.wall;
  if (v.kind === "zoned" && v.zone === zone) return v.wall;
  const utc = instantOf(v, viewer);
  return utc + zone.offsetAt(utc);
}

/** Midnight of a wall time's date. */
export function dateOf(wall: number): number {
  return Math.floor(wall / DAY) * DAY;
}

/**
 * The date a value names in its own zone, which no viewer changes: a DATE's own date, a zoned or
 * floating time's wall-clock date, a UTC time's date in UTC.
 */
export function ownDate(v: DateValue): number {
  return dateOf(wallOf(v));
}

/** The zone whose wall clock a value's {@link ownDate} is read in. */
export function ownZone(v: DateValue, seriesZone: ZoneRules): ZoneRules {
  return v.kind === "zoned" ? v.zone : v.kind === "utc" ? UTC_ZONE : seriesZone;
}
