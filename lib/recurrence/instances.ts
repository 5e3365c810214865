/**
 * The instances of one recurring series inside a wall-clock range: DTSTART, each RRULE's instances
 * and the RDATEs, in UTC order, each once (RFC 5545: duplicates count once). Rule instances are
 * wall-clock times in the series' zone; RDATEs in UTC or another zone keep their own instant (an
 * hour in a fall-back overlap stays the one named). EXDATEs and overrides are applied by the caller.
 */
import type { CalendarEvent, DateValue, ImportIssue, PeriodValue } from "../calendar";
import { expandRule } from "../ics/rule/expand";
import type { ZoneRules } from "../time/zone";
import { HOUR, DAY } from "../time/units";
import type { Length } from "./length";
import { dateOf, instantOf, wallIn } from "./values";

/** What a series is, once: its zone, whether all-day, its DTSTART and its instances' length. */
export interface SeriesShape {
  readonly master: CalendarEvent;
  readonly zone: ZoneRules;
  readonly viewer: ZoneRules;
  readonly allDay: boolean;
  readonly dtstartWall: number;
  readonly dtstartUtc: number;
  readonly len: Length;
}

/** Instances in UTC order (parallel arrays: a 50k-event calendar has 200k of them). */
export interface InstanceList {
  readonly utc: number[];
  readonly wall: number[];
  /** RDATE;VALUE=PERIOD entries, by the UTC start of their instance. */
  readonly periods: ReadonlyMap<number, PeriodValue> | undefined;
  /** The wall-clock range the list covers. */
  readonly lo: number;
  readonly hi: number;
  /** True when the step budget cut a rule short (the list may lack instances). */
  readonly cut: boolean;
}

/** What listing instances may spend, and where it reports a rule cut short by its own cap. */
export interface InstanceBudget {
  readonly maxStepsPerRule: number;
  stepsLeft(): number;
  spend(steps: number): void;
  /** DTSTART is excluded: then COUNT counts the rule's own instances (see docs/engine.md). */
  readonly dtstartExcluded: boolean;
}

/** UNTIL as a wall-clock bound in the series' zone (and as an instant, when it is one). */
function untilBound(shape: SeriesShape, until: DateValue | undefined): { wall?: number; utc?: number } {
  if (!until) return {};
  if (shape.allDay) {
    // An all-day series ends on the date UNTIL names in its own zone (a UTC one: in UTC; the import
    // already turned Outlook's UTC midnights into dates), whoever looks at it.
    return { wall: dateOf(until.kind === "utc" ? until.utc : until.wall) };
  }
  switch (until.kind) {
    case "utc":
      // Compared as an instant below; the wall bound only needs to be generous.
      return { wall: until.utc + shape.zone.offsetAt(until.utc) + 2 * HOUR, utc: until.utc };
    case "date":
      // A DATE UNTIL includes that whole date.
      return { wall: until.wall + DAY - 1 };
    case "floating":
      return { wall: until.wall };
    case "zoned":
      return { wall: wallIn(until, shape.zone, shape.viewer) };
  }
}

class Collector {
  readonly utc: number[] = [];
  readonly wall: number[] = [];
  periods: Map<number, PeriodValue> | undefined;
  lists = 0;
  constructor(private readonly zone: ZoneRules) {}
  addWall(wall: number, period?: PeriodValue): void {
    this.addInstant(this.zone.wallToUtc(wall), wall, period);
  }
  addInstant(utc: number, wall: number, period?: PeriodValue): void {
    this.utc.push(utc);
    this.wall.push(wall);
    if (period) (this.periods ??= new Map()).set(utc, period);
  }
}

