/**
 * Which occurrences make the learner busy (DESIGN.md's rules, each a preference), merged into busy
 * intervals with optional buffers. Every interval remembers the occurrences and the rule behind it,
 * so the app can answer "why am I busy here?".
 */
import type { Occurrence } from "../recurrence/expand";

export interface BusyPreferences {
  /** Tentative events (STATUS:TENTATIVE, Outlook "tentative", an unanswered invitation) count as busy. Default true. */
  readonly tentativeIsBusy: boolean;
  /** All-day events: follow their transparency (default), or treat all as busy, or all as free. */
  readonly allDay: "follow-transparency" | "busy" | "free";
  /** The learner's own addresses: invitations they declined do not make them busy. */
  readonly ownerEmails: readonly string[];
  /** Minutes of buffer before and after each busy event (travel, wind-down). Default 0. */
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
  /** Events (by UID) the learner chose to ignore ("what if I skipped this?"). */
  readonly ignoredUids: readonly string[];
}

export const DEFAULT_BUSY_PREFERENCES: BusyPreferences = {
  tentativeIsBusy: true,
  allDay: "follow-transparency",
  ownerEmails: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  ignoredUids: [],
};

/** Why an occurrence is busy or free: the rule that decided. */
export type BusyRule =
  | "busy"
  | "tentative"
  | "out-of-office"
  | "all-day-busy-preference"
  | "transparent"
  | "free-status"
  | "working-elsewhere"
  | "declined"
  | "cancelled"
  | "tentative-free-preference"
  | "all-day-free-preference"
  | "ignored"
  | "no-duration";

export interface BusyDecision {
  readonly busy: boolean;
  readonly rule: BusyRule;
}

/**
 * Decides whether one occurrence makes the learner busy, and by which rule.
 *
 * @example
 * classifyOccurrence(occ, DEFAULT_BUSY_PREFERENCES) // { busy: false, rule: "transparent" }
 */
export function classifyOccurrence(o: Occurrence, prefs: BusyPreferences = DEFAULT_BUSY_PREFERENCES): BusyDecision {
  if (o.status === "CANCELLED") return { busy: false, rule: "cancelled" };
  if (prefs.ignoredUids.length > 0 && prefs.ignoredUids.includes(o.uid)) return { busy: false, rule: "ignored" };
  if (o.end <= o.start) return { busy: false, rule: "no-duration" };
  if (prefs.ownerEmails.length > 0) {
    for (const a of o.event.attendees) {
      if (a.partstat === "DECLINED" && prefs.ownerEmails.some((e) => e.toLowerCase() === a.email)) return { busy: false, rule: "declined" };
    }
  }
  if (o.allDay && prefs.allDay !== "follow-transparency") {
    return prefs.allDay === "busy" ? { busy: true, rule: "all-day-busy-preference" } : { busy: false, rule: "all-day-free-preference" };
  }
  if (o.busyStatus === "FREE") return { busy: false, rule: "free-status" };
  if (o.busyStatus === "WORKINGELSEWHERE") return { busy: false, rule: "working-elsewhere" };
  if (o.transparent) return { busy: false, rule: "transparent" };
  if (o.busyStatus === "OOF" || o.event.kind === "outOfOffice") return { busy: true, rule: "out-of-office" };
  const ownTentative =
    prefs.ownerEmails.length > 0 &&
    o.event.attendees.some((a) => (a.partstat === "TENTATIVE" || a.partstat === "NEEDS-ACTION") && prefs.ownerEmails.some((e) => e.toLowerCase() === a.email));
  if (o.status === "TENTATIVE" || o.busyStatus === "TENTATIVE" || ownTentative) {
    return prefs.tentativeIsBusy ? { busy: true, rule: "tentative" } : { busy: false, rule: "tentative-free-preference" };
  }
  return { busy: true, rule: "busy" };
}

/** One occurrence behind a busy interval. */
export interface BusySource {
  readonly uid: string;
  readonly summary?: string;
  readonly start: number;
  readonly end: number;
  readonly rule: BusyRule;
  readonly allDay: boolean;
}

/** A merged busy interval `[start, end)` (UTC ms), buffers included. */
export interface BusyInterval {
  readonly start: number;
  readonly end: number;
  readonly sources: readonly BusySource[];
}

/**
 * Merges the busy occurrences into non-overlapping, sorted intervals (sort and sweep; the input is
 * not modified). Touching intervals merge too (`[9,10)` and `[10,11)` become `[9,11)`).
 *
 * @example
 * busyIntervals(expandEvents(events, window, { viewerZone }).occurrences, { ...DEFAULT_BUSY_PREFERENCES, bufferAfterMinutes: 15 })
 */
export function busyIntervals(occurrences: readonly Occurrence[], preferences: Partial<BusyPreferences> = {}): BusyInterval[] {
  const prefs: BusyPreferences = { ...DEFAULT_BUSY_PREFERENCES, ...preferences };
  const before = prefs.bufferBeforeMinutes * 60_000;
  const after = prefs.bufferAfterMinutes * 60_000;
  const items: { s: number; e: number; src: BusySource }[] = [];
  for (const o of occurrences) {
    const d = classifyOccurrence(o, prefs);
    if (!d.busy) continue;
    const src: BusySource = { uid: o.uid, start: o.start, end: o.end, rule: d.rule, allDay: o.allDay, ...(o.summary !== undefined ? { summary: o.summary } : {}) };
    items.push({ s: o.start - before, e: o.end + after, src });
  }
  items.sort((a, b) => a.s - b.s || a.e - b.e);
  const out: BusyInterval[] = [];
  let cur: { start: number; end: number; sources: BusySource[] } | undefined;
  for (const it of items) {
    if (cur && it.s <= cur.end) {
      if (it.e > cur.end) cur.end = it.e;
      cur.sources.push(it.src);
    } else {
      if (cur) out.push(cur);
      cur = { start: it.s, end: it.e, sources: [it.src] };
    }
  }
  if (cur) out.push(cur);
  return out;
}
