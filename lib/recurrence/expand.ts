/**
 * Events → the occurrences that overlap a window `[from, to)`, as UTC instants (DESIGN.md, "Time,
 * precisely"). Rules are expanded in floating wall-clock time and the zone is attached afterwards,
 * so the answer is the same under any host TZ and on any date.
 *
 * The work is bounded while it is done (budget.ts): single events first, then series from the
 * cheapest to the dearest, so that when a file's or the request's budget runs out it is the
 * runaway series that are missing, with one EXPANSION_BUDGET error naming the limit.
 */
import type { CalendarEvent, ImportIssue } from "../calendar";
import { boundedZone } from "../ics/timezones";
import { requireZone } from "../time/zone";
import type { Window } from "../time/window";
import {
  DEFAULT_MAX_OCCURRENCES,
  DEFAULT_MAX_OCCURRENCES_PER_SOURCE,
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_STEPS_PER_RULE,
  DEFAULT_MAX_STEPS_PER_SOURCE,
  ExpansionBudget,
  type SpentLimit,
} from "./budget";
import { estimatedSteps } from "./cost";
import { expandSeries, expandSingle, sourceOf, type ExpandContext } from "./series";
import { OccurrenceColumns, OccurrenceObjects, type OccurrenceSink } from "./columns";
import { occurrenceOrder } from "./sort";
import type { ExpandOptions, Expansion, Occurrence } from "./types";

export type { ExpandOptions, Expansion, Occurrence } from "./types";
export { OccurrenceColumns } from "./columns";
export type { Window } from "../time/window";

/** One unit of work: a single event, or a series with its overrides. */
interface Job {
  readonly master: CalendarEvent;
  readonly overrides: readonly CalendarEvent[] | undefined;
  readonly cost: number;
  readonly order: number;
}

/** Groups events into jobs, cheapest first (single events and orphaned overrides cost one step). */
function plan(events: readonly CalendarEvent[], window: Window): Job[] {
  const masters = new Map<string, CalendarEvent>();
  const overrides = new Map<string, CalendarEvent[]>();
  // Series are keyed by source and UID: two uploaded files may reuse a UID for different events.
  const keyOf = (ev: CalendarEvent) => (ev.source === undefined ? ev.uid : `${ev.source}\u0000${ev.uid}`);
  for (const ev of events) {
    const key = keyOf(ev);
    if (!ev.recurrenceId) masters.set(key, ev); // a single event may still be the master of overrides
    else if (overrides.has(key)) overrides.get(key)?.push(ev);
    else overrides.set(key, [ev]);
  }
  const singles: Job[] = [];
  const series: Job[] = [];
  for (const [key, master] of masters) {
    const ovs = overrides.get(key);
    if (master.rrules.length === 0 && master.rdates.length === 0 && !ovs) singles.push({ master, overrides: undefined, cost: 1, order: 0 });
    else series.push({ master, overrides: ovs ?? [], cost: estimatedSteps(master, ovs ?? [], window), order: series.length });
  }
  // Overrides whose master is missing are events of their own.
  for (const [key, ovs] of overrides) if (!masters.has(key)) for (const ov of ovs) singles.push({ master: ov, overrides: undefined, cost: 1, order: 0 });
  series.sort((a, b) => a.cost - b.cost || a.order - b.order);
  return singles.concat(series);
}

/** What the budget left out or cut short, per source. */
interface Shortfall {
  limit: SpentLimit;
  lines: number[];
  events: number;
}

function budgetIssue(source: string, s: Shortfall): ImportIssue {
  const name = source === "" ? "This calendar" : `The calendar ${source}`;
  const per = s.limit.scope === "source" ? "per calendar" : "per check, all calendars together";
  const lines = [...new Set(s.lines)].sort((a, b) => a - b);
  const shown = lines.slice(0, 5).join(", ");
  const where = lines.length === 0 ? "" : ` (at line${lines.length === 1 ? "" : "s"} ${shown}${lines.length > 5 ? ` and ${(lines.length - 5).toLocaleString("en-US")} more` : ""})`;
  return {
    code: "EXPANSION_BUDGET",
    severity: "error",
    ...(lines[0] !== undefined ? { line: lines[0] } : {}),
    message: `${name} needs more than the expansion budget of ${s.limit.limit.toLocaleString("en-US")} ${s.limit.what} ${per}: ${s.events.toLocaleString("en-US")} event${s.events === 1 ? " was" : "s were"} cut short or left out${where}, so the answer lacks some of their occurrences. Remove or shorten the runaway repeating events (a rule repeating every minute or hour, or thousands of series), or check a shorter period.`,
  };
}

