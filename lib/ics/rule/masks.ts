/**
 * Candidate days of any MONTHLY or YEARLY rule, by testing each day of the period against the
 * rule's parts the way rrule (and python-dateutil) do: month, ISO-style week number per WKST,
 * weekday, nth weekday of the month or year, day of the month and day of the year. Slower per
 * period than the arithmetic shapes in fast.ts (a year is 366 tests) but bounded: a rule that
 * matches once in 28 years costs 28 periods, where rrule walks day by day and cannot be stopped.
 *
 * One deliberate difference: a BYDAY list that mixes plain and numbered weekdays (`-2TH,SA`) is a
 * union, as RFC 5545 says; rrule intersects the two.
 */
import type { RecurrenceRule } from "../../calendar";
import { civilFromDays, daysFromCivil } from "../../time/civil";
import { daysInMonth, weekday, type DaySource } from "./days";

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const pymod = (a: number, b: number) => ((a % b) + b) % b;

/** One year's layout: length, first day number, month of each day index, day of month. */
interface Year {
  readonly y: number;
  readonly len: number;
  readonly firstDay: number;
  /** Day index in the year where each month starts; [12] is the year's length. */
  readonly monthStart: readonly number[];
}

function yearOf(y: number): Year {
  const monthStart = [0];
  for (let m = 1; m <= 12; m++) monthStart.push((monthStart[m - 1] as number) + daysInMonth(y, m));
  return { y, len: isLeap(y) ? 366 : 365, firstDay: daysFromCivil(y, 1, 1), monthStart };
}

/**
 * The days of the year that the BYWEEKNO list selects (a port of rrule's `rebuildYear`, quirks
 * included, so that both answer alike).
 */
function weekNoMask(year: Year, byWeekNo: readonly number[], wkst: number): Uint8Array {
  const mask = new Uint8Array(year.len + 7);
  const yearWeekday = weekday(year.firstDay);
  const wd = (i: number) => weekday(year.firstDay + i);
  const firstwkst = pymod(7 - yearWeekday + wkst, 7);
  let no1wkst = firstwkst;
  let wyearlen: number;
  if (no1wkst >= 4) {
    no1wkst = 0;
    wyearlen = year.len + pymod(yearWeekday - wkst, 7);
  } else {
    wyearlen = year.len - no1wkst;
  }
  const numweeks = Math.floor(Math.floor(wyearlen / 7) + pymod(wyearlen, 7) / 4);
  const markWeek = (from: number, limit: number) => {
    let i = from;
    for (let k = 0; k < 7 && i < limit; k++) {
      mask[i] = 1;
      i++;
      if (wd(i) === wkst) break;
    }
  };
  for (const listed of byWeekNo) {
    const n = listed < 0 ? listed + numweeks + 1 : listed;
    if (!(n > 0 && n <= numweeks)) continue;
    let i = no1wkst;
    if (n > 1) {
      i = no1wkst + (n - 1) * 7;
      if (no1wkst !== firstwkst) i -= 7 - firstwkst;
    }
    markWeek(i, year.len + 7);
  }
  if (byWeekNo.includes(1)) {
    let i = no1wkst + numweeks * 7;
    if (no1wkst !== firstwkst) i -= 7 - firstwkst;
    if (i < year.len) markWeek(i, year.len + 7);
  }
  if (no1wkst) markLastYearsWeek(mask, year, byWeekNo, wkst, no1wkst);
  return mask;
}

/** The days before week 1 belong to last year's last week: selected when BYWEEKNO names it. */
function markLastYearsWeek(mask: Uint8Array, year: Year, byWeekNo: readonly number[], wkst: number, no1wkst: number): void {
  let lnumweeks: number;
  if (!byWeekNo.includes(-1)) {
    const lyearweekday = weekday(daysFromCivil(year.y - 1, 1, 1));
    let lno1wkst = pymod(7 - lyearweekday + wkst, 7);
    const lyearlen = isLeap(year.y - 1) ? 366 : 365;
    let weekst: number;
    if (lno1wkst >= 4) {
      lno1wkst = 0;
      weekst = lyearlen + pymod(lyearweekday - wkst, 7);
    } else {
      weekst = year.len - no1wkst; // rrule's (and dateutil's) own formula
    }
    lnumweeks = Math.floor(52 + pymod(weekst, 7) / 4);
  } else {
    lnumweeks = -1;
  }
  if (byWeekNo.includes(lnumweeks)) for (let i = 0; i < no1wkst; i++) mask[i] = 1;
}

/** Day indexes in [first, last) that the numbered weekdays of BYDAY select within that range. */
function markNthWeekdays(mask: Uint8Array, year: Year, first: number, lastExclusive: number, byDay: RecurrenceRule["byDay"]): void {
  const last = lastExclusive - 1;
  for (const bd of byDay ?? []) {
    if (bd.n === undefined) continue;
    let i: number;
    if (bd.n < 0) {
      i = last + (bd.n + 1) * 7;
      i -= pymod(weekday(year.firstDay + i) - bd.day, 7);
    } else {
      i = first + (bd.n - 1) * 7;
      i += pymod(7 - weekday(year.firstDay + i) + bd.day, 7);
    }
    if (first <= i && i <= last) mask[i] = 1;
  }
}

