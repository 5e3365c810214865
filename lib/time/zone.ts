/**
 * Time zone rules as a sorted list of transitions, so that "what offset applies at this instant"
 * and "which instant is this wall-clock time" are binary searches, independent of the host's TZ
 * and of today's date.
 *
 * Two sources fill the list: the IANA database (through luxon) and a VTIMEZONE in an .ics file.
 */
import { IANAZone } from "luxon";
import { WINDOWS_TO_IANA } from "./windows-zones.data";
import { MINUTE, HOUR, DAY } from "./units";

/** The rules of one zone. All times are epoch milliseconds; offsets are milliseconds east of UTC. */
export interface ZoneRules {
  /** IANA name, or the file's own TZID for a zone that only its VTIMEZONE defines. */
  readonly name: string;
  /** True when `name` is an IANA zone name. */
  readonly iana: boolean;
  /** The UTC offset in force at a UTC instant. */
  offsetAt(utcMs: number): number;
  /**
   * The UTC instant of a wall-clock time (fields encoded as `Date.UTC(...)`), resolved as
   * RFC 5545 §3.3.5 says: a time in a spring-forward gap takes the offset from before the gap
   * (02:30 becomes 03:30), an ambiguous fall-back time takes the first (earlier) instant.
   */
  wallToUtc(wallMs: number): number;
}

/** A transition: from `at` (UTC ms) on, `offset` applies. */
interface Transition {
  readonly at: number;
  readonly offset: number;
}

/**
 * The RFC 5545 §3.3.5 resolution of a wall time, given the offset in force before the ±15 h range
 * around it and the transitions inside that range.
 */
function resolveWall(wallMs: number, before: number, transitions: readonly Transition[], offsetAt: (utc: number) => number): number {
  let prev = before;
  // Earliest valid candidate wins (the first of two ambiguous instants).
  let utc = wallMs - prev;
  if (offsetAt(utc) === prev) return utc;
  for (const t of transitions) {
    // A gap: wall times in [at + prev, at + after) do not exist. Take the offset from before.
    if (t.offset > prev && wallMs >= t.at + prev && wallMs < t.at + t.offset) return wallMs - prev;
    utc = wallMs - t.offset;
    if (offsetAt(utc) === t.offset) return utc;
    prev = t.offset;
  }
  return wallMs - offsetAt(wallMs - before);
}

/**
 * Zone rules backed by one sorted transition table (a VTIMEZONE's).
 */
abstract class TransitionZone implements ZoneRules {
  abstract readonly name: string;
  abstract readonly iana: boolean;
  protected ats: number[] = [];
  protected offsets: number[] = [];
  /** Offset before the first transition. */
  protected initial = 0;

  /** Index of the last transition at or before `utcMs`, or -1. */
  private indexAt(utcMs: number): number {
    const ats = this.ats;
    let lo = 0;
    let hi = ats.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((ats[mid] as number) <= utcMs) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  offsetAt(utcMs: number): number {
    const i = this.indexAt(utcMs);
    return i < 0 ? this.initial : (this.offsets[i] as number);
  }

  wallToUtc(wallMs: number): number {
    const lo = wallMs - 15 * HOUR;
    const hi = wallMs + 15 * HOUR;
    const first = this.indexAt(lo);
    const before = first < 0 ? this.initial : (this.offsets[first] as number);
    const inRange: Transition[] = [];
    for (let i = first + 1; i < this.ats.length && (this.ats[i] as number) <= hi; i++) inRange.push({ at: this.ats[i] as number, offset: this.offsets[i] as number });
    return resolveWall(wallMs, before, inRange, (u) => this.offsetAt(u));
  }

  /** Append a transition (in ascending order; out-of-order ones are inserted in place). */
  protected push(at: number, offset: number): void {
    const n = this.ats.length;
    const prev = n === 0 ? this.initial : (this.offsets[n - 1] as number);
    if (offset === prev && (n === 0 || at > (this.ats[n - 1] as number))) return;
    if (n > 0 && at <= (this.ats[n - 1] as number)) {
      let i = n;
      while (i > 0 && (this.ats[i - 1] as number) > at) i--;
      this.ats.splice(i, 0, at);
      this.offsets.splice(i, 0, offset);
      return;
    }
    this.ats.push(at);
    this.offsets.push(offset);
  }
}

/**
 * The wall-clock time of an instant in an IANA zone, from the runtime's tz database: the instant
 * formatted as fixed-width digits (`09/07/2026, 04:00:00`: en-US, 24-hour) and read back. A
 * few times faster than luxon's offset, which formats to parts; it is what scanning a zone's
 * year costs. Undefined when the text is not of that shape (years before 1000 or after 9999):
 * the caller then asks luxon.
 */
class WallClockReader {
  private readonly format: (date: number) => string;

