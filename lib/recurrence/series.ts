/**
 * One event → its occurrences in the window: a single event (or an override on its own), or a
 * recurring series with its EXDATEs and RECURRENCE-ID overrides (RANGE=THISANDFUTURE included).
 * Each spends steps and occurrences from the expansion budget and says when the budget cut it short.
 */
import { eventPlace, type CalendarEvent, type DateValue, type ImportIssue } from "../calendar";
import type { ZoneRules } from "../time/zone";
import { HOUR, DAY } from "../time/units";
import type { Window } from "../time/window";
import type { ExpansionBudget } from "./budget";
import { seriesInstances, type InstanceBudget, type InstanceList, type SeriesShape } from "./instances";
import { lengthOf, nominalLength, type Length } from "./length";
import { covers, findInstance, InstanceKeySet, overridesWithId } from "./overrides";
import type { OccurrenceSink } from "./columns";
import { instantOf, wallIn, wallOf, wallZone } from "./values";

/** What expanding one event needs: the viewer, the window, the budget and where warnings go. */
export interface ExpandContext {
  readonly viewer: ZoneRules;
  readonly window: Window;
  readonly maxStepsPerRule: number;
  readonly budget: ExpansionBudget;
  readonly warnings: ImportIssue[];
}

/** Whether an event's expansion ran to the end, or the budget cut it short. */
export type Outcome = "done" | "cut";

/** The budget key of an event: its source file or calendar. */
export function sourceOf(ev: CalendarEvent): string {
  return ev.source ?? "";
}

function isCancelled(ev: CalendarEvent): boolean {
  return ev.status === "CANCELLED";
}

function overlaps(start: number, end: number, w: Window): boolean {
  return start === end ? start >= w.from && start < w.to : end > w.from && start < w.to;
}

/** An event's one occurrence `[start, end)`, reading its length quietly or into `warn`. */
function singleSpan(ev: CalendarEvent, viewer: ZoneRules, warn: (i: ImportIssue) => void): { start: number; end: number } {
  const zone = wallZone(ev.start, viewer);
  const start = instantOf(ev.start, viewer);
  return { start, end: lengthOf(ev, zone, viewer, warn).end(wallOf(ev.start), start) };
}

/**
 * A single event, or an override standing on its own (`recurrenceId` is the instant of the
 * instance it replaces).
 */
export function expandSingle(ev: CalendarEvent, ctx: ExpandContext, out: OccurrenceSink, recurrenceId?: number): Outcome {
  const source = sourceOf(ev);
  ctx.budget.spendSteps(source, 1);
  if (isCancelled(ev)) return "done";
  const { start, end } = singleSpan(ev, ctx.viewer, (i) => ctx.warnings.push(i));
  if (!overlaps(start, end, ctx.window)) return "done";
  if (ctx.budget.occurrencesLeft(source) <= 0) return "cut";
  ctx.budget.spendOccurrences(source, 1);
  out.add(ev, start, end, recurrenceId ?? (ev.recurrenceId ? instantOf(ev.recurrenceId, ctx.viewer) : undefined));
  return "done";
}

/** An override that names an instance of its series: the instance's start, as instant and wall time. */
interface Matched {
  readonly ev: CalendarEvent & { recurrenceId: DateValue };
  readonly utc: number;
  readonly wall: number;
}

