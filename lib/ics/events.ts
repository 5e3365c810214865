/**
 * Components → events: one VEVENT becomes one {@link CalendarEvent}, or is skipped with issues that say
 * which line is wrong and why. Problems in one property that the event can live without (one bad
 * EXDATE value) are warnings; problems that make its times unknowable skip the event.
 */
import type { Component } from "./components";
import { parseProperty, unescapeText, type Property } from "./content-lines";
import { parseRecurrenceRule, RuleError } from "./rule/text";
import type { ZoneResolver } from "./timezones";
import { normaliseTzid } from "./timezones";
import type { Attendee, BusyStatus, DateValue, EventStatus, CalendarEvent, ImportIssue, IssueCode, NominalDuration, PeriodValue, RecurrenceRule } from "../calendar";
import { parseDateOrDateTime, parseDuration, ValueError } from "./values";
import { whyRuleNeverMatches } from "./rule/expand";
import { HOUR, DAY } from "../time/units";

class SkipEvent extends Error {
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface EventContext {
  readonly zones: ZoneResolver;
  /** The calendar's METHOD: events of a CANCEL message are cancellations. */
  readonly method?: string | undefined;
  readonly source?: string | undefined;
}

function dateValue(prop: Property, zones: ZoneResolver, what: string, raw = prop.value): DateValue {
  let parsed;
  try {
    parsed = parseDateOrDateTime(raw, prop.params?.VALUE);
  } catch (e) {
    throw new SkipEvent("INVALID_DATE", `Line ${prop.line}: ${what} ${(e as ValueError).message}`, prop.line);
  }
  if (parsed.kind === "date") return parsed;
  if (parsed.kind === "utc") return parsed;
  const tzid = prop.params?.TZID;
  if (tzid === undefined || tzid.trim() === "") return { kind: "floating", wall: parsed.wall };
  const zone = zones.resolve(tzid);
  if (!zone) {
    throw new SkipEvent(
      "UNKNOWN_TZID",
      `Line ${prop.line}: ${what} uses time zone "${normaliseTzid(tzid)}", which is neither an IANA zone, a Windows zone, nor defined by a VTIMEZONE in the file. Export the calendar again with time zone definitions included, or use a standard zone name.`,
      prop.line,
    );
  }
  return { kind: "zoned", wall: parsed.wall, zone };
}

function emailOf(value: string): string {
  return value.replace(/^mailto:/i, "").trim().toLowerCase();
}

const STATUSES: readonly EventStatus[] = ["CONFIRMED", "TENTATIVE", "CANCELLED"];
const BUSY: readonly BusyStatus[] = ["FREE", "TENTATIVE", "BUSY", "OOF", "WORKINGELSEWHERE"];

/**
 * Turns one VEVENT into an event. Returns the event (possibly with warnings) or undefined with the
 * issues that made it unusable.
 *
 * @example
 * const ev = eventFromComponent(vevent, { zones }, issues);
 */
export function eventFromComponent(comp: Component, ctx: EventContext, issues: ImportIssue[]): CalendarEvent | undefined {
  const warn = (code: IssueCode, line: number, message: string) => issues.push({ code, severity: "warning", line, message, ...(uid ? { uid } : {}) });
  let uid: string | undefined;
  try {
    let dtstart: Property | undefined;
    let dtend: Property | undefined;
    let durationProp: Property | undefined;
    let recurrenceIdProp: Property | undefined;
    let summary: string | undefined;
    let statusText: string | undefined;
    let transp: string | undefined;
    let busy: string | undefined;
    let organizer: string | undefined;
    let sequence: number | undefined;
    const rruleProps: Property[] = [];
    const rdateProps: Property[] = [];
    const exdateProps: Property[] = [];
    const attendees: Attendee[] = [];
    for (const p of comp.properties) {
      switch (p.name) {
        case "UID":
          if (uid === undefined) uid = p.value.trim();
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second UID in the event at line ${comp.line}; the first one was used.`);
          break;
        case "DTSTART":
          if (dtstart === undefined) dtstart = p;
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second DTSTART in the event at line ${comp.line}; the first one was used.`);
          break;
        case "DTEND":
          if (dtend === undefined) dtend = p;
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second DTEND in the event at line ${comp.line}; the first one was used.`);
          break;
        case "DURATION":
          if (durationProp === undefined) durationProp = p;
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second DURATION in the event at line ${comp.line}; the first one was used.`);
          break;
        case "RECURRENCE-ID":
          if (recurrenceIdProp === undefined) recurrenceIdProp = p;
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second RECURRENCE-ID in the event at line ${comp.line}; the first one was used.`);
          break;
        case "SUMMARY":
          summary ??= unescapeText(p.value);
          break;
        case "STATUS":
          if (statusText === undefined) statusText = p.value.trim().toUpperCase();
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second STATUS in the event at line ${comp.line}; the first one was used.`);
          break;
        case "TRANSP":
          if (transp === undefined) transp = p.value.trim().toUpperCase();
          else warn("DUPLICATE_PROPERTY", p.line, `Line ${p.line}: a second TRANSP in the event at line ${comp.line}; the first one was used.`);
          break;
        case "X-MICROSOFT-CDO-BUSYSTATUS":
          busy = p.value.trim().toUpperCase();
          break;
        case "ORGANIZER":
          organizer = emailOf(p.value);
          break;
        case "SEQUENCE": {
          const n = Number(p.value.trim());
          if (Number.isInteger(n)) sequence = n;
          break;
        }
        case "ATTENDEE":
          attendees.push({ email: emailOf(p.value), partstat: (p.params?.PARTSTAT ?? "NEEDS-ACTION").toUpperCase() });
          break;
        case "RRULE":
          rruleProps.push(p);
          break;
        case "RDATE":
          rdateProps.push(p);
          break;
        case "EXDATE":
          exdateProps.push(p);
          break;
      }
    }
    if (!uid) {
      uid = `line-${comp.line}${ctx.source ? `@${ctx.source}` : ""}`;
    }
    if (!dtstart) throw new SkipEvent("MISSING_DTSTART", `Event at line ${comp.line} has no DTSTART, so it has no time; it was skipped.`, comp.line);
    const start = dateValue(dtstart, ctx.zones, "DTSTART");
    let end: DateValue | undefined;
    let duration: NominalDuration | undefined;
    if (dtend) {
      try {
        end = dateValue(dtend, ctx.zones, "DTEND");
      } catch (e) {
        if (!(e instanceof SkipEvent)) throw e;
        // A bad DTEND when DTSTART is good: keep the event with the default length, and say so.
        warn(e.code, e.line, `${e.message} The event keeps its start and the default length.`);
      }
    } else if (durationProp) {
      try {
        duration = parseDuration(durationProp.value);
      } catch (e) {
        warn("INVALID_DURATION", durationProp.line, `Line ${durationProp.line}: DURATION ${(e as ValueError).message}`);
      }
    }
    const rrules: RecurrenceRule[] = [];
    for (const p of rruleProps) {
      if (p.value.trim() === "") {
        // CalendarLabs writes an empty RRULE: on every event. It means "no rule".
        continue;
      }
      const notes: string[] = [];
      let rule: RecurrenceRule;
      try {
        rule = parseRecurrenceRule(p.value, p.line, notes);
      } catch (e) {
        if (e instanceof RuleError) throw new SkipEvent("INVALID_RRULE", `Line ${p.line}: RRULE ${e.message}`, p.line);
        throw e;
      }
      for (const n of notes) warn("INVALID_RRULE", p.line, `Line ${p.line}: ${n}`);
      const startWall = start.kind === "utc" ? start.utc : start.wall;
      const why = whyRuleNeverMatches(rule, startWall);
      if (why) {
        // DTSTART is still the first instance (RFC 5545): keep the event, drop the rule.
        warn("RRULE_NEVER_MATCHES", p.line, `Line ${p.line}: RRULE ${rule.text} can never produce an occurrence (${why}); only the event's start (DTSTART) is used. Check the rule in the calendar program that made it.`);
        continue;
      }
      rrules.push(rule);
    }
    const rdates: (DateValue | PeriodValue)[] = [];
    for (const p of rdateProps) {
      for (const raw of splitList(p.value)) {
        try {
          if (p.params?.VALUE?.toUpperCase() === "PERIOD" || raw.includes("/")) {
            const [a, b] = raw.split("/");
            const ps = dateValue(p, ctx.zones, "RDATE", a ?? "");
            if (b && /^[+-]?P/i.test(b)) rdates.push({ kind: "period", start: ps, duration: parseDuration(b) });
            else if (b) rdates.push({ kind: "period", start: ps, end: dateValue(p, ctx.zones, "RDATE", b) });
            else rdates.push(ps);
          } else {
            rdates.push(dateValue(p, ctx.zones, "RDATE", raw));
          }
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          warn("INVALID_RDATE", p.line, `${msg.startsWith("Line") ? msg : `Line ${p.line}: RDATE ${msg}`} That extra date was ignored.`);
        }
      }
    }
    const exdates: DateValue[] = [];
    for (const p of exdateProps) {
      for (const raw of splitList(p.value)) {
        try {
          exdates.push(dateValue(p, ctx.zones, "EXDATE", raw));
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          warn("INVALID_EXDATE", p.line, `${msg} That exclusion was ignored, so the instance it names still counts.`);
        }
      }
    }
    let recurrenceId: DateValue | undefined;
    if (recurrenceIdProp) {
      try {
        recurrenceId = dateValue(recurrenceIdProp, ctx.zones, "RECURRENCE-ID");
      } catch (e) {
        if (e instanceof SkipEvent) throw new SkipEvent("INVALID_RECURRENCE_ID", e.message, e.line);
        throw e;
      }
    }
    let status = statusText ? STATUSES.find((s) => s === statusText) : undefined;
    if (ctx.method === "CANCEL") status = "CANCELLED";
    const busyStatus = busy ? BUSY.find((b) => b === busy) : undefined;
    const ev: { -readonly [K in keyof CalendarEvent]: CalendarEvent[K] } = {
      uid,
      line: comp.line,
      start,
      rrules,
      rdates,
      exdates,
      transparent: transp === "TRANSPARENT",
      attendees,
    };
    if (ctx.source !== undefined) ev.source = ctx.source;
    if (summary !== undefined) ev.summary = summary;
    if (end) ev.end = end;
    if (duration) ev.duration = duration;
    if (recurrenceId) {
      ev.recurrenceId = recurrenceId;
      if (recurrenceIdProp?.params?.RANGE?.toUpperCase() === "THISANDFUTURE") ev.thisAndFuture = true;
    }
    if (status) ev.status = status;
    if (busyStatus) ev.busyStatus = busyStatus;
    if (organizer) ev.organizer = organizer;
    if (sequence !== undefined) ev.sequence = sequence;
    return ev;
  } catch (e) {
    if (e instanceof SkipEvent) {
      issues.push({ code: e.code, severity: "error", line: e.line, message: e.message, ...(uid ? { uid } : {}) });
      return undefined;
    }
    throw e;
  }
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** UTC ms of a value, reading floating and all-day times as UTC (good to within a day). */
export function approxInstant(v: DateValue): number {
  return v.kind === "utc" ? v.utc : v.kind === "zoned" ? v.zone.wallToUtc(v.wall) : v.wall;
}

/**
 * A glance at a VEVENT that reads only DTSTART, DTEND and DURATION: for a single (non-recurring,
 * non-override) event, its approximate span; undefined when it recurs, overrides another, or
 * anything is unusual (the caller then parses it fully and reports what is wrong).
 */
export function glanceSingleEvent(comp: Component, zones: ZoneResolver): { start: number; end: number } | undefined {
  const rrule = comp.rawValueLine("RRULE");
  if (rrule && rrule.text.slice(rrule.text.indexOf(":") + 1).trim() !== "") return undefined;
  if (comp.has("RDATE") || comp.has("RECURRENCE-ID")) return undefined;
  const ds = comp.rawValueLine("DTSTART");
  if (!ds) return undefined;
  try {
    const startProp = parseProperty(ds);
    if (!startProp) return undefined;
    const start = dateValue(startProp, zones, "DTSTART");
    const s = approxInstant(start);
    const de = comp.rawValueLine("DTEND");
    if (de) {
      const endProp = parseProperty(de);
      if (!endProp) return undefined;
      return { start: s, end: Math.max(s, approxInstant(dateValue(endProp, zones, "DTEND"))) };
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