/** The parts of a rule the day test reads, with rrule's defaults for a rule that names no days. */
function dayParts(rule: RecurrenceRule, startDay: number): RecurrenceRule {
  if (rule.byWeekNo || rule.byYearDay || rule.byMonthDay || rule.byDay) return rule;
  const [, m0, d0] = civilFromDays(startDay);
  return rule.freq === "YEARLY" ? { ...rule, byMonth: rule.byMonth ?? [m0], byMonthDay: [d0] } : { ...rule, byMonthDay: [d0] };
}

/** Whether day index `i` of `year` passes every day part (except BYWEEKNO and numbered BYDAY, given as masks). */
function dayPasses(rule: RecurrenceRule, year: Year, i: number, month: number, weekNo: Uint8Array | undefined, nth: Uint8Array | undefined): boolean {
  if (rule.byMonth && !rule.byMonth.includes(month)) return false;
  if (weekNo && !weekNo[i]) return false;
  if (rule.byDay) {
    const wd = weekday(year.firstDay + i);
    const plain = rule.byDay.some((b) => b.n === undefined && b.day === wd);
    if (!plain && !nth?.[i]) return false;
  }
  if (rule.byMonthDay) {
    const dom = i - (year.monthStart[month - 1] as number) + 1;
    const dim = (year.monthStart[month] as number) - (year.monthStart[month - 1] as number);
    if (!rule.byMonthDay.some((md) => md === dom || md === dom - dim - 1)) return false;
  }
  if (rule.byYearDay && !rule.byYearDay.some((yd) => yd === i + 1 || yd === i - year.len)) return false;
  return true;
}

/**
 * Candidate days of a MONTHLY or YEARLY rule of any shape.
 *
 * @example
 * genericDaySource(parseRecurrenceRule("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", 1), daysFromCivil(2027, 1, 1)).days(0) // [Thanksgiving 2027]
 */
export function genericDaySource(ruleIn: RecurrenceRule, startDay: number): DaySource {
  const rule = dayParts(ruleIn, startDay);
  const I = rule.interval;
  const [y0, m0] = civilFromDays(startDay);
  const monthly = rule.freq === "MONTHLY";
  const hasNth = rule.byDay?.some((b) => b.n !== undefined) ?? false;
  const years = new Map<number, { year: Year; weekNo: Uint8Array | undefined }>();
  const yearInfo = (y: number) => {
    let hit = years.get(y);
    if (!hit) {
      const year = yearOf(y);
      hit = { year, weekNo: rule.byWeekNo ? weekNoMask(year, rule.byWeekNo, rule.wkst) : undefined };
      if (years.size > 8) years.clear();
      years.set(y, hit);
    }
    return hit;
  };
  const periodOf = (k: number): { y: number; m?: number } => {
    if (!monthly) return { y: y0 + k * I };
    const mi = y0 * 12 + (m0 - 1) + k * I;
    return { y: Math.floor(mi / 12), m: pymod(mi, 12) + 1 };
  };
  const days = (k: number): number[] => {
    const { y, m } = periodOf(k);
    const { year, weekNo } = yearInfo(y);
    const from = m === undefined ? 0 : (year.monthStart[m - 1] as number);
    const to = m === undefined ? year.len : (year.monthStart[m] as number);
    let nth: Uint8Array | undefined;
    if (hasNth) {
      nth = new Uint8Array(year.len);
      // Numbered weekdays count within the month for MONTHLY and for YEARLY with BYMONTH, else within the year.
      if (m !== undefined) markNthWeekdays(nth, year, from, to, rule.byDay);
      else if (rule.byMonth) for (const bm of rule.byMonth) markNthWeekdays(nth, year, year.monthStart[bm - 1] as number, year.monthStart[bm] as number, rule.byDay);
      else markNthWeekdays(nth, year, 0, year.len, rule.byDay);
    }
    const out: number[] = [];
    let month = m ?? 1;
    for (let i = from; i < to; i++) {
      while (i >= (year.monthStart[month] as number)) month++;
      if (dayPasses(rule, year, i, month, weekNo, nth)) out.push(year.firstDay + i);
    }
    return out;
  };
  return {
    days,
    startDay: (k) => {
      const { y, m } = periodOf(k);
      return daysFromCivil(y, m ?? 1, 1);
    },
    periodBefore: (day) => {
      const [y, m] = civilFromDays(day);
      return Math.floor((monthly ? y * 12 + m - 1 - (y0 * 12 + m0 - 1) : y - y0) / I) - 1;
    },
    periodCost: monthly ? 31 : 366,
  };
}