function describe(v: DateValue): string {
  const iso = new Date(v.kind === "utc" ? v.utc : v.wall).toISOString();
  if (v.kind === "date") return iso.slice(0, 10);
  const time = `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return v.kind === "utc" ? `${time} UTC` : v.kind === "zoned" ? `${time} (${v.zone.name})` : time;
}

function noInstance(ov: CalendarEvent & { recurrenceId: DateValue }): ImportIssue {
  return {
    code: "RECURRENCE_ID_NO_INSTANCE",
    severity: "warning",
    ...(ov.line !== undefined ? { line: ov.line } : {}),
    uid: ov.uid,
    message: `${eventPlace(ov)} changes the instance of ${describe(ov.recurrenceId)} (its RECURRENCE-ID), but its series has no instance then (nor exactly one that day); the change was ignored.`,
  };
}

/**
 * The overrides that name an instance, and the instances they replace. An override far from the
 * window (neither its own time nor the instance it names near it) is not looked at.
 */
function matchOverrides(shape: SeriesShape, overrides: readonly (CalendarEvent & { recurrenceId: DateValue })[], list: InstanceList, ctx: ExpandContext, budget: InstanceBudget): { matched: Matched[]; cut: boolean } {
  const matched: Matched[] = [];
  let cut = false;
  for (const ov of overrides) {
    let inList = list;
    let i = findInstance(list, ov.recurrenceId, shape, false);
    if (i === undefined) {
      const ridWall = wallIn(ov.recurrenceId, shape.zone, shape.viewer);
      if (!nearWindow(ov, ridWall, list, ctx)) continue;
      inList = covers(list, ridWall) ? list : seriesInstances(shape, ridWall - 2 * DAY, ridWall + 2 * DAY, budget);
      i = findInstance(inList, ov.recurrenceId, shape, true);
      if (i === undefined && inList.cut) {
        // The budget ran out before the answer: read the override as naming the instant it gives.
        cut = true;
        matched.push({ ev: ov, utc: instantOf(ov.recurrenceId, shape.viewer), wall: ridWall });
        continue;
      }
      if (i === undefined) {
        ctx.warnings.push(noInstance(ov));
        continue;
      }
    }
    matched.push({ ev: ov, utc: inList.utc[i] as number, wall: inList.wall[i] as number });
  }
  return { matched, cut };
}

function nearWindow(ov: CalendarEvent, ridWall: number, list: InstanceList, ctx: ExpandContext): boolean {
  if (ov.thisAndFuture || (ridWall >= list.lo - 2 * DAY && ridWall <= list.hi + 2 * DAY)) return true;
  const own = singleSpan(ov, ctx.viewer, () => undefined);
  return own.end >= ctx.window.from - DAY && own.start < ctx.window.to + DAY;
}

/** RANGE=THISANDFUTURE: from the instance it names on, instances move by the same wall-clock shift and take its length. */
interface Future {
  readonly from: number;
  readonly ev: CalendarEvent;
  readonly deltaWall: number;
  readonly len: Length;
}

function futures(shape: SeriesShape, matched: readonly Matched[], ctx: ExpandContext): Future[] {
  return matched
    .filter((m) => m.ev.thisAndFuture)
    .map((m) => ({
      from: m.utc,
      ev: m.ev,
      deltaWall: wallIn(m.ev.start, shape.zone, shape.viewer) - m.wall,
      len: lengthOf(m.ev, wallZone(m.ev.start, shape.viewer), shape.viewer, (i) => ctx.warnings.push(i)),
    }))
    .sort((a, b) => a.from - b.from);
}

/** The instances that remain (not excluded, not replaced), reshaped by THISANDFUTURE overrides. */
function emitInstances(shape: SeriesShape, list: InstanceList, exdates: InstanceKeySet, matched: readonly Matched[], ctx: ExpandContext, out: OccurrenceSink): Outcome {
  const { master, zone, viewer, len } = shape;
  const source = sourceOf(master);
  const replaced = new Set<number>();
  for (const m of matched) replaced.add(m.utc);
  const future = matched.length === 0 ? [] : futures(shape, matched, ctx);
  const left = ctx.budget.occurrencesLeft(source);
  let pushed = 0;
  let fi = -1;
  let outcome: Outcome = "done";
  const excluding = exdates.size > 0;
  const replacing = replaced.size > 0;
  const periods = list.periods;
  for (let k = 0; k < list.utc.length; k++) {
    const utc = list.utc[k] as number;
    const wall = list.wall[k] as number;
    if ((excluding && exdates.has(wall, utc)) || (replacing && replaced.has(utc))) continue;
    while (fi + 1 < future.length && (future[fi + 1] as Future).from <= utc) fi++;
    let ev = master;
    let s = utc;
    const period = periods?.get(utc);
    let e = period ? Math.max(utc, period.end ? instantOf(period.end, viewer) : period.duration ? nominalLength(zone, period.duration).end(wall, utc) : len.end(wall, utc)) : len.end(wall, utc);
    const f = fi >= 0 ? (future[fi] as Future) : undefined;
    if (f) {
      if (isCancelled(f.ev)) continue;
      ev = f.ev;
      s = zone.wallToUtc(wall + f.deltaWall);
      e = f.len.end(wall + f.deltaWall, s);
    }
    if (!overlaps(s, e, ctx.window)) continue;
    if (pushed >= left) {
      outcome = "cut";
      break;
    }
    out.add(ev, s, e, utc);
    pushed++;
  }
  ctx.budget.spendOccurrences(source, pushed);
  return outcome;
}

/** What listing one series' instances may spend: its source's share of the expansion budget. */
class SeriesBudget implements InstanceBudget {
  readonly maxStepsPerRule: number;
  constructor(
    private readonly ctx: ExpandContext,
    private readonly source: string,
    readonly dtstartExcluded: boolean,
  ) {
    this.maxStepsPerRule = ctx.maxStepsPerRule;
  }
  stepsLeft(): number {
    return this.ctx.budget.stepsLeft(this.source);
  }
  spend(steps: number): void {
    this.ctx.budget.spendSteps(this.source, steps);
  }
}

/**
 * A recurring series (or a single event with overrides): its remaining instances in the window
 * and its overrides.
 */
export function expandSeries(master: CalendarEvent, overrides: readonly CalendarEvent[], ctx: ExpandContext, out: OccurrenceSink): Outcome {
  const viewer = ctx.viewer;
  const zone = wallZone(master.start, viewer);
  const source = sourceOf(master);
  const shape: SeriesShape = {
    master,
    zone,
    viewer,
    allDay: master.start.kind === "date",
    dtstartWall: wallOf(master.start),
    dtstartUtc: instantOf(master.start, viewer),
    len: lengthOf(master, zone, viewer, (i) => ctx.warnings.push(i)),
  };
  const exdates = new InstanceKeySet(viewer, shape.allDay);
  for (const x of master.exdates) exdates.add(x);
  const budget = new SeriesBudget(ctx, source, exdates.has(shape.dtstartWall, shape.dtstartUtc));
  // Wall-clock search range: the window in this zone's wall time, widened by the longest instance,
  // two hours for an offset change at either edge, and any THISANDFUTURE shift; instants are
  // filtered exactly when emitted.
  const withId = overrides.length === 0 ? [] : overridesWithId(overrides);
  let maxShift = 0;
  for (const ov of withId) if (ov.thisAndFuture) maxShift = Math.max(maxShift, Math.abs(wallIn(ov.start, zone, viewer) - wallIn(ov.recurrenceId, zone, viewer)));
  const lo = ctx.window.from + zone.offsetAt(ctx.window.from) - shape.len.bound - 2 * HOUR - maxShift;
  const hi = ctx.window.to + zone.offsetAt(ctx.window.to) + 2 * HOUR + maxShift;
  const list = seriesInstances(shape, lo, hi, budget, ctx.warnings);
  const { matched, cut } = withId.length === 0 ? { matched: [], cut: false } : matchOverrides(shape, withId, list, ctx, budget);
  let outcome: Outcome = list.cut || cut ? "cut" : "done";
  for (const m of matched) if (expandSingle(m.ev, ctx, out, m.utc) === "cut") outcome = "cut";
  if (!isCancelled(master) && emitInstances(shape, list, exdates, matched, ctx, out) === "cut") outcome = "cut";
  return outcome;
}
