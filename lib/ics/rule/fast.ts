/**
 * Arithmetic expansion of the rule shapes that make up nearly every real calendar (weekly on some
 * days, daily, monthly on a day or an nth weekday, yearly on a date), without rrule's per-year
 * masks. It answers exactly what rrule answers for these shapes — tests/recurrence/fast-rule.test.ts
 * checks it against rrule on generated rules — and returns undefined for every other shape, which
 * then goes to rrule.
 */
import type { RecurrenceRule } from "../../calendar";

export { civilFromDays, daysFromCivil } from "../../time/civil";
import { civilFromDays, daysFromCivil } from "../../time/civil";
import { DAY } from "../../time/units";

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Weekday of a day number, Monday = 0. */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export interface FastExpansion {
  readonly walls: number[];
  readonly capped: boolean;
  readonly countExhaustedWithoutDtstart: boolean;
  readonly lastCounted?: number;
}

/** Whether this module can expand the rule (else the caller uses rrule). */
export function isFastShape(rule: RecurrenceRule): boolean {
  if (rule.bySetPos || rule.byWeekNo || rule.byYearDay || rule.bySecond || rule.byMinute || rule.byHour) return false;
  switch (rule.freq) {
    case "DAILY":
      return !rule.byDay?.some((d) => d.n !== undefined);
    case "WEEKLY":
      return !rule.byMonthDay && !rule.byDay?.some((d) => d.n !== undefined);
    case "MONTHLY":
      return !(rule.byDay && rule.byMonthDay);
    case "YEARLY":
      return !rule.byDay;
    default:
      return false;
  }
}

/** Days of one month a MONTHLY rule picks, ascending. */
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
 * Expands `rule` from DTSTART `dtstartWall` into `[lo, min(hi, untilWall)]`, walking from DTSTART
 * when COUNT can end the rule before `hi`, otherwise jumping straight to the window. Returns
 * undefined for shapes it does not handle.
 *
 * @example
 * fastExpand(parseRecurrenceRule("FREQ=WEEKLY;BYDAY=TU,TH", 1), Date.UTC(2027, 0, 12, 18, 30),
 *   Date.UTC(2027, 0, 1), Date.UTC(2027, 0, 31), undefined, 100000)?.walls.length // 6
 */