  constructor(zone: string) {
    const dtf = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    this.format = dtf.format;
  }

  /** The wall time as `Date.UTC(...)` of its fields, to the second, or undefined. */
  wallSeconds(utcMs: number): number | undefined {
    const t = this.format(utcMs);
    if (t.length !== 20) return undefined;
    // MM/DD/YYYY, HH:MM:SS
    const at = (k: number): number => t.charCodeAt(k) - 48;
    for (const k of WALL_DIGITS) {
      const d = at(k);
      if (d < 0 || d > 9) return undefined;
    }
    if (t.charCodeAt(2) !== 47 || t.charCodeAt(5) !== 47 || t.charCodeAt(10) !== 44 || t.charCodeAt(11) !== 32 || t.charCodeAt(14) !== 58 || t.charCodeAt(17) !== 58) return undefined;
    const year = at(6) * 1000 + at(7) * 100 + at(8) * 10 + at(9);
    if (year < 1000) return undefined;
    return Date.UTC(year, at(0) * 10 + at(1) - 1, at(3) * 10 + at(4), at(12) * 10 + at(13), at(15) * 10 + at(16), at(18) * 10 + at(19));
  }
}

/** Where {@link WallClockReader}'s text holds digits. */
const WALL_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9, 12, 13, 15, 16, 18, 19];

/** One UTC year of an IANA zone: the offset at its start and the transitions inside it. */
interface YearTable {
  readonly start: number;
  readonly initial: number;
  readonly transitions: readonly Transition[];
}

/**
 * An IANA zone, read from the runtime's tz database through luxon one UTC year at a time, as the
 * years are asked for (a birthday series from 1900 costs the years it touches, not every year since).
 */
class IanaZoneRules implements ZoneRules {
  readonly iana = true;
  private readonly zone: IANAZone;
  private readonly reader: WallClockReader;
  private readonly years = new Map<number, YearTable>();
  private last: YearTable | undefined;
  private lastEnd = -Infinity;

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    this.reader = new WallClockReader(name);
  }

  private rawOffset(utcMs: number): number {
    const wall = this.reader.wallSeconds(utcMs);
    if (wall !== undefined) return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
    return this.zone.offset(utcMs) * MINUTE;
  }

  private table(utcMs: number): YearTable {
    const last = this.last;
    if (last && utcMs >= last.start && utcMs < this.lastEnd) return last;
    const year = new Date(utcMs).getUTCFullYear();
    let t = this.years.get(year);
    if (!t) {
      t = this.scanYear(year);
      this.years.set(year, t);
    }
    this.last = t;
    this.lastEnd = Date.UTC(year + 1, 0, 1);
    return t;
  }

  offsetAt(utcMs: number): number {
    const t = this.table(utcMs);
    let o = t.initial;
    for (const tr of t.transitions) {
      if (tr.at > utcMs) break;
      o = tr.offset;
    }
    return o;
  }

  wallToUtc(wallMs: number): number {
    const lo = wallMs - 15 * HOUR;
    const hi = wallMs + 15 * HOUR;
    const before = this.offsetAt(lo);
    // The common case, no transition within ±15 h, allocates nothing.
    const tLo = this.table(lo);
    const tHi = this.table(hi);
    let near = false;
    for (const tr of tLo.transitions) if (tr.at > lo && tr.at <= hi) near = true;
    if (tHi !== tLo) for (const tr of tHi.transitions) if (tr.at > lo && tr.at <= hi) near = true;
    if (!near) return wallMs - before;
    const inRange: Transition[] = [];
    for (const tr of tLo.transitions) if (tr.at > lo && tr.at <= hi) inRange.push(tr);
    if (tHi !== tLo) for (const tr of tHi.transitions) if (tr.at > lo && tr.at <= hi) inRange.push(tr);
    return resolveWall(wallMs, before, inRange, (u) => this.offsetAt(u));
  }

  /**
   * Transitions within a UTC year, found by sampling and bisecting to the second. Modern rules
   * keep transitions weeks apart at least (Morocco's Ramadan suspension is the closest pair, about a
   * month), so sampling every 7 days finds them at a fraction of the cost
   * (each sample is an Intl call); before 1970, when zones changed more erratically, every 12 hours.
   */
  private scanYear(year: number): YearTable {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const step = year >= 1970 ? 7 * DAY : 12 * HOUR;
    // The offset just before the year; a change at its very first second is a transition too.
    const initial = this.rawOffset(start - 1000);
    const transitions: Transition[] = [];
    let prev = initial;
    const atStart = this.rawOffset(start);
    if (atStart !== prev) {
      transitions.push({ at: start, offset: atStart });
      prev = atStart;
    }
    let t = start;
    while (t < end) {
      const next = Math.min(t + step, end - 1000);
      const o = this.rawOffset(next);
      if (o !== prev) {
        let lo = t;
        let hi = next;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === prev) lo = mid;
          else hi = mid;
        }
        transitions.push({ at: hi, offset: o });
        prev = o;
      }
      if (next >= end - 1000) break;
      t = next;
    }
    return { start, initial, transitions };
  }
}

