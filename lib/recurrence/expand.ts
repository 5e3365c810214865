/**
 * Events → the occurrences that overlap a window `[from, to)`, as UTC instants (DESIGN.md, "Time,
 * precisely"). Rules are expanded in floating wall-clock time and the zone is attached afterwards,
 * so the answer is the same under any host TZ and on any date.
 */
import { eventPlace, type DateValue, type EventStatus, type CalendarEvent, type ImportIssue, type NominalDuration, type PeriodValue, type BusyStatus } from "../calendar";
import { requireZone, UTC_ZONE, type ZoneRules } from "../time/zone";
import { expandRule } from "../ics/rule/expand";
import { HOUR, DAY } from "../time/units";

import type { Window } from "../time/window";

export type { Window } from "../time/window";

/** One occurrence: `[start, end)` in UTC epoch milliseconds. */
export interface Occurrence {
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly allDay: boolean;
  readonly transparent: boolean;
  readonly summary?: string;
  readonly status?: EventStatus;
  readonly busyStatus?: BusyStatus;
  /** The original start of the instance this occurrence stands for (recurring events only). */
  readonly recurrenceId?: number;
  /** The component it came from (a master or an override): attendees, source and the rest. */
  readonly event: CalendarEvent;
}

export interface ExpandOptions {
  /** IANA zone that all-day and floating times are read in. */
  readonly viewerZone: string;
  /** Instances walked per rule before giving up with a warning (default 200,000). */
  readonly maxStepsPerRule?: number;
  /** Occurrences returned in all before giving up with a warning (default 1,000,000). */
  readonly maxOccurrences?: number;
}

export interface Expansion {
  readonly occurrences: Occurrence[];
  readonly warnings: ImportIssue[];
}

interface Ctx {
  readonly viewer: ZoneRules;
  readonly window: Window;
  readonly maxSteps: number;
  readonly warnings: ImportIssue[];
}

/** The zone an event's wall-clock times are in: its own, the viewer's (floating, all-day) or UTC. */
function wallZone(v: DateValue, viewer: ZoneRules): ZoneRules {
  switch (v.kind) {
    case "zoned":
      return v.zone;
    case "utc":
      return UTC_ZONE;
    default:
      return viewer;
  }
}

function wallOf(v: DateValue): number {
  return v.kind === "utc" ? v.utc : v.wall;
}

/** A value as a UTC instant (floating and all-day read in the viewer's zone). */
function instantOf(v: DateValue, viewer: ZoneRules): number {
  switch (v.kind) {
    case "utc":
      return v.utc;
    case "zoned":
      return v.zone.wallToUtc(v.wall);
    default:
      return viewer.wallToUtc(v.wall);
  }
}

/** A value as a wall time in `zone` (converting through the instant when zones differ). */
function wallIn(v: DateValue, zone: ZoneRules, viewer: ZoneRules): number {
  if (v.kind === "date" || v.kind === "floating") return v.wall;
  if (v.kind === "zoned" && v.zone === zone) return v.wall;
  const utc = instantOf(v, viewer);
  return utc + zone.offsetAt(utc);
}

/** How an instance starting at a wall time ends. */
interface Length {
  /** UTC end for an instance starting at `wall` (whose UTC start is `startUtc`). */
  end(wall: number, startUtc: number): number;
  /** Generous upper bound of the length in ms, to widen the wall-clock search range. */
  readonly bound: number;
}

function nominalLength(zone: ZoneRules, d: NominalDuration): Length {
  const days = d.sign * d.days;
  const secs = d.sign * d.seconds * 1000;
  return {
    end: (wall, startUtc) => (days === 0 ? startUtc + secs : Math.max(startUtc, zone.wallToUtc(wall + days * DAY) + secs)),
    bound: Math.abs(days) * DAY + Math.abs(secs) + 2 * HOUR,
  };
}

