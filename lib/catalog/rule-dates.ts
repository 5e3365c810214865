/**
 * The dates a catalog rule picks in a term: the catalog's one rule engine. The validator
 * (`schema.ts`: a rule that matches no date, skip dates that must fall on a session), sessions and
 * deadlines (`sessions.ts`) and the course calendar (`lib/export`) all ask it, and it expands with
 * the parser and expander that read learners' calendars (`lib/ics/rule`), so a catalog is judged on
 * the very dates the app schedules, checks and exports.
 *
 * The catalog's extra restrictions on rule text (no DTSTART, a date UNTIL, no sub-daily FREQ, …) are
 * not here but in `rule-problems.ts`, and the term's bounds in `schema.ts`: both run before a rule
 * reaches this module.
 */
import { expandRule, whyRuleNeverMatches } from "../ics/rule/expand";
import { parseRecurrenceRule } from "../ics/rule/text";
import { isoDateOfDay } from "../time/civil";
import { DAY } from "../time/units";

/** A rule's dates in one term, two ways: as wall-clock midnights and as `YYYY-MM-DD`. */
export interface TermRuleDates {
  /** Each date's midnight as `Date.UTC` fields (a wall-clock time, not an instant), ascending. */
  readonly walls: readonly number[];
  /** The same dates as `YYYY-MM-DD`. */
  readonly dates: readonly string[];
}

/** Ample for the longest term the format allows (731 days, a test expands it); the cap guards callers that skipped validation. */
const MAX_STEPS = 10_000;
const CACHE_SIZE = 4096;

function wallOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function expandInTerm(rrule: string, startDate: string, endDate: string): number[] {
  const rule = parseRecurrenceRule(rrule, 0);
  const from = wallOf(startDate);
  const to = wallOf(endDate);
  // Caught before expanding: an expander searching for a first match of such a rule searches long.
  if (whyRuleNeverMatches(rule, from) !== undefined) return [];
  const untilWall = rule.until ? (rule.until.kind === "utc" ? rule.until.utc : rule.until.wall) + (rule.until.kind === "date" ? DAY - 1 : 0) : undefined;
  return expandRule(rule, from, from, to + DAY - 1, { maxSteps: MAX_STEPS, untilWall }).walls.map((w) => Math.floor(w / DAY) * DAY);
}

/** A catalog repeats a few rules over one term, and validation then sessions ask for each again. */
const cache = new Map<string, TermRuleDates>();

/**
 * The dates from `startDate` through `endDate` (both inclusive) that a catalog rule matches, as
 * docs/catalog.md defines them: `startDate` plays DTSTART but is a date only if the rule matches
 * it, and `COUNT` counts matched dates. `skipDates` and `extraMeetings` are not applied here.
 * Expects rule text that `catalogRuleProblems` accepts and a term `schema.ts` accepts; throws a
 * `RuleError` for rule text the engine cannot read. The result is shared: do not change it.
 *
 * @example
 * ```ts
 * termRuleDates("FREQ=MONTHLY;BYDAY=1SA", "2027-01-11", "2027-04-25").dates;
 * // → ["2027-02-06", "2027-03-06", "2027-04-03"]
 * termRuleDates("FREQ=WEEKLY;BYDAY=MO", "2027-01-12", "2027-01-31").dates;
 * // → ["2027-01-18", "2027-01-25"]   (startDate, a Tuesday, is not a date of the rule)
 * ```
 */
export function termRuleDates(rrule: string, startDate: string, endDate: string): TermRuleDates {
  const key = `${rrule}|${startDate}|${endDate}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    const walls = expandInTerm(rrule, startDate, endDate);
    hit = { walls, dates: walls.map((wall) => isoDateOfDay(wall / DAY)) };
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * {@link termRuleDates} as wall-clock midnights (`Date.UTC` fields), in a new array the caller may
 * keep or change.
 *
 * @example
 * ```ts
 * ruleDates("FREQ=WEEKLY;BYDAY=TU,TH", "2027-01-11", "2027-01-17").map((w) => new Date(w).toISOString().slice(0, 10));
 * // → ["2027-01-12", "2027-01-14"]
 * ```
 */
export function ruleDates(rrule: string, startDate: string, endDate: string): number[] {
  return [...termRuleDates(rrule, startDate, endDate).walls];
}
