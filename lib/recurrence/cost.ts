/**
 * A rough estimate of what expanding a series will cost, in budget steps, used only to expand the
 * cheap series first: when a budget runs out, it is the runaway ones (a minutely rule, thousands of
 * hourly series) that go unexpanded, not the learner's ordinary weekly classes.
 */
import type { CalendarEvent, RecurrenceRule } from "../calendar";
import { setSizeBound } from "../ics/rule/never";
import { SECOND, MINUTE, HOUR, DAY } from "../time/units";
import type { Window } from "../time/window";
import { wallOf } from "./values";

const PERIOD: Record<RecurrenceRule["freq"], number> = {
  YEARLY: 365.25 * DAY,
  MONTHLY: 30.44 * DAY,
  WEEKLY: 7 * DAY,
  DAILY: DAY,
  HOURLY: HOUR,
  MINUTELY: MINUTE,
  SECONDLY: SECOND,
};

/**
 * About how many steps a series takes to expand over `window` (wall-clock approximations: a day
 * either way does not change the order).
 *
 * @example
 * estimatedSteps(weeklyMaster, [], { from, to }) // ≈ 2 × the weeks in the window
 */
export function estimatedSteps(master: CalendarEvent, overrides: readonly CalendarEvent[], window: Window): number {
  let cost = 1 + master.rdates.length + overrides.length;
  const start = wallOf(master.start);
  for (const rule of master.rrules) {
    const to = Math.min(window.to + DAY, rule.until ? wallOf(rule.until) : Infinity);
    const from = rule.count !== undefined ? start : Math.max(start, window.from - DAY);
    const periods = Math.max(0, (to - from) / (PERIOD[rule.freq] * rule.interval)) + 1;
    cost += periods + Math.min(periods * setSizeBound(rule), rule.count ?? Infinity);
  }
  return cost;
}