export function fastExpand(rule: RecurrenceRule, dtstartWall: number, lo: number, hi: number, untilWall: number | undefined, maxSteps: number): FastExpansion | undefined {
  if (!isFastShape(rule)) return undefined;
  const end = untilWall === undefined ? hi : Math.min(hi, untilWall);
  const startDay = Math.floor(dtstartWall / DAY);
  const tod = dtstartWall - startDay * DAY;
  const [y0, m0, d0] = civilFromDays(startDay);
  const count = rule.count;
  const I = rule.interval;
  const loDay = Math.floor(Math.max(lo, dtstartWall) / DAY);
  const monthOk = (m: number) => !rule.byMonth || rule.byMonth.includes(m);

  // Periods are numbered from DTSTART's period; `periodDays(k)` lists the candidate days of period k.
  let periodDays: (k: number) => number[];
  let firstUsefulPeriod: number; // a period index at or before the window (ignoring COUNT)
  switch (rule.freq) {
    case "DAILY": {
      const wds = rule.byDay?.map((b) => b.day);
      periodDays = (k) => {
        const day = startDay + k * I;
        if (wds && !wds.includes(weekday(day))) return [];
        if (rule.byMonth || rule.byMonthDay) {
          const [y, m, d] = civilFromDays(day);
          if (!monthOk(m)) return [];
          if (rule.byMonthDay) {
            const dim = daysInMonth(y, m);
            if (!rule.byMonthDay.some((md) => (md > 0 ? md : dim + md + 1) === d)) return [];
          }
        }
        return [day];
      };
      firstUsefulPeriod = Math.floor((loDay - startDay) / I) - 1;
      break;
    }
    case "WEEKLY": {
      const wkst = rule.wkst;
      const weekStart0 = startDay - ((weekday(startDay) - wkst + 7) % 7);
      const offsets = [...new Set((rule.byDay?.map((b) => b.day) ?? [weekday(startDay)]).map((d) => (d - wkst + 7) % 7))].sort((a, b) => a - b);
      periodDays = (k) => {
        const ws = weekStart0 + k * 7 * I;
        const out: number[] = [];
        for (const off of offsets) {
          const day = ws + off;
          if (rule.byMonth && !monthOk(civilFromDays(day)[1])) continue;
          out.push(day);
        }
        return out;
      };
      firstUsefulPeriod = Math.floor((loDay - weekStart0) / (7 * I)) - 1;
      break;
    }
    case "MONTHLY": {
      const mi0 = y0 * 12 + (m0 - 1);
      periodDays = (k) => {
        const mi = mi0 + k * I;
        const y = Math.floor(mi / 12);
        const m = (mi % 12) + 1;
        if (!monthOk(m)) return [];
        return monthDays(rule, y, m, d0);
      };
      const [ly, lm] = civilFromDays(loDay);
      firstUsefulPeriod = Math.floor((ly * 12 + lm - 1 - mi0) / I) - 1;
      break;
    }
    case "YEARLY": {
      // YEARLY;BYMONTHDAY=1 without BYMONTH means the 1st of every month (RFC 5545 / rrule).
      const months = rule.byMonth ?? (rule.byMonthDay ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : [m0]);
      const mdays = rule.byMonthDay ?? [d0];
      periodDays = (k) => {
        const y = y0 + k * I;
        const out: number[] = [];
        for (const m of months) {
          const dim = daysInMonth(y, m);
          for (const md of mdays) {
            const d = md > 0 ? md : dim + md + 1;
            if (d >= 1 && d <= dim) out.push(daysFromCivil(y, m, d));
          }
        }
        return [...new Set(out)].sort((a, b) => a - b);
      };
      firstUsefulPeriod = Math.floor((civilFromDays(loDay)[0] - y0) / I) - 1;
      break;
    }
    default:
      return undefined;
  }

  // COUNT matters only if it can run out before `end`: then walk from DTSTART and count.
  let k = 0;
  if (count === undefined) k = Math.max(0, firstUsefulPeriod);
  const walls: number[] = [];
  let produced = 0;
  let steps = 0;
  let first: number | undefined;
  let last: number | undefined;
  let exhausted = false;
  let capped = false;
  // Periods with no candidate (BYMONTH filters, Feb 30) can repeat; 4000 empty periods in a row
  // would only happen for rules whyRuleNeverMatches refuses, but stay bounded regardless.
  let emptyRun = 0;
  outer: for (;; k++) {
    const days = periodDays(k);
    if (days.length === 0) {
      if (++emptyRun > 4000) {
        capped = true;
        break;
      }
      // Stop once the period is past the end.
      const probe = periodStartDay(rule.freq, k);
      if (probe !== undefined && probe * DAY > end) break;
      continue;
    }
    emptyRun = 0;
    for (const day of days) {
      const wall = day * DAY + tod;
      if (wall < dtstartWall) continue;
      if (wall > end) break outer;
      if (++steps > maxSteps) {
        capped = true;
        break outer;
      }
      produced++;
      first ??= wall;
      last = wall;
      if (wall >= lo) walls.push(wall);
      if (count !== undefined && produced >= count) {
        exhausted = true;
        break outer;
      }
    }
  }
  return exhausted && last !== undefined
    ? { walls, capped, countExhaustedWithoutDtstart: first !== dtstartWall, lastCounted: last }
    : { walls, capped, countExhaustedWithoutDtstart: false };

  function periodStartDay(freq: RecurrenceRule["freq"], kk: number): number | undefined {
    switch (freq) {
      case "DAILY":
        return startDay + kk * I;
      case "WEEKLY":
        return startDay - ((weekday(startDay) - rule.wkst + 7) % 7) + kk * 7 * I;
      case "MONTHLY": {
        const mi = y0 * 12 + (m0 - 1) + kk * I;
        return daysFromCivil(Math.floor(mi / 12), (mi % 12) + 1, 1);
      }
      case "YEARLY":
        return daysFromCivil(y0 + kk * I, 1, 1);
      default:
        return undefined;
    }
  }
}
