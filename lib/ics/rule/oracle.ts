/**
 * The rrule package as a second opinion: the same rule expanded by rrule (in floating wall-clock
 * time), used only by tests that check the arithmetic expansion against it (`forceRRule`). rrule
 * cannot be stopped while it looks for the next match (a sparse rule walks day by day up to the
 * year 9999), which is why the engine itself never calls it.
 *
 * BYSETPOS is applied here, not by rrule, which returns the first day for an out-of-range negative
 * position (`BYSETPOS=-10` of a 5-day set).
 */
import { RRule } from "rrule";
import type { RecurrenceRule } from "../../calendar";
import { explicitParts, toRRuleOptions } from "./options";
import { MINUTE, HOUR, DAY } from "../../time/units";
import { pickPositions, type RuleWalk } from "./walk";

/** Index of the rule's period containing a wall time (years, months, weeks per WKST, days, …). */
function periodIndex(rule: RecurrenceRule, wall: number): number {
  const d = new Date(wall);
  switch (rule.freq) {
    case "YEARLY":
      return d.getUTCFullYear();
    case "MONTHLY":
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    case "WEEKLY": {
      const dayNum = Math.floor(wall / DAY);
      // 1970-01-01 was a Thursday (3 with Monday = 0).
      return Math.floor((dayNum + 3 - rule.wkst) / 7);
    }
    case "DAILY":
      return Math.floor(wall / DAY);
    case "HOURLY":
      return Math.floor(wall / HOUR);
    case "MINUTELY":
      return Math.floor(wall / MINUTE);
    case "SECONDLY":
      return Math.floor(wall / 1000);
  }
}

