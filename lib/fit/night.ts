/**
 * Night sessions: live sessions that fall mostly in the learner's sleep hours (wall-clock in their
 * zone). A 02:30 class clashes with nothing in a calendar and still costs a night's sleep every
 * week, so the verdict treats it apart from clashes (docs/fit.md, "Nights").
 */
import type { Interval } from "./intervals";
import type { SleepHours } from "./preferences";
import { requireZone } from "../time/zone";
import { MINUTE as MINUTE_MS, DAY as DAY_MS } from "../time/units";

// Local copies: these run once per session of every section checked.
const MINUTE = MINUTE_MS;
const DAY = DAY_MS;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Measures spans against the sleep hours in `zone`, on the learner's clock: a span's local start and
 * end against each night's local start and end (a night that runs past midnight belongs to the day
 * it starts). Returns the minutes of a span inside the sleep hours.
 *
 * @example
 * const inSleep = sleepMeter({ start: "23:00", end: "06:00" }, "Europe/London");
 * inSleep({ start: Date.parse("2027-01-15T02:30:00Z"), end: Date.parse("2027-01-15T04:00:00Z") }) // 90
 */
export function sleepMeter(sleep: SleepHours, zone: string): (span: Interval) => number {
  const s = minutesOf(sleep.start) * MINUTE;
  const e = minutesOf(sleep.end) * MINUTE;
  if (s === e) return () => 0;
  const rules = requireZone(zone);
  const crosses = e < s;
  return (span) => {
    const from = span.start + rules.offsetAt(span.start);
    const to = span.end + rules.offsetAt(span.end);
    const day = Math.floor(from / DAY);
    let total = 0;
    for (let d = day - 1; d <= day + 1; d++) {
      const a = d * DAY + s;
      const b = (crosses ? d + 1 : d) * DAY + e;
      const o = Math.min(b, to) - Math.max(a, from);
      if (o > 0) total += o;
    }
    return Math.round(total / MINUTE);
  };
}

/**
 * A test for night sessions: more than half of the session, on the learner's clock, lies in the
 * sleep hours (a session exactly half in them is not).
 *
 * @example
 * const isNight = nightTest({ start: "23:00", end: "06:00" }, "Europe/London");
 * isNight({ start: Date.parse("2027-01-15T02:30:00Z"), end: Date.parse("2027-01-15T04:00:00Z") }) // true
 */
export function nightTest(sleep: SleepHours, zone: string): (span: Interval) => boolean {
  const meter = sleepMeter(sleep, zone);
  return (span) => meter(span) * 2 * MINUTE > span.end - span.start;
}
