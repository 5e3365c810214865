/**
 * Free study time: the learner's study windows (wall-clock, in their zone, DST-correct) minus busy
 * time and a buffer around it, never before a day's first morning commitment (unless a window asks
 * for mornings), in blocks of at least the minimum useful length, with at most the daily cap per
 * local day.
 */
import { requireZone } from "../time/zone";
import { mergeIntervals, type Interval } from "./intervals";
import type { FitPreferences } from "./preferences";
import { MINUTE, HOUR, DAY } from "../time/units";

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** A free block, tagged with the learner-local day it belongs to (for the daily cap). */
export interface FreeBlock extends Interval {
  /** Local day number (days since 1970-01-01 in the learner's zone). */
  readonly day: number;
}

/**
 * The study windows inside `[from, to)` as UTC intervals, one set per local day.
 *
 * @example
 * studyWindowIntervals(prefs, Date.parse("2027-01-11T00:00:00Z"), Date.parse("2027-01-12T00:00:00Z"))
 */
export function studyWindowIntervals(prefs: FitPreferences, from: number, to: number): (Interval & { day: number })[] {
  // Memoised per preferences object and range: a check asks for the same term once per section.
  let byRange = windowCache.get(prefs);
  if (!byRange) windowCache.set(prefs, (byRange = new Map()));
  const key = `${from}:${to}`;
  const hit = byRange.get(key);
  if (hit) return hit;
  const computed = computeStudyWindows(prefs, from, to);
  if (byRange.size > 64) byRange.clear();
  byRange.set(key, computed);
  return computed;
}

const windowCache = new WeakMap<FitPreferences, Map<string, FreeBlock[]>>();

function computeStudyWindows(prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  const zone = requireZone(prefs.timeZone);
  const firstDay = Math.floor((from + zone.offsetAt(from)) / DAY) - 1;
  const lastDay = Math.floor((to + zone.offsetAt(to)) / DAY) + 1;
  const out: (Interval & { day: number })[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (((day + 3) % 7) + 7) % 7;
    const pieces: Interval[] = [];
    for (const w of prefs.studyWindows) {
      if (!w.days.includes(weekday)) continue;
      const startMin = minutesOf(w.start);
      let endMin = minutesOf(w.end);
      // A window that ends at or before it starts runs past midnight (22:00–01:00).
      if (endMin <= startMin) endMin += 24 * 60;
      const s = zone.wallToUtc(day * DAY + startMin * MINUTE);
      const e = zone.wallToUtc(day * DAY + endMin * MINUTE);
      const cs = Math.max(s, from);
      const ce = Math.min(e, to);
      if (ce > cs) pieces.push({ start: cs, end: ce });
    }
    for (const p of mergeIntervals(pieces)) out.push({ ...p, day });
  }
  return out;
}

/** A study window ending by noon is a morning window: the learner asks to study before the day starts. */
const MORNING_END_MINUTES = 12 * 60;

/** Whether a study window asks for mornings (it ends by 12:00 and does not run past midnight). */
export function isMorningWindow(w: { start: string; end: string }): boolean {
  const start = minutesOf(w.start);
  const end = minutesOf(w.end);
  return end > start && end <= MORNING_END_MINUTES;
}

/**
 * For each local day, the start of its first commitment when that starts before noon: on such a
 * day (a 9–5 job, an early shift) the time before it goes to getting there, not to study.
 */
function firstMorningCommitments(busy: readonly Interval[], prefs: FitPreferences): Map<number, number> {
  const zone = requireZone(prefs.timeZone);
  const out = new Map<number, number>();
  for (const b of busy) {
    const wall = b.start + zone.offsetAt(b.start);
    const day = Math.floor(wall / DAY);
    if (out.has(day) || wall - day * DAY >= MORNING_END_MINUTES * MINUTE) continue;
    out.set(day, b.start);
  }
  return out;
}

/** Busy intervals (sorted, disjoint) widened by `pad` on each side and merged again. */
function widened(busy: readonly Interval[], pad: number): Interval[] {
  if (pad <= 0) return [...busy];
  const out: { start: number; end: number }[] = [];
  for (const b of busy) {
    const last = out[out.length - 1];
    if (last && b.start - pad <= last.end) last.end = Math.max(last.end, b.end + pad);
    else out.push({ start: b.start - pad, end: b.end + pad });
  }
  return out;
}

/**
 * The study windows in `[from, to)` where study may be planned around this busy time: a window
 * that is not a morning window starts no earlier than the day's first morning commitment.
 */
