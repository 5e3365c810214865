/**
 * Components → events: one VEVENT becomes one {@link CalendarEvent}, or is skipped with issues that say
 * which line is wrong and why. Problems in one property that the event can live without (one bad
 * EXDATE value) are warnings; problems that make its times unknowable skip the event.
 */
import type { Component } from "./components";
import { parseProperty, unescapeText, type Property } from "./content-lines";
import { approxInstant, DateReader, SkipEvent } from "./dates";
import { parseRecurrenceRule, RuleError } from "./rule/text";
import { whyRuleNeverMatches } from "./rule/never";
import type { ZoneResolver } from "./timezones";
import type { Attendee, BusyStatus, DateValue, EventStatus, CalendarEvent, ImportIssue, IssueCode, NominalDuration, PeriodValue, RecurrenceRule } from "../calendar";
import { durationProblem, parseDuration, ValueError } from "./values";
import { HOUR, DAY } from "../time/units";

export { approxInstant } from "./dates";

export interface EventContext {
  readonly zones: ZoneResolver;
  /** The calendar's METHOD: events of a CANCEL message are cancellations. */
  readonly method?: string | undefined;
  readonly source?: string | undefined;
  /**
   * Rules already parsed in this file, by their text: many series share a rule (a weekly meeting's
   * `FREQ=WEEKLY;BYDAY=MO`), and each is parsed once. One map per file, so nothing outlives it.
   */
  readonly rules?: Map<string, ParsedRule>;
}

/** A rule as parsed from its text, with what the parser noticed. */
export interface ParsedRule {
  readonly rule: RecurrenceRule;
  readonly notes: readonly string[];
}

type Warn = (code: IssueCode, line: number, message: string) => void;

const STATUSES: readonly EventStatus[] = ["CONFIRMED", "TENTATIVE", "CANCELLED"];
const BUSY: readonly BusyStatus[] = ["FREE", "TENTATIVE", "BUSY", "OOF", "WORKINGELSEWHERE"];
/** Properties read once: a second one is reported and ignored. */
type Single = "UID" | "DTSTART" | "DTEND" | "DURATION" | "RECURRENCE-ID" | "STATUS" | "TRANSP";

/** A VEVENT's properties, sorted by what they are for. */
interface RawEvent {
  readonly single: Record<Single, Property | undefined>;
  readonly duplicates: Property[];
  summary?: string;
  busy?: string;
  organizer?: string;
  sequence?: number;
  readonly rrule: Property[];
  readonly rdate: Property[];
  readonly exdate: Property[];
  readonly attendees: Attendee[];
}

function emailOf(value: string): string {
  return value.replace(/^mailto:/i, "").trim().toLowerCase();
}

/** The properties {@link collect} reads; the rest of an event's lines are not parsed. */
const COLLECTED: ReadonlySet<string> = new Set(["UID", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "STATUS", "TRANSP", "SUMMARY", "X-MICROSOFT-CDO-BUSYSTATUS", "ORGANIZER", "SEQUENCE", "ATTENDEE", "RRULE", "RDATE", "EXDATE"]);

function collect(comp: Component): RawEvent {
  const single: Record<Single, Property | undefined> = { UID: undefined, DTSTART: undefined, DTEND: undefined, DURATION: undefined, "RECURRENCE-ID": undefined, STATUS: undefined, TRANSP: undefined };
  const raw: RawEvent = { single, duplicates: [], rrule: [], rdate: [], exdate: [], attendees: [] };
  for (const p of comp.select(COLLECTED)) {
    switch (p.name) {
      case "UID":
      case "DTSTART":
      case "DTEND":
      case "DURATION":
      case "RECURRENCE-ID":
      case "STATUS":
      case "TRANSP":
        if (single[p.name] === undefined) single[p.name] = p;
        else raw.duplicates.push(p);
        break;
      case "SUMMARY":
        raw.summary ??= unescapeText(p.value);
        break;
      case "X-MICROSOFT-CDO-BUSYSTATUS":
        raw.busy = p.value.trim().toUpperCase();
        break;
      case "ORGANIZER":
        raw.organizer = emailOf(p.value);
        break;
      case "SEQUENCE": {
        const n = Number(p.value.trim());
        if (Number.isInteger(n)) raw.sequence = n;
        break;
      }
      case "ATTENDEE":
        raw.attendees.push({ email: emailOf(p.value), partstat: (p.params?.PARTSTAT ?? "NEEDS-ACTION").toUpperCase() });
        break;
      case "RRULE":
        raw.rrule.push(p);
        break;
      case "RDATE":
        raw.rdate.push(p);
        break;
      case "EXDATE":
        raw.exdate.push(p);
        break;
    }
  }
  return raw;
}

