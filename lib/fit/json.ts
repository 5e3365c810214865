/**
 * The check's JSON: DESIGN.md's contract ({@link fitJson}, shared by the CLI and `POST /api/check`)
 * and the richer, additive details the results page draws from ({@link fitDetails}).
 */
import type { Occurrence } from "../recurrence/expand";
import { classifyOccurrence } from "../busy";
import { formatTimeRange, formatZoneAbbreviation, localIsoDate } from "../time/format";
import { isoUtc } from "../time/parse";
import { requireZone } from "../time/zone";
import { isoDateOfDay } from "../time/civil";
import { describeSection, type FitResult, type FitWarning } from "./check";
import { periodLabel } from "./labels";
import { busyPreferencesOf, type FitPreferences } from "./preferences";
import { MINUTE, HOUR, DAY } from "../time/units";

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
  } | null;
  async: { hoursPerWeek: number; unmet: { title: string; due: string }[]; weeks: WeekDetail[]; studyBlocks: number } | null;
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
        sessions: s.live.sessions.map((session) => {
          const c = conflictByStart.get(session.start);
          const date = localIsoDate(session.start, zone);
          return {
            start: isoUtc(session.start),
            end: isoUtc(session.end),
            date,
            local: formatTimeRange(session.start, session.end, zone),
            sectionLocal: `${formatTimeRange(session.start, session.end, s.section.timeZone)} ${formatZoneAbbreviation(session.start, s.section.timeZone)}`,
            shifted: session.kind === "meeting" && shiftedDates.has(date),
            night: night.has(session),
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
      sectionTimeZone: s.section.timeZone,
      recordings: "recordings" in s.section && typeof s.section.recordings === "string" ? s.section.recordings : null,
      live,
      async,
    };
  });
  return { timeZone: zone, sections, heat: heatWeeks(result, zone), events: busyEvents(occurrences, prefs, options.maxEvents ?? 40) };
}

function distinct(xs: readonly string[]): string[] {
  return [...new Set(xs)];
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