function contextFor(window: Window, options: ExpandOptions): ExpandContext {
  return {
    viewer: boundedZone(requireZone(options.viewerZone)),
    window,
    maxStepsPerRule: options.maxStepsPerRule ?? DEFAULT_MAX_STEPS_PER_RULE,
    budget: new ExpansionBudget({
      maxStepsPerSource: options.maxStepsPerSource ?? DEFAULT_MAX_STEPS_PER_SOURCE,
      maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
      maxOccurrencesPerSource: options.maxOccurrencesPerSource ?? DEFAULT_MAX_OCCURRENCES_PER_SOURCE,
      maxOccurrences: options.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES,
    }),
    warnings: [],
  };
}

/** {@link expandEvents}' answer with the occurrences as columns and their order, not objects. */
export interface ColumnExpansion extends Omit<Expansion, "occurrences"> {
  /** Every occurrence, in the order the expansion found them. */
  readonly columns: OccurrenceColumns;
  /** Indices into `columns`, sorted by start, then uid, then end. */
  readonly order: Int32Array;
}

/** Expands every job into `out`; the warnings (sorted by line, budget errors last), whether all was done, and what it cost. */
function expandInto(events: readonly CalendarEvent[], window: Window, options: ExpandOptions, out: OccurrenceSink): Omit<Expansion, "occurrences"> {
  if (!(window.to > window.from)) throw new RangeError("The window's end must be after its start.");
  const ctx = contextFor(window, options);
  const shortfalls = new Map<string, Shortfall>();
  for (const job of plan(events, window)) {
    const source = sourceOf(job.master);
    const spent = ctx.budget.spent(source);
    const outcome = spent ? "cut" : job.overrides ? expandSeries(job.master, job.overrides, ctx, out) : expandSingle(job.master, ctx, out);
    if (outcome === "done") continue;
    const limit = spent ?? ctx.budget.spent(source) ?? { what: "steps", scope: "source", limit: ctx.budget.limits.maxStepsPerSource };
    const s = shortfalls.get(source) ?? { limit, lines: [], events: 0 };
    s.events++;
    if (job.master.line !== undefined) s.lines.push(job.master.line);
    shortfalls.set(source, s);
  }
  const warnings = ctx.warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  for (const [source, s] of shortfalls) warnings.push(budgetIssue(source, s));
  return { warnings, complete: shortfalls.size === 0, usage: ctx.budget.usage() };
}

/**
 * {@link expandEvents} without making an object of each occurrence: for a caller that only reads
 * them in order (the CLI prints hundreds of thousands).
 *
 * @example
 * const { columns, order } = expandEventsToColumns(events, window, { viewerZone: "UTC" });
 * for (const i of order) print(columns.eventOf(i).uid, columns.start(i), columns.end(i));
 */
export function expandEventsToColumns(events: readonly CalendarEvent[], window: Window, options: ExpandOptions): ColumnExpansion {
  const columns = new OccurrenceColumns();
  const rest = expandInto(events, window, options, columns);
  return { columns, order: occurrenceOrder(columns), ...rest };
}

/**
 * Expands events (masters, single events and RECURRENCE-ID overrides, in any order) into the
 * occurrences that overlap `window`, sorted by start then uid. Cancelled events and instances,
 * excluded dates and overridden originals do not appear; transparent ones do, marked.
 *
 * @example
 * const { occurrences, complete } = expandEvents(calendar.events,
 *   { from: Date.parse("2027-01-11T00:00:00Z"), to: Date.parse("2027-05-01T00:00:00Z") },
 *   { viewerZone: "America/New_York" });
 */
export function expandEvents(events: readonly CalendarEvent[], window: Window, options: ExpandOptions): Expansion {
  const objects = new OccurrenceObjects();
  const rest = expandInto(events, window, options, objects);
  const order = occurrenceOrder(objects);
  return { occurrences: Array.from(order, (i) => objects.list[i] as Occurrence), ...rest };
}
