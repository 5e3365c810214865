/**
 * A course section as an iCalendar feed (DESIGN.md, "The course calendar"; docs/course-calendar.md):
 * one recurring `VEVENT` per meeting pattern (`RRULE` + `EXDATE`), one `VEVENT` per extra meeting,
 * one recurring `VEVENT` per deadline (a short, transparent event with a reminder), and a
 * `VTIMEZONE` built from the zone's real rules. Read back by any client — or by our own importer —
 * it gives exactly the instants of `sectionSessions` and `sectionDeadlines`.
 */
import { ruleDates } from "../catalog/rule-dates";
import type { Course, Section } from "../catalog";
import { property, textProperty, writeComponent, type WriteComponent } from "../ics/write/calendar";
import type { ContentLine } from "../ics/write/text";
import { utcDateTime, wallDateTime } from "../ics/write/values";
import { vtimezone } from "../ics/write/vtimezone";
import { requireZone, type ZoneRules } from "../time/zone";
import { MINUTE, HOUR, DAY } from "../time/units";
import { plural } from "../words";
import type { Window } from "../time/window";

/** Used in UIDs when no `uidDomain` is given. `.invalid` (RFC 2606) can never be anyone else's host. */
export const DEFAULT_UID_DOMAIN = "formatfit.invalid";

/** How long a deadline event lasts at most: it starts at the due time (see {@link deadlineLengthMinutes}). */
export const DEADLINE_EVENT_MINUTES = 15;

/** Subscribers are asked to refresh this often (RFC 7986 `REFRESH-INTERVAL`, Outlook's `X-PUBLISHED-TTL`). */
export const REFRESH_INTERVAL = "PT12H";

export const PRODID = "-//FormatFit//Course calendar 1.0//EN";

export interface SectionCalendarOptions {
  /** `DTSTAMP` of every event: when this file was produced (UTC ms). Passed in, never read from the clock. */
  readonly now: number;
  /**
   * `SEQUENCE` of every event (default 0). Raise it whenever the section changes in the catalog,
   * so clients replace what they hold (docs/course-calendar.md, "SEQUENCE").
   */
  readonly sequence?: number;
  /** The school, named in the calendar's description and each event's description. */
  readonly institution?: string;
  /** A page about the course or section, written as each event's `URL`. */
  readonly url?: string;
  /**
   * The host part of every UID (default {@link DEFAULT_UID_DOMAIN}). A deployment sets its own
   * host name once and never changes it: a new domain is a new UID for every event.
   */
  readonly uidDomain?: string;
}

/** What an event in a section's calendar stands for; the first part of its UID. */
export type SectionEventKind = "meeting" | "extra" | "deadline";

/**
 * The UID of one event in a section's calendar: `<kind>-<index>.<section id>@<domain>`, where the
 * index is the position of the meeting pattern, extra meeting or deadline in the section's catalog
 * entry. It depends on nothing else, so it stays the same across exports, and a change to another
 * section (section ids are unique in the catalog) never changes it.
 *
 * @example
 * sectionEventUid("PM-101-S1", "meeting", 0) // "meeting-0.PM-101-S1@formatfit.invalid"
 * sectionEventUid("PM-101-S1", "deadline", 1, "calendar.school.edu") // "deadline-1.PM-101-S1@calendar.school.edu"
 */
export function sectionEventUid(sectionId: string, kind: SectionEventKind, index: number, domain: string = DEFAULT_UID_DOMAIN): string {
  return `${kind}-${index}.${sectionId}@${domain}`;
}

/**
 * How long a deadline's event lasts: {@link DEADLINE_EVENT_MINUTES} from the due time, cut at the
 * local midnight that ends the due date, so a 23:59 deadline is one minute and stays on its date.
 *
 * @example
 * deadlineLengthMinutes("23:59") // 1
 * deadlineLengthMinutes("17:00") // 15
 */
