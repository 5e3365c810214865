/**
 * Arithmetic candidates for the rule shapes that make up nearly every real calendar (weekly on some
 * days, daily, monthly on a day or an nth weekday, yearly on a date), period by period, without
 * rrule's per-year masks. It answers exactly what rrule answers — tests/recurrence/fast-rule.test.ts
 * checks it against rrule on generated rules.
 */
import type { RecurrenceRule } from "../../calendar";
import { daysInMonth, weekday, type DaySource } from "./days";

export { civilFromDays, daysFromCivil } from "../../time/civil";
import { civilFromDays, daysFromCivil } from "../../time/civil";

/** Whether {@link simpleDaySource} can list the rule's days (else masks.ts does, day by day). */
export function isFastShape(rule: RecurrenceRule): boolean {
  if (rule.byWeekNo || rule.byYearDay) return false;
  switch (rule.freq) {
    case "DAILY":
      return !rule.byDay?.some((d) => d.n !== undefined);
    case "WEEKLY":
      return !rule.byMonthDay && !rule.byDay?.some((d) => d.n !== undefined);
    case "MONTHLY":
      return !(rule.byDay && rule.byMonthDay);
    case "YEARLY":
      // With BYMONTH, a BYDAY counts within each month (RFC 5545), as MONTHLY does: DST rules, Thanksgiving.
      return !rule.byDay || (rule.byMonth !== undefined && !rule.byMonthDay);
    default:
      return false;
  }
}

