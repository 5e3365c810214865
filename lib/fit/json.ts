/**
 * The check's JSON: DESIGN.md's contract ({@link fitJson}, shared by the CLI and `POST /api/check`)
 * and the richer, additive details the results page draws from ({@link fitDetails}).
 */
import type { Occurrence } from "../recurrence/expand";
import { classifyOccurrence } from "../busy";
import { formatTimeRange, formatZoneAbbreviation, localIsoDate } from "../time/format";
import { isoUtc } from "../time/parse";
import { requireZone, type ZoneRules } from "../time/zone";
import { isoDateOfDay } from "../time/civil";
import { describeSection, type FitResult, type FitWarning, type SectionFit } from "./check";
import { dayLabel, periodLabel } from "./labels";
import { busyPreferencesOf, type FitPreferences } from "./preferences";
import { MINUTE, HOUR, DAY } from "../time/units";
import { plural } from "../words";

/**
 * The result as DESIGN.md's JSON contract: `sections` (each `live` with `missed`, `partial` and
 * every conflict's `partial`), the additive `courses`, `plan` with `--together`, and the top-level
 * `warnings` ({@link FitResult.warnings}, `[]` when there are none).
 *
 * @example
 * fitJson(runCheck(request).result).warnings // [{ code: "CALENDAR_EMPTY_IN_TERM", message: "…" }]
 */
export function fitJson(result: FitResult): FitJson {
  return {
    sections: result.sections.map((s) => ({
      sectionId: s.section.id,
      courseId: s.course.id,
      format: s.section.format,
      verdict: s.verdict,
      reasons: s.reasons,
      live: s.live
        ? {
            sessions: s.live.sessions.length,
            missed: s.live.missed,
            partial: s.live.partial,
            conflicts: s.live.conflicts.map((c) => ({ start: isoUtc(c.session.start), end: isoUtc(c.session.end), overlapMinutes: c.overlapMinutes, partial: c.partial })),
          }
        : null,
      async: s.async
        ? { weeks: s.async.weeks.map((w) => ({ start: isoUtc(w.start), end: isoUtc(w.end), requiredHours: w.requiredHours, availableHours: w.availableHours, feasible: w.feasible })) }
        : null,
    })),
    courses: result.courses.map((c) => ({ courseId: c.course.id, sectionIds: c.sectionIds, summary: c.summary, best: c.best })),
    ...(result.plan
      ? {
          plan: {
            sectionIds: result.plan.sectionIds,
            verdict: result.plan.verdict,
            reasons: result.plan.reasons,
            clashes: result.plan.clashes.map((c) => ({
              a: { sectionId: c.a.sectionId, start: isoUtc(c.a.start), end: isoUtc(c.a.end) },
              b: { sectionId: c.b.sectionId, start: isoUtc(c.b.start), end: isoUtc(c.b.end) },
              overlapMinutes: c.overlapMinutes,
            })),
            weeks: result.plan.weeks.map((w) => ({ start: isoUtc(w.start), end: isoUtc(w.end), requiredHours: w.requiredHours, availableHours: w.availableHours, feasible: w.feasible })),
          },
        }
      : {}),
    warnings: (result.warnings ?? []).map(warningJson),
  };
}

/** A warning as JSON: `code` and `message` first, then `source` and `line` when known. */
export function warningJson(w: FitWarning): FitJsonWarning {
  return { code: w.code, message: w.message, ...(w.source !== undefined ? { source: w.source } : {}), ...(w.line !== undefined ? { line: w.line } : {}) };
}

/** One top-level warning: what to know before trusting the answer (docs/fit.md lists the codes). */
export interface FitJsonWarning {
  code: string;
  message: string;
  source?: string;
  line?: number;
}

export interface FitJsonWeek {
  start: string;
  end: string;
  requiredHours: number;
  availableHours: number;
  feasible: boolean;
}

