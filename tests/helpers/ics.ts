/**
 * Test helpers: build small .ics texts from VEVENT lines, expand them through the real engine
 * (importIcs → expandEvents) and read the answer back as ISO-8601 UTC strings, so that tests can
 * state literal inputs and exact expected values.
 *
 * Also holds an oracle for US Eastern time that is independent of the engine and of luxon: the
 * US DST rules written out by hand, used to turn the dates RFC 5545 prints into UTC instants.
 */
import { importIcs } from "@/lib/ics/import";
import type { CalendarEvent, ImportIssue } from "@/lib/calendar";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";

/** VEVENT lines (without BEGIN/END:VEVENT); a `UID` and `DTSTAMP` are added when missing. */
export type EventLines = readonly string[];

let uidCounter = 0;

/**
 * Wraps components into a VCALENDAR text (CRLF line endings). An array is the lines of one
 * VEVENT; a string is inserted verbatim (a VTIMEZONE, or a VEVENT written out in full).
 *
 * @example
 * ics(["UID:a", "DTSTART:20270315T090000Z", "DURATION:PT1H"])
 */
export function ics(...components: (EventLines | string)[]): string {
  const out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FormatFit//tests//EN"];
  for (const c of components) {
    if (typeof c === "string") {
      out.push(...c.split(/\r?\n/).filter((l) => l.length > 0));
      continue;
    }
    out.push("BEGIN:VEVENT");
    if (!c.some((l) => /^UID[:;]/i.test(l))) out.push(`UID:test-${++uidCounter}@formatfit.test`);
    if (!c.some((l) => /^DTSTAMP[:;]/i.test(l))) out.push("DTSTAMP:20270101T000000Z");
    out.push(...c);
    out.push("END:VEVENT");
  }
  out.push("END:VCALENDAR");
  return out.join("\r\n") + "\r\n";
}

/** An instant as ISO-8601 UTC without milliseconds (`2027-01-12T23:30:00Z`), as the CLI writes it. */
export function iso(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith(".000Z") ? `${s.slice(0, -5)}Z` : s;
}

/** Parses an ISO instant that must carry `Z` (tests never rely on the host's zone). */
export function ms(isoText: string): number {
  if (!/Z$/.test(isoText)) throw new Error(`Test bug: "${isoText}" must be a UTC instant ending in Z.`);
  const t = Date.parse(isoText);
  if (Number.isNaN(t)) throw new Error(`Test bug: "${isoText}" is not an instant.`);
  return t;
}

/** Imports an .ics text and fails loudly when the engine refuses it. */
export function importEvents(text: string): { events: CalendarEvent[]; issues: ImportIssue[] } {
  const r = importIcs(text);
  if (!r.ok) throw new Error(`importIcs refused the test calendar: ${r.issues.map((i) => i.message).join(" | ")}`);
  return { events: r.calendar.events, issues: r.issues };
}

export interface IsoOccurrence {
  readonly uid: string;
  readonly start: string;
  readonly end: string;
  readonly allDay: boolean;
  readonly transparent: boolean;
  readonly summary?: string;
}

export interface ExpandedText {
  /** Start instants, in order. */
  readonly starts: string[];
  /** `start/end` pairs, in order. */
  readonly spans: string[];
  readonly occurrences: IsoOccurrence[];
  /** The engine's own objects, for tests that go on to busy intervals. */
  readonly raw: Occurrence[];
  readonly warnings: ImportIssue[];
  readonly issues: ImportIssue[];
}

/**
 * Imports `text` and expands it over the half-open window `[fromIso, toIso)` for a viewer in
 * `viewerZone`; every instant comes back as an ISO-8601 UTC string.
 *
 * @example
 * expandText(ics(["DTSTART:20270315T090000Z", "DURATION:PT1H"]), "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", "UTC").starts
 * // ["2027-03-15T09:00:00Z"]
 */
export function expandText(text: string, fromIso: string, toIso: string, viewerZone = "UTC"): ExpandedText {
  const { events, issues } = importEvents(text);
  const { occurrences, warnings } = expandEvents(events, { from: ms(fromIso), to: ms(toIso) }, { viewerZone });
  const isoOccs = occurrences.map((o) => ({
    uid: o.uid,
    start: iso(o.start),
    end: iso(o.end),
    allDay: o.allDay,
    transparent: o.transparent,
    ...(o.summary !== undefined ? { summary: o.summary } : {}),
  }));
  return {
    starts: isoOccs.map((o) => o.start),
    spans: isoOccs.map((o) => `${o.start}/${o.end}`),
    occurrences: isoOccs,
    raw: occurrences,
    warnings,
    issues,
  };
}

// ---------------------------------------------------------------------------------------------
// US Eastern oracle (America/New_York), written from the US rules, not from any library:
//   1987–2006: DST from the first Sunday of April to the last Sunday of October, 02:00 local;
//   2007 on:   DST from the second Sunday of March to the first Sunday of November, 02:00 local.
// ---------------------------------------------------------------------------------------------

function nthSunday(year: number, month0: number, n: number): number {
  const first = new Date(Date.UTC(year, month0, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

function lastSunday(year: number, month0: number): number {
  const days = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month0, days)).getUTCDay();
  return days - last;
}

/** The local dates (month * 100 + day) on which US Eastern daylight time starts and ends. */
function easternTransitions(year: number): [number, number] {
  if (year < 1987) throw new Error("Test oracle only knows US rules from 1987 on.");
  return year < 2007 ? [400 + nthSunday(year, 3, 1), 1000 + lastSunday(year, 9)] : [300 + nthSunday(year, 2, 2), 1100 + nthSunday(year, 10, 1)];
}

/** Whether US Eastern observes daylight time on a local date, at a time of day from 03:00 on. */
function easternDaylight(year: number, month: number, day: number): boolean {
  const [start, end] = easternTransitions(year);
  const key = month * 100 + day;
  return key >= start && key < end;
}

/**
 * A US Eastern wall time (`"1997-09-02T09:00"`) as an ISO UTC instant, by the hand-written rules
 * above. Refuses 01:00–02:59 on transition days, where the answer needs the gap/overlap rule.
 *
 * @example
 * eastern("1997-09-02T09:00") // "1997-09-02T13:00:00Z"
 */
export function eastern(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`Test bug: "${local}" is not YYYY-MM-DDTHH:MM.`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (h < 3 && easternTransitions(y).includes(mo * 100 + d)) {
    throw new Error(`Test bug: ${local} is near a transition; write the UTC instant out by hand.`);
  }
  const offsetHours = easternDaylight(y, mo, d) ? 4 : 5;
  return iso(Date.UTC(y, mo - 1, d, h + offsetHours, mi));
}

/**
 * The dates the RFC prints for one month, at one Eastern wall-clock time, as ISO UTC instants.
 *
 * @example
 * easternDays(1997, 9, [2, 4], "09:00") // ["1997-09-02T13:00:00Z", "1997-09-04T13:00:00Z"]
 */
export function easternDays(year: number, month: number, days: readonly number[], time = "09:00"): string[] {
  const p = (n: number) => String(n).padStart(2, "0");
  return days.map((d) => eastern(`${year}-${p(month)}-${p(d)}T${time}`));
}

/** Inclusive integer range, for the RFC's "September 2-30". */
export function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i += step) out.push(i);
  return out;
}