function addRules(shape: SeriesShape, lo: number, hi: number, budget: InstanceBudget, out: Collector, cappedTo: ImportIssue[] | undefined): boolean {
  let cut = false;
  for (const rule of shape.master.rrules) {
    const until = untilBound(shape, rule.until);
    const maxSteps = Math.min(budget.maxStepsPerRule, budget.stepsLeft());
    const res = expandRule(rule, shape.dtstartWall, lo, hi, { maxSteps, untilWall: until.wall });
    budget.spend(res.steps);
    let walls = res.walls;
    if (until.utc !== undefined) {
      const u = until.utc;
      walls = walls.filter((w) => shape.zone.wallToUtc(w) <= u);
    }
    if (res.countExhaustedWithoutDtstart && res.lastCounted !== undefined && !budget.dtstartExcluded) {
      const drop = res.lastCounted;
      walls = walls.filter((w) => w !== drop);
    }
    out.lists++;
    for (const w of walls) {
      out.utc.push(shape.zone.wallToUtc(w));
      out.wall.push(w);
    }
    if (res.capped && maxSteps < budget.maxStepsPerRule) cut = true;
    else if (res.capped) cappedTo?.push(ruleCapped(shape.master, rule, budget.maxStepsPerRule));
  }
  return cut;
}

function ruleCapped(master: CalendarEvent, rule: CalendarEvent["rrules"][number], max: number): ImportIssue {
  return {
    code: "EXPANSION_CAPPED",
    severity: "warning",
    line: rule.line,
    uid: master.uid,
    message: `The rule at line ${rule.line} (${rule.text}) takes more than ${max.toLocaleString("en-US")} steps to reach the end of the window (it repeats very often, or is counted from a start long before); only the instances found by then were used. Narrow the window to see the rest.`,
  };
}

function addRdates(shape: SeriesShape, lo: number, hi: number, out: Collector): void {
  const { master, zone, viewer, allDay, dtstartWall } = shape;
  for (const rd of master.rdates) {
    const v = rd.kind === "period" ? rd.start : rd;
    const period = rd.kind === "period" ? rd : undefined;
    const from = lo - (period ? 366 * DAY : 0);
    if (v.kind === "date" && !allDay) {
      // A DATE in the RDATE list of a timed series: that date at DTSTART's time of day.
      const w = v.wall + (dtstartWall - dateOf(dtstartWall));
      if (w >= from && w <= hi) out.addWall(w, period);
    } else if (v.kind === "utc" || (v.kind === "zoned" && v.zone !== zone)) {
      const utc = instantOf(v, viewer);
      const w = utc + zone.offsetAt(utc);
      if (w >= from && w <= hi) out.addInstant(utc, w, period);
    } else {
      const w = wallIn(v, zone, viewer);
      if (w >= from && w <= hi) out.addWall(w, period);
    }
  }
  if (master.rdates.length > 0) out.lists = 2; // RDATEs come in any order
}

/**
 * The instances of `shape`'s series whose wall-clock start lies in `[lo, hi]`, in UTC order. A rule
 * that hits `maxStepsPerRule` is reported into `cappedTo`, when given.
 *
 * @example
 * seriesInstances(shape, Date.UTC(2027, 0, 1), Date.UTC(2027, 1, 1), budget).utc.length // 5 for a weekly series
 */
export function seriesInstances(shape: SeriesShape, lo: number, hi: number, budget: InstanceBudget, cappedTo?: ImportIssue[]): InstanceList {
  const out = new Collector(shape.zone);
  if (shape.dtstartWall >= lo && shape.dtstartWall <= hi) out.addWall(shape.dtstartWall);
  const cut = addRules(shape, lo, hi, budget, out, cappedTo);
  budget.spend(shape.master.rdates.length);
  addRdates(shape, lo, hi, out);
  return { ...inOrder(out), periods: out.periods, lo, hi, cut };
}

function strictlyRising(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as number) <= (list[i - 1] as number)) return false;
  return true;
}

/** The collected instances in UTC order, each once. */
function inOrder(out: Collector): { utc: number[]; wall: number[] } {
  // A single rule yields its instances in order already, and DTSTART is never after its first;
  // but wall times in a spring-forward gap land on the instants after it (RFC 5545 §3.3.5), so a
  // sub-hourly rule can repeat instants there: then sort and drop the repeats.
  if (out.lists <= 1 && strictlyRising(out.utc)) return out;
  const order = out.utc.map((_u, i) => i).sort((a, b) => (out.utc[a] as number) - (out.utc[b] as number));
  const utc: number[] = [];
  const wall: number[] = [];
  for (const i of order) {
    const u = out.utc[i] as number;
    if (u === utc[utc.length - 1]) continue;
    utc.push(u);
    wall.push(out.wall[i] as number);
  }
  return { utc, wall };
}