/** DESIGN.md's `check --json` shape, plus the additive `courses` (and `plan` with `--together`). */
export interface FitJson {
  sections: {
    sectionId: string;
    courseId: string;
    format: string;
    verdict: string;
    reasons: readonly string[];
    live: { sessions: number; missed: number; partial: number; conflicts: { start: string; end: string; overlapMinutes: number; partial: boolean }[] } | null;
    async: { weeks: FitJsonWeek[] } | null;
  }[];
  courses: { courseId: string; sectionIds: readonly string[]; summary: string; best: readonly string[] }[];
  plan?: {
    sectionIds: readonly string[];
    verdict: string;
    reasons: readonly string[];
    clashes: { a: { sectionId: string; start: string; end: string }; b: { sectionId: string; start: string; end: string }; overlapMinutes: number }[];
    weeks: FitJsonWeek[];
  };
  warnings: FitJsonWarning[];
}

/** One live session as the results page lists it, in the learner's zone. */
export interface SessionDetail {
  start: string;
  end: string;
  /** The learner's local date, YYYY-MM-DD. */
  date: string;
  /** `Tue 12 Jan 2027, 18:30–20:00` in the learner's zone. */
  local: string;
  /** The same session in the section's own zone. */
  sectionLocal: string;
  /** Its learner-local start differs from the pattern's usual one (a DST-mismatch week). */
  shifted: boolean;
  /** More than half of it lies in the learner's sleep hours. */
  night: boolean;
  /** Its weekday in the learner's zone, 0 = Monday … 6 = Sunday (for the week grid). */
  weekday: number;
  /** Its start and end in minutes after the learner's local midnight of `date` (wall clock; the end above 1440 past midnight). */
  startMinute: number;
  endMinute: number;
  /**
   * Its clash: minutes of busy time, whether it is attended late or left early (`partial`) with the
   * minutes at the start (`lateMinutes`) and the end (`earlyMinutes`), and the events in the way.
   */
  conflict: { overlapMinutes: number; partial: boolean; lateMinutes: number; earlyMinutes: number; with: string[] } | null;
}

export interface WeekDetail extends FitJsonWeek {
  /** `Mon 11 Jan – Sun 17 Jan`: the days the period covers in the learner's zone (labels.ts, periodLabel). */
  label: string;
  slackHours: number;
  crunch: boolean;
}

export interface SectionDetail {
  sectionId: string;
  courseId: string;
  courseTitle: string;
  format: string;
  verdict: string;
  reasons: readonly string[];
  /** The same reasons about the learner rather than to them ("the learner's time"), for a shared report. */
  sharedReasons: readonly string[];
  /** The verdict's facts in one short line, for a summary cell ("16 of 29 sessions missed; 1 crunch week"); in no one's voice, so a shared report says it too. */
  headline: string;
  sectionTimeZone: string;
  recordings: string | null;
  live: {
    attendancePercent: number;
    missed: number;
    /** Sessions joined late or left early. */
    partial: number;
    /** Sessions in the learner's sleep hours. */
    night: number;
    shifts: { usual: string; shifted: string; dates: readonly string[] }[];
    sessions: SessionDetail[];
    /** The learner's usual busy week over this section's term, for the week grid. */
    weekGrid: WeekGridDetail;
  } | null;
  async: {
    hoursPerWeek: number;
    unmet: { title: string; due: string }[];
    weeks: WeekDetail[];
    studyBlocks: number;
    /** The section's own study plan, week by week (Monday-first, learner-local; only weeks with a block), for the preview. */
    planWeeks: PlanWeekDetail[];
  } | null;
}