function lengthOf(ev: CalendarEvent, zone: ZoneRules, viewer: ZoneRules, ctx: Ctx): Length {
  const allDay = ev.start.kind === "date";
  if (allDay) {
    let days = 1;
    if (ev.end) {
      const endWall = ev.end.kind === "date" ? ev.end.wall : wallIn(ev.end, zone, viewer);
      days = Math.max(1, Math.round((Date.UTC(...ymd(endWall)) - ev.start.wall) / DAY));
    } else if (ev.duration) {
      days = Math.max(1, ev.duration.sign * ev.duration.days + Math.ceil((ev.duration.sign * ev.duration.seconds) / 86400));
    }
    return { end: (wall) => zone.wallToUtc(wall + days * DAY), bound: days * DAY + 2 * HOUR };
  }
  if (ev.end) {
    const startUtc = instantOf(ev.start, viewer);
    const endValue: DateValue = ev.end.kind === "floating" && ev.start.kind === "zoned" ? { kind: "zoned", wall: ev.end.wall, zone: ev.start.zone } : ev.end;
    let exact = instantOf(endValue, viewer) - startUtc;
    if (exact < 0) {
      ctx.warnings.push({
        code: "END_BEFORE_START",
        severity: "warning",
        ...(ev.line !== undefined ? { line: ev.line } : {}),
        uid: ev.uid,
        message: `${eventPlace(ev)} ends before it starts; it is treated as having no length.`,
      });
      exact = 0;
    }
    return { end: (_w, s) => s + exact, bound: exact };
  }
  if (ev.duration) return nominalLength(zone, ev.duration);
  return { end: (_w, s) => s, bound: 0 };
}

