/**
 * TZID → zone rules for one file. In order:
 * 1. an IANA name (also behind a `/mozilla.org/…/` style prefix) uses the IANA database, which is
 *    more complete than the snapshot a writer embeds;
 * 2. any other TZID that a VTIMEZONE in the file defines uses that definition (Outlook's
 *    "Customized Time Zone", CDO's "GMT +0100 (Standard) / …", display names);
 * 3. a Windows zone id or Outlook display name with no VTIMEZONE maps to IANA through CLDR;
 * 4. anything else is unknown, and the caller reports it with its line: never a silent UTC.
 */
import { RRule, type Options as RRuleOptions } from "rrule";
import { FixedTableZone, ianaZone, type ZoneRules } from "../time/zone";
import { windowsZoneToIana } from "../time/windows-zones";
import type { Component } from "./components";
import { parseDateOrDateTime } from "./values";
import { parseRecurrenceRule } from "./rule/text";
import { toRRuleOptions } from "./rule/options";
import type { ImportIssue } from "../calendar";

/** VTIMEZONE observances are expanded up to this instant; later instants keep the last offset. */
const EXPAND_TZ_UNTIL = Date.UTC(2100, 0, 1);

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
        const rule = parseRecurrenceRule(rr.value, rr.line);
        const options: Partial<RRuleOptions> = toRRuleOptions(rule, startWall);
        // UNTIL in a VTIMEZONE is UTC; rrule compares in our floating wall time: convert.
        if (rule.until) {
          const untilWall = rule.until.kind === "utc" ? rule.until.utc + from : rule.until.wall;
          options.until = new Date(untilWall);
        }
        const limit = new Date(EXPAND_TZ_UNTIL + from);
        const r = new RRule(options);
        r.all((d, i) => {
          if (d.getTime() > limit.getTime() || i > 2000) return false;
          onsets.push(d.getTime() - from);
          return true;
        });
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
    this.cache.set(rawTzid, zone);
    return zone;
  }
}
