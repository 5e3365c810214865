/**
 * A section's term as instants: every live session and every deadline, built in the section's
 * zone (DST-correct; a time in a spring-forward gap moves forward as RFC 5545 says), with skip
 * dates removed and extra meetings added. The dates come from the catalog's one rule engine
 * (`rule-dates.ts`), which validation asks too and which expands with the engine that reads
 * learners' calendars, so an exported course calendar reads back identically.
 */
import { requireZone } from "../time/zone";
import type { Section } from "./schema";
import { termRuleDates } from "./rule-dates";
import { MINUTE } from "../time/units";

/** One live session `[start, end)` in UTC ms. */
export interface Session {
  readonly sectionId: string;
  /** `meeting` from a rule (with `patternIndex`), or `extra` (with `extraIndex`). */
  readonly kind: "meeting" | "extra";
  readonly patternIndex?: number;
  readonly extraIndex?: number;
  readonly title?: string;
  /** The session's date in the section's zone, YYYY-MM-DD. */
  readonly localDate: string;
  readonly start: number;
  readonly end: number;
}

/** One deadline instant (UTC ms) with the work due. */
export interface DeadlineInstant {
  readonly sectionId: string;
  readonly deadlineIndex: number;
  readonly title: string;
  /** Hours of work this deadline asks for (its `hours`). */
  readonly hours: number;
  readonly localDate: string;
  readonly at: number;
}

function wallOf(date: string, time = "00:00"): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
}

function minutesOfDay(time: string): number {
  return (time.charCodeAt(0) - 48) * 600 + (time.charCodeAt(1) - 48) * 60 + (time.charCodeAt(3) - 48) * 10 + (time.charCodeAt(4) - 48);
}

/**
 * Every live session of a section, sorted by start. Asynchronous sections have none.
 *
 * @example
 * sectionSessions(section)[0] // { sectionId: "PM-101-S1", kind: "meeting", localDate: "2027-01-12", start: …, end: … }
 */
export function sectionSessions(section: Section): Session[] {
  const zone = requireZone(section.timeZone);
  const skip = new Set("skipDates" in section && section.skipDates ? section.skipDates : []);
  const out: Session[] = [];
  const meetings = "meetings" in section && section.meetings ? section.meetings : [];
  meetings.forEach((m, patternIndex) => {
    const { walls, dates } = termRuleDates(m.rrule, section.startDate, section.endDate);
    const minutes = minutesOfDay(m.startTime) * MINUTE;
    for (let k = 0; k < walls.length; k++) {
      const localDate = dates[k] as string;
      if (skip.size > 0 && skip.has(localDate)) continue;
      const start = zone.wallToUtc((walls[k] as number) + minutes);
      // One object shape for every session (a spread of an optional title makes several).
      const session: { -readonly [K in keyof Session]: Session[K] } = { sectionId: section.id, kind: "meeting", patternIndex, localDate, start, end: start + m.durationMinutes * MINUTE };
      if (m.title) session.title = m.title;
      out.push(session);
    }
  });
  const extras = "extraMeetings" in section && section.extraMeetings ? section.extraMeetings : [];
  extras.forEach((x, extraIndex) => {
    const localDate = x.start.slice(0, 10);
    const start = zone.wallToUtc(wallOf(localDate, x.start.slice(11, 16)));
    out.push({ sectionId: section.id, kind: "extra", extraIndex, localDate, start, end: start + x.durationMinutes * MINUTE, ...(x.title ? { title: x.title } : {}) });
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Every deadline of a section, sorted by time.
 *
 * @example
 * sectionDeadlines(section)[0] // { sectionId: "PM-101-A1", title: "Discussion post", hours: 1, localDate: "2027-01-13", at: … }
 */
export function sectionDeadlines(section: Section): DeadlineInstant[] {
  const zone = requireZone(section.timeZone);
  const out: DeadlineInstant[] = [];
  const deadlines = "deadlines" in section && section.deadlines ? section.deadlines : [];
  deadlines.forEach((d, deadlineIndex) => {
    const { walls, dates } = termRuleDates(d.rrule, section.startDate, section.endDate);
    const minutes = minutesOfDay(d.time) * MINUTE;
    for (let k = 0; k < walls.length; k++) {
      out.push({ sectionId: section.id, deadlineIndex, title: d.title, hours: d.hours, localDate: dates[k] as string, at: zone.wallToUtc((walls[k] as number) + minutes) });
    }
  });
  return out.sort((a, b) => a.at - b.at || a.deadlineIndex - b.deadlineIndex);
}
