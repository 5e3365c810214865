/**
 * HOURLY, MINUTELY and SECONDLY rules by arithmetic. A period is one hour, minute or second (times
 * INTERVAL); BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY and the BYxxx parts at or above the period's unit
 * limit which periods count, the finer ones (BYMINUTE and BYSECOND for HOURLY, BYSECOND for
 * MINUTELY) expand each period into several instances (RFC 5545 §3.3.10's table). Periods that a
 * day or hour part rules out are skipped a day or an hour at a time, not one by one.
 *
 * A rule with no limiting part is periodic: its k-th instance is known without walking, so COUNT is
 * checked arithmetically even far from DTSTART ({@link periodicExpand}).
 */
import type { RecurrenceRule } from "../../calendar";
import { civilFromDays, daysFromCivil } from "../../time/civil";
import { SECOND, MINUTE, HOUR, DAY } from "../../time/units";
import { daysInMonth, weekday } from "./days";
import type { PeriodSource, RuleWalk } from "./walk";

const UNIT: Partial<Record<RecurrenceRule["freq"], number>> = { HOURLY: HOUR, MINUTELY: MINUTE, SECONDLY: SECOND };

/** Offsets (ms) of the instances inside one period, ascending: the expanding parts. */
function offsetsInPeriod(rule: RecurrenceRule, dtstartWall: number): number[] {
  const d = new Date(dtstartWall);
  if (rule.freq === "SECONDLY") return [0];
  const seconds = rule.bySecond ?? [d.getUTCSeconds()];
  if (rule.freq === "MINUTELY") return [...new Set(seconds)].sort((a, b) => a - b).map((s) => s * SECOND);
  const out = new Set<number>();
  for (const m of rule.byMinute ?? [d.getUTCMinutes()]) for (const s of seconds) out.add(m * MINUTE + s * SECOND);
  return [...out].sort((a, b) => a - b);
}

function dayOk(rule: RecurrenceRule, day: number): boolean {
  if (rule.byDay && !rule.byDay.some((b) => b.day === weekday(day))) return false;
  if (!rule.byMonth && !rule.byMonthDay && !rule.byYearDay) return true;
  const [y, m, d] = civilFromDays(day);
  if (rule.byMonth && !rule.byMonth.includes(m)) return false;
  if (rule.byMonthDay) {
    const dim = daysInMonth(y, m);
    if (!rule.byMonthDay.some((md) => md === d || md === d - dim - 1)) return false;
  }
  if (rule.byYearDay) {
    const doy = day - daysFromCivil(y, 1, 1) + 1;
    const len = daysFromCivil(y + 1, 1, 1) - daysFromCivil(y, 1, 1);
    if (!rule.byYearDay.some((yd) => yd === doy || yd === doy - len - 1)) return false;
  }
  return true;
}

/** The earliest wall time at or after `p` whose period can pass the limiting parts (`p` itself when it does). */
function nextAllowed(rule: RecurrenceRule, p: number): number {
  const day = Math.floor(p / DAY);
  if (!dayOk(rule, day)) return (day + 1) * DAY;
  const d = new Date(p);
  if (rule.byHour && !rule.byHour.includes(d.getUTCHours())) return (Math.floor(p / HOUR) + 1) * HOUR;
  if (rule.freq !== "HOURLY" && rule.byMinute && !rule.byMinute.includes(d.getUTCMinutes())) return (Math.floor(p / MINUTE) + 1) * MINUTE;
  if (rule.freq === "SECONDLY" && rule.bySecond && !rule.bySecond.includes(d.getUTCSeconds())) return p + SECOND;
  return p;
}

function hasLimits(rule: RecurrenceRule): boolean {
  return Boolean(rule.byMonth || rule.byMonthDay || rule.byYearDay || rule.byDay || rule.byHour || (rule.freq !== "HOURLY" && rule.byMinute) || (rule.freq === "SECONDLY" && rule.bySecond));
}

/**
 * The candidates of a sub-daily rule as a {@link PeriodSource}, or undefined for a coarser rule.
 *
 * @example
 * subdailySource(parseRecurrenceRule("FREQ=HOURLY;BYMINUTE=0,30", 1), Date.UTC(2027, 0, 1, 9))?.candidates(0).length // 2
 */
export function subdailySource(rule: RecurrenceRule, dtstartWall: number): PeriodSource | undefined {
  const unit = UNIT[rule.freq];
  if (unit === undefined) return undefined;
  const step = rule.interval * unit;
  const p0 = Math.floor(dtstartWall / unit) * unit;
  const offsets = offsetsInPeriod(rule, dtstartWall);
  const limited = hasLimits(rule);
  const start = (k: number) => p0 + k * step;
  return {
    candidates: (k) => {
      const p = start(k);
      if (limited && nextAllowed(rule, p) !== p) return [];
      return offsets.map((o) => p + o);
    },
    start,
    periodBefore: (wall) => Math.floor((wall - unit - p0) / step),
    periodCost: 1,
    ...(limited
      ? {
          skipTo: (k: number) => {
            const p = start(k);
            const next = nextAllowed(rule, p);
            return next === p ? k : Math.max(k + 1, Math.ceil((next - p0) / step));
          },
        }
      : {}),
  };
}

/**
 * A sub-daily rule without limiting parts or BYSETPOS, by arithmetic: instance i is the i-th of
 * the first period's offsets at or after DTSTART, then `offsets.length` per period. Undefined for
 * any other rule.
 *
 * @example
 * periodicExpand(parseRecurrenceRule("FREQ=SECONDLY;COUNT=226368060", 1), Date.UTC(2020, 0, 1),
 *   Date.UTC(2027, 2, 5), Date.UTC(2027, 2, 5, 0, 2), 100000)?.walls.length // 60
 */
export function periodicExpand(rule: RecurrenceRule, dtstartWall: number, lo: number, end: number, maxSteps: number): RuleWalk | undefined {
  const unit = UNIT[rule.freq];
  if (unit === undefined || rule.bySetPos || hasLimits(rule)) return undefined;
  const step = rule.interval * unit;
  const p0 = Math.floor(dtstartWall / unit) * unit;
  const offsets = offsetsInPeriod(rule, dtstartWall);
  const firstOffsets = offsets.filter((o) => p0 + o >= dtstartWall);
  const c = offsets.length;
  const wallAt = (i: number) => (i < firstOffsets.length ? p0 + (firstOffsets[i] as number) : p0 + (1 + Math.floor((i - firstOffsets.length) / c)) * step + (offsets[(i - firstOffsets.length) % c] as number));
  const kLo = Math.max(0, Math.floor((lo - unit - p0) / step));
  let i = kLo === 0 ? 0 : firstOffsets.length + (kLo - 1) * c;
  const limit = rule.count ?? Infinity;
  const walls: number[] = [];
  let steps = 0;
  let capped = false;
  for (; i < limit; i++) {
    const wall = wallAt(i);
    if (wall > end) break;
    if (++steps > maxSteps) {
      capped = true;
      break;
    }
    if (wall >= lo) walls.push(wall);
  }
  if (rule.count === undefined || wallAt(rule.count - 1) > end) return { walls, capped, steps, countExhaustedWithoutDtstart: false };
  return { walls, capped, steps, countExhaustedWithoutDtstart: wallAt(0) !== dtstartWall, lastCounted: wallAt(rule.count - 1) };
}