/** The wall time at which period `index` begins. */
function periodStart(rule: RecurrenceRule, index: number): number {
  switch (rule.freq) {
    case "YEARLY":
      return Date.UTC(index, 0, 1);
    case "MONTHLY":
      return Date.UTC(Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
    case "WEEKLY":
      return (index * 7 - 3 + rule.wkst) * DAY;
    case "DAILY":
      return index * DAY;
    case "HOURLY":
      return index * HOUR;
    case "MINUTELY":
      return index * MINUTE;
    case "SECONDLY":
      return index * 1000;
  }
}

/** Most instances one period can hold, used to tell whether a COUNT can matter before `hi`. */
function maxPerPeriod(rule: RecurrenceRule): number {
  const len = (a: readonly unknown[] | undefined, all: number) => (a ? a.length : all);
  let days: number;
  switch (rule.freq) {
    case "YEARLY":
      days = 366;
      break;
    case "MONTHLY":
      days = 31;
      break;
    case "WEEKLY":
      days = 7;
      break;
    default:
      days = 1;
  }
  const rank = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"].indexOf(rule.freq);
  const hours = rank < 4 ? len(rule.byHour, 24) : 1;
  const minutes = rank < 5 ? len(rule.byMinute, 60) : 1;
  const seconds = rank < 6 ? len(rule.bySecond, 60) : 1;
  return days * hours * minutes * seconds;
}

/** Where rrule's walk starts, and whether COUNT must be counted from DTSTART. */
interface Plan {
  readonly countMatters: boolean;
  readonly iterStart: number;
  readonly base: RecurrenceRule;
  readonly explicit: RecurrenceRule;
}

function planWalk(rule: RecurrenceRule, dtstartWall: number, lo: number, end: number): Plan {
  const explicit = explicitParts(rule, dtstartWall);
  const startPeriod = periodIndex(rule, dtstartWall);
  const loPeriod = periodIndex(rule, Math.max(lo, dtstartWall));
  const hiPeriod = periodIndex(rule, end);
  // Can COUNT run out before `end`? Only then must we walk from DTSTART and count.
  const periodsToEnd = Math.floor((hiPeriod - startPeriod) / rule.interval) + 1;
  const countMatters = rule.count !== undefined && rule.count < periodsToEnd * maxPerPeriod(rule);
  // Jump: the first period on the rule's grid (startPeriod + k·interval) at or before loPeriod.
  let fromPeriod = startPeriod;
  if (!countMatters && loPeriod - startPeriod > 2 * rule.interval) {
    fromPeriod = startPeriod + Math.floor((loPeriod - startPeriod) / rule.interval) * rule.interval;
  }
  // With BYSETPOS the walk starts at the period boundary so each period's full set is seen.
  const needSetPos = rule.bySetPos !== undefined;
  const walkFrom = fromPeriod === startPeriod ? dtstartWall : periodStart(rule, fromPeriod);
  return { countMatters, iterStart: needSetPos ? periodStart(rule, fromPeriod) : walkFrom, base: fromPeriod === startPeriod && !needSetPos ? rule : explicit, explicit };
}

function plainWalk(rule: RecurrenceRule, plan: Plan, dtstartWall: number, lo: number, end: number, maxSteps: number): RuleWalk {
  const walls: number[] = [];
  let steps = 0;
  let capped = false;
  let first: number | undefined;
  let last: number | undefined;
  let stoppedEarly = false;
  new RRule(toRRuleOptions(plan.base, plan.iterStart, { withCount: plan.countMatters })).all((date) => {
    const t = date.getTime();
    if (t > end) {
      stoppedEarly = true;
      return false;
    }
    if (++steps > maxSteps) {
      capped = true;
      stoppedEarly = true;
      return false;
    }
    first ??= t;
    last = t;
    if (t >= lo && t >= dtstartWall) walls.push(t);
    return true;
  });
  const exhausted = plan.countMatters && !stoppedEarly;
  return exhausted && last !== undefined
    ? { walls, capped, steps, countExhaustedWithoutDtstart: first !== dtstartWall, lastCounted: last }
    : { walls, capped, steps, countExhaustedWithoutDtstart: false };
}

/** BYSETPOS: collect each period's full set from rrule, then pick positions (1-based; negative from the end). */
function setPosWalk(rule: RecurrenceRule, plan: Plan, dtstartWall: number, lo: number, end: number, maxSteps: number): RuleWalk {
  const walls: number[] = [];
  const countLimit = plan.countMatters ? (rule.count as number) : Infinity;
  let steps = 0;
  let capped = false;
  let produced = 0;
  let currentPeriod = Number.NaN;
  let firstProduced: number | undefined;
  let lastProduced: number | undefined;
  let bucket: number[] = [];
  let stop = false;
  const flush = () => {
    for (const t of pickPositions(bucket, rule.bySetPos as readonly number[])) {
      if (t < dtstartWall) continue;
      if (t > end || produced >= countLimit) {
        stop = true;
        return;
      }
      produced++;
      firstProduced ??= t;
      lastProduced = t;
      if (t >= lo) walls.push(t);
    }
    bucket = [];
  };
  const { bySetPos: _omit, ...noSetPos } = plan.explicit;
  new RRule(toRRuleOptions(noSetPos, plan.iterStart, {})).all((date) => {
    const t = date.getTime();
    const p = periodIndex(rule, t);
    if (p !== currentPeriod) {
      flush();
      if (stop) return false;
      currentPeriod = p;
      if (t > end && periodStart(rule, p) > end) return false;
    }
    if (++steps > maxSteps) {
      capped = true;
      return false;
    }
    bucket.push(t);
    return true;
  });
  if (!stop && !capped) flush();
  const exhausted = plan.countMatters && produced >= countLimit;
  return { walls, capped, steps, countExhaustedWithoutDtstart: exhausted && firstProduced !== dtstartWall, ...(exhausted && lastProduced !== undefined ? { lastCounted: lastProduced } : {}) };
}

/**
 * What rrule produces for `rule` in `[lo, end]` (`end` already bounded by UNTIL).
 *
 * @example
 * rruleExpand(parseRecurrenceRule("FREQ=WEEKLY;BYDAY=TU", 1), Date.UTC(2027, 0, 12, 18, 30),
 *   Date.UTC(2027, 0, 1), Date.UTC(2027, 0, 31), 100000).walls.length // 3
 */
export function rruleExpand(rule: RecurrenceRule, dtstartWall: number, lo: number, end: number, maxSteps: number): RuleWalk {
  const plan = planWalk(rule, dtstartWall, lo, end);
  return rule.bySetPos ? setPosWalk(rule, plan, dtstartWall, lo, end, maxSteps) : plainWalk(rule, plan, dtstartWall, lo, end, maxSteps);
}
