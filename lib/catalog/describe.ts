/**
 * A catalog as people browse it: a section's schedule in words, its sessions and deadlines in the
 * viewer's zone beside the section's own, and the filters of the catalog page (format, weekday,
 * time of day — judged in the viewer's zone, where the learner lives).
 */
import { formatTimeRange, formatZoneAbbreviation, localIsoDate } from "../time/format";
import { requireZone } from "../time/zone";
import type { Catalog, Course, Section, SectionFormat } from "./schema";
import { sectionDeadlines, sectionSessions } from "./sessions";
import { MINUTE, DAY } from "../time/units";

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export type TimeOfDay = "morning" | "lunchtime" | "afternoon" | "evening";

/** A time-of-day band by a session's local start: morning before 11:00, lunchtime 11:00–13:59, afternoon 14:00–16:59, evening from 17:00. */
export function timeOfDayOf(minutes: number): TimeOfDay {
  if (minutes < 11 * 60) return "morning";
  if (minutes < 14 * 60) return "lunchtime";
  if (minutes < 17 * 60) return "afternoon";
  return "evening";
}

export interface SessionRow {
  readonly start: number;
  readonly end: number;
  /** `Tue 12 Jan 2027, 18:30–20:00` in the viewer's zone. */
  readonly viewer: string;
  /** The same in the section's zone, with its abbreviation. */
  readonly section: string;
  readonly title: string | undefined;
  readonly extra: boolean;
  /** The viewer's local date, YYYY-MM-DD. */
  readonly date: string;
}

export interface DeadlineRow {
  readonly at: number;
  readonly viewer: string;
  readonly section: string;
  readonly title: string;
  readonly hours: number;
}

/**
 * Every session of a section in the viewer's zone, with the section's own time beside it.
 *
 * @example
 * sessionRows(section, "Europe/London")[0].viewer // "Tue 12 Jan 2027, 23:30–01:00" … (a session ending after midnight names both days)
 */
export function sessionRows(section: Section, viewerZone: string): SessionRow[] {
  return sectionSessions(section).map((s) => ({
    start: s.start,
    end: s.end,
    viewer: formatTimeRange(s.start, s.end, viewerZone),
    section: `${formatTimeRange(s.start, s.end, section.timeZone)} ${formatZoneAbbreviation(s.start, section.timeZone)}`,
    title: s.title,
    extra: s.kind === "extra",
    date: localIsoDate(s.start, viewerZone),
  }));
}

/**
 * Every deadline of a section in the viewer's zone, with the section's own time beside it.
 *
 * @example
 * deadlineRows(section, "America/Los_Angeles")[0] // { title: "Weekly assignment", viewer: "Sun 17 Jan 2027, 20:59", … }
 */
export function deadlineRows(section: Section, viewerZone: string): DeadlineRow[] {
  const atText = (ms: number, zone: string) => formatTimeRange(ms, ms, zone).replace(/–.*$/, "");
  return sectionDeadlines(section).map((d) => ({
    at: d.at,
    viewer: atText(d.at, viewerZone),
    section: `${atText(d.at, section.timeZone)} ${formatZoneAbbreviation(d.at, section.timeZone)}`,
    title: d.title,
    hours: d.hours,
  }));
}

/**
 * The section's regular schedule in words, in the viewer's zone: "Tuesdays and Thursdays,
 * 18:30–20:00", "No set meeting times: weekly deadlines (8 h/week)".
 *
 * @example
 * scheduleText(section, "America/New_York") // "Tuesdays and Thursdays 18:30–20:00"
 */
export function scheduleText(section: Section, viewerZone: string): string {
  const sessions = sectionSessions(section).filter((s) => s.kind === "meeting");
  if (sessions.length === 0) return `No set meeting times: weekly deadlines, about ${section.hoursPerWeek ?? 0} hours a week`;
  const zone = requireZone(viewerZone);
  // The most common (weekday, start–end) per meeting pattern, in the viewer's zone.
  const byPattern = new Map<number, Map<string, number>>();
  for (const s of sessions) {
    const wall = s.start + zone.offsetAt(s.start);
    const wallEnd = s.end + zone.offsetAt(s.end);
    const weekday = ((Math.floor(wall / DAY) % 7) + 7 + 3) % 7;
    const key = `${weekday}|${hhmm(wall)}–${hhmm(wallEnd)}`;
    const m = byPattern.get(s.patternIndex ?? 0) ?? new Map<string, number>();
    m.set(key, (m.get(key) ?? 0) + 1);
    byPattern.set(s.patternIndex ?? 0, m);
  }
  const parts: string[] = [];
  for (const counts of byPattern.values()) {
    const max = Math.max(...counts.values());
    const common = [...counts.entries()].filter(([, n]) => n >= max / 3).map(([k]) => k);
    const byTime = new Map<string, number[]>();
    for (const k of common) {
      const [d, t] = k.split("|") as [string, string];
      byTime.set(t, [...(byTime.get(t) ?? []), Number(d)]);
    }
    for (const [time, days] of byTime) parts.push(`${listText([...new Set(days)].sort().map((d) => `${WEEKDAY_NAMES[d]}s`))} ${time}`);
  }
  const everyOther = section.meetings?.some((m) => /INTERVAL=2/.test(m.rrule)) ? " (every other week)" : "";
  return `${parts.join("; ")}${everyOther}`;
}

function hhmm(wall: number): string {
  const m = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function listText(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

export interface CatalogFilter {
  readonly format?: SectionFormat | undefined;
  /** 0 = Monday … 6 = Sunday: sections with a regular session that day (viewer's zone). */
  readonly weekday?: number | undefined;
  readonly timeOfDay?: TimeOfDay | undefined;
  readonly viewerZone: string;
}

/**
 * Whether a section passes the catalog filters. Weekday and time of day look at the section's
 * regular sessions in the viewer's zone; an asynchronous section passes them (it has no set time,
 * so it never rules a day out).
 *
 * @example
 * sectionMatches(section, { format: "synchronous", weekday: 1, timeOfDay: "evening", viewerZone: "America/New_York" })
 */
export function sectionMatches(section: Section, filter: CatalogFilter): boolean {
  if (filter.format && section.format !== filter.format) return false;
  if (filter.weekday === undefined && filter.timeOfDay === undefined) return true;
  const sessions = sectionSessions(section).filter((s) => s.kind === "meeting");
  if (sessions.length === 0) return true;
  const zone = requireZone(filter.viewerZone);
  return sessions.some((s) => {
    const wall = s.start + zone.offsetAt(s.start);
    const weekday = ((Math.floor(wall / DAY) % 7) + 7 + 3) % 7;
    const minutes = Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
    return (filter.weekday === undefined || weekday === filter.weekday) && (filter.timeOfDay === undefined || timeOfDayOf(minutes) === filter.timeOfDay);
  });
}

/**
 * The catalog's courses with the sections that pass the filter; courses left with none are dropped.
 *
 * @example
 * filterCatalog(catalog, { format: "asynchronous", viewerZone: "UTC" }).length // 12
 */
export function filterCatalog(catalog: Catalog, filter: CatalogFilter): { course: Course; sections: Section[] }[] {
  return catalog.courses.map((course) => ({ course, sections: course.sections.filter((s) => sectionMatches(s, filter)) })).filter((c) => c.sections.length > 0);
}

/** The section's zone abbreviation at its first day ("EST"), for labels. */
export function sectionZoneLabel(section: Section): string {
  return formatZoneAbbreviation(Date.parse(`${section.startDate}T12:00:00Z`), section.timeZone);
}
