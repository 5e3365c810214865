/**
 * What a learner should know before trusting a check: calendars that hold no busy time in the
 * term, calendars whose events all lie before or after it (an old export, the wrong file), calendars
 * that are mostly all-day or "free" events, and connected accounts that returned nothing. An empty
 * calendar makes every section "fit"; these warnings say so instead of letting it pass as good news.
 * Rules and thresholds: docs/fit.md, "Before you trust the answer".
 */
import type { FitWarning } from "../fit";
import type { Occurrence } from "../recurrence/expand";
import type { CalendarSource } from "../sources/types";
import type { Interval } from "../fit/intervals";
import { formatDayMonth } from "../time/format";

/** A calendar "mostly" of one kind: at least this share of its occurrences in the term. */
export const MOSTLY_SHARE = 0.75;

/** What the pipeline knows about one calendar when the check is done. */
export interface SourceFacts {
  readonly name: string;
  readonly origin: CalendarSource["origin"];
  /** Events in the calendar, including those the import skipped as far from the term. */
  readonly eventCount: number;
  /** Earliest and latest event start: approximate instants, and local dates (YYYY-MM-DD). */
  readonly firstStart?: number;
  readonly lastStart?: number;
  readonly firstDate?: string;
  readonly lastDate?: string;
  /** Its occurrences over the check's window. */
  readonly occurrences: readonly Occurrence[];
}

/** One chosen section's term: instants, and its dates as the catalog gives them. */
export interface TermSpan {
  readonly start: number;
  readonly end: number;
  readonly startDate: string;
  readonly endDate: string;
}

export interface TrustInput {
  readonly sources: readonly SourceFacts[];
  /** The merged busy intervals the check used. */
  readonly busy: readonly Interval[];
  /** The chosen sections' terms. */
  readonly terms: readonly TermSpan[];
}

/** `11 Jan 2027` from `2027-01-11`. */
function dateText(iso: string): string {
  return `${formatDayMonth(Date.parse(`${iso}T12:00:00Z`), "UTC")} ${iso.slice(0, 4)}`;
}

/** `11 Jan – 25 Apr 2027`, or with both years when they differ. */
function rangeText(from: string, to: string): string {
  if (from === to) return dateText(from);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${formatDayMonth(Date.parse(`${from}T12:00:00Z`), "UTC")} – ${dateText(to)}`;
  return `${dateText(from)} – ${dateText(to)}`;
}

function overlapsAny(busy: readonly Interval[], terms: readonly TermSpan[]): boolean {
  for (const t of terms) {
    // busy is sorted and disjoint: the first interval that ends after the term starts decides.
    let lo = 0;
    let hi = busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((busy[mid] as Interval).end <= t.start) lo = mid + 1;
      else hi = mid;
    }
    const b = busy[lo];
    if (b && b.start < t.end) return true;
  }
  return false;
}

function outsideTerm(s: SourceFacts, termStart: number, termEnd: number, term: string): FitWarning {
  const span = s.firstDate && s.lastDate ? (s.firstDate === s.lastDate ? `on ${dateText(s.firstDate)}` : `from ${dateText(s.firstDate)} to ${dateText(s.lastDate)}`) : "";
  const one = s.eventCount === 1;
  const before = s.lastStart !== undefined && s.lastStart < termStart;
  const after = s.firstStart !== undefined && s.firstStart >= termEnd;
  const subject = one ? `The only event in ${s.name} is` : `Every event in ${s.name} is`;
  const runs = !span ? "" : one && s.firstDate ? ` (${dateText(s.firstDate)})` : `: they run ${span}`;
  const message = before
    ? `${subject} before the term${runs}, and the term is ${term}. Is it an old export? Export the calendar again so that it covers the term.`
    : after
      ? `${subject} after the term${runs}, and the term is ${term}. Is it the right calendar?`
      : `None of the events in ${s.name} falls in the term (${term})${span ? `: they run ${span}, with nothing in between` : ""}. Is it the right calendar?`;
  return { code: "CALENDAR_OUTSIDE_TERM", message, source: s.name };
}

function mostly(s: SourceFacts): FitWarning | undefined {
  const n = s.occurrences.length;
  if (n === 0) return undefined;
  let allDay = 0;
  let free = 0;
  for (const o of s.occurrences) {
    if (o.allDay) allDay++;
    if (o.transparent || o.busyStatus === "FREE" || o.busyStatus === "WORKINGELSEWHERE") free++;
  }
  if (allDay >= MOSTLY_SHARE * n) {
    return {
      code: "CALENDAR_MOSTLY_ALL_DAY",
      message: `Most events in ${s.name} during the term are all-day (${allDay} of ${n}), like holidays or birthdays: only timed events say when you are busy. If your commitments are in another calendar, add it.`,
      source: s.name,
    };
  }
  if (free >= MOSTLY_SHARE * n) {
    return {
      code: "CALENDAR_MOSTLY_FREE",
      message: `Most events in ${s.name} during the term are marked free, "show as available" (${free} of ${n}), so they do not count as busy. If they are real commitments, mark them busy in your calendar and add it again.`,
      source: s.name,
    };
  }
  return undefined;
}

/**
 * The warnings about the calendars, in order: `CALENDAR_EMPTY_IN_TERM` (no busy time in any chosen
 * section's term), then per calendar `CONNECTED_CALENDAR_EMPTY` or `CALENDAR_NO_EVENTS`,
 * `CALENDAR_OUTSIDE_TERM`, `CALENDAR_MOSTLY_ALL_DAY` or `CALENDAR_MOSTLY_FREE`.
 *
 * @example
 * trustWarnings({ sources: [{ name: "empty.ics", origin: "upload", eventCount: 0, occurrences: [] }], busy: [], terms })
 * // [{ code: "CALENDAR_EMPTY_IN_TERM", … }, { code: "CALENDAR_NO_EVENTS", source: "empty.ics", … }]
 */
export function trustWarnings(input: TrustInput): FitWarning[] {
  const out: FitWarning[] = [];
  if (input.terms.length === 0) return out;
  const startDate = input.terms.map((t) => t.startDate).reduce((a, b) => (b < a ? b : a));
  const endDate = input.terms.map((t) => t.endDate).reduce((a, b) => (b > a ? b : a));
  const termStart = Math.min(...input.terms.map((t) => t.start));
  const termEnd = Math.max(...input.terms.map((t) => t.end));
  const term = rangeText(startDate, endDate);
  if (!overlapsAny(input.busy, input.terms)) {
    const several = input.sources.length > 1;
    out.push({
      code: "CALENDAR_EMPTY_IN_TERM",
      message: `Your calendar${several ? "s have" : " has"} no busy time during the term (${term}), so every section looks free. If you have commitments then, add the calendar that holds them before trusting these verdicts.`,
    });
  }
  for (const s of input.sources) {
    if (s.eventCount === 0) {
      out.push(
        s.origin === "connected"
          ? { code: "CONNECTED_CALENDAR_EMPTY", message: `${s.name} returned no events for the term (${term}). If that calendar holds your commitments, reconnect it or pick another calendar of the account.`, source: s.name }
          : { code: "CALENDAR_NO_EVENTS", message: `${s.name} has no events at all. Is it the right file? An empty export makes every section look free.`, source: s.name },
      );
      continue;
    }
    if (s.occurrences.length === 0) {
      out.push(outsideTerm(s, termStart, termEnd, term));
      continue;
    }
    const m = mostly(s);
    if (m) out.push(m);
  }
  return out;
}