/** Days of one month a MONTHLY rule picks, ascending (a mixed BYDAY list is a union, as RFC 5545 says). */
function monthDays(rule: RecurrenceRule, y: number, m: number, defaultDay: number): number[] {
  const dim = daysInMonth(y, m);
  const first = daysFromCivil(y, m, 1);
  const out: number[] = [];
  if (rule.byDay) {
    const wdFirst = weekday(first);
    for (const bd of rule.byDay) {
      const firstOf = 1 + ((bd.day - wdFirst + 7) % 7); // date of the first such weekday
      if (bd.n === undefined) {
        for (let d = firstOf; d <= dim; d += 7) out.push(first + d - 1);
      } else if (bd.n > 0) {
        const d = firstOf + (bd.n - 1) * 7;
        if (d <= dim) out.push(first + d - 1);
      } else {
        const count = Math.floor((dim - firstOf) / 7) + 1;
        const idx = count + bd.n; // n = -1 → last
        if (idx >= 0) out.push(first + firstOf - 1 + idx * 7);
      }
    }
  } else {
    for (const md of rule.byMonthDay ?? [defaultDay]) {
      const d = md > 0 ? md : dim + md + 1;
      if (d >= 1 && d <= dim) out.push(first + d - 1);
    }
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * The days of the shapes {@link isFastShape} accepts, by arithmetic. (Classes rather than closures:
 * one source is made per rule and per window, tens of thousands for a big calendar.) A daily source
 * returns the same array for every period, refilled: read a period's days before asking for the next.
 */
export function simpleDaySource(rule: RecurrenceRule, startDay: number): DaySource {
  switch (rule.freq) {
    case "DAILY":
      return new DailySource(rule, startDay);
    case "WEEKLY":
      return new WeeklySource(rule, startDay);
    case "MONTHLY":
      return new MonthlySource(rule, startDay);
    default:
      return new YearlySource(rule, startDay);
  }
}

const NONE: number[] = [];

class DailySource implements DaySource {
  readonly periodCost = 1;
  private readonly weekdays: number[] | undefined;
  private readonly one = [0];
  constructor(
    private readonly rule: RecurrenceRule,
    private readonly day0: number,
  ) {
    this.weekdays = rule.byDay?.map((b) => b.day);
  }
  days(k: number): number[] {
    const rule = this.rule;
    const day = this.day0 + k * rule.interval;
    if (this.weekdays && !this.weekdays.includes(weekday(day))) return NONE;
    if (rule.byMonth || rule.byMonthDay) {
      const [y, m, d] = civilFromDays(day);
      if (rule.byMonth && !rule.byMonth.includes(m)) return NONE;
      if (rule.byMonthDay) {
        const dim = daysInMonth(y, m);
        if (!rule.byMonthDay.some((md) => (md > 0 ? md : dim + md + 1) === d)) return NONE;
      }
    }
    this.one[0] = day;
    return this.one;
  }
  startDay(k: number): number {
    return this.day0 + k * this.rule.interval;
  }
  periodBefore(day: number): number {
    return Math.floor((day - this.day0) / this.rule.interval) - 1;
  }
}

class WeeklySource implements DaySource {
  readonly periodCost = 1;
  private readonly weekStart0: number;
  private readonly offsets: number[];
  constructor(private readonly rule: RecurrenceRule, startDay: number) {
    const wkst = rule.wkst;
    this.weekStart0 = startDay - ((weekday(startDay) - wkst + 7) % 7);
    this.offsets = [...new Set((rule.byDay?.map((b) => b.day) ?? [weekday(startDay)]).map((d) => (d - wkst + 7) % 7))].sort((a, b) => a - b);
  }
  days(k: number): number[] {
    const ws = this.startDay(k);
    const out: number[] = [];
    for (const off of this.offsets) {
      const day = ws + off;
      if (this.rule.byMonth && !this.rule.byMonth.includes(civilFromDays(day)[1])) continue;
      out.push(day);
    }
    return out;
  }
  startDay(k: number): number {
    return this.weekStart0 + k * 7 * this.rule.interval;
  }
  periodBefore(day: number): number {
    return Math.floor((day - this.weekStart0) / (7 * this.rule.interval)) - 1;
  }
}

class MonthlySource implements DaySource {
  readonly periodCost = 1;
  private readonly month0: number;
  private readonly day0: number;
  constructor(private readonly rule: RecurrenceRule, startDay: number) {
    const [y0, m0, d0] = civilFromDays(startDay);
    this.month0 = y0 * 12 + (m0 - 1);
    this.day0 = d0;
  }
  private monthOf(k: number): [number, number] {
    const mi = this.month0 + k * this.rule.interval;
    return [Math.floor(mi / 12), (((mi % 12) + 12) % 12) + 1];
  }
  days(k: number): number[] {
    const [y, m] = this.monthOf(k);
    if (this.rule.byMonth && !this.rule.byMonth.includes(m)) return [];
    return monthDays(this.rule, y, m, this.day0);
  }
  startDay(k: number): number {
    return daysFromCivil(...this.monthOf(k), 1);
  }
  periodBefore(day: number): number {
    const [ly, lm] = civilFromDays(day);
    return Math.floor((ly * 12 + lm - 1 - this.month0) / this.rule.interval) - 1;
  }
}

class YearlySource implements DaySource {
  readonly periodCost = 1;
  private readonly year0: number;
  private readonly day0: number;
  private readonly months: readonly number[];
  private readonly monthDays: readonly number[];
  constructor(private readonly rule: RecurrenceRule, startDay: number) {
    const [y0, m0, d0] = civilFromDays(startDay);
    this.year0 = y0;
    this.day0 = d0;
    // YEARLY;BYMONTHDAY=1 without BYMONTH means the 1st of every month (RFC 5545 / rrule).
    this.months = rule.byMonth ?? (rule.byMonthDay ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [m0]);
    this.monthDays = rule.byMonthDay ?? [d0];
  }
  days(k: number): number[] {
    const y = this.year0 + k * this.rule.interval;
    const out: number[] = [];
    if (this.rule.byDay) {
      for (const m of this.months) out.push(...monthDays(this.rule, y, m, this.day0));
      return [...new Set(out)].sort((a, b) => a - b);
    }
    for (const m of this.months) {
      const dim = daysInMonth(y, m);
      for (const md of this.monthDays) {
        const d = md > 0 ? md : dim + md + 1;
        if (d >= 1 && d <= dim) out.push(daysFromCivil(y, m, d));
      }
    }
    return this.months.length === 1 && this.monthDays.length === 1 ? out : [...new Set(out)].sort((a, b) => a - b);
  }
  startDay(k: number): number {
    return daysFromCivil(this.year0 + k * this.rule.interval, 1, 1);
  }
  periodBefore(day: number): number {
    return Math.floor((civilFromDays(day)[0] - this.year0) / this.rule.interval) - 1;
  }
}
