/**
 * One RRULE → the wall-clock start times it generates inside a wall-clock range, bounded always.
 *
 * - Rules that can never produce an instance (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) or that would
 *   spin rrule forever inside one call (`FREQ=HOURLY;INTERVAL=2;BYHOUR=1` from an even hour) are
 *   caught before expanding ({@link whyRuleNeverMatches}).
 * - Without a COUNT that matters, the walk jumps to the period boundary just before the range
 *   instead of walking every instance from DTSTART (the cost of a 2015 daily series in 2027).
 * - BYSETPOS is applied here, not by rrule, which returns the first day for an out-of-range
 *   negative position (`BYSETPOS=-10` of a 5-day set).
 */
import { RRule } from "rrule";
import type { RecurrenceRule } from "../../calendar";
import { explicitParts, toRRuleOptions } from "./options";
import { fastExpand } from "./fast";
import { MINUTE, HOUR, DAY } from "../../time/units";

export interface RuleExpansion {
  /** Wall-clock start times (as `Date.UTC` fields), ascending, inside the range. */
  readonly walls: number[];
  /** True when the walk hit `maxSteps` before reaching the end of the range. */
  readonly capped: boolean;
  /**
   * True when COUNT was applied and the rule's own first instance is not DTSTART: RFC 5545 counts
   * DTSTART as the first instance, so the caller drops the last counted one if it ran out.
   */
  readonly countExhaustedWithoutDtstart: boolean;
  /** The wall time of the COUNT-th instance when COUNT ran out, else undefined. */
  readonly lastCounted?: number;
}

