/**
 * Live sessions against busy time: each session checked by sort-and-sweep, with the overlap in
 * minutes, where in the session it falls (graded attendance: joining late or leaving early is not
 * missing the session) and the busy events behind it; the learner-local time of each session, the
 * weeks where it shifts because the learner's and the section's zones change clocks on different
 * dates, and the sessions that fall in the learner's sleep hours.
 */
import type { BusyInterval, BusySource } from "../busy";
import type { Session } from "../catalog/sessions";
import { requireZone } from "../time/zone";
import { overlapSweep } from "./intervals";
import { nightTest } from "./night";
import type { SleepHours } from "./preferences";
import { MINUTE, DAY } from "../time/units";

export interface LiveConflict {
  readonly session: Session;
  /** Minutes of busy time inside the session. */
  readonly overlapMinutes: number;
  /**
   * Attended, late or leaving early: the busy time sits only at the session's start and/or end,
   * at most `lateJoinMinutes` at each, and at least half of the session is left.
   */
  readonly partial: boolean;
  /** Minutes of busy time from the session's start (0 when it starts free): joining this late. */
  readonly lateMinutes: number;
  /** Minutes of busy time up to the session's end (0 when it ends free): leaving this early. */
  readonly earlyMinutes: number;
  /** The busy events behind the clash. */
  readonly busy: readonly BusySource[];
}

export interface LiveOptions {
  /** The learner's zone: local times, shifts and sleep hours. */
  readonly timeZone: string;
  /** Joining late or leaving early by at most this many minutes (inclusive) is attending. */
  readonly lateJoinMinutes: number;
  /** The widest busy buffer, so a clash made by a buffer alone still names its event. */
  readonly bufferMinutes?: number;
  /** The learner's sleep hours; without them no session is a night session. */
  readonly sleepHours?: SleepHours;
}

/** Sessions of one meeting pattern whose learner-local start differs from the usual one. */
export interface ClockShift {
  readonly patternIndex: number;
  /** Usual learner-local start, HH:MM. */
  readonly usual: string;
  /** The shifted start, HH:MM, and the learner-local dates it applies to. */
  readonly shifted: string;
  readonly dates: readonly string[];
}

export interface LiveAnalysis {
  readonly sessions: readonly Session[];
  readonly conflicts: readonly LiveConflict[];
  /** Sessions the learner would miss (conflicts that are not partial). */
  readonly missed: number;
  /** Sessions the learner would join late or leave early (partial conflicts). */
  readonly partial: number;
  /** Sessions more than half inside the learner's sleep hours. */
  readonly night: readonly Session[];
  /** Share of sessions attended live (0–1). */
  readonly attendanceRate: number;
  /** Per meeting pattern: the usual learner-local start and weekdays. */
  readonly patterns: readonly { patternIndex: number; usual: string; usualEnd: string; weekdays: readonly number[] }[];
  readonly shifts: readonly ClockShift[];
}

