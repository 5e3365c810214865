/**
 * The candidates of any rule, period by period: sub-daily rules from their own source, the rest as
 * days (the common shapes by arithmetic, the others through rrule-compatible masks) times the
 * times of day their BYHOUR/BYMINUTE/BYSECOND give.
 */
import type { RecurrenceRule } from "../../calendar";
import { DAY } from "../../time/units";
import type { DaySource } from "./days";
import { isFastShape, simpleDaySource } from "./fast";
import { genericDaySource } from "./masks";
import { subdailySource } from "./subdaily";
import type { PeriodSource } from "./walk";

/**
 * The candidates of any rule as a {@link PeriodSource}.
 *
 * @example
 * periodSource(parseRecurrenceRule("FREQ=WEEKLY;BYDAY=TU,TH", 1), Date.UTC(2027, 0, 12, 18, 30)).candidates(0).length // 2
 */
export function periodSource(rule: RecurrenceRule, dtstartWall: number): PeriodSource {
  const sub = subdailySource(rule, dtstartWall);
  if (sub) return sub;
  const startDay = Math.floor(dtstartWall / DAY);
  const days = isFastShape(rule) ? simpleDaySource(rule, startDay) : genericDaySource(rule, startDay);
  return new DayCandidates(days, timesOfDay(rule, dtstartWall - startDay * DAY));
}

/** A rule's candidate days, each at each of its times of day. */
class DayCandidates implements PeriodSource {
  readonly periodCost: number;
  constructor(
    private readonly source: DaySource,
    private readonly times: readonly number[],
  ) {
    this.periodCost = source.periodCost;
  }
  candidates(k: number): number[] {
    const out: number[] = [];
    for (const day of this.source.days(k)) for (const t of this.times) out.push(day * DAY + t);
    return out;
  }
  start(k: number): number {
    return this.source.startDay(k) * DAY;
  }
  periodBefore(wall: number): number {
    return this.source.periodBefore(Math.floor(wall / DAY));
  }
}

/** The times of day (ms after midnight) each candidate day gets, ascending. */
function timesOfDay(rule: RecurrenceRule, dtstartTime: number): number[] {
  if (!rule.byHour && !rule.byMinute && !rule.bySecond) return [dtstartTime];
  const s0 = Math.floor(dtstartTime / 1000);
  const out = new Set<number>();
  for (const h of rule.byHour ?? [Math.floor(s0 / 3600)])
    for (const m of rule.byMinute ?? [Math.floor(s0 / 60) % 60])
      for (const s of rule.bySecond ?? [s0 % 60]) out.add(((h * 60 + m) * 60 + s) * 1000);
  return [...out].sort((a, b) => a - b);
}
