/**
 * How long each instance of an event lasts (DESIGN.md, "Time, precisely"): a DTEND gives every
 * timed instance the same exact length, a DURATION's days are nominal (wall-clock days), all-day
 * events span whole dates.
 */
import { eventPlace, type CalendarEvent, type DateValue, type ImportIssue, type NominalDuration } from "../calendar";
import type { ZoneRules } from "../time/zone";
import { HOUR, DAY } from "../time/units";
import { dateOf, instantOf, wallIn } from "./values";

/** The latest end an occurrence may have: the largest instant a JavaScript Date can hold. */
const MAX_INSTANT = 8.64e15;

/** How an instance starting at a wall time ends. */
export interface Length {
  /** UTC end for an instance starting at `wall` (whose UTC start is `startUtc`). */
  end(wall: number, startUtc: number): number;
  /** Generous upper bound of the length in ms, to widen the wall-clock search range. */
  readonly bound: number;
}

/** Never before the start, never past what a Date can hold (a century-long DURATION is refused at import; API events are not). */
function clampEnd(startUtc: number, end: number): number {
  return Number.isFinite(end) ? Math.min(MAX_INSTANT, Math.max(startUtc, end)) : startUtc;
}

/** The length a DURATION gives, in `zone`'s wall clock. */
export function nominalLength(zone: ZoneRules, d: NominalDuration): Length {
  const days = d.sign * d.days;
  const secs = d.sign * d.seconds * 1000;
  return {
    end: (wall, startUtc) => clampEnd(startUtc, days === 0 ? startUtc + secs : zone.wallToUtc(wall + days * DAY) + secs),
    bound: Math.abs(days) * DAY + Math.abs(secs) + 2 * HOUR,
  };
}

function allDayLength(ev: CalendarEvent & { start: { kind: "date" } }, zone: ZoneRules, viewer: ZoneRules): Length {
  let days = 1;
  if (ev.end) {
    const endWall = ev.end.kind === "date" ? ev.end.wall : wallIn(ev.end, zone, viewer);
    days = Math.max(1, Math.round((dateOf(endWall) - ev.start.wall) / DAY));
  } else if (ev.duration) {
    days = Math.max(1, ev.duration.sign * ev.duration.days + Math.ceil((ev.duration.sign * ev.duration.seconds) / 86400));
  }
  return { end: (wall, startUtc) => clampEnd(startUtc, zone.wallToUtc(wall + days * DAY)), bound: days * DAY + 2 * HOUR };
}

/**
 * The length of an event's instances in `zone` (its wall-clock zone). An end before the start is
 * reported through `warn` once and read as no length.
 */
export function lengthOf(ev: CalendarEvent, zone: ZoneRules, viewer: ZoneRules, warn: (issue: ImportIssue) => void): Length {
  if (ev.start.kind === "date") return allDayLength(ev as CalendarEvent & { start: { kind: "date" } }, zone, viewer);
  if (ev.end) {
    const startUtc = instantOf(ev.start, viewer);
    const endValue: DateValue = ev.end.kind === "floating" && ev.start.kind === "zoned" ? { kind: "zoned", wall: ev.end.wall, zone: ev.start.zone } : ev.end;
    let exact = instantOf(endValue, viewer) - startUtc;
    if (exact < 0) {
      warn({
        code: "END_BEFORE_START",
        severity: "warning",
        ...(ev.line !== undefined ? { line: ev.line } : {}),
        uid: ev.uid,
        message: `${eventPlace(ev)} ends before it starts; it is treated as having no length.`,
      });
      exact = 0;
    }
    return { end: (_w, s) => clampEnd(s, s + exact), bound: exact };
  }
  if (ev.duration) return nominalLength(zone, ev.duration);
  return { end: (_w, s) => s, bound: 0 };
}