/**
 * A zone defined by explicit transitions, as a VTIMEZONE gives them. `initial` applies before the
 * first transition.
 */
export class FixedTableZone extends TransitionZone {
  readonly iana = false;
  constructor(
    readonly name: string,
    initial: number,
    transitions: readonly Transition[],
  ) {
    super();
    this.initial = initial;
    const sorted = [...transitions].sort((a, b) => a.at - b.at);
    for (const t of sorted) this.push(t.at, t.offset);
  }
}

const ianaCache = new Map<string, IanaZoneRules>();
let knownNames: Map<string, string> | undefined;

/** The usual spelling of a zone name given in any case ("america/new_york" → "America/New_York"). */
function properCase(name: string): string {
  if (!knownNames) {
    knownNames = new Map();
    for (const z of [...Intl.supportedValuesOf("timeZone"), ...Object.values(WINDOWS_TO_IANA)]) knownNames.set(z.toLowerCase(), z);
  }
  const exact = knownNames.get(name.toLowerCase());
  if (exact === name) return name;
  // A modern name ICU does not list (Asia/Kolkata) stays as given when its case is already right.
  if (/^[A-Z]/.test(name) && name !== name.toUpperCase()) return name;
  return exact ?? name;
}

/**
 * The rules of an IANA zone, or undefined when the name is not one. Cached per name.
 *
 * @example
 * ianaZone("America/New_York")?.wallToUtc(Date.UTC(2027, 2, 14, 2, 30)) // 2027-03-14T07:30Z (03:30 EDT)
 */
export function ianaZone(name: string): ZoneRules | undefined {
  const cached = ianaCache.get(name);
  if (cached) return cached;
  if (!IANAZone.isValidZone(name)) return undefined;
  // Canonicalise case ("america/new_york") so the cache and display use one spelling — but keep
  // the name's own form: ICU's canonical ids are the legacy ones (Asia/Calcutta for Asia/Kolkata).
  const canonical = properCase(name);
  const existing = ianaCache.get(canonical);
  if (existing) {
    ianaCache.set(name, existing);
    return existing;
  }
  const rules = new IanaZoneRules(canonical);
  ianaCache.set(name, rules);
  ianaCache.set(canonical, rules);
  return rules;
}

/** UTC as a zone (for `…Z` values and viewers who ask for UTC). */
export const UTC_ZONE: ZoneRules = {
  name: "UTC",
  iana: true,
  offsetAt: () => 0,
  wallToUtc: (wallMs: number) => wallMs,
};

/**
 * The viewer's zone by IANA name; throws a clear error for an unknown one (a caller bug or bad
 * user input, never silently UTC).
 */
export function requireZone(name: string): ZoneRules {
  if (name === "UTC" || name === "Etc/UTC") return UTC_ZONE;
  const z = ianaZone(name);
  if (!z) throw new RangeError(`Unknown time zone "${name}": use an IANA name such as America/New_York.`);
  return z;
}

/** Wall-clock fields of a UTC instant in a zone, encoded as `Date.UTC(...)`. */
export function utcToWall(zone: ZoneRules, utcMs: number): number {
  return utcMs + zone.offsetAt(utcMs);
}
