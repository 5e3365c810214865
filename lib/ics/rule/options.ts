/**
 * A validated {@link RecurrenceRule} → options for the `rrule` package, in floating wall-clock
 * time: `dtstart` carries the wall-clock fields as if they were UTC and no `tzid` is set, so
 * rrule's results never depend on the host's zone (rrule issues #295, #390, #596). The caller
 * attaches the zone afterwards.
 */
import { RRule, Weekday, type Options } from "rrule";
import type { RecurrenceRule } from "../../calendar";

const FREQ: Record<RecurrenceRule["freq"], number> = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
  HOURLY: RRule.HOURLY,
  MINUTELY: RRule.MINUTELY,
  SECONDLY: RRule.SECONDLY,
};

/**
 * rrule options for a rule, without UNTIL (callers bound the walk themselves, comparing UNTIL as an
 * instant) and without COUNT unless `withCount`.
 *
 * @example
 * toRRuleOptions(rule, Date.UTC(2027, 0, 11, 18, 30)).freq // RRule.WEEKLY
 */
export function toRRuleOptions(
  rule: RecurrenceRule,
  dtstartWall: number,
  overrides: { withCount?: boolean; withSetPos?: boolean } = {},
): Partial<Options> {
  const o: Partial<Options> = {
    freq: FREQ[rule.freq],
    interval: rule.interval,
    dtstart: new Date(dtstartWall),
    wkst: rule.wkst,
  };
  if (overrides.withCount && rule.count !== undefined) o.count = rule.count;
  if (rule.bySecond) o.bysecond = [...rule.bySecond];
  if (rule.byMinute) o.byminute = [...rule.byMinute];
  if (rule.byHour) o.byhour = [...rule.byHour];
  if (rule.byDay) o.byweekday = rule.byDay.map((d) => (d.n === undefined ? new Weekday(d.day) : new Weekday(d.day, d.n)));
  if (rule.byMonthDay) o.bymonthday = [...rule.byMonthDay];
  if (rule.byYearDay) o.byyearday = [...rule.byYearDay];
  if (rule.byWeekNo) o.byweekno = [...rule.byWeekNo];
  if (rule.byMonth) o.bymonth = [...rule.byMonth];
  if (rule.bySetPos && overrides.withSetPos) o.bysetpos = [...rule.bySetPos];
  return o;
}

/**
 * The same rule with every part that rrule would otherwise take from DTSTART made explicit, so the
 * rule can start from another point (a period boundary near a window) and yield the same set.
 * Mirrors RFC 5545's defaults (and rrule's `initializeOptions`).
 */
export function explicitParts(rule: RecurrenceRule, dtstartWall: number): RecurrenceRule {
  const d = new Date(dtstartWall);
  const out: { -readonly [K in keyof RecurrenceRule]: RecurrenceRule[K] } = { ...rule };
  const freqRank = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"].indexOf(rule.freq);
  if (!rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byDay) {
    if (rule.freq === "YEARLY") {
      if (!rule.byMonth) out.byMonth = [d.getUTCMonth() + 1];
      out.byMonthDay = [d.getUTCDate()];
    } else if (rule.freq === "MONTHLY") {
      out.byMonthDay = [d.getUTCDate()];
    } else if (rule.freq === "WEEKLY") {
      out.byDay = [{ day: (d.getUTCDay() + 6) % 7 }];
    }
  }
  if (!rule.byHour && freqRank < 4) out.byHour = [d.getUTCHours()];
  if (!rule.byMinute && freqRank < 5) out.byMinute = [d.getUTCMinutes()];
  if (!rule.bySecond && freqRank < 6) out.bySecond = [d.getUTCSeconds()];
  return out;
}
