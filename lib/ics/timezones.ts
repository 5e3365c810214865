/**
 * TZID → zone rules for one file. In order:
 * 1. an IANA name (also behind a `/mozilla.org/…/` style prefix) uses the IANA database, which is
 *    more complete than the snapshot a writer embeds;
 * 2. any other TZID that a VTIMEZONE in the file defines uses that definition (Outlook's
 *    "Customized Time Zone", CDO's "GMT +0100 (Standard) / …", display names);
 * 3. a Windows zone id or Outlook display name with no VTIMEZONE maps to IANA through CLDR;
 * 4. anything else is unknown, and the caller reports it with its line: never a silent UTC.
 */
import { FixedTableZone, ianaZone, type ZoneRules } from "../time/zone";
import { daysFromCivil } from "../time/civil";
import { DAY } from "../time/units";
import { windowsZoneToIana } from "../time/windows-zones";
import type { Component } from "./components";
import { parseDateOrDateTime } from "./values";
import { parseRecurrenceRule } from "./rule/text";
import { expandRule, whyRuleNeverMatches } from "./rule/expand";
import type { ImportIssue } from "../calendar";

/** VTIMEZONE observances are expanded up to this instant; later instants keep the last offset. */
const EXPAND_TZ_UNTIL = Date.UTC(2100, 0, 1);
/** …and from this one on (besides their DTSTART onset): earlier changes matter to no learner. */
const EXPAND_TZ_FROM = Date.UTC(1900, 0, 1);
/** Steps one observance rule may take (a yearly rule over two centuries takes a few hundred). */
const MAX_TZ_RULE_STEPS = 20_000;

/**
 * The onsets (UTC) an observance's RRULE gives. UNTIL in a VTIMEZONE is UTC; the rule is expanded
 * in wall-clock time, where the observance starts at TZOFFSETFROM.
 */
function ruleOnsets(value: string, line: number, startWall: number, from: number): number[] {
  const rule = parseRecurrenceRule(value, line);
  if (whyRuleNeverMatches(rule, startWall)) return [];
  const untilWall = rule.until ? (rule.until.kind === "utc" ? rule.until.utc + from : rule.until.wall) : undefined;
  const res = expandRule(rule, startWall, Math.max(startWall, EXPAND_TZ_FROM), EXPAND_TZ_UNTIL + from, { maxSteps: MAX_TZ_RULE_STEPS, untilWall });
  return res.walls.map((w) => w - from);
}

/** Strips quotes and backslash escapes and surrounding space from a TZID as written. */
export function normaliseTzid(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
  return s.replace(/\\([,;\\])/g, "$1").trim();
}

/** An IANA zone behind a vendor prefix (`/mozilla.org/20070129_1/Europe/Paris`), if any. */
function prefixedIana(tzid: string): ZoneRules | undefined {
  if (!tzid.includes("/")) return undefined;
  const parts = tzid.split("/").filter((p) => p.length > 0);
  for (let take = Math.min(3, parts.length); take >= 1; take--) {
    const candidate = parts.slice(parts.length - take).join("/");
    if (take === 1 && !/^(UTC|GMT)$/i.test(candidate)) continue;
    const z = ianaZone(candidate);
    if (z) return z;
  }
  return undefined;
}

function parseOffset(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(raw.trim());
  if (!m) return undefined;
  const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}

/**
 * Builds zone rules from a VTIMEZONE: each STANDARD/DAYLIGHT observance gives onsets (its DTSTART,
 * RRULE and RDATEs, as wall times in TZOFFSETFROM) after which TZOFFSETTO applies.
 */
export function zoneFromVtimezone(tzid: string, comp: Component, issues: ImportIssue[]): ZoneRules | undefined {
  const transitions: { at: number; offset: number }[] = [];
  let earliest: { at: number; from: number } | undefined;
  for (const obs of comp.children) {
    if (obs.name !== "STANDARD" && obs.name !== "DAYLIGHT") continue;
    const get = (n: string) => obs.properties.find((p) => p.name === n);
    const from = parseOffset(get("TZOFFSETFROM")?.value);
    const to = parseOffset(get("TZOFFSETTO")?.value);
    const dtstartProp = get("DTSTART");
    if (from === undefined || to === undefined || !dtstartProp) {
      issues.push({
        code: "UNKNOWN_TZID",
        severity: "warning",
        line: obs.line,
        message: `Line ${obs.line}: the ${obs.name} part of time zone "${tzid}" lacks DTSTART, TZOFFSETFROM or TZOFFSETTO; it was ignored.`,
      });
      continue;
    }
    let startWall: number;
    try {
      const p = parseDateOrDateTime(dtstartProp.value);
      startWall = p.kind === "utc" ? p.utc : p.wall;
    } catch {
      continue;
    }
    const onsets: number[] = [startWall - from];
    for (const rr of obs.properties.filter((p) => p.name === "RRULE")) {
      try {
        onsets.push(...ruleOnsets(rr.value, rr.line, startWall, from));
      } catch {
        // An unreadable observance rule leaves the DTSTART onset; the offsets before and after stay right.
      }
    }
    for (const rd of obs.properties.filter((p) => p.name === "RDATE")) {
      for (const v of rd.value.split(",")) {
        try {
          const p = parseDateOrDateTime(v);
          onsets.push((p.kind === "utc" ? p.utc : p.wall) - (p.kind === "utc" ? 0 : from));
        } catch {
          /* ignore one bad RDATE in a zone definition */
        }
      }
    }
    for (const at of onsets) {
      transitions.push({ at, offset: to });
      if (!earliest || at < earliest.at) earliest = { at, from };
    }
  }
  if (!earliest) return undefined;
  return new FixedTableZone(tzid, earliest.from, transitions);
}

