/**
 * A report's frozen snapshot: what the check found — sections, verdicts, reasons, conflicts,
 * weekly loads and busy time per day — and nothing of the raw calendar. Event titles (and
 * calendar file names, which can be just as private) are in it only when the learner asks.
 */
import type { CheckResponse } from "../check/run";
import type { SessionFacts } from "../charts/section-pictures";
import type { UsualBusy } from "../charts/week-grid";

/**
 * 2: sections carry `sharedReasons` (the reasons in a third person's words, for the advisor and
 * the share link) and each conflict its `lateMinutes` / `earlyMinutes`. Version 1 snapshots lack
 * them and still render (with the learner's own reasons).
 *
 * 3: what the pictures need — each section's `headline` (its summary cell), and with live sessions
 * every session's place in the learner's week (`live.all`) and the learner's usual busy week over
 * its term (`live.weekGrid`: busy time without what it was). Versions 1 and 2 lack them and render
 * without the pictures (the summary cell then shows the first reason).
 */
export const SNAPSHOT_VERSION = 3;

/** A session in a snapshot: where it falls in the learner's week and how it fares; `with` only when titles are shared. */
export type SnapshotSession = SessionFacts & { conflict: { partial: boolean; lateMinutes: number; earlyMinutes: number; with?: string[] } | null };

export interface SnapshotSection {
  sectionId: string;
  courseId: string;
  courseTitle: string;
  format: string;
  verdict: string;
  reasons: string[];
  /** The reasons as an advisor reads them ("the learner's time"); absent in version 1. */
  sharedReasons?: string[];
  /** The verdict's facts in one line, for the summary table; absent before version 3. */
  headline?: string;
  live: {
    sessions: number;
    attendancePercent: number;
    conflicts: { start: string; end: string; local: string; overlapMinutes: number; partial: boolean; lateMinutes?: number; earlyMinutes?: number; shifted: boolean; with?: string[] }[];
    shifts: { usual: string; shifted: string; dates: string[] }[];
    /** Every session, in date order, for the week grid and the term strip; absent before version 3. */
    all?: SnapshotSession[];
    /** The learner's usual busy week over the section's term; absent before version 3. */
    weekGrid?: UsualBusy;
  } | null;
  async: {
    hoursPerWeek: number;
    weeks: { start: string; end: string; label: string; requiredHours: number; availableHours: number; slackHours: number; feasible: boolean; crunch: boolean }[];
    unmet: { title: string; due: string }[];
  } | null;
}

export interface ReportSnapshot {
  version: number;
  /** When the check ran (ISO UTC). */
  checkedAt: string;
  timeZone: string;
  includeTitles: boolean;
  sections: SnapshotSection[];
  courses: { courseId: string; sectionIds: string[]; summary: string; best: string[] }[];
  plan: { sectionIds: string[]; verdict: string; reasons: string[] } | null;
  /** Busy minutes per day, Monday-first weeks, in the learner's zone: busy time without what it was. */
  busy: { start: string; days: { date: string; busyMinutes: number; inTerm: boolean }[] }[];
  sources: { name?: string; eventCount: number }[];
}

/**
 * The snapshot of a check answered with `details`. Without `includeTitles`, clash partners and
 * file names are left out entirely (not blanked), so nothing private can leak from a share.
 *
 * @example
 * snapshotOf(response, { includeTitles: false, checkedAt: Date.now() }).sections[0].live?.conflicts[0].with // undefined
 */
export function snapshotOf(response: CheckResponse, options: { includeTitles: boolean; checkedAt: number }): ReportSnapshot {
  const details = response.details;
  if (!details) throw new TypeError("snapshotOf needs a check answered with details");
  const include = options.includeTitles;
  return {
    version: SNAPSHOT_VERSION,
    checkedAt: new Date(options.checkedAt).toISOString(),
    timeZone: details.timeZone,
    includeTitles: include,
    sections: details.sections.map((s) => ({
      sectionId: s.sectionId,
      courseId: s.courseId,
      courseTitle: s.courseTitle,
      format: s.format,
      verdict: s.verdict,
      reasons: [...s.reasons],
      sharedReasons: [...s.sharedReasons],
      headline: s.headline,
      live: s.live
        ? {
            sessions: s.live.sessions.length,
            attendancePercent: s.live.attendancePercent,
            conflicts: s.live.sessions
              .filter((x) => x.conflict)
              .map((x) => ({
                start: x.start,
                end: x.end,
                local: x.local,
                overlapMinutes: x.conflict?.overlapMinutes ?? 0,
                partial: x.conflict?.partial ?? false,
                lateMinutes: x.conflict?.lateMinutes ?? 0,
                earlyMinutes: x.conflict?.earlyMinutes ?? 0,
                shifted: x.shifted,
                ...(include && x.conflict ? { with: [...x.conflict.with] } : {}),
              })),
            shifts: s.live.shifts.map((sh) => ({ usual: sh.usual, shifted: sh.shifted, dates: [...sh.dates] })),
            all: s.live.sessions.map((x) => ({
              date: x.date,
              local: x.local,
              weekday: x.weekday,
              startMinute: x.startMinute,
              endMinute: x.endMinute,
              shifted: x.shifted,
              night: x.night,
              conflict: x.conflict
                ? { partial: x.conflict.partial, lateMinutes: x.conflict.lateMinutes, earlyMinutes: x.conflict.earlyMinutes, ...(include ? { with: [...x.conflict.with] } : {}) }
                : null,
            })),
            weekGrid: { slotMinutes: s.live.weekGrid.slotMinutes, weeks: [...s.live.weekGrid.weeks], busy: s.live.weekGrid.busy.map((row) => [...row]) },
          }
        : null,
      async: s.async
        ? {
            hoursPerWeek: s.async.hoursPerWeek,
            weeks: s.async.weeks.map((w) => ({ start: w.start, end: w.end, label: w.label, requiredHours: w.requiredHours, availableHours: w.availableHours, slackHours: w.slackHours, feasible: w.feasible, crunch: w.crunch })),
            unmet: s.async.unmet.map((u) => ({ ...u })),
          }
        : null,
    })),
    courses: response.courses.map((c) => ({ courseId: c.courseId, sectionIds: [...c.sectionIds], summary: c.summary, best: [...c.best] })),
    plan: response.plan ? { sectionIds: [...response.plan.sectionIds], verdict: response.plan.verdict, reasons: [...response.plan.reasons] } : null,
    busy: details.heat.map((w) => ({ start: w.start, days: w.days.map((d) => ({ ...d })) })),
    sources: response.sources.map((s) => ({ eventCount: s.eventCount, ...(include ? { name: s.name } : {}) })),
  };
}
