/**
 * Round-trip helpers: read an exported calendar back through our importer and through ical.js (the
 * reference), and give both answers as `[start, end)` ISO strings per UID, so tests compare them
 * with the catalog's own instants.
 */
import ICAL from "ical.js";
import { importIcs } from "@/lib/ics/import";
import type { ImportIssue } from "@/lib/calendar";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { iso } from "../helpers/ics";

export interface Instance {
  readonly uid: string;
  readonly start: string;
  readonly end: string;
}

/** Our importer and expander over `[from, to)`, viewer in UTC; every import issue is returned too. */
export function ourInstances(text: string, from: number, to: number): { instances: Instance[]; occurrences: Occurrence[]; issues: ImportIssue[] } {
  const result = importIcs(new TextEncoder().encode(text), { sourceName: "export.ics" });
  if (!result.ok) throw new Error(`Our importer refused the export: ${result.issues.map((i) => i.message).join("; ")}`);
  const expansion = expandEvents(result.calendar.events, { from, to }, { viewerZone: "UTC" });
  return {
    occurrences: expansion.occurrences,
    instances: expansion.occurrences.map((o) => ({ uid: o.uid, start: iso(o.start), end: iso(o.end) })),
    issues: [...result.issues, ...expansion.warnings],
  };
}

/** Parses with ical.js, failing the test on any parser error. */
export function icalParse(text: string): InstanceType<typeof ICAL.Component> {
  return new ICAL.Component(ICAL.parse(text));
}

/**
 * ical.js's own expansion: the file's VTIMEZONEs registered with its TimezoneService, each VEVENT
 * walked with `ICAL.Event#iterator` (which applies RRULE, UNTIL and EXDATE), at most `cap`
 * instances per event, sorted like ours.
 */
export function icalInstances(text: string, cap = 5000): Instance[] {
  const root = icalParse(text);
  for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  const out: Instance[] = [];
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const push = (start: InstanceType<typeof ICAL.Time>, end: InstanceType<typeof ICAL.Time>) =>
      out.push({ uid: event.uid, start: iso(start.toUnixTime() * 1000), end: iso(end.toUnixTime() * 1000) });
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate);
      continue;
    }
    const it = event.iterator();
    let n = 0;
    for (let next = it.next(); next; next = it.next()) {
      if (++n > cap) throw new Error(`ical.js: ${event.uid} has more than ${cap} instances`);
      const details = event.getOccurrenceDetails(next);
      push(details.startDate, details.endDate);
    }
  }
  return sortInstances(out);
}

export function sortInstances(list: readonly Instance[]): Instance[] {
  return [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

/** Unfolds content lines (RFC 5545 §3.1) so tests can look at whole properties. */
export function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, "").split("\r\n").filter((l) => l.length > 0);
}

/**
 * The same calendar with its zone renamed to a TZID no client knows, and the lines re-joined
 * (unfolded): what remains to define the zone is the file's own VTIMEZONE.
 */
export function renameZone(text: string, iana: string, tzid: string): string {
  const lines = unfold(text).map((line) => {
    if (line === `TZID:${iana}`) return `TZID:${tzid}`;
    if (line.startsWith("X-WR-TIMEZONE:")) return `X-WR-TIMEZONE:${tzid}`;
    return line.split(`TZID=${iana}:`).join(`TZID=${tzid}:`);
  });
  return `${lines.filter((l) => !l.startsWith("X-LIC-LOCATION:")).join("\r\n")}\r\n`;
}
