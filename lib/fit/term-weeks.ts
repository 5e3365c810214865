/**
 * The weeks of sections taken together: weeks of 7 dates from the earliest start date, counted by
 * date rather than by instant — a deadline in the week of its date in its section's zone, free
 * time in the week of the learner's date — so that a Sunday 23:59 deadline stays in its week
 * across a clock change and between zones. Each week holds the hours due in it and the free study
 * hours in it; the tightest week is the one with the least to spare.
 */
import type { Section } from "../catalog/schema";
import { termEndOf, termStartOf, type Job, type LoadWeek } from "./async";
import type { FreeBlock } from "./free-time";
import { daysFromCivil } from "../time/civil";
import { requireZone } from "../time/zone";
import { HOUR, DAY } from "../time/units";

// Local copies: read for every block of every combination a term plan judges.
const WEEK_MS = 7 * DAY;
const DAY_MS = DAY;
const HOUR_MS = HOUR;

/** The span of sections taken together, as instants and as dates. */
export interface TogetherTerm {
  /** The earliest term start (instant). */
  readonly from: number;
  /** The latest term end (instant). */
  readonly to: number;
  /** The earliest start date, as a day number (days since 1970-01-01): weeks count from it. */
  readonly firstDay: number;
  /** The latest end date, as a day number. */
  readonly lastDay: number;
}

/** A `YYYY-MM-DD` date as a day number, without parsing a Date (this runs for every job of every plan). */
function dayOfDate(date: string): number {
  const digit = (i: number) => date.charCodeAt(i) - 48;
  return daysFromCivil(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), digit(5) * 10 + digit(6), digit(8) * 10 + digit(9));
}

/**
 * One section's term, as instants and dates.
 *
 * @example
 * sectionTerm(section) // { from: Date.parse("2027-01-11T05:00:00Z"), to: Date.parse("2027-04-26T04:00:00Z"), firstDay: 19733, lastDay: 19837 }
 */
export function sectionTerm(section: Section): TogetherTerm {
  return { from: termStartOf(section), to: termEndOf(section), firstDay: dayOfDate(section.startDate), lastDay: dayOfDate(section.endDate) };
}

/**
 * Terms taken together: from the earliest start to the latest end.
 *
 * @example
 * joinTerms(sections.map(sectionTerm)) // the same as togetherTerm(sections)
 */
export function joinTerms(terms: readonly TogetherTerm[]): TogetherTerm {
  let from = Infinity;
  let to = -Infinity;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const t of terms) {
    from = Math.min(from, t.from);
    to = Math.max(to, t.to);
    firstDay = Math.min(firstDay, t.firstDay);
    lastDay = Math.max(lastDay, t.lastDay);
  }
  return { from, to, firstDay, lastDay };
}

/**
 * The term of sections taken together: from the earliest start to the latest end.
 *
 * @example
 * togetherTerm(sections).firstDay // the earliest start date, as a day number
 */
export function togetherTerm(sections: readonly Section[]): TogetherTerm {
  return joinTerms(sections.map(sectionTerm));
}

/**
 * The combined weeks of a term: weeks of 7 dates from its first start date (the last one may be
 * shorter), each with the hours due on its dates — a deadline on the date it has in its section's
 * zone, so a Sunday 23:59 deadline is in its own week whatever the zones and the clocks do — and
 * the free study hours on its dates in the learner's zone (`zone`; free blocks carry their date),
 * which also gives each week's start and end. Hours due are summed in job order, so they round the
 * same way every time; a week is feasible when every job due in it is met (all but `unmet`).
 *
 * @example
 * togetherWeeks(jobs, free, togetherTerm(sections), "America/New_York")[0] // { start, end, requiredHours: 9, availableHours: 28, feasible: true, slackHours: 19 }
 */
export function togetherWeeks(jobs: readonly Job[], free: readonly FreeBlock[], term: TogetherTerm, zone: string, unmet: ReadonlySet<Job> = new Set()): LoadWeek[] {
  const count = Math.max(0, Math.ceil((term.lastDay - term.firstDay + 1) / 7));
  if (count === 0) return [];
  const weekOfDay = (day: number) => Math.min(count - 1, Math.max(0, Math.floor((day - term.firstDay) / 7)));
  const required = new Array<number>(count).fill(0);
  const met = new Array<boolean>(count).fill(true);
  for (const j of jobs) {
    const k = weekOfDay(dayOfJob(j));
    required[k] = (required[k] as number) + j.hours;
    if (unmet.has(j)) met[k] = false;
  }
  const freeMs = new Array<number>(count).fill(0);
  for (const b of free) {
    const k = weekOfDay(b.day);
    freeMs[k] = (freeMs[k] as number) + b.end - b.start;
  }
  const rules = requireZone(zone);
  const midnight = (day: number) => rules.wallToUtc(day * DAY_MS);
  const weeks: LoadWeek[] = [];
  for (let k = 0; k < count; k++) {
    const requiredHours = Math.round((required[k] as number) * 10) / 10;
    const availableHours = Math.round(((freeMs[k] as number) / HOUR_MS) * 10) / 10;
    const start = midnight(term.firstDay + 7 * k);
    const end = midnight(Math.min(term.firstDay + 7 * (k + 1), term.lastDay + 1));
    weeks.push({ start, end, requiredHours, availableHours, feasible: met[k] as boolean, slackHours: Math.round((availableHours - requiredHours) * 10) / 10 });
  }
  return weeks;
}

const jobDays = new WeakMap<Job, number>();

/** A job's due date as a day number, remembered: a plan of 8 courses asks for each one thousands of times. */
function dayOfJob(j: Job): number {
  let day = jobDays.get(j);
  if (day === undefined) jobDays.set(j, (day = dayOfDate(j.localDate)));
  return day;
}

/** The week of a plan with the least slack: the hours due in it and the free hours in it. */
export interface TightestWeek {
  readonly required: number;
  readonly available: number;
  /** available − required */
  readonly slack: number;
}

/**
 * The tightest of combined weeks: the least slack among the weeks with work due; without any work
 * due, the fewest free hours among whole weeks (a term's last, shorter week would always look
 * tightest).
 *
 * @example
 * tightestWeek(togetherWeeks(jobs, free, term)) // { required: 9, available: 28, slack: 19 }
 */
export function tightestWeek(weeks: readonly LoadWeek[]): TightestWeek {
  let best: LoadWeek | undefined;
  for (const w of weeks) if (w.requiredHours > 0 && (!best || w.slackHours < best.slackHours)) best = w;
  if (!best) {
    // A whole week is 7 local days: 167 to 169 hours across a clock change.
    const whole = weeks.filter((w) => w.end - w.start >= WEEK_MS - HOUR_MS);
    for (const w of whole.length > 0 ? whole : weeks) if (!best || w.availableHours < best.availableHours) best = w;
  }
  return best ? { required: best.requiredHours, available: best.availableHours, slack: best.slackHours } : { required: 0, available: 0, slack: 0 };
}
