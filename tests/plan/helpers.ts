/**
 * Test helpers for term plans: catalogs built with the catalog schema from sections written out
 * by hand, and a learner's real week as .ics text (a 9–5 job Monday to Friday, soccer on Tuesday
 * evenings), all in explicit zones so the tests pass under any TZ.
 */
import { validateCatalog, type Catalog } from "@/lib/catalog/schema";
import type { CalendarSource } from "@/lib/check/run";
import { ics } from "../helpers/ics";

/** A four-week term in US Eastern standard time: Monday 11 Jan – Sunday 7 Feb 2027. */
export const TERM = { timeZone: "America/New_York", startDate: "2027-01-11", endDate: "2027-02-07" } as const;

/** A synchronous section meeting once a week. */
export function weekly(id: string, day: string, startTime: string, durationMinutes: number, recordings: "all" | "some" | "none" = "all", term: object = TERM): Record<string, unknown> {
  return { id, format: "synchronous", ...term, meetings: [{ rrule: `FREQ=WEEKLY;BYDAY=${day}`, startTime, durationMinutes }], recordings };
}

/** An asynchronous section with one weekly assignment due Sunday 23:59. */
export function online(id: string, hoursPerWeek: number, term: object = TERM): Record<string, unknown> {
  return { id, format: "asynchronous", ...term, hoursPerWeek, deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: hoursPerWeek }] };
}

/** A catalog of courses (id → sections), validated by the catalog schema. */
export function catalogOf(courses: Record<string, readonly Record<string, unknown>[]>): Catalog {
  const v = validateCatalog({
    institution: "FormatFit plan tests",
    courses: Object.entries(courses).map(([id, sections]) => ({ id, title: `Course ${id}`, summary: "A course for the plan tests.", sections })),
  });
  if (!v.ok) throw new Error(`Test bug: invalid catalog: ${v.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  return v.catalog;
}

const NEW_YORK = "DTSTART;TZID=America/New_York:";

/** A 9–5 job, Monday to Friday, New York time, from Monday 4 Jan 2027. */
export const JOB = [`${NEW_YORK}20270104T090000`, `DTEND;TZID=America/New_York:20270104T170000`, "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "SUMMARY:Work"];

/** Soccer on Tuesday evenings, 18:30–20:00 New York time, from 5 Jan 2027. */
export const SOCCER = [`${NEW_YORK}20270105T183000`, `DTEND;TZID=America/New_York:20270105T200000`, "RRULE:FREQ=WEEKLY;BYDAY=TU", "SUMMARY:Soccer"];

/** The learner's week as one calendar file. */
export const WEEK_ICS = ics(JOB, SOCCER);

/** A calendar as the page uploads it. */
export function upload(text: string, name = "week.ics"): CalendarSource {
  return { name, origin: "upload", bytes: new TextEncoder().encode(text) };
}