/** A place on the learner's wall clock: weekday (0 = Monday) and minutes after local midnight (the end above 1440 past midnight). */
export interface WallSpanDetail {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/**
 * The learner's usual week over a term, in half hours of the wall clock: for each weekday, how
 * many of the term's weeks have it (`weeks`), and per slot in how many of them some of the slot is
 * busy (`busy[weekday][slot]`). A clock change does not move a slot: 18:00 is 18:00 all term.
 */
export interface WeekGridDetail {
  slotMinutes: number;
  weeks: number[];
  busy: number[][];
}

/** One week of a study plan: the plan's blocks in it (its busy time is in {@link FitDetails.busyWeeks}). */
export interface PlanWeekDetail {
  /** The Monday, YYYY-MM-DD (learner-local). */
  weekOf: string;
  blocks: (WallSpanDetail & { title: string })[];
}

/** One learner-local Monday-first week with its days named and its busy time on the wall clock. */
export interface BusyWeekDetail {
  /** The Monday, YYYY-MM-DD. */
  weekOf: string;
  /** `Mon 11 Jan – Sun 17 Jan`. */
  label: string;
  /** `11 Jan` … `17 Jan`. */
  dayLabels: string[];
  busy: WallSpanDetail[];
}

/** Busy minutes per local day of the term, Monday-first weeks: the term's picture. */
export interface HeatWeek {
  /** The Monday, YYYY-MM-DD. */
  start: string;
  days: { date: string; busyMinutes: number; inTerm: boolean }[];
}

/** An event the learner may ignore in a what-if, with what it costs them over the term. */
export interface BusyEventSummary {
  uid: string;
  summary: string;
  occurrences: number;
  hours: number;
  ignored: boolean;
}

export interface FitDetails {
  timeZone: string;
  sections: SectionDetail[];
  heat: HeatWeek[];
  events: BusyEventSummary[];
  /** The weeks some section's study plan has blocks in, with their busy time: what a plan's preview draws the blocks over. */
  busyWeeks: BusyWeekDetail[];
}

/**
 * What the results page shows beyond the contract: every session in the learner's zone with its
 * clash and DST shift, weeks with crunch marks, busy minutes per day, and the events behind the
 * busy time (titles included: this goes to the learner's own screen only).
 *
 * @example
 * fitDetails(result, occurrences, prefs, { maxEvents: 40 }).sections[0].live?.sessions[0].local // "Tue 12 Jan 2027, 18:30–20:00"
 */
export function fitDetails(result: FitResult, occurrences: readonly Occurrence[], prefs: FitPreferences, options: { maxEvents?: number } = {}): FitDetails {
  const zone = prefs.timeZone;
  const rules = requireZone(zone);
  // Sections of one term share their usual week: computed once per term.
  const grids = new Map<string, WeekGridDetail>();
  const sections: SectionDetail[] = result.sections.map((s) => {
    let live: SectionDetail["live"] = null;
    if (s.live) {
      const conflictByStart = new Map(s.live.conflicts.map((c) => [c.session.start, c]));
      const shiftedDates = new Set(s.live.shifts.flatMap((sh) => sh.dates));
      const night = new Set(s.live.night);
      live = {
        attendancePercent: Math.round(s.live.attendanceRate * 100),
        missed: s.live.missed,
        partial: s.live.partial,
        night: night.size,
        shifts: s.live.shifts.map((sh) => ({ usual: sh.usual, shifted: sh.shifted, dates: sh.dates })),
        weekGrid: usualWeek(result, s, rules, grids),
        sessions: s.live.sessions.map((session) => {
          const c = conflictByStart.get(session.start);
          const date = localIsoDate(session.start, zone);
          const place = wallPlace(session.start, session.end, rules);
          return {
            start: isoUtc(session.start),
            end: isoUtc(session.end),
            date,
            local: formatTimeRange(session.start, session.end, zone),
            sectionLocal: `${formatTimeRange(session.start, session.end, s.section.timeZone)} ${formatZoneAbbreviation(session.start, s.section.timeZone)}`,
            shifted: session.kind === "meeting" && shiftedDates.has(date),
            night: night.has(session),
            weekday: place.weekday,
            startMinute: place.startMinute,
            endMinute: place.endMinute,
            conflict: c
              ? { overlapMinutes: c.overlapMinutes, partial: c.partial, lateMinutes: c.lateMinutes, earlyMinutes: c.earlyMinutes, with: distinct(c.busy.map((b) => b.summary?.trim() || "Busy")) }
              : null,
          };
        }),
      };
    }
    let async: SectionDetail["async"] = null;
    if (s.async) {
      const crunch = new Set(s.async.crunchWeeks.map((w) => w.start));
      async = {
        hoursPerWeek: s.async.hoursPerWeek,
        unmet: s.async.plan.jobs.filter((j) => !j.met && j.job.sectionId === s.section.id).map((j) => ({ title: j.job.title, due: formatTimeRange(j.job.due, j.job.due, zone).replace(/–.*$/, "") })),
        weeks: s.async.weeks.map((w) => ({
          start: isoUtc(w.start),
          end: isoUtc(w.end),
          label: periodLabel(w.start, w.end, zone),
          requiredHours: w.requiredHours,
          availableHours: w.availableHours,
          slackHours: w.slackHours,
          feasible: w.feasible,
          crunch: crunch.has(w.start),
        })),
        studyBlocks: s.async.plan.blocks.filter((b) => b.sectionId === s.section.id).length,
        planWeeks: planWeeks(s, rules),
      };
    }
    return {
      sectionId: s.section.id,
      courseId: s.course.id,
      courseTitle: s.course.title,
      format: s.section.format,
      verdict: s.verdict,
      reasons: s.reasons,
      sharedReasons: describeSection(s, result.preferences, "advisor").reasons,
      headline: headlineOf(s),
      sectionTimeZone: s.section.timeZone,
      recordings: "recordings" in s.section && typeof s.section.recordings === "string" ? s.section.recordings : null,
      live,
      async,
    };
  });
  const planned = [...new Set(sections.flatMap((s) => s.async?.planWeeks.map((w) => w.weekOf) ?? []))].sort();
  return { timeZone: zone, sections, heat: heatWeeks(result, zone), events: busyEvents(occurrences, prefs, options.maxEvents ?? 40), busyWeeks: planned.map((w) => busyWeek(result, dayNumber(w), rules)) };
}

/**
 * What decides a section's verdict, in one line: missed sessions, sessions joined late or left
 * early, sessions in the sleep hours, then deadlines that cannot be met or crunch weeks.
 */
function headlineOf(fit: SectionFit): string {
  const parts: string[] = [];
  if (fit.live) {
    const n = fit.live.sessions.length;
    const night = fit.live.night.length;
    if (fit.live.missed > 0) parts.push(`${fit.live.missed} of ${plural(n, "session")} missed`);
    if (fit.live.partial > 0) parts.push(`${fit.live.partial} joined late or left early`);
    if (night > 0) parts.push(`${night} of ${plural(n, "session")} in the sleep hours`);
    if (parts.length === 0) parts.push(`no clash in ${plural(n, "session")}`);
  }
  if (fit.async) {
    if (fit.async.unmet > 0) parts.push(`${plural(fit.async.unmet, "deadline")} cannot be met`);
    else if (fit.async.crunchWeeks.length > 0) parts.push(plural(fit.async.crunchWeeks.length, "crunch week"));
    else parts.push(`room for ${fit.async.hoursPerWeek} h of study every week`);
  }
  const line = parts.join("; ");
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}`;
}

function distinct(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

const SLOT = 30 * MINUTE;
const SLOTS_PER_DAY = DAY / SLOT;

/** The day number (days since 1970-01-01) of a YYYY-MM-DD date. */
function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY;
}

/** 0 = Monday … 6 = Sunday for a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The learner's usual week over a section's term and where `[start, end)` sits on the learner's
 * wall clock: what a week grid draws, for a picture built outside the page's details (a term plan).
 *
 * @example
 * const place = wallPlaceIn(session.start, session.end, "America/New_York"); // { weekday: 1, startMinute: 1110, endMinute: 1200, day: … }
 */
export function wallPlaceIn(start: number, end: number, zone: string): WallSpanDetail & { day: number } {
  return wallPlace(start, end, requireZone(zone));
}

/** The learner's usual week over `fit`'s term (see {@link wallPlaceIn}). */
export function usualWeekOf(result: FitResult, fit: SectionFit, zone: string): WeekGridDetail {
  return usualWeek(result, fit, requireZone(zone), new Map());
}

/**
 * Where `[start, end)` sits on the wall clock of `rules`: its local day number and weekday, and
 * its start and end in minutes after that day's local midnight (the end past 1440 after midnight).
 * Wall-clock minutes, so a session at 18:30 is at 18:30 on either side of a clock change.
 */
function wallPlace(start: number, end: number, rules: ZoneRules): WallSpanDetail & { day: number } {
  const wallStart = start + rules.offsetAt(start);
  const wallEnd = end + rules.offsetAt(end);
  const day = Math.floor(wallStart / DAY);
  const startMinute = Math.round((wallStart - day * DAY) / MINUTE);
  return { day, weekday: weekdayOf(day), startMinute, endMinute: startMinute + Math.round((wallEnd - wallStart) / MINUTE) };
}

/** The first instant in `(lo, hi]` whose offset is not `off` (given that `hi`'s is not): a clock change. */
function clockChange(rules: ZoneRules, lo: number, hi: number, off: number): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (rules.offsetAt(mid) === off) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Walks `[start, end)` on the wall clock of `rules` in pieces that stop at every wall-clock
 * multiple of `step` (a half hour, a midnight) and at every clock change, handing each piece's
 * wall-clock start and end to `visit` (which stops the walk by returning false).
 */
function walkWall(start: number, end: number, rules: ZoneRules, step: number, visit: (wallStart: number, wallEnd: number) => boolean | void): void {
  let t = start;
  while (t < end) {
    const off = rules.offsetAt(t);
    const wall = t + off;
    let next = Math.min(end, (Math.floor(wall / step) + 1) * step - off);
    if (rules.offsetAt(next - 1) !== off) next = clockChange(rules, t, next - 1, off);
    if (visit(wall, next + off) === false) return;
    t = next;
  }
}

/**
 * The learner's usual week over a section's term (its start to its end date, learner-local
 * days): per weekday and half hour of the wall clock, in how many of the term's weeks some of it
 * is busy. Sections with the same term dates share one grid (`grids`).
 */
function usualWeek(result: FitResult, fit: SectionFit, rules: ZoneRules, grids: Map<string, WeekGridDetail>): WeekGridDetail {
  const key = `${fit.section.startDate}/${fit.section.endDate}`;
  const cached = grids.get(key);
  if (cached) return cached;
  const first = dayNumber(fit.section.startDate);
  const last = dayNumber(fit.section.endDate);
  const marks = new Uint8Array((last - first + 1) * SLOTS_PER_DAY);
  // A wall clock is at most a day away from UTC: two days either side cover every local day of the term.
  const from = (first - 2) * DAY;
  const to = (last + 3) * DAY;
  for (const b of result.busy) {
    if (b.end <= from || b.start >= to) continue;
    walkWall(Math.max(b.start, from), Math.min(b.end, to), rules, SLOT, (wallStart) => {
      const day = Math.floor(wallStart / DAY);
      if (day > last) return false;
      if (day >= first) marks[(day - first) * SLOTS_PER_DAY + Math.floor((wallStart - day * DAY) / SLOT)] = 1;
      return true;
    });
  }
  const weeks = [0, 0, 0, 0, 0, 0, 0];
  const busy = weeks.map(() => new Array<number>(SLOTS_PER_DAY).fill(0));
  for (let day = first; day <= last; day++) {
    const wd = weekdayOf(day);
    weeks[wd] = (weeks[wd] ?? 0) + 1;
    const row = busy[wd] as number[];
    for (let i = 0; i < SLOTS_PER_DAY; i++) row[i] = (row[i] ?? 0) + (marks[(day - first) * SLOTS_PER_DAY + i] ?? 0);
  }
  const grid = { slotMinutes: SLOT / MINUTE, weeks, busy };
  grids.set(key, grid);
  return grid;
}

/** A section's own study plan, one learner-local Monday-first week at a time (weeks with at least one block). */
function planWeeks(fit: SectionFit, rules: ZoneRules): PlanWeekDetail[] {
  const blocks = fit.async?.plan.blocks.filter((b) => b.sectionId === fit.section.id) ?? [];
  const byMonday = new Map<number, PlanWeekDetail["blocks"]>();
  for (const b of blocks) {
    const place = wallPlace(b.start, b.end, rules);
    const monday = place.day - place.weekday;
    const list = byMonday.get(monday) ?? [];
    list.push({ weekday: place.weekday, startMinute: place.startMinute, endMinute: place.endMinute, title: b.deadlineTitle });
    byMonday.set(monday, list);
  }
  return [...byMonday.entries()].sort((a, b) => a[0] - b[0]).map(([monday, weekBlocks]) => ({ weekOf: isoDateOfDay(monday), blocks: weekBlocks }));
}

/** The learner's busy time in the Monday-first week starting on local day `monday`, split at local midnights. */
function busyWeek(result: FitResult, monday: number, rules: ZoneRules): BusyWeekDetail {
  const start = rules.wallToUtc(monday * DAY);
  const end = rules.wallToUtc((monday + 7) * DAY);
  const busy: WallSpanDetail[] = [];
  for (const b of result.busy) {
    if (b.end <= start || b.start >= end) continue;
    walkWall(Math.max(b.start, start), Math.min(b.end, end), rules, DAY, (wallStart, wallEnd) => {
      const day = Math.floor(wallStart / DAY);
      busy.push({ weekday: day - monday, startMinute: Math.round((wallStart - day * DAY) / MINUTE), endMinute: Math.round((wallEnd - day * DAY) / MINUTE) });
    });
  }
  const label = (day: number) => dayLabel(rules.wallToUtc(day * DAY + 12 * HOUR), rules.name);
  return { weekOf: isoDateOfDay(monday), label: `${label(monday)} – ${label(monday + 6)}`, dayLabels: [0, 1, 2, 3, 4, 5, 6].map((i) => label(monday + i).slice(4)), busy };
}

/** Busy minutes per learner-local day over the chosen sections' terms, in whole Monday-first weeks. */
function heatWeeks(result: FitResult, zone: string): HeatWeek[] {
  if (result.sections.length === 0) return [];
  const rules = requireZone(zone);
  const starts = result.sections.map((s) => Date.parse(`${s.section.startDate}T00:00:00Z`) / DAY);
  const ends = result.sections.map((s) => Date.parse(`${s.section.endDate}T00:00:00Z`) / DAY);
  const firstTermDay = Math.min(...starts);
  const lastTermDay = Math.max(...ends);
  // Day 0 (1970-01-01) was a Thursday: Monday-first weeks start at days ≡ 4 (mod 7).
  const first = firstTermDay - ((((firstTermDay - 4) % 7) + 7) % 7);
  const last = lastTermDay + (6 - ((((lastTermDay - 4) % 7) + 7) % 7));
  const minutes = new Float64Array(last - first + 1);
  for (const b of result.busy) {
    // Walk the interval day by day in local time; offsets change at most a few times a year.
    let t = b.start;
    while (t < b.end) {
      const localDayNo = Math.floor((t + rules.offsetAt(t)) / DAY);
      if (localDayNo > last) break;
      const nextMidnightWall = (localDayNo + 1) * DAY;
      let next = nextMidnightWall - rules.offsetAt(t);
      if (next <= t) next = t + MINUTE;
      const stop = Math.min(next, b.end);
      if (localDayNo >= first) minutes[localDayNo - first] = (minutes[localDayNo - first] ?? 0) + (stop - t) / MINUTE;
      t = stop;
    }
  }
  const weeks: HeatWeek[] = [];
  for (let w = first; w <= last; w += 7) {
    const days = [];
    for (let d = w; d < w + 7; d++) days.push({ date: isoDateOfDay(d), busyMinutes: Math.round(minutes[d - first] ?? 0), inTerm: d >= firstTermDay && d <= lastTermDay });
    weeks.push({ start: isoDateOfDay(w), days });
  }
  return weeks;
}

/** The events behind the busy time (by UID), largest first, ignored ones kept so they can be restored. */
function busyEvents(occurrences: readonly Occurrence[], prefs: FitPreferences, max: number): BusyEventSummary[] {
  const busyPrefs = { ...busyPreferencesOf(prefs), ignoredUids: [] };
  const ignored = new Set(prefs.ignoredUids);
  const byUid = new Map<string, BusyEventSummary>();
  for (const o of occurrences) {
    if (!classifyOccurrence(o, busyPrefs).busy) continue;
    let e = byUid.get(o.uid);
    if (!e) {
      e = { uid: o.uid, summary: o.summary?.trim() || "Busy (no title)", occurrences: 0, hours: 0, ignored: ignored.has(o.uid) };
      byUid.set(o.uid, e);
    }
    e.occurrences += 1;
    e.hours += (o.end - o.start) / HOUR;
  }
  const all = [...byUid.values()].map((e) => ({ ...e, hours: Math.round(e.hours * 10) / 10 }));
  all.sort((a, b) => Number(b.ignored) - Number(a.ignored) || b.hours - a.hours || a.summary.localeCompare(b.summary));
  return all.slice(0, Math.max(max, all.filter((e) => e.ignored).length));
}
