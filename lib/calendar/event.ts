/**
 * The event model that every calendar source (an .ics file, a URL, Google, Microsoft) is turned into:
 * lib/ics and lib/providers produce it, lib/recurrence expands it. Nothing here is specific to a file
 * format.
 * Values keep the form the source gave them (UTC, floating, zoned or all-day) so that floating and
 * all-day times can be read in the viewer's zone at expansion time, as RFC 5545 says.
 */
import type { ZoneRules } from "../time/zone";

/** Wall-clock fields encoded as if they were UTC: `Date.UTC(y, m - 1, d, h, mi, s)`. */
export type WallMs = number;

export type DateValue =
  /** An all-day date (`VALUE=DATE`); `wall` is midnight of that date. */
  | { readonly kind: "date"; readonly wall: WallMs }
  /** A UTC instant (`…Z`). */
  | { readonly kind: "utc"; readonly utc: number }
  /** A floating local time: read in the viewer's zone. */
  | { readonly kind: "floating"; readonly wall: WallMs }
  /** A wall-clock time in a named zone. */
  | { readonly kind: "zoned"; readonly wall: WallMs; readonly zone: ZoneRules };

/** An `RDATE;VALUE=PERIOD` entry: a start and either an end or a duration. */
export interface PeriodValue {
  readonly kind: "period";
  readonly start: DateValue;
  readonly end?: DateValue;
  readonly duration?: NominalDuration;
}

/** A DURATION value: days and weeks are nominal (wall-clock days), the rest exact seconds. */
export interface NominalDuration {
  readonly sign: 1 | -1;
  readonly days: number;
  readonly seconds: number;
}

export type PartStat = "NEEDS-ACTION" | "ACCEPTED" | "DECLINED" | "TENTATIVE" | "DELEGATED" | string;

export interface Attendee {
  readonly email: string;
  readonly partstat: PartStat;
}

export type EventStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

/** Outlook's `X-MICROSOFT-CDO-BUSYSTATUS` (and Graph's `showAs`). */
export type BusyStatus = "FREE" | "TENTATIVE" | "BUSY" | "OOF" | "WORKINGELSEWHERE";

/** A parsed RRULE: the rule parts as the file wrote them, already validated. */
export interface RecurrenceRule {
  readonly text: string;
  readonly line: number;
  readonly freq: "YEARLY" | "MONTHLY" | "WEEKLY" | "DAILY" | "HOURLY" | "MINUTELY" | "SECONDLY";
  readonly interval: number;
  readonly count?: number;
  /** UNTIL as given (a DATE, a UTC instant, or — non-conformant but common — a local time). */
  readonly until?: DateValue;
  readonly wkst: number; // 0 = Monday … 6 = Sunday (rrule's numbering)
  readonly bySecond?: readonly number[];
  readonly byMinute?: readonly number[];
  readonly byHour?: readonly number[];
  /** Weekdays with an optional ordinal: `{ day: 0 (MO) … 6 (SU), n?: -53…53 }`. */
  readonly byDay?: readonly { readonly day: number; readonly n?: number }[];
  readonly byMonthDay?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byWeekNo?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
}

/** One VEVENT: a master (with or without rules), a single event, or an override (`recurrenceId`). */
export interface CalendarEvent {
  readonly uid: string;
  /** Line of `BEGIN:VEVENT` in an `.ics` source, 1-based; absent for events read from an API. */
  readonly line?: number;
  /** Which source file or calendar it came from (index into the import's sources). */
  readonly source?: string;
  readonly summary?: string;
  readonly start: DateValue;
  readonly end?: DateValue;
  readonly duration?: NominalDuration;
  readonly rrules: readonly RecurrenceRule[];
  readonly rdates: readonly (DateValue | PeriodValue)[];
  readonly exdates: readonly DateValue[];
  readonly recurrenceId?: DateValue;
  readonly thisAndFuture?: boolean;
  readonly status?: EventStatus;
  readonly transparent: boolean;
  readonly busyStatus?: BusyStatus;
  readonly attendees: readonly Attendee[];
  readonly organizer?: string;
  readonly sequence?: number;
  /** Provider hints, e.g. Google's `eventType` (`outOfOffice`). */
  readonly kind?: string;
}

/**
 * How a warning names an event: by its line in an `.ics` file, or by its UID when it came from an API.
 *
 * @example
 * eventPlace({ uid: "a1", line: 12, … }) // "Event at line 12"
 */
export function eventPlace(ev: Pick<CalendarEvent, "uid" | "line">): string {
  return ev.line !== undefined ? `Event at line ${ev.line}` : `Event ${ev.uid}`;
}