export interface RuleExpandOptions {
  /** Upper bound on instances walked (not only returned) for one rule. */
  readonly maxSteps: number;
  /** Last wall time allowed by UNTIL (inclusive), already converted by the caller; or undefined. */
  readonly untilWall?: number | undefined;
  /** Always use rrule, even for shapes the arithmetic path handles (for differential tests). */
  readonly forceRRule?: boolean;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UNIT_SECONDS: Partial<Record<RecurrenceRule["freq"], number>> = { HOURLY: 3600, MINUTELY: 60, SECONDLY: 1 };

/**
 * A sentence saying why the rule can never produce an instance after DTSTART, or undefined when
 * it can (as far as these checks see). Covers the rules that make rrule and ical.js loop forever.
 *
 * @example
 * whyRuleNeverMatches(parseRecurrenceRule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 1), Date.UTC(2027, 0, 1))
 * // "BYMONTHDAY=30 never falls in BYMONTH=2."
 */
export function whyRuleNeverMatches(rule: RecurrenceRule, dtstartWall: number): string | undefined {
  const d = new Date(dtstartWall);
  // Months the rule can reach: all for YEARLY and finer; for MONTHLY the months INTERVAL steps onto.
  let months = rule.byMonth ? [...rule.byMonth] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (rule.freq === "MONTHLY") {
    const step = gcd(rule.interval, 12);
    const m0 = d.getUTCMonth();
    months = months.filter((m) => (m - 1 - m0 + 120) % step === 0);
    if (months.length === 0) return `FREQ=MONTHLY;INTERVAL=${rule.interval} never lands in BYMONTH=${rule.byMonth?.join(",")}.`;
  }
  if (rule.byMonthDay) {
    const ok = rule.byMonthDay.some((md) => months.some((m) => Math.abs(md) <= (MAX_MONTH_DAYS[m - 1] as number)));
    if (!ok) return `BYMONTHDAY=${rule.byMonthDay.join(",")} never falls in ${rule.byMonth ? `BYMONTH=${rule.byMonth.join(",")}` : "the months this rule reaches"}.`;
  }
  if (rule.byYearDay && rule.byMonth && rule.byYearDay.every((n) => Math.abs(n) > 366)) return "BYYEARDAY is out of range.";
  const wd0 = (d.getUTCDay() + 6) % 7;
  const unit = UNIT_SECONDS[rule.freq];
  // Weekdays reachable when the step is a whole number of days.
  const stepSeconds = rule.freq === "DAILY" ? rule.interval * 86400 : unit ? rule.interval * unit : undefined;
  if (rule.byDay && stepSeconds !== undefined && stepSeconds % 86400 === 0) {
    const dayStep = gcd(stepSeconds / 86400, 7);
    const reachable = rule.byDay.some((b) => (b.day - wd0 + 7) % dayStep === 0);
    if (!reachable) return `FREQ=${rule.freq};INTERVAL=${rule.interval} from a ${"MO TU WE TH FR SA SU".split(" ")[wd0]} never lands on BYDAY=${rule.byDay.map((b) => "MO TU WE TH FR SA SU".split(" ")[b.day]).join(",")}.`;
  }
  if (unit) {
    // rrule advances sub-daily rules in an inner loop until the time matches BYHOUR/BYMINUTE/BYSECOND;
    // an unreachable time loops forever. Reachable seconds-of-day: s0 + k·g (mod 86400).
    const g = gcd(rule.interval * unit, 86400);
    const s0 = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
    const hours = rule.byHour ?? range(24);
    const minutes = rule.freq === "HOURLY" ? [d.getUTCMinutes()] : (rule.byMinute ?? range(60));
    const seconds = rule.freq === "SECONDLY" ? (rule.bySecond ?? range(60)) : [d.getUTCSeconds()];
    let found = false;
    outer: for (const h of hours)
      for (const m of minutes)
        for (const s of seconds)
          if ((((h * 3600 + m * 60 + s - s0) % g) + g) % g === 0) {
            found = true;
            break outer;
          }
    if (!found) return `FREQ=${rule.freq};INTERVAL=${rule.interval} starting at ${hhmmss(s0)} never reaches the times its BYHOUR/BYMINUTE/BYSECOND allow.`;
  }
  return undefined;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function hhmmss(s: number): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

/** Index of the rule's period containing a wall time (years, months, weeks per WKST, days, …). */
export function periodIndex(rule: RecurrenceRule, wall: number): number {
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
export function periodStart(rule: RecurrenceRule, index: number): number {
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

/**
 * The wall-clock start times that `rule` (with DTSTART `dtstartWall`) produces in `[lo, hi]`.
 * DTSTART itself is included only if the rule matches it; the caller adds it per RFC 5545.
 *
 * @example
 * expandRule(parseRecurrenceRule("FREQ=WEEKLY;BYDAY=TU", 1), Date.UTC(2027, 0, 12, 18, 30),
 *   Date.UTC(2027, 0, 1), Date.UTC(2027, 0, 31), { maxSteps: 100000 }).walls.length // 3
 */
export function expandRule(rule: RecurrenceRule, dtstartWall: number, lo: number, hi: number, options: RuleExpandOptions): RuleExpansion {
  const until = options.untilWall;
  const end = until === undefined ? hi : Math.min(hi, until);
  if (end < dtstartWall || end < lo) return { walls: [], capped: false, countExhaustedWithoutDtstart: false };
  if (!options.forceRRule) {
    const fast = fastExpand(rule, dtstartWall, lo, hi, until, options.maxSteps);
    if (fast) return fast;
  }

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
  const walkFrom = fromPeriod === startPeriod ? dtstartWall : periodStart(rule, fromPeriod);
  // With BYSETPOS we start at the period boundary so each period's full set is seen.
  const needSetPos = rule.bySetPos !== undefined;
  const iterStart = needSetPos ? periodStart(rule, fromPeriod) : walkFrom;
  const base = fromPeriod === startPeriod && !needSetPos ? rule : explicit;
  const walls: number[] = [];
  let steps = 0;
  let capped = false;
  let produced = 0; // instances of the recurrence set so far (for COUNT with BYSETPOS)
  const countLimit = countMatters ? (rule.count as number) : Infinity;

  if (!needSetPos) {
    const rr = new RRule(toRRuleOptions(base, iterStart, { withCount: countMatters }));
    let first: number | undefined;
    let last: number | undefined;
    let stoppedEarly = false;
    rr.all((date) => {
      const t = date.getTime();
      if (t > end) {
        stoppedEarly = true;
        return false;
      }
      if (++steps > options.maxSteps) {
        capped = true;
        stoppedEarly = true;
        return false;
      }
      first ??= t;
      last = t;
      if (t >= lo && t >= dtstartWall) walls.push(t);
      return true;
    });
    const exhausted = countMatters && !stoppedEarly;
    const without = exhausted && first !== dtstartWall;
    return exhausted && last !== undefined
      ? { walls, capped, countExhaustedWithoutDtstart: without, lastCounted: last }
      : { walls, capped, countExhaustedWithoutDtstart: false };
  }

  // BYSETPOS: collect each period's full set, then pick positions (1-based; negative from the end).
  let currentPeriod = Number.NaN;
  let firstProduced: number | undefined;
  let lastProduced: number | undefined;
  let bucket: number[] = [];
  let stop = false;
  const flush = () => {
    if (bucket.length === 0) return;
    const picked = new Set<number>();
    for (const pos of rule.bySetPos as readonly number[]) {
      const idx = pos > 0 ? pos - 1 : bucket.length + pos;
      if (idx >= 0 && idx < bucket.length) picked.add(bucket[idx] as number);
    }
    for (const t of [...picked].sort((a, b) => a - b)) {
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
  const { bySetPos: _omit, ...noSetPos } = explicit;
  const rr2 = new RRule(toRRuleOptions(noSetPos, iterStart, {}));
  rr2.all((date) => {
    const t = date.getTime();
    const p = periodIndex(rule, t);
    if (p !== currentPeriod) {
      flush();
      if (stop) return false;
      currentPeriod = p;
      if (t > end && periodStart(rule, p) > end) return false;
    }
    if (++steps > options.maxSteps) {
      capped = true;
      return false;
    }
    bucket.push(t);
    return true;
  });
  if (!stop && !capped) flush();
  const exhausted = countMatters && produced >= countLimit;
  return { walls, capped, countExhaustedWithoutDtstart: exhausted && firstProduced !== dtstartWall, ...(exhausted && lastProduced !== undefined ? { lastCounted: lastProduced } : {}) };
}