/**
 * A UID for an event that has none: its line and a hash of its content. Not the file's name or
 * path, which may hold a secret (a calendar URL's token) and would end up in every answer.
 */
function synthesisedUid(comp: Component): string {
  let h = 0x811c9dc5;
  for (const p of comp.properties) {
    const text = `${p.name}:${p.value}\n`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return `line-${comp.line}.${(h >>> 0).toString(16).padStart(8, "0")}@formatfit.invalid`;
}

function readDuration(prop: Property, warn: Warn): NominalDuration | undefined {
  let d: NominalDuration;
  try {
    d = parseDuration(prop.value);
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    warn("INVALID_DURATION", prop.line, `Line ${prop.line}: DURATION ${e.message}`);
    return undefined;
  }
  const problem = durationProblem(d);
  if (problem) throw new SkipEvent("INVALID_DURATION", `Line ${prop.line}: DURATION ${prop.value.trim().slice(0, 40)} ${problem}, so the event has no usable length; it was skipped.`, prop.line);
  return d;
}

/** DTSTART, and DTEND or DURATION. */
function readTimes(comp: Component, raw: RawEvent, dates: DateReader, warn: Warn): { start: DateValue; end?: DateValue; duration?: NominalDuration } {
  const { DTSTART: dtstart, DTEND: dtend, DURATION: duration } = raw.single;
  if (!dtstart) throw new SkipEvent("MISSING_DTSTART", `Event at line ${comp.line} has no DTSTART, so it has no time; it was skipped.`, comp.line);
  const start = dates.read(dtstart, "DTSTART");
  if (dtend && duration) {
    // Thunderbird writes both (DURATION:PT0S beside a real DTEND): DTEND wins, as there and in ical.js.
    warn("INVALID_DURATION", duration.line, `Line ${duration.line}: the event at line ${comp.line} has both DTEND (line ${dtend.line}) and DURATION, which RFC 5545 forbids; its DTEND was used and the DURATION ignored.`);
  } else if (duration) {
    const d = readDuration(duration, warn);
    return d ? { start, duration: d } : { start };
  }
  if (!dtend) return { start };
  try {
    return { start, end: dates.read(dtend, "DTEND") };
  } catch (e) {
    if (!(e instanceof SkipEvent)) throw e;
    // A bad DTEND when DTSTART is good: keep the event with the default length, and say so.
    warn(e.code, e.line, `${e.message} The event keeps its start and the default length.`);
    return { start };
  }
}

/** Why a rule ends before DTSTART, or undefined. Only certain cases count (floating times may be up to 14 hours off). */
function untilBeforeStart(rule: RecurrenceRule, start: DateValue): string | undefined {
  const until = rule.until;
  if (!until) return undefined;
  const startWall = start.kind === "utc" ? start.utc : start.wall;
  let before: boolean;
  // A DATE UNTIL includes its whole date.
  if (until.kind === "date") before = until.wall < Math.floor(startWall / DAY) * DAY;
  else if (until.kind === "utc") before = start.kind === "utc" || start.kind === "zoned" ? until.utc < approxInstant(start) : until.utc < startWall - 14 * HOUR;
  else before = until.wall < startWall;
  return before ? `its UNTIL is before the event's start (DTSTART)` : undefined;
}

/** The rule of an RRULE value at `line`: parsed, or a copy of the one parsed from the same text before. */
function ruleOf(value: string, line: number, cache: Map<string, ParsedRule> | undefined): ParsedRule {
  const known = cache?.get(value);
  if (known) return { rule: { ...known.rule, line }, notes: known.notes };
  const notes: string[] = [];
  const parsed = { rule: parseRecurrenceRule(value, line, notes), notes };
  cache?.set(value, parsed);
  return parsed;
}

function readRules(props: readonly Property[], start: DateValue, warn: Warn, cache: Map<string, ParsedRule> | undefined): RecurrenceRule[] {
  const rules: RecurrenceRule[] = [];
  for (const p of props) {
    // CalendarLabs writes an empty RRULE: on every event. It means "no rule".
    if (p.value.trim() === "") continue;
    let rule: RecurrenceRule;
    let notes: readonly string[];
    try {
      ({ rule, notes } = ruleOf(p.value, p.line, cache));
    } catch (e) {
      if (e instanceof RuleError) throw new SkipEvent("INVALID_RRULE", `Line ${p.line}: RRULE ${e.message}`, p.line);
      throw e;
    }
    for (const n of notes) warn("INVALID_RRULE", p.line, `Line ${p.line}: ${n}`);
    const why = whyRuleNeverMatches(rule, start.kind === "utc" ? start.utc : start.wall) ?? untilBeforeStart(rule, start);
    if (why) {
      // DTSTART is still the first instance (RFC 5545): keep the event, drop the rule.
      warn("RRULE_NEVER_MATCHES", p.line, `Line ${p.line}: RRULE ${rule.text} can never produce an occurrence (${why}); only the event's start (DTSTART) is used. Check the rule in the calendar program that made it.`);
      continue;
    }
    rules.push(rule);
  }
  return rules;
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function rdateItem(p: Property, raw: string, dates: DateReader): DateValue | PeriodValue {
  if (p.params?.VALUE?.toUpperCase() !== "PERIOD" && !raw.includes("/")) return dates.read(p, "RDATE", raw);
  const [a, b] = raw.split("/");
  const start = dates.read(p, "RDATE", a ?? "");
  if (!b) return start;
  if (!/^[+-]?P/i.test(b)) return { kind: "period", start, end: dates.read(p, "RDATE", b) };
  const duration = parseDuration(b);
  const problem = durationProblem(duration);
  if (problem) throw new ValueError(`"${b.slice(0, 40)}" ${problem}.`);
  return { kind: "period", start, duration };
}

function readRdates(props: readonly Property[], dates: DateReader, warn: Warn): (DateValue | PeriodValue)[] {
  const out: (DateValue | PeriodValue)[] = [];
  for (const p of props) {
    for (const raw of splitList(p.value)) {
      try {
        out.push(rdateItem(p, raw, dates));
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        warn("INVALID_RDATE", p.line, `${msg.startsWith("Line") ? msg : `Line ${p.line}: RDATE ${msg}`} That extra date was ignored.`);
      }
    }
  }
  return out;
}

function readExdates(props: readonly Property[], dates: DateReader, warn: Warn): DateValue[] {
  const out: DateValue[] = [];
  for (const p of props) {
    for (const raw of splitList(p.value)) {
      try {
        out.push(dates.read(p, "EXDATE", raw));
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        warn("INVALID_EXDATE", p.line, `${msg} That exclusion was ignored, so the instance it names still counts.`);
      }
    }
  }
  return out;
}

function readRecurrenceId(prop: Property | undefined, dates: DateReader): DateValue | undefined {
  if (!prop) return undefined;
  try {
    return dates.read(prop, "RECURRENCE-ID");
  } catch (e) {
    if (e instanceof SkipEvent) throw new SkipEvent("INVALID_RECURRENCE_ID", e.message, e.line);
    throw e;
  }
}

/** The event itself, from what was read. */
interface EventParts {
  readonly start: DateValue;
  readonly end?: DateValue | undefined;
  readonly duration?: NominalDuration | undefined;
  readonly rrules: RecurrenceRule[];
  readonly rdates: (DateValue | PeriodValue)[];
  readonly exdates: DateValue[];
  readonly recurrenceId: DateValue | undefined;
}

function assemble(comp: Component, uid: string, raw: RawEvent, parts: EventParts, ctx: EventContext): CalendarEvent {
  const statusText = raw.single.STATUS?.value.trim().toUpperCase();
  let status = statusText ? STATUSES.find((s) => s === statusText) : undefined;
  if (ctx.method === "CANCEL") status = "CANCELLED";
  const busyStatus = raw.busy ? BUSY.find((b) => b === raw.busy) : undefined;
  // Every key in the same order, absent ones undefined: one object shape for all imported events,
  // so the expansion's reads of them stay monomorphic (see lib/recurrence/series.ts, occurrence).
  const ev = {
    uid: ownText(uid),
    line: comp.line,
    source: ctx.source,
    summary: raw.summary === undefined ? undefined : ownText(raw.summary),
    start: parts.start,
    end: parts.end,
    duration: parts.duration,
    rrules: parts.rrules,
    rdates: parts.rdates,
    exdates: parts.exdates,
    recurrenceId: parts.recurrenceId,
    thisAndFuture: parts.recurrenceId && raw.single["RECURRENCE-ID"]?.params?.RANGE?.toUpperCase() === "THISANDFUTURE" ? true : undefined,
    status,
    transparent: raw.single.TRANSP?.value.trim().toUpperCase() === "TRANSPARENT",
    busyStatus,
    attendees: raw.attendees,
    organizer: raw.organizer || undefined,
    sequence: raw.sequence,
  };
  return ev as CalendarEvent;
}

/**
 * A copy of a string cut from the file that holds only its own characters. A cut (V8 keeps it as
 * a slice of the whole event's text) keeps that text alive and is slow as a Map key and to
 * compare: UIDs and summaries are both, hundreds of thousands of times on a big calendar.
 */
function ownText(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Turns one VEVENT into an event. Returns the event (possibly with warnings) or undefined with the
 * issues that made it unusable.
 *
 * @example
 * const ev = eventFromComponent(vevent, { zones }, issues);
 */
export function eventFromComponent(comp: Component, ctx: EventContext, issues: ImportIssue[]): CalendarEvent | undefined {
  const raw = collect(comp);
  const uid = raw.single.UID?.value.trim() || synthesisedUid(comp);
  const warn: Warn = (code, line, message) => issues.push({ code, severity: "warning", line, message, uid });
  for (const p of raw.duplicates) warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second ${p.name} in the event at line ${comp.line}; the first one was used.`);
  const dates = new DateReader(ctx.zones, (line, message) => warn("UNKNOWN_TZID", line, message));
  try {
    const times = readTimes(comp, raw, dates, warn);
    const parts: EventParts = {
      start: times.start,
      end: times.end,
      duration: times.duration,
      rrules: raw.rrule.length === 0 ? [] : readRules(raw.rrule, times.start, warn, ctx.rules),
      rdates: raw.rdate.length === 0 ? [] : readRdates(raw.rdate, dates, warn),
      exdates: raw.exdate.length === 0 ? [] : readExdates(raw.exdate, dates, warn),
      recurrenceId: readRecurrenceId(raw.single["RECURRENCE-ID"], dates),
    };
    return assemble(comp, uid, raw, parts, ctx);
  } catch (e) {
    if (!(e instanceof SkipEvent)) throw e;
    issues.push({ code: e.code, severity: "error", line: e.line, message: e.message, uid });
    return undefined;
  }
}

const quietReaders = new WeakMap<ZoneResolver, DateReader>();

/** A reader that says nothing: a TZID nothing defines is read as floating here, and reported by the full parse. */
function quietReader(zones: ZoneResolver): DateReader {
  let reader = quietReaders.get(zones);
  if (!reader) {
    reader = new DateReader(zones, () => undefined);
    quietReaders.set(zones, reader);
  }
  return reader;
}

/**
 * A glance at a VEVENT that reads only DTSTART, DTEND and DURATION: for a single (non-recurring,
 * non-override) event, its approximate span; undefined when it recurs, overrides another, or
 * anything is unusual (the caller then parses it fully and reports what is wrong).
 */
export function glanceSingleEvent(comp: Component, zones: ZoneResolver): { start: number; end: number } | undefined {
  // Any RRULE with a value (an empty one is ignored, and another may follow).
  for (const rrule of comp.rawValueLines("RRULE")) if (rrule.text.slice(rrule.text.indexOf(":") + 1).trim() !== "") return undefined;
  if (comp.has("RDATE") || comp.has("RECURRENCE-ID")) return undefined;
  const ds = comp.rawValueLine("DTSTART");
  if (!ds) return undefined;
  const dates = quietReader(zones);
  try {
    const startProp = parseProperty(ds);
    if (!startProp) return undefined;
    const start = dates.read(startProp, "DTSTART");
    const s = approxInstant(start);
    const de = comp.rawValueLine("DTEND");
    if (de) {
      const endProp = parseProperty(de);
      if (!endProp) return undefined;
      return { start: s, end: Math.max(s, approxInstant(dates.read(endProp, "DTEND"))) };
    }
    const du = comp.rawValueLine("DURATION");
    if (du) {
      const d = parseDuration(du.text.slice(du.text.indexOf(":") + 1));
      return { start: s, end: s + Math.max(0, d.sign * (d.days * DAY + d.seconds * 1000)) + HOUR };
    }
    return { start: s, end: start.kind === "date" ? s + DAY : s };
  } catch {
    return undefined;
  }
}