/** Years read exactly from the IANA database: a value outside them borrows its offset from inside. */
const EXACT_FROM = Date.UTC(1970, 0, 1);
const EXACT_UNTIL = Date.UTC(2200, 0, 1);
const bounded = new WeakMap<ZoneRules, ZoneRules>();

/** The same month, day and time of day in `year` (Feb 29 becomes Feb 28 in a common year). */
function inYear(ms: number, year: number): number {
  const d = new Date(ms);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = d.getUTCMonth() === 1 && d.getUTCDate() === 29 && !leap ? 28 : d.getUTCDate();
  return daysFromCivil(year, d.getUTCMonth() + 1, day) * DAY + (ms - Math.floor(ms / DAY) * DAY);
}

/** An instant moved into the exact years, keeping its day of the year. */
function intoExactYears(ms: number): number {
  if (ms < EXACT_FROM) return inYear(ms, 1970);
  if (ms >= EXACT_UNTIL) return inYear(ms, 2199);
  return ms;
}

/**
 * An IANA zone whose offsets before 1970 and from 2200 on are those of the same day in 1970 or
 * 2199. Each year of an IANA zone costs tens to hundreds of tz-database lookups the first time it
 * is asked for (lib/time/zone.ts), so a file whose values are spread over a thousand historical
 * years would take seconds; no learner's week depends on how New York kept time in 1850.
 * Zones a VTIMEZONE defines are tables already, and are returned as they are.
 *
 * @example
 * boundedZone(ianaZone("America/New_York")!).offsetAt(Date.UTC(1850, 6, 1)) // EDT, as on 1970-07-01
 */
export function boundedZone(zone: ZoneRules): ZoneRules {
  if (!zone.iana || zone.name === "UTC") return zone;
  let b = bounded.get(zone);
  if (!b) {
    b = {
      name: zone.name,
      iana: true,
      offsetAt: (u) => zone.offsetAt(intoExactYears(u)),
      wallToUtc: (w) => (w >= EXACT_FROM && w < EXACT_UNTIL ? zone.wallToUtc(w) : w - zone.offsetAt(intoExactYears(w))),
    };
    bounded.set(zone, b);
  }
  return b;
}

/** Resolves the TZIDs of one file, caching each answer. */
export class ZoneResolver {
  private readonly cache = new Map<string, ZoneRules | undefined>();
  private readonly vtimezones = new Map<string, Component>();

  constructor(
    vtimezones: readonly Component[],
    private readonly issues: ImportIssue[],
  ) {
    for (const vt of vtimezones) {
      const id = vt.properties.find((p) => p.name === "TZID");
      if (id) this.vtimezones.set(normaliseTzid(id.value), vt);
    }
  }

  /** The zones the first `max` VTIMEZONEs of the file define, in file order (resolved now if not yet). */
  defined(max = 16): ZoneRules[] {
    const out: ZoneRules[] = [];
    for (const id of [...this.vtimezones.keys()].slice(0, max)) {
      const zone = this.resolve(id);
      if (zone) out.push(zone);
    }
    return out;
  }

  /** The zone rules for a TZID as written in a parameter, or undefined when nothing defines it. */
  resolve(rawTzid: string): ZoneRules | undefined {
    if (this.cache.has(rawTzid)) return this.cache.get(rawTzid);
    const tzid = normaliseTzid(rawTzid);
    let zone = ianaZone(tzid) ?? prefixedIana(tzid);
    if (!zone) {
      const vt = this.vtimezones.get(tzid);
      if (vt) zone = zoneFromVtimezone(tzid, vt, this.issues);
    }
    if (!zone) {
      const iana = windowsZoneToIana(tzid);
      if (iana) zone = ianaZone(iana);
    }
    if (zone) zone = boundedZone(zone);
    this.cache.set(rawTzid, zone);
    return zone;
  }
}