function ymd(wall: number): [number, number, number] {
  const d = new Date(wall);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

function dateOf(wall: number): number {
  return Math.floor(wall / DAY) * DAY;
}

function overlaps(start: number, end: number, w: Window): boolean {
  return start === end ? start >= w.from && start < w.to : end > w.from && start < w.to;
}

function occurrence(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): Occurrence {
  const o: { -readonly [K in keyof Occurrence]: Occurrence[K] } = {
    uid: ev.uid,
    start,
    end,
    allDay: ev.start.kind === "date",
    transparent: ev.transparent,
    event: ev,
  };
  if (ev.summary !== undefined) o.summary = ev.summary;
  if (ev.status !== undefined) o.status = ev.status;
  if (ev.busyStatus !== undefined) o.busyStatus = ev.busyStatus;
  if (recurrenceId !== undefined) o.recurrenceId = recurrenceId;
  return o;
}

/** A matcher for EXDATE / RECURRENCE-ID values against instances of a series. */
class InstanceKeySet<T> {
  private readonly byInstant = new Map<number, T>();
  private readonly byDate = new Map<number, T>();
  private readonly byWall = new Map<number, T>();
  constructor(
    private readonly seriesZone: ZoneRules,
    private readonly viewer: ZoneRules,
    private readonly seriesAllDay: boolean,
  ) {}
  add(v: DateValue, value: T): void {
    if (v.kind === "date") this.byDate.set(v.wall, value);
    else if (this.seriesAllDay) this.byDate.set(dateOf(wallIn(v, this.seriesZone, this.viewer)), value);
    else if (v.kind === "floating") this.byWall.set(v.wall, value);
    else this.byInstant.set(instantOf(v, this.viewer), value);
  }
  get size(): number {
    return this.byInstant.size + this.byDate.size + this.byWall.size;
  }
  get(wall: number, utc: number): T | undefined {
    return this.byInstant.get(utc) ?? this.byWall.get(wall) ?? (this.byDate.size > 0 ? this.byDate.get(dateOf(wall)) : undefined);
  }
}

function isCancelled(ev: CalendarEvent): boolean {
  return ev.status === "CANCELLED";
}

function expandSingle(ev: CalendarEvent, ctx: Ctx, out: Occurrence[]): void {
  if (isCancelled(ev)) return;
  const zone = wallZone(ev.start, ctx.viewer);
  const startUtc = instantOf(ev.start, ctx.viewer);
  const len = lengthOf(ev, zone, ctx.viewer, ctx);
  const end = len.end(wallOf(ev.start), startUtc);
  if (overlaps(startUtc, end, ctx.window)) out.push(occurrence(ev, startUtc, end, ev.recurrenceId ? instantOf(ev.recurrenceId, ctx.viewer) : undefined));
}

function untilWallFor(ev: CalendarEvent, zone: ZoneRules, ctx: Ctx, until: DateValue | undefined): { wall?: number; utc?: number } {
  if (!until) return {};
  switch (until.kind) {
    case "utc":
      // Compared as an instant below; the wall bound only needs to be generous.
      return { wall: until.utc + zone.offsetAt(until.utc) + 2 * HOUR, utc: until.utc };
    case "date":
      // A DATE UNTIL includes that whole date.
      return ev.start.kind === "date" ? { wall: until.wall } : { wall: until.wall + DAY - 1 };
    case "floating":
      return { wall: until.wall };
    case "zoned":
      return { wall: wallIn(until, zone, ctx.viewer) };
  }
}

function expandSeries(master: CalendarEvent, overrides: readonly CalendarEvent[], ctx: Ctx, out: Occurrence[]): void {
  const viewer = ctx.viewer;
  const zone = wallZone(master.start, viewer);
  const allDay = master.start.kind === "date";
  const dtstartWall = wallOf(master.start);
  const len = lengthOf(master, zone, viewer, ctx);

  const byRid = new InstanceKeySet<CalendarEvent>(zone, viewer, allDay);
  // RANGE=THISANDFUTURE: from its RECURRENCE-ID on, instances move by the same wall-clock shift
  // (so a move across a DST change keeps the local time) and take the override's length.
  const futureOverrides: { from: number; ev: CalendarEvent; deltaWall: number }[] = [];
  let maxShift = 0;
  for (const ov of overrides) {
    if (!ov.recurrenceId) continue;
    byRid.add(ov.recurrenceId, ov);
    if (ov.thisAndFuture) {
      const ridUtc = instantOf(ov.recurrenceId, viewer);
      const deltaWall = wallIn(ov.start, zone, viewer) - wallIn(ov.recurrenceId, zone, viewer);
      futureOverrides.push({ from: ridUtc, ev: ov, deltaWall });
      maxShift = Math.max(maxShift, Math.abs(deltaWall));
    }
    // Every override stands on its own: it may move an instance into the window from far away.
    expandSingle(ov, ctx, out);
  }
  futureOverrides.sort((a, b) => a.from - b.from);

  if (isCancelled(master)) return;

  const exdates = new InstanceKeySet<true>(zone, viewer, allDay);
  for (const x of master.exdates) exdates.add(x, true);

  // Wall-clock search range: the window in this zone's wall time, widened by the longest instance,
  // two hours for an offset change at either edge, and any THISANDFUTURE shift; instants are
  // filtered exactly below.
  const lo = ctx.window.from + zone.offsetAt(ctx.window.from) - len.bound - 2 * HOUR - maxShift;
  const hi = ctx.window.to + zone.offsetAt(ctx.window.to) + 2 * HOUR + maxShift;

  // Instances as (wall, utc). Rule instances are wall-clock times in the series' zone; RDATEs in
  // UTC or another zone keep their own instant (an hour in a fall-back overlap stays the one named).
  // Parallel arrays rather than an object per instance: a 50k-event calendar has 200k of them.
  const instUtc: number[] = [];
  const instWall: number[] = [];
  let periodOf: Map<number, PeriodValue> | undefined; // by UTC start, for RDATE;VALUE=PERIOD
  let sources = 0; // how many lists were appended (more than one → sort and deduplicate)
  const addWall = (wall: number, period?: PeriodValue) => {
    const utc = zone.wallToUtc(wall);
    instUtc.push(utc);
    instWall.push(wall);
    if (period) (periodOf ??= new Map()).set(utc, period);
  };
  if (dtstartWall >= lo && dtstartWall <= hi) addWall(dtstartWall);
  for (const rule of master.rrules) {
    const until = untilWallFor(master, zone, ctx, rule.until);
    const res = expandRule(rule, dtstartWall, lo, hi, { maxSteps: ctx.maxSteps, untilWall: until.wall });
    let ws = res.walls;
    if (until.utc !== undefined) {
      const u = until.utc;
      ws = ws.filter((w) => zone.wallToUtc(w) <= u);
    }
    if (res.countExhaustedWithoutDtstart && res.lastCounted !== undefined) {
      const drop = res.lastCounted;
      ws = ws.filter((w) => w !== drop);
    }
    sources++;
    for (const w of ws) addWall(w);
    if (res.capped) {
      ctx.warnings.push({
        code: "EXPANSION_CAPPED",
        severity: "warning",
        line: rule.line,
        uid: master.uid,
        message: `The rule at line ${rule.line} (${rule.text}) produces more than ${ctx.maxSteps.toLocaleString("en-US")} instances before the end of the window; only those were used. Narrow the window to see the rest.`,
      });
    }
  }
  for (const rd of master.rdates) {
    const v = rd.kind === "period" ? rd.start : rd;
    const period = rd.kind === "period" ? rd : undefined;
    if (v.kind === "date" && !allDay) {
      // A DATE in the RDATE list of a timed series: that date at DTSTART's time of day.
      const w = v.wall + (dtstartWall - dateOf(dtstartWall));
      if (w >= lo - (period ? 366 * DAY : 0) && w <= hi) addWall(w, period);
    } else if (v.kind === "utc" || (v.kind === "zoned" && v.zone !== zone)) {
      const utc = instantOf(v, viewer);
      const w = utc + zone.offsetAt(utc);
      if (w >= lo - (period ? 366 * DAY : 0) && w <= hi) {
        instUtc.push(utc);
        instWall.push(w);
        if (period) (periodOf ??= new Map()).set(utc, period);
      }
    } else {
      const w = wallIn(v, zone, viewer);
      if (w >= lo - (period ? 366 * DAY : 0) && w <= hi) addWall(w, period);
    }
  }

  if (master.rdates.length > 0) sources = 2; // RDATEs come in any order
  // Instances in UTC order, each once (RFC 5545: duplicates count once). A single rule yields them
  // in order already; DTSTART is never after its rule's first instance.
  let order: number[] | undefined;
  if (sources > 1) order = instUtc.map((_u, i) => i).sort((a, b) => (instUtc[a] as number) - (instUtc[b] as number));
  let prevUtc = Number.NaN;
  for (let k = 0; k < instUtc.length; k++) {
    const i = order ? (order[k] as number) : k;
    const startUtc = instUtc[i] as number;
    if (startUtc === prevUtc) continue;
    prevUtc = startUtc;
    const wall = instWall[i] as number;
    if (exdates.size > 0 && exdates.get(wall, startUtc)) continue;
    if (byRid.size > 0 && byRid.get(wall, startUtc)) continue;
    let ev = master;
    let s = startUtc;
    let e: number;
    const period = periodOf?.get(startUtc);
    if (period) {
      e = period.end ? instantOf(period.end, viewer) : period.duration ? nominalLength(zone, period.duration).end(wall, startUtc) : len.end(wall, startUtc);
    } else {
      e = len.end(wall, startUtc);
    }
    // RANGE=THISANDFUTURE: the latest such override at or before this instance reshapes it.
    if (futureOverrides.length > 0) {
      let f: (typeof futureOverrides)[number] | undefined;
      for (const fo of futureOverrides) if (fo.from <= startUtc) f = fo;
      if (f) {
        if (isCancelled(f.ev)) continue;
        const ovZone = wallZone(f.ev.start, viewer);
        const ovLen = lengthOf(f.ev, ovZone, viewer, ctx);
        ev = f.ev;
        const movedWall = wall + f.deltaWall;
        s = zone.wallToUtc(movedWall);
        e = ovLen.end(movedWall, s);
      }
    }
    if (overlaps(s, e, ctx.window)) out.push(occurrence(ev, s, e, startUtc));
  }
}

/**
 * Expands events (masters, single events and RECURRENCE-ID overrides, in any order) into the
 * occurrences that overlap `window`, sorted by start then uid. Cancelled events and instances,
 * excluded dates and overridden originals do not appear; transparent ones do, marked.
 *
 * @example
 * const { occurrences } = expandEvents(calendar.events,
 *   { from: Date.parse("2027-01-11T00:00:00Z"), to: Date.parse("2027-05-01T00:00:00Z") },
 *   { viewerZone: "America/New_York" });
 */
export function expandEvents(events: readonly CalendarEvent[], window: Window, options: ExpandOptions): Expansion {
  if (!(window.to > window.from)) throw new RangeError("The window's end must be after its start.");
  const ctx: Ctx = {
    viewer: requireZone(options.viewerZone),
    window,
    maxSteps: options.maxStepsPerRule ?? 200_000,
    warnings: [],
  };
  const masters = new Map<string, CalendarEvent>();
  const overrides = new Map<string, CalendarEvent[]>();
  // Series are keyed by source and UID: two uploaded files may reuse a UID for different events.
  const keyOf = (ev: CalendarEvent) => (ev.source === undefined ? ev.uid : `${ev.source}\u0000${ev.uid}`);
  for (const ev of events) {
    const key = keyOf(ev);
    if (ev.recurrenceId) {
      const list = overrides.get(key);
      if (list) list.push(ev);
      else overrides.set(key, [ev]);
    } else {
      // A single event may still be the master of overrides.
      masters.set(key, ev);
    }
  }
  const out: Occurrence[] = [];
  for (const [uid, master] of masters) {
    const ovs = overrides.get(uid) ?? [];
    if (master.rrules.length === 0 && master.rdates.length === 0 && ovs.length === 0) expandSingle(master, ctx, out);
    else expandSeries(master, ovs, ctx, out);
  }
  // Overrides whose master is missing are events of their own.
  for (const [uid, ovs] of overrides) if (!masters.has(uid)) for (const ov of ovs) expandSingle(ov, ctx, out);

  const max = options.maxOccurrences ?? 1_000_000;
  sortOccurrences(out);
  if (out.length > max) {
    ctx.warnings.push({
      code: "EXPANSION_CAPPED",
      severity: "warning",
      message: `The window holds more than ${max.toLocaleString("en-US")} occurrences; only the first ${max.toLocaleString("en-US")} are used. Narrow the window.`,
    });
    out.length = max;
  }
  return { occurrences: out, warnings: ctx.warnings };
}

function uidEnd(a: Occurrence, b: Occurrence): number {
  return (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) || a.end - b.end;
}

function byStartUidEnd(a: Occurrence, b: Occurrence): number {
  return a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) || a.end - b.end;
}

