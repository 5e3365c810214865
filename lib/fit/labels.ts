/**
 * The words the reasons and the page share for dates: day-and-month lists, date ranges, deadline
 * periods ("weeks") and study hours, all in the learner's zone, built on lib/time/format. One place
 * so that a week reads the same in a reason, in the weekly table and in a shared report.
 */
import { formatDayMonth, formatWeekdayPlural } from "../time/format";
import { requireZone } from "../time/zone";
import { listText as list, plural } from "../words";
import { DAY, HOUR } from "../time/units";

/**
 * `Mon 11 Jan` in `zone`.
 *
 * @example
 * dayLabel(Date.parse("2027-01-11T17:00:00Z"), "America/New_York") // "Mon 11 Jan"
 */
export function dayLabel(ms: number, zone: string): string {
  const day = Math.floor((ms + requireZone(zone).offsetAt(ms)) / DAY);
  return `${WEEKDAY_SHORT[(((day + 3) % 7) + 7) % 7]} ${formatDayMonth(ms, zone)}`;
}

const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * A deadline period as the days it covers in `zone`, rounded to whole days: from the day 12 hours
 * after it starts to the day 12 hours before it ends. A period from one Sunday 23:59 deadline to the
 * next reads `Mon 11 Jan – Sun 17 Jan` in the section's own zone and one or two zones either side;
 * a learner 16 hours ahead, whose deadline falls on Monday afternoon, reads `Tue 12 Jan – Mon 18 Jan`.
 * A period shorter than a day is its middle day.
 *
 * @example
 * periodLabel(Date.parse("2027-01-11T04:59:00Z"), Date.parse("2027-01-18T04:59:00Z"), "America/New_York") // "Mon 11 Jan – Sun 17 Jan"
 */
export function periodLabel(start: number, end: number, zone: string): string {
  const from = start + 12 * HOUR;
  const to = end - 12 * HOUR;
  if (to < from) return dayLabel((start + end) / 2, zone);
  const a = dayLabel(from, zone);
  const b = dayLabel(to, zone);
  return a === b ? a : `${a} – ${b}`;
}

/**
 * Dates of some sessions: up to three listed (`12 Jan, 19 Jan and 2 Feb`), more as a range
 * (`between 12 Jan and 22 Apr`).
 *
 * @example
 * datesText([Date.parse("2027-01-12T23:30:00Z")], "America/New_York") // "12 Jan"
 */
export function datesText(starts: readonly number[], zone: string): string {
  if (starts.length <= 3) return list(starts.map((s) => formatDayMonth(s, zone)));
  const sorted = [...starts].sort((a, b) => a - b);
  return `between ${formatDayMonth(sorted[0] as number, zone)} and ${formatDayMonth(sorted[sorted.length - 1] as number, zone)}`;
}

/**
 * "on 12 Jan", "on 11 Mondays between 11 Jan and 12 Apr" or "on 5 sessions between …": which
 * sessions something happens on, in `zone`.
 *
 * @example
 * onSessionsText([Date.parse("2027-01-12T23:30:00Z"), Date.parse("2027-01-19T23:30:00Z")], "America/New_York") // "on 12 Jan and 19 Jan"
 */
export function onSessionsText(starts: readonly number[], zone: string): string {
  if (starts.length <= 3) return `on ${datesText(starts, zone)}`;
  const weekdays = new Set(starts.map((s) => formatWeekdayPlural(s, zone)));
  const what = weekdays.size === 1 ? `${starts.length} ${[...weekdays][0]}` : plural(starts.length, "session");
  return `on ${what} ${datesText(starts, zone)}`;
}

const DAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

function daysText(days: readonly number[]): string {
  const set = [...new Set(days)].sort((a, b) => a - b);
  if (set.length === 7) return "every day";
  if (set.join() === "0,1,2,3,4") return "Monday to Friday";
  if (set.join() === "5,6") return "at weekends";
  return `on ${list(set.map((d) => DAY_NAMES[d] ?? ""))}`;
}

/**
 * The study windows as a learner set them, each time range once with its days:
 * `07:00–22:00 every day`, `19:00–21:00 Monday to Friday and 09:00–13:00 at weekends`.
 *
 * @example
 * studyHoursText([{ days: [0, 1, 2, 3, 4], start: "07:00", end: "22:00" }, { days: [5, 6], start: "07:00", end: "22:00" }]) // "07:00–22:00 every day"
 */
export function studyHoursText(windows: readonly { days: readonly number[]; start: string; end: string }[]): string {
  const byTime = new Map<string, number[]>();
  for (const w of windows) {
    const key = `${w.start}–${w.end}`;
    byTime.set(key, [...(byTime.get(key) ?? []), ...w.days]);
  }
  return list([...byTime.entries()].map(([time, days]) => `${time} ${daysText(days)}`));
}

/** Each verdict as the learner reads it, in one place for the page, the reports and the CLI. */
export const VERDICT_LABEL: Readonly<Record<string, string>> = { fits: "Fits", "fits-with-tradeoffs": "Fits with trade-offs", "does-not-fit": "Does not fit" };
