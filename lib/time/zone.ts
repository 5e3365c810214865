/**
 * Time zone rules as a sorted list of transitions, so that "what offset applies at this instant"
 * and "which instant is this wall-clock time" are binary searches, independent of the host's TZ
 * and of today's date.
 *
 * Two sources fill the list: the IANA database (through luxon) and a VTIMEZONE in an .ics file.
 */
import { IANAZone } from "luxon";

const HOUR = 3_600_000;
const DAY = 86_400_000;

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
 * Zone rules backed by a transition table. Subclasses fill it (eagerly, or lazily per year).
 */
abstract class TransitionZone implements ZoneRules {
  abstract readonly name: string;
  abstract readonly iana: boolean;
  protected ats: number[] = [];
  protected offsets: number[] = [];
  /** Offset before the first transition. */
  protected initial = 0;

  /** Make sure transitions around `utcMs` (± a day) are known. */
  protected abstract ensure(utcMs: number): void;

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
    this.ensure(utcMs);
    const i = this.indexAt(utcMs);
    return i < 0 ? this.initial : (this.offsets[i] as number);
  }

  wallToUtc(wallMs: number): number {
    // The instant lies within ±15 h of the wall time read as UTC. Collect the offsets that apply
    // anywhere in that range, in order; each is a candidate.
    const lo = wallMs - 15 * HOUR;
    const hi = wallMs + 15 * HOUR;
    this.ensure(lo);
    this.ensure(hi);
    const first = this.indexAt(lo);
    let before = first < 0 ? this.initial : (this.offsets[first] as number);
    // Earliest valid candidate wins (RFC 5545: the first of two ambiguous instants).
    let candidateOffset = before;
    let utc = wallMs - candidateOffset;
    if (this.offsetAt(utc) === candidateOffset) return utc;
    for (let i = first + 1; i < this.ats.length && (this.ats[i] as number) <= hi; i++) {
      const at = this.ats[i] as number;
      const after = this.offsets[i] as number;
      // A gap: wall times in [at + before, at + after) do not exist. Take the offset from before.
      if (after > before && wallMs >= at + before && wallMs < at + after) return wallMs - before;
      candidateOffset = after;
      utc = wallMs - candidateOffset;
      if (this.offsetAt(utc) === candidateOffset) return utc;
      before = after;
    }
    // Unreachable for consistent tables; fall back to the offset in force at wallMs - before.
    return wallMs - this.offsetAt(wallMs - before);
  }

  /** Append a transition (callers add in ascending order, skipping no-op changes). */
  protected push(at: number, offset: number): void {
    const n = this.ats.length;
    const prev = n === 0 ? this.initial : (this.offsets[n - 1] as number);
    if (offset === prev) return;
    if (n > 0 && at <= (this.ats[n - 1] as number)) {
      // Out of order: insert in place (rare; VTIMEZONE observances may interleave).
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

/** Years covered lazily by the IANA zone; each is scanned once. */
class IanaZoneRules extends TransitionZone {
  readonly iana = true;
  private readonly zone: IANAZone;
  private readonly years = new Set<number>();
  private minYear = Infinity;
  private maxYear = -Infinity;

  constructor(readonly name: string) {
    super();
    this.zone = IANAZone.create(name);
    this.initial = this.rawOffset(Date.UTC(1800, 0, 1));
  }

  private rawOffset(utcMs: number): number {
    return this.zone.offset(utcMs) * 60_000;
  }

  /** UTC range whose years are already scanned: the common case is one comparison, no Date. */
  private coveredFrom = Infinity;
  private coveredTo = -Infinity;

  protected ensure(utcMs: number): void {
    if (utcMs >= this.coveredFrom && utcMs < this.coveredTo) return;
    // Scanned years are kept contiguous; far-off years use the nearest scanned rules.
    const year = Math.min(2200, Math.max(1850, new Date(utcMs).getUTCFullYear()));
    if (this.years.has(year)) return;
    this.extend(year);
    this.coveredFrom = Date.UTC(this.minYear, 0, 1);
    this.coveredTo = Date.UTC(this.maxYear + 1, 0, 1);
  }

  private extend(year: number): void {
    // Keep the table contiguous: scan every year between what is known and the one asked for.
    if (this.years.size === 0) {
      this.scanYear(year);
      this.minYear = this.maxYear = year;
      return;
    }
    if (year > this.maxYear) {
      for (let y = this.maxYear + 1; y <= year; y++) this.scanYear(y);
      this.maxYear = year;
    } else if (year < this.minYear) {
      const added: [number, number][] = [];
      for (let y = year; y < this.minYear; y++) added.push(...this.transitionsOfYear(y));
      // Prepend: rebuild the table with the new, earlier transitions first.
      const oldAts = this.ats;
      const oldOffsets = this.offsets;
      this.ats = [];
      this.offsets = [];
      this.initial = this.rawOffset(Date.UTC(year, 0, 1) - DAY);
      for (const [at, offset] of added) this.push(at, offset);
      for (let i = 0; i < oldAts.length; i++) this.push(oldAts[i] as number, oldOffsets[i] as number);
      for (let y = year; y < this.minYear; y++) this.years.add(y);
      this.minYear = year;
    }
  }

  private scanYear(year: number): void {
    if (this.years.size === 0) this.initial = this.rawOffset(Date.UTC(year, 0, 1) - DAY);
    for (const [at, offset] of this.transitionsOfYear(year)) this.push(at, offset);
    this.years.add(year);
  }

  /**
   * Transitions within a UTC year, found by sampling and bisecting to the second. Modern rules
   * keep transitions months apart, so sampling every 3 days finds them at a fraction of the cost
   * (each sample is an Intl call); before 1970, when zones changed more erratically, every 6 hours.
   */
  private transitionsOfYear(year: number): [number, number][] {
    const out: [number, number][] = [];
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const step = year >= 1970 ? 3 * DAY : 6 * HOUR;
    let t = start;
    let prev = this.rawOffset(start - 1000);
    // A change exactly at the year's first instant.
    const atStart = this.rawOffset(start);
    if (atStart !== prev) {
      out.push([start, atStart]);
      prev = atStart;
    }
    while (t < end) {
      const next = Math.min(t + step, end);
      const o = this.rawOffset(next);
      if (o !== prev) {
        let lo = t;
        let hi = next;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === prev) lo = mid;
          else hi = mid;
        }
        out.push([hi, o]);
        prev = o;
      }
      t = next;
    }
    return out;
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
  protected ensure(): void {}
}

const ianaCache = new Map<string, IanaZoneRules>();

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
  // Canonicalise case ("america/new_york") so the cache and display use one spelling.
  const canonical = IANAZone.create(name).name;
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