/**
 * Sorts in place by start, then uid, then end. Large lists sort a Float64Array of packed keys
 * (seconds since the earliest start × 2^22 + index) natively, then order runs of equal starts:
 * several times faster than a comparator sort of objects.
 */
function sortOccurrences(out: Occurrence[]): void {
  const n = out.length;
  if (n < 2048 || n >= 1 << 22) {
    out.sort(byStartUidEnd);
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const o of out) {
    if (o.start < min) min = o.start;
    if (o.start > max) max = o.start;
  }
  const spanSeconds = Math.ceil((max - min) / 1000) + 1;
  const exactSeconds = out.every((o) => (o.start - min) % 1000 === 0);
  if (!exactSeconds || spanSeconds * 2 ** 22 >= 2 ** 53) {
    out.sort(byStartUidEnd);
    return;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((out[i] as Occurrence).start - min) / 1000 * 4194304 + i;
  keys.sort();
  const copy = out.slice();
  for (let i = 0; i < n; i++) out[i] = copy[(keys[i] as number) % 4194304] as Occurrence;
  // Runs of equal starts: order by uid, then end (insertion sort: runs are short and often sorted).
  for (let i = 0; i < n; ) {
    let j = i + 1;
    const start = (out[i] as Occurrence).start;
    while (j < n && (out[j] as Occurrence).start === start) j++;
    if (j - i > 32) {
      // A long run (many all-day events on one date): a real sort, not quadratic insertion.
      const run = out.slice(i, j).sort(uidEnd);
      for (let k = 0; k < run.length; k++) out[i + k] = run[k] as Occurrence;
      i = j;
      continue;
    }
    for (let a = i + 1; a < j; a++) {
      const x = out[a] as Occurrence;
      let b = a - 1;
      while (b >= i && uidEnd(out[b] as Occurrence, x) > 0) {
        out[b + 1] = out[b] as Occurrence;
        b--;
      }
      out[b + 1] = x;
    }
    i = j;
  }
}
