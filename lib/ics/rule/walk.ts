/**
 * The one walk every rule shape shares: period by period from DTSTART's period (or from just before
 * the window when COUNT cannot run out first), BYSETPOS applied to each period's candidates, DTSTART
 * and UNTIL respected, COUNT counted, and every period and instance charged as a step so that no
 * rule, however sparse, walks for longer than its budget.
 */
import type { RecurrenceRule } from "../../calendar";

/** The candidates of a rule, period by period (a period is the rule's FREQ unit times INTERVAL). */
export interface PeriodSource {
  /** Candidate wall times of period `k` (0 is DTSTART's period), ascending, before BYSETPOS. */
  candidates(k: number): number[];
  /** The wall time at which period `k` begins. */
  start(k: number): number;
  /** A period index at or before the first one that can hold a candidate at or after `wall`. */
  periodBefore(wall: number): number;
  /** Steps charged for generating one period, besides its candidates. */
  readonly periodCost: number;
  /**
   * The first period index at or after `k` that can hold a candidate (sub-daily rules skip whole
   * days or hours that their BYxxx parts rule out); absent when every period may.
   */
  skipTo?(k: number): number;
}

/** What a rule walk produced. */
export interface RuleWalk {
  /** Wall-clock start times (as `Date.UTC` fields), ascending, inside `[lo, end]`. */
  readonly walls: number[];
  /** True when the walk ran out of steps before reaching the end of the range. */
  readonly capped: boolean;
  /** Steps spent (periods generated and candidates looked at). */
  readonly steps: number;
  /**
   * True when COUNT ran out and the rule's own first instance is not DTSTART: RFC 5545 counts
   * DTSTART as the first instance, so the caller drops the last counted one.
   */
  readonly countExhaustedWithoutDtstart: boolean;
  /** The wall time of the COUNT-th instance when COUNT ran out, else undefined. */
  readonly lastCounted?: number;
}

/** The candidates at BYSETPOS positions (1-based; negative count from the end), ascending. */
export function pickPositions(candidates: readonly number[], positions: readonly number[]): number[] {
  const picked = new Set<number>();
  for (const pos of positions) {
    const idx = pos > 0 ? pos - 1 : candidates.length + pos;
    if (idx >= 0 && idx < candidates.length) picked.add(candidates[idx] as number);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * Walks `source` and returns the instances in `[lo, end]` (`end` already bounded by UNTIL).
 *
 * @example
 * walkPeriods(dailySource, rule, Date.UTC(2027, 0, 4, 9), Date.UTC(2027, 0, 10), Date.UTC(2027, 0, 12), 1000).walls.length // 3
 */
export function walkPeriods(source: PeriodSource, rule: RecurrenceRule, dtstartWall: number, lo: number, end: number, maxSteps: number): RuleWalk {
  const count = rule.count;
  const walls: number[] = [];
  let k = count === undefined ? Math.max(0, source.periodBefore(Math.max(lo, dtstartWall))) : 0;
  let steps = 0;
  let produced = 0;
  let first: number | undefined;
  let last: number | undefined;
  let exhausted = false;
  let capped = false;
  outer: for (; source.start(k) <= end; k++) {
    steps += source.periodCost;
    if (steps > maxSteps) {
      capped = true;
      break;
    }
    const next = source.skipTo ? source.skipTo(k) : k;
    if (next > k) {
      k = next - 1;
      continue;
    }
    const all = source.candidates(k);
    const candidates = rule.bySetPos ? pickPositions(all, rule.bySetPos) : all;
    for (const wall of candidates) {
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
    ? { walls, capped, steps, countExhaustedWithoutDtstart: first !== dtstartWall, lastCounted: last }
    : { walls, capped, steps, countExhaustedWithoutDtstart: false };
}
