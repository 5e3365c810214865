/**
 * One RRULE → the wall-clock start times it generates inside a wall-clock range, bounded always.
 *
 * - Rules that can never produce an instance (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) are caught
 *   before expanding ({@link whyRuleNeverMatches}).
 * - Every shape is expanded by arithmetic (fast.ts, masks.ts, subdaily.ts) and walked period by
 *   period (walk.ts), each period and instance charged against `maxSteps`; rrule is only a second
 *   opinion for tests (`forceRRule`), since it cannot be stopped while it searches.
 * - Without a COUNT that can run out before the range ends, the walk starts just before the range
 *   instead of at DTSTART (the cost of a 2015 daily series in 2027).
 */
import type { RecurrenceRule } from "../../calendar";
import { periodSource } from "./source";
import { setSizeBound } from "./never";
import { rruleExpand } from "./oracle";
import { periodicExpand } from "./subdaily";
import { walkPeriods, type RuleWalk } from "./walk";

export { whyRuleNeverMatches } from "./never";

/** What expanding one rule produced: its instances in the range, and what it cost. */
export type RuleExpansion = RuleWalk;

export interface RuleExpandOptions {
  /** Upper bound on steps (periods generated and instances looked at) for this rule. */
  readonly maxSteps: number;
  /** Last wall time allowed by UNTIL (inclusive), already converted by the caller; or undefined. */
  readonly untilWall?: number | undefined;
  /** Use rrule instead of the arithmetic expansion (for differential tests only). */
  readonly forceRRule?: boolean;
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
  if (end < dtstartWall || end < lo) return { walls: [], capped: false, steps: 0, countExhaustedWithoutDtstart: false };
  if (options.forceRRule) return rruleExpand(rule, dtstartWall, lo, end, options.maxSteps);
  const periodic = periodicExpand(rule, dtstartWall, lo, end, options.maxSteps);
  if (periodic) return periodic;
  const source = periodSource(rule, dtstartWall);
  // A COUNT larger than every candidate up to `end` cannot end the rule there: then there is no
  // need to walk from DTSTART to count.
  const periodsToEnd = source.periodBefore(end) + 2;
  const countMatters = rule.count !== undefined && rule.count <= periodsToEnd * setSizeBound(rule);
  const walked = countMatters || rule.count === undefined ? rule : withoutCount(rule);
  return walkPeriods(source, walked, dtstartWall, lo, end, options.maxSteps);
}

function withoutCount(rule: RecurrenceRule): RecurrenceRule {
  const { count: _count, ...rest } = rule;
  return rest;
}