function plannableWindows(busy: readonly Interval[], prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  const all = studyWindowIntervals(prefs, from, to);
  if (busy.length === 0) return all;
  const first = firstMorningCommitments(busy, prefs);
  if (first.size === 0) return all;
  const morning = prefs.studyWindows.filter(isMorningWindow);
  if (morning.length === prefs.studyWindows.length) return all;
  const mornings = morning.length > 0 ? studyWindowIntervals({ ...prefs, studyWindows: morning }, from, to) : [];
  const out: FreeBlock[] = [];
  let m = 0;
  for (const w of all) {
    const cut = first.get(w.day);
    if (cut === undefined || cut <= w.start) {
      out.push(w);
      continue;
    }
    // Keep the morning windows' part of this window before the cut, and the rest after it.
    while (m < mornings.length && (mornings[m] as FreeBlock).end <= w.start) m++;
    for (let k = m; k < mornings.length && (mornings[k] as FreeBlock).start < Math.min(cut, w.end); k++) {
      const x = mornings[k] as FreeBlock;
      out.push({ start: Math.max(x.start, w.start), end: Math.min(x.end, cut, w.end), day: w.day });
    }
    if (cut < w.end) out.push({ start: cut, end: w.end, day: w.day });
  }
  return out;
}

/**
 * Study windows minus busy time in `[from, to)`, before the minimum block and the daily cap: the
 * part that is the same for every section, computed once per check. Study keeps
 * `studyBufferMinutes` away from busy time on both sides, and on a day whose first commitment
 * starts before noon, nothing is planned before it except in a morning window (one that ends by
 * 12:00).
 *
 * @example
 * const raw = rawFreeTime(busy, prefs, termStart, termEnd);
 */
export function rawFreeTime(busy: readonly Interval[], prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  return subtractTagged(plannableWindows(busy, prefs, from, to), widened(busy, prefs.studyBufferMinutes * MINUTE));
}

/** Tagged intervals minus sorted, non-overlapping intervals, in one sweep. */
function subtractTagged(windows: readonly FreeBlock[], busy: readonly Interval[]): FreeBlock[] {
  const out: FreeBlock[] = [];
  let j = 0; // busy intervals before j end before the current window starts
  for (const w of windows) {
    while (j < busy.length && (busy[j] as Interval).end <= w.start) j++;
    let s = w.start;
    for (let k = j; k < busy.length; k++) {
      const b = busy[k] as Interval;
      if (b.start >= w.end) break;
      if (b.start > s) out.push({ start: s, end: b.start, day: w.day });
      s = Math.max(s, b.end);
      if (s >= w.end) break;
    }
    // A window nothing cut is kept as it is (blocks are never modified): fewer objects to collect.
    if (s < w.end) out.push(s === w.start ? w : { start: s, end: w.end, day: w.day });
  }
  return out;
}

/**
 * Usable blocks from raw free time: minus `extraBusy` (a section's own sessions, sorted), inside
 * `[from, to)`, blocks shorter than the minimum dropped, each local day cut at the daily cap
 * (earliest blocks kept).
 */
export function usableBlocks(raw: readonly FreeBlock[], extraBusy: readonly Interval[], prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  const minBlock = prefs.minBlockMinutes * MINUTE;
  const cap = prefs.dailyCapHours * HOUR;
  // raw is sorted: start at the first block that ends after `from` (binary search), stop at `to`.
  let lo = 0;
  let hi = raw.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((raw[mid] as FreeBlock).end <= from) lo = mid + 1;
    else hi = mid;
  }
  const clipped: FreeBlock[] = [];
  for (let i = lo; i < raw.length; i++) {
    const r = raw[i] as FreeBlock;
    if (r.start >= to) break;
    clipped.push(r.start >= from && r.end <= to ? r : { start: Math.max(r.start, from), end: Math.min(r.end, to), day: r.day });
  }
  const pieces = extraBusy.length > 0 ? subtractTagged(clipped, extraBusy) : clipped;
  const out: FreeBlock[] = [];
  let usedDay = Number.NaN;
  let used = 0;
  for (const p of pieces) {
    if (p.end - p.start < minBlock) continue;
    if (p.day !== usedDay) {
      usedDay = p.day;
      used = 0;
    }
    const room = cap - used;
    if (room < minBlock) continue;
    const end = Math.min(p.end, p.start + room);
    used += end - p.start;
    out.push(end === p.end ? p : { start: p.start, end, day: p.day });
  }
  return out;
}

/**
 * Free study blocks in `[from, to)`: study windows minus busy intervals, blocks shorter than the
 * minimum dropped, and each local day cut off at the daily cap (earliest blocks kept).
 *
 * @example
 * freeBlocks(busy, prefs, termStart, termEnd).reduce((h, b) => h + (b.end - b.start), 0) / 3.6e6 // free hours
 */
export function freeBlocks(busy: readonly Interval[], prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  return usableBlocks(rawFreeTime(busy, prefs, from, to), [], prefs, from, to);
}