export function deadlineLengthMinutes(time: string): number {
  return Math.min(DEADLINE_EVENT_MINUTES, 24 * 60 - minutesOf(time));
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function wallOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function dateOf(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/**
 * A DATE-TIME for an instant: the zone's wall-clock time with its TZID, unless that wall-clock time
 * is ambiguous (the repeated hour of a fall-back night) or does not read back as the same instant;
 * then UTC, which every client reads one way. RFC 5545 §3.3.5 resolves an ambiguous time to its
 * first instant, but clients differ (ical.js takes the second), and a single instant need not
 * depend on that.
 */
function instantProperty(name: string, utc: number, zone: ZoneRules, tzid: string): ContentLine {
  const own = zone.offsetAt(utc);
  const wall = utc + own;
  const unambiguous =
    zone.wallToUtc(wall) === utc &&
    [zone.offsetAt(utc - DAY), zone.offsetAt(utc + DAY)].every((other) => other === own || zone.offsetAt(wall - other) !== other);
  return unambiguous ? property(name, wallDateTime(wall), [["TZID", tzid]]) : property(name, utcDateTime(utc));
}

/** The catalog rule's parts, in order. */
function ruleParts(rule: string): [string, string][] {
  return rule.split(";").map((part) => {
    const eq = part.indexOf("=");
    return [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/**
 * The RRULE for a catalog rule whose first date is `dates[0]`: the catalog's parts without its
 * COUNT and UNTIL, ending with an UNTIL that is a UTC instant (RFC 5545 §3.3.10 requires UTC when
 * DTSTART has a TZID): the last second of the rule's last day in the section's zone. That day is
 * the term's endDate, or the rule's own UNTIL date when earlier; with a COUNT, the last date the
 * count reaches (COUNT and UNTIL cannot both be written, and the term may end first).
 */
function exportRule(rule: string, dates: readonly number[], section: Section, zone: ZoneRules): string {
  const parts = ruleParts(rule);
  const kept = parts.filter(([name]) => name !== "COUNT" && name !== "UNTIL");
  let lastDay = section.endDate;
  if (parts.some(([name]) => name === "COUNT")) {
    lastDay = dateOf(dates[dates.length - 1] as number);
  } else {
    const until = parts.find(([name]) => name === "UNTIL")?.[1];
    if (until !== undefined) {
      const untilDate = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
      if (untilDate < lastDay) lastDay = untilDate;
    }
  }
  // The next local midnight, less a second. A midnight in a spring-forward gap resolves to the
  // instant of the change, so this is still the last second of lastDay.
  const untilUtc = zone.wallToUtc(wallOf(lastDay) + DAY) - 1000;
  return [...kept.map(([name, value]) => `${name}=${value}`), `UNTIL=${utcDateTime(untilUtc)}`].join(";");
}

const RECORDINGS: Record<string, string> = {
  all: "Recordings: every live session is recorded.",
  some: "Recordings: some live sessions are recorded.",
  none: "Recordings: live sessions are not recorded.",
};

const FORMATS: Record<Section["format"], string> = {
  synchronous: "synchronous (live sessions at set times)",
  asynchronous: "asynchronous (no live sessions; work to deadlines)",
  hybrid: "hybrid (live sessions, and work to deadlines)",
};

function optionalText(section: Section, field: "instructor" | "location" | "platform" | "notes"): string | undefined {
  const value = (section as Partial<Record<typeof field, unknown>>)[field];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The lines about the section that every event's description ends with. */
function sectionLines(section: Section, course: Course, institution: string | undefined): string[] {
  const lines = [`${course.id} ${course.title}, section ${section.id}: ${FORMATS[section.format]}.`];
  const instructor = optionalText(section, "instructor");
  const location = optionalText(section, "location");
  const platform = optionalText(section, "platform");
  const notes = optionalText(section, "notes");
  if (instructor) lines.push(`Instructor: ${instructor}`);
  if (location) lines.push(`Location: ${location}`);
  if (platform) lines.push(`Online: ${platform}`);
  const recordings = "recordings" in section && section.recordings ? RECORDINGS[section.recordings] : undefined;
  if (recordings && section.format !== "asynchronous") lines.push(recordings);
  if (notes) lines.push(notes);
  lines.push(`Times are set in ${section.timeZone}.`);
  if (institution) lines.push(institution);
  return lines;
}

/**
 * A section's calendar as iCalendar text (RFC 5545, CRLF, folded at 75 octets).
 *
 * - one `VEVENT` per meeting pattern: `DTSTART;TZID` on the rule's first date at `startTime` (the
 *   first date the rule matches, never a `startDate` it does not match: `DTSTART` is always an
 *   instance), `DTEND` `durationMinutes` later, the rule with a UTC `UNTIL`, and an `EXDATE` for
 *   every skip date the pattern falls on;
 * - one `VEVENT` per extra meeting;
 * - one `VEVENT` per deadline pattern, starting at the due time (so a client shows the due time
 *   as the event's time) and lasting {@link deadlineLengthMinutes}, `TRANSP:TRANSPARENT` so it never
 *   blocks the learner's calendar, with a `VALARM` a day before;
 * - a `VTIMEZONE` with the zone's real transitions from a year before the term to a year after.
 *
 * Throws a `RangeError` for a bad `now`, `sequence`, `url` or `uidDomain`.
 *
 * @example
 * const { course, section } = findSection(loadCatalog({ env: {} }), "PM-101-S1")!;
 * const ics = sectionCalendar(section, course, { now: Date.parse("2027-01-04T12:00:00Z"), sequence: 2 });
 * // BEGIN:VCALENDAR … X-WR-CALNAME:PM-101 PM-101-S1 — Project Management Foundations …
 * // BEGIN:VEVENT / UID:meeting-0.PM-101-S1@formatfit.invalid / … / DTSTART;TZID=America/New_York:20270112T183000
 * // RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270426T035959Z / EXDATE;TZID=America/New_York:20270316T183000 …
 */
export function sectionCalendar(section: Section, course: Course, options: SectionCalendarOptions): string {
  const ctx = writeContext(section, course, options);
  const events = [...meetingEvents(ctx), ...extraEvents(ctx), ...deadlineEvents(ctx)];
  const name = `${course.id} ${section.id} — ${course.title}`;
  const calendar: WriteComponent = {
    name: "VCALENDAR",
    properties: [
      property("VERSION", "2.0"),
      property("PRODID", PRODID),
      property("CALSCALE", "GREGORIAN"),
      property("METHOD", "PUBLISH"),
      ...textProperty("NAME", name),
      ...textProperty("X-WR-CALNAME", name),
      ...textProperty("X-WR-CALDESC", [options.institution, course.summary].filter((s) => s !== undefined && s.trim() !== "").join(": ")),
      ...textProperty("X-WR-TIMEZONE", ctx.tzid),
      property("REFRESH-INTERVAL", REFRESH_INTERVAL, [["VALUE", "DURATION"]]),
      property("X-PUBLISHED-TTL", REFRESH_INTERVAL),
    ],
    components: [vtimezone(ctx.tzid, zoneRange(section)), ...events],
  };
  return writeComponent(calendar);
}

/** What every event of one section's calendar shares: its zone, its UID and stamp lines, its footer. */
interface WriteContext {
  readonly section: Section;
  readonly course: Course;
  readonly zone: ZoneRules;
  /** The catalog's spelling (validated as an IANA name), not the zone database's canonical one. */
  readonly tzid: string;
  /** The section's own lines for every DESCRIPTION. */
  readonly about: readonly string[];
  /** Where live sessions happen (location, else platform). */
  readonly where: string | undefined;
  readonly common: (kind: SectionEventKind, index: number) => ContentLine[];
  readonly trailer: (location: string | undefined) => ContentLine[];
}

function writeContext(section: Section, course: Course, options: SectionCalendarOptions): WriteContext {
  const sequence = options.sequence ?? 0;
  if (!Number.isFinite(options.now)) throw new RangeError(`now must be an instant (epoch ms); got ${options.now}`);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`sequence must be a whole number of at least 0; got ${sequence}`);
  const domain = options.uidDomain ?? DEFAULT_UID_DOMAIN;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(domain)) throw new RangeError(`uidDomain must be a host name such as "calendar.school.edu"; got ${JSON.stringify(domain)}`);
  const url = options.url === undefined ? undefined : checkedUrl(options.url);
  return {
    section,
    course,
    zone: requireZone(section.timeZone),
    tzid: section.timeZone,
    about: sectionLines(section, course, options.institution),
    where: optionalText(section, "location") ?? optionalText(section, "platform"),
    common: (kind, index) => [property("UID", sectionEventUid(section.id, kind, index, domain)), property("DTSTAMP", utcDateTime(options.now)), property("SEQUENCE", String(sequence))],
    trailer: (location) => [...textProperty("LOCATION", location), ...(url !== undefined ? [property("URL", url)] : [])],
  };
}

/** One series per meeting pattern, its skip dates as EXDATEs. */
function meetingEvents(ctx: WriteContext): WriteComponent[] {
  const { section, course, zone, tzid } = ctx;
  const skip = "skipDates" in section && section.skipDates ? section.skipDates : [];
  const meetings = "meetings" in section && section.meetings ? section.meetings : [];
  return meetings.flatMap((meeting, index): WriteComponent[] => {
    const dates = ruleDates(meeting.rrule, section.startDate, section.endDate);
    const first = dates[0];
    if (first === undefined) return []; // the catalog schema refuses such a rule; nothing to write
    const startTime = minutesOf(meeting.startTime) * MINUTE;
    const startUtc = zone.wallToUtc(first + startTime);
    const onPattern = new Set(dates.map(dateOf));
    const title = `${course.id} ${course.title}${meeting.title ? ` — ${meeting.title}` : ""}`;
    return [
      {
        name: "VEVENT",
        properties: [
          ...ctx.common("meeting", index),
          // The catalog's wall-clock time, as written: instances recur at it in the zone.
          property("DTSTART", wallDateTime(first + startTime), [["TZID", tzid]]),
          instantProperty("DTEND", startUtc + meeting.durationMinutes * MINUTE, zone, tzid),
          property("RRULE", exportRule(meeting.rrule, dates, section, zone)),
          ...skip.filter((date) => onPattern.has(date)).map((date) => property("EXDATE", wallDateTime(wallOf(date) + startTime), [["TZID", tzid]])),
          ...textProperty("SUMMARY", title),
          ...textProperty("DESCRIPTION", [`Live session, ${meeting.durationMinutes} minutes, at ${meeting.startTime} ${section.timeZone}.`, ...ctx.about].join("\n")),
          ...ctx.trailer(ctx.where),
          ...textProperty("CATEGORIES", "Class session"),
          property("TRANSP", "OPAQUE"),
        ],
      },
    ];
  });
}

/** One event per one-off session. */
function extraEvents(ctx: WriteContext): WriteComponent[] {
  const { section, course, zone, tzid } = ctx;
  const extras = "extraMeetings" in section && section.extraMeetings ? section.extraMeetings : [];
  return extras.map((extra, index) => {
    const startUtc = zone.wallToUtc(wallOf(extra.start.slice(0, 10)) + minutesOf(extra.start.slice(11, 16)) * MINUTE);
    return {
      name: "VEVENT",
      properties: [
        ...ctx.common("extra", index),
        // The instant the catalog's time means, so no client has to resolve a DST change itself: a
        // time in a spring-forward gap is written as the time it becomes (02:30 → 03:30), one in
        // the repeated hour of a fall-back night in UTC.
        instantProperty("DTSTART", startUtc, zone, tzid),
        instantProperty("DTEND", startUtc + extra.durationMinutes * MINUTE, zone, tzid),
        ...textProperty("SUMMARY", `${course.id} ${course.title} — ${extra.title ?? "Extra session"}`),
        ...textProperty("DESCRIPTION", [`One-off live session, ${extra.durationMinutes} minutes.`, ...ctx.about].join("\n")),
        ...ctx.trailer(ctx.where),
        ...textProperty("CATEGORIES", "Class session"),
        property("TRANSP", "OPAQUE"),
      ],
    };
  });
}

/** One transparent series per deadline pattern, starting at the due time, with a reminder a day before. */
function deadlineEvents(ctx: WriteContext): WriteComponent[] {
  const { section, course, zone, tzid } = ctx;
  const deadlines = "deadlines" in section && section.deadlines ? section.deadlines : [];
  return deadlines.flatMap((deadline, index): WriteComponent[] => {
    const dates = ruleDates(deadline.rrule, section.startDate, section.endDate);
    const first = dates[0];
    if (first === undefined) return [];
    const dueTime = minutesOf(deadline.time) * MINUTE;
    const dueUtc = zone.wallToUtc(first + dueTime);
    const summary = `Due: ${deadline.title} — ${course.id}`;
    const hours = plural(deadline.hours, "hour");
    return [
      {
        name: "VEVENT",
        properties: [
          ...ctx.common("deadline", index),
          // Starts at the due time: the instant a client shows is the deadline itself.
          property("DTSTART", wallDateTime(first + dueTime), [["TZID", tzid]]),
          instantProperty("DTEND", dueUtc + deadlineLengthMinutes(deadline.time) * MINUTE, zone, tzid),
          property("RRULE", exportRule(deadline.rrule, dates, section, zone)),
          ...textProperty("SUMMARY", summary),
          ...textProperty("DESCRIPTION", [`${deadline.title} is due at ${deadline.time} ${section.timeZone}; plan about ${hours} of work for it.`, ...ctx.about].join("\n")),
          ...ctx.trailer(optionalText(section, "platform")),
          ...textProperty("CATEGORIES", "Deadline"),
          property("TRANSP", "TRANSPARENT"),
        ],
        components: [
          {
            name: "VALARM",
            properties: [property("ACTION", "DISPLAY"), ...textProperty("DESCRIPTION", `${summary} (in one day)`), property("TRIGGER", "-P1D")],
          },
        ],
      },
    ];
  });
}

/** The VTIMEZONE's range: a year either side of the term, plus the widest UTC offset, in instants. */
function zoneRange(section: Section): Window {
  const startYear = Number(section.startDate.slice(0, 4));
  const endYear = Number(section.endDate.slice(0, 4));
  return {
    from: Date.UTC(startYear - 1, Number(section.startDate.slice(5, 7)) - 1, Number(section.startDate.slice(8, 10))) - 15 * HOUR,
    to: Date.UTC(endYear + 1, Number(section.endDate.slice(5, 7)) - 1, Number(section.endDate.slice(8, 10)) + 1) + 15 * HOUR,
  };
}

function checkedUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new RangeError(`url must be an absolute URL such as "https://school.edu/courses/PM-101"; got ${JSON.stringify(value)}`);
  }
  // The serialised form percent-encodes spaces and control characters, which a URI value cannot hold.
  return parsed.href;
}
