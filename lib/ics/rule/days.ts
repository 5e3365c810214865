/**
 * Calendar facts the rule expansions share: month lengths, weekdays of day numbers, and the shape
 * of a source of candidate days.
 */

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Weekday of a day number (days since 1970-01-01), Monday = 0. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The candidate days of a DAILY-or-coarser rule, period by period (day numbers since 1970). */
export interface DaySource {
  /** Candidate days of period `k` (0 is DTSTART's period), ascending. */
  days(k: number): number[];
  /** The first day of period `k`. */
  startDay(k: number): number;
  /** A period index at or before the one holding `day`. */
  periodBefore(day: number): number;
  /** Steps charged for one period. */
  readonly periodCost: number;
}