function hhmm(wallMs: number): string {
  const m = Math.floor((((wallMs % DAY) + DAY) % DAY) / MINUTE);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function localDate(wallMs: number): string {
  return new Date(Math.floor(wallMs / DAY) * DAY).toISOString().slice(0, 10);
}

/**
 * Where busy time sits inside a session: the minutes from its start, up to its end, and whether any
 * busy time lies in the middle (touching neither end). Busy intervals are merged, so at most one
 * touches each end.
 */
function placeOfClash(session: Session, busy: readonly BusyInterval[], hits: readonly number[]): { late: number; early: number; middle: boolean } {
  let late = 0;
  let early = 0;
  let middle = false;
  for (const j of hits) {
    const b = busy[j] as BusyInterval;
    const s = Math.max(b.start, session.start);
    const e = Math.min(b.end, session.end);
    if (e <= s) continue;
    if (s === session.start) late = e - s;
    if (e === session.end) early = e - s;
    if (s > session.start && e < session.end) middle = true;
  }
  return { late, early, middle };
}

/**
 * Checks sessions (sorted by start) against merged busy intervals. A clash is partial (attended)
 * when its busy time sits only at the start and/or the end, at most `lateJoinMinutes` at each
 * (inclusive), and at least half of the session is left; any other clash is a missed session.
 *
 * @example
 * analyseLive(sectionSessions(section), busyIntervals(occurrences), { timeZone: "Europe/London", lateJoinMinutes: 15, sleepHours: { start: "23:00", end: "06:00" } })
 */
export function analyseLive(sessions: readonly Session[], busy: readonly BusyInterval[], options: LiveOptions): LiveAnalysis {
  const buffer = (options.bufferMinutes ?? 0) * MINUTE;
  const tolerance = options.lateJoinMinutes * MINUTE;
  const zone = requireZone(options.timeZone);
  const sweep = overlapSweep(sessions, busy);
  const conflicts: LiveConflict[] = [];
  sweep.forEach((r, i) => {
    if (r.overlap <= 0) return;
    const session = sessions[i] as Session;
    // The events behind the clash, counting their buffers (a clash can come from a buffer alone):
    // found when someone asks (a merged interval of a dense calendar holds thousands of events).
    let sources: BusySource[] | undefined;
    const hits = r.busy;
    const overlapMinutes = Math.round(r.overlap / MINUTE);
    const place = placeOfClash(session, busy, hits);
    const partial = !place.middle && place.late <= tolerance && place.early <= tolerance && 2 * r.overlap <= session.end - session.start;
    conflicts.push({
      session,
      overlapMinutes,
      partial,
      lateMinutes: Math.round(place.late / MINUTE),
      earlyMinutes: Math.round(place.early / MINUTE),
      get busy(): readonly BusySource[] {
        if (!sources) {
          sources = [];
          for (const j of hits) sourcesNear(busy[j] as BusyInterval, session.start - buffer, session.end + buffer, sources);
        }
        return sources;
      },
    });
  });
  const missed = conflicts.filter((c) => !c.partial).length;
  const sleep = options.sleepHours;
  const isNight = sleep ? nightTest(sleep, options.timeZone) : undefined;
  const night = isNight ? sessions.filter(isNight) : [];

  // Learner-local times per meeting pattern (extra meetings are one-offs, not a pattern).
  const byPattern = new Map<number, { wall: number; end: number }[]>();
  for (const s of sessions) {
    if (s.kind !== "meeting" || s.patternIndex === undefined) continue;
    const list = byPattern.get(s.patternIndex) ?? [];
    list.push({ wall: s.start + zone.offsetAt(s.start), end: s.end + zone.offsetAt(s.end) });
    byPattern.set(s.patternIndex, list);
  }
  const patterns: { patternIndex: number; usual: string; usualEnd: string; weekdays: number[] }[] = [];
  const shifts: ClockShift[] = [];
  for (const [patternIndex, list] of [...byPattern.entries()].sort((a, b) => a[0] - b[0])) {
    const counts = new Map<string, number>();
    for (const x of list) counts.set(hhmm(x.wall), (counts.get(hhmm(x.wall)) ?? 0) + 1);
    const usual = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
    const usualItem = list.find((x) => hhmm(x.wall) === usual);
    const weekdays = [...new Set(list.filter((x) => hhmm(x.wall) === usual).map((x) => (((Math.floor(x.wall / DAY) + 3) % 7) + 7) % 7))].sort();
    patterns.push({ patternIndex, usual, usualEnd: usualItem ? hhmm(usualItem.end) : "", weekdays });
    const shifted = new Map<string, string[]>();
    for (const x of list) {
      const t = hhmm(x.wall);
      if (t === usual) continue;
      const dates = shifted.get(t) ?? [];
      dates.push(localDate(x.wall));
      shifted.set(t, dates);
    }
    for (const [t, dates] of shifted) shifts.push({ patternIndex, usual, shifted: t, dates });
  }
  return {
    sessions,
    conflicts,
    missed,
    partial: conflicts.length - missed,
    night,
    attendanceRate: sessions.length === 0 ? 1 : (sessions.length - missed) / sessions.length,
    patterns,
    shifts,
  };
}

/** Per merged interval: its sources' starts (ascending) and the longest source, for range lookups. */
const sourceIndex = new WeakMap<BusyInterval, { starts: Float64Array; maxLen: number }>();

/**
 * Appends the sources of `iv` that overlap `[from, to)`. A merged interval of a dense calendar can
 * hold thousands of events: binary search on their starts (bounded by the longest one) instead of
 * a scan per session.
 */
function sourcesNear(iv: BusyInterval, from: number, to: number, out: BusySource[]): void {
  const src = iv.sources;
  let idx = sourceIndex.get(iv);
  if (!idx) {
    const starts = new Float64Array(src.length);
    let maxLen = 0;
    let sorted = true;
    for (let i = 0; i < src.length; i++) {
      const x = src[i] as BusySource;
      starts[i] = x.start;
      if (i > 0 && x.start < (src[i - 1] as BusySource).start) sorted = false;
      if (x.end - x.start > maxLen) maxLen = x.end - x.start;
    }
    if (!sorted) {
      // Not in start order (hand-built intervals): fall back to a scan.
      for (const x of src) if (x.end > from && x.start < to) out.push(x);
      return;
    }
    idx = { starts, maxLen };
    sourceIndex.set(iv, idx);
  }
  // First source that could still overlap: start >= from - maxLen.
  let lo = 0;
  let hi = idx.starts.length;
  const min = from - idx.maxLen;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((idx.starts[mid] as number) < min) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < src.length && (idx.starts[i] as number) < to; i++) {
    const x = src[i] as BusySource;
    if (x.end > from) out.push(x);
  }
}
