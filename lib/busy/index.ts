/**
 * Which occurrences make the learner busy (DESIGN.md's rules, each a preference), merged into busy
 * intervals with optional buffers. Every interval remembers the occurrences and the rule behind it,
 * so the app can answer "why am I busy here?".
 */
import type { Occurrence } from "../recurrence/expand";
import { MINUTE } from "../time/units";

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

const busyDecisions = new Map<BusyRule, BusyDecision>();
const freeDecisions = new Map<BusyRule, BusyDecision>();
/** Shared, frozen decisions: classifying 200,000 occurrences allocates nothing. */
function decision(rule: BusyRule, busy: boolean): BusyDecision {
  const map = busy ? busyDecisions : freeDecisions;
  let d = map.get(rule);
  if (!d) {
    d = Object.freeze({ busy, rule });
    map.set(rule, d);
  }
  return d;
}

/**
 * Decides whether one occurrence makes the learner busy, and by which rule.
 *
 * @example
 * classifyOccurrence(occ, DEFAULT_BUSY_PREFERENCES) // { busy: false, rule: "transparent" }
 */
export function classifyOccurrence(o: Occurrence, prefs: BusyPreferences = DEFAULT_BUSY_PREFERENCES): BusyDecision {
  if (o.status === "CANCELLED") return decision("cancelled", false);
  if (prefs.ignoredUids.length > 0 && prefs.ignoredUids.includes(o.uid)) return decision("ignored", false);
  if (o.end <= o.start) return decision("no-duration", false);
  if (prefs.ownerEmails.length > 0) {
    for (const a of o.event.attendees) {
      if (a.partstat === "DECLINED" && prefs.ownerEmails.some((e) => e.toLowerCase() === a.email)) return decision("declined", false);
    }
  }
  if (o.allDay && prefs.allDay !== "follow-transparency") {
    return prefs.allDay === "busy" ? decision("all-day-busy-preference", true) : decision("all-day-free-preference", false);
  }
  if (o.busyStatus === "FREE") return decision("free-status", false);
  if (o.busyStatus === "WORKINGELSEWHERE") return decision("working-elsewhere", false);
  if (o.transparent) return decision("transparent", false);
  if (o.busyStatus === "OOF" || o.event.kind === "outOfOffice") return decision("out-of-office", true);
  const ownTentative =
    prefs.ownerEmails.length > 0 &&
    o.event.attendees.some((a) => (a.partstat === "TENTATIVE" || a.partstat === "NEEDS-ACTION") && prefs.ownerEmails.some((e) => e.toLowerCase() === a.email));
  if (o.status === "TENTATIVE" || o.busyStatus === "TENTATIVE" || ownTentative) {
    return prefs.tentativeIsBusy ? decision("tentative", true) : decision("tentative-free-preference", false);
  }
  return decision("busy", true);
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
 * A busy interval that builds its `sources` only when someone asks "why am I busy here?": a term
 * of a large calendar has hundreds of thousands of busy occurrences and few questions.
 */
class MergedInterval implements BusyInterval {
  private built: BusySource[] | undefined;
  constructor(
    readonly start: number,
    public end: number,
    private readonly occurrences: Occurrence[],
    private readonly rules: BusyRule[],
  ) {}
  add(o: Occurrence, rule: BusyRule): void {
    this.occurrences.push(o);
    this.rules.push(rule);
    this.built = undefined;
  }
  get sources(): readonly BusySource[] {
    if (!this.built) {
      this.built = this.occurrences.map((o, i) => ({ uid: o.uid, start: o.start, end: o.end, rule: this.rules[i] as BusyRule, allDay: o.allDay, ...(o.summary !== undefined ? { summary: o.summary } : {}) }));
    }
    return this.built;
  }
}

/**
 * Merges the busy occurrences into non-overlapping, sorted intervals (sort and sweep; the input is
 * not modified, and not re-sorted when it is already in start order, as expandEvents returns it).
 * Touching intervals merge too (`[9,10)` and `[10,11)` become `[9,11)`).
 *
 * @example
 * busyIntervals(expandEvents(events, window, { viewerZone }).occurrences, { ...DEFAULT_BUSY_PREFERENCES, bufferAfterMinutes: 15 })
 */
export function busyIntervals(occurrences: readonly Occurrence[], preferences: Partial<BusyPreferences> = {}): BusyInterval[] {
  const prefs: BusyPreferences = { ...DEFAULT_BUSY_PREFERENCES, ...preferences };
  const before = prefs.bufferBeforeMinutes * MINUTE;
  const after = prefs.bufferAfterMinutes * MINUTE;
  let sorted = true;
  for (let i = 1; i < occurrences.length; i++) {
    if ((occurrences[i] as Occurrence).start < (occurrences[i - 1] as Occurrence).start) {
      sorted = false;
      break;
    }
  }
  const list = sorted ? occurrences : [...occurrences].sort((a, b) => a.start - b.start);
  const out: MergedInterval[] = [];
  let cur: MergedInterval | undefined;
  for (const o of list) {
    const d = classifyOccurrence(o, prefs);
    if (!d.busy) continue;
    const s = o.start - before;
    const e = o.end + after;
    if (cur && s <= cur.end) {
      if (e > cur.end) cur.end = e;
      cur.add(o, d.rule);
    } else {
      cur = new MergedInterval(s, e, [o], [d.rule]);
      out.push(cur);
    }
  }
  return out;
}
