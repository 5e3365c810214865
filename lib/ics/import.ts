/**
 * Imports an .ics file: bytes → text → content lines → components → events. Keeps every good event
 * and lists every problem; refuses, with one sentence, input that is not iCalendar at all.
 */
import { buildComponents, type Component } from "./components";
import { unfoldToStore, type LineStore } from "./content-lines";
import { canPrescan, prescan } from "./prescan";
import { decodeIcsBytes } from "./decode";
import { approxInstant, eventFromComponent, glanceSingleEvent } from "./events";
import { ZoneResolver } from "./timezones";
import { eventPlace, type CalendarEvent, type ImportIssue } from "../calendar";
import { HOUR, DAY } from "../time/units";
import { formatBytes } from "../words";
import type { Window } from "../time/window";

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_EVENTS = 100_000;

export interface ImportOptions {
  /** Refuse larger input (default 50 MB). */
  readonly maxBytes?: number;
  /** Refuse files with more VEVENTs (default 100,000). */
  readonly maxEvents?: number;
  /**
   * When given, events that cannot reach this window (single events that end before it or start
   * after it, with a day's margin for floating and all-day times) are counted but not kept.
   */
  readonly window?: Window;
  /** A name for the source (file name), used in synthesised UIDs and messages. */
  readonly sourceName?: string;
}

export interface CalendarStats {
  /** VEVENTs read, including those skipped as outside the window, excluding broken ones. */
  readonly eventCount: number;
  readonly recurringCount: number;
  /** Earliest DTSTART and latest DTSTART among the events read (UTC ms, approximate for floating). */
  readonly firstStart?: number;
  readonly lastStart?: number;
  readonly encoding: "utf-8" | "windows-1252";
  readonly bytes: number;
}

export interface IcsCalendar {
  readonly events: CalendarEvent[];
  readonly name?: string;
  /** Addresses the file suggests belong to the calendar's owner (Google's X-WR-CALNAME). */
  readonly ownerHints: string[];
  readonly stats: CalendarStats;
}

export type ImportResult =
  | { readonly ok: true; readonly calendar: IcsCalendar; readonly issues: ImportIssue[] }
  | { readonly ok: false; readonly issues: ImportIssue[] };

function refuse(code: ImportIssue["code"], message: string, line?: number): ImportResult {
  return { ok: false, issues: [{ code, severity: "error", message, ...(line !== undefined ? { line } : {}) }] };
}

/** Recognises what a non-iCalendar upload is, to say so in one sentence. */
function whatIsIt(bytes: Uint8Array, text: string): ImportResult | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return refuse("BINARY_NOT_ICALENDAR", "This is a PNG image, not a calendar: export your calendar as an .ics file and upload that.");
  }
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) {
    return refuse("BINARY_NOT_ICALENDAR", "This is a PDF document, not a calendar: export your calendar as an .ics file and upload that.");
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return refuse("BINARY_NOT_ICALENDAR", "This is a ZIP archive, not a calendar: unzip it (Google Takeout puts one .ics per calendar inside) and upload the .ics files.");
  }
  const head = text.slice(0, 2048).trimStart();
  if (/^<(!doctype html|html|head|body|\?xml)/i.test(head) || /^</.test(head)) {
    return refuse("HTML_NOT_ICALENDAR", "This is a web page (HTML), not a calendar: the link probably points to a sign-in or preview page; use the calendar's .ics (iCal) export or secret address instead.");
  }
  if (/^[{[]/.test(head)) {
    return refuse("JSON_NOT_ICALENDAR", "This is JSON, not an iCalendar file: export the calendar in .ics (iCalendar) format instead.");
  }
  let controls = 0;
  const sample = Math.min(bytes.length, 4096);
  for (let i = 0; i < sample; i++) {
    const b = bytes[i] as number;
    if (b === 0 || (b < 0x09 && b !== 0)) controls++;
  }
  if (controls > 0) return refuse("BINARY_NOT_ICALENDAR", "This is a binary file, not a calendar: export your calendar as an .ics file and upload that.");
  return undefined;
}

/**
 * Imports an .ics file.
 *
 * @example
 * const result = importIcs(await fs.readFile("work.ics"));
 * if (result.ok) console.log(result.calendar.events.length, result.issues);
 * else console.error(result.issues[0].message);
 */
export function importIcs(input: Uint8Array | string, options: ImportOptions = {}): ImportResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const byteLength = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  if (byteLength === 0) return refuse("EMPTY", "The file is empty: export the calendar again and upload the .ics file it produces.");
  if (byteLength > maxBytes) {
    return refuse(
      "TOO_LARGE",
      `The file is ${formatBytes(byteLength)}, over the ${formatBytes(maxBytes)} limit: export a shorter date range (for example the coming term) and try again.`,
    );
  }
  const bytes = typeof input === "string" ? new Uint8Array(0) : input;
  const window = options.window;
  const margin = 2 * DAY;
  // Big UTF-8 files with a window skip the whole-file decode: a byte-level glance leaves out single
  // events far from the window and decodes only what is kept (see prescan.ts).
  const usePrescan = window !== undefined && typeof input !== "string" && canPrescan(input);
  const decoded = usePrescan
    ? { text: Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65536)).toString("utf8"), encoding: "utf-8" as const }
    : typeof input === "string"
      ? { text: input.replace(/^\uFEFF/, ""), encoding: "utf-8" as const }
      : decodeIcsBytes(input);
  const text = decoded.text;
  if (text.trim().length === 0) return refuse("EMPTY", "The file holds only blank space: export the calendar again and upload the .ics file it produces.");
  if (!/BEGIN:VCALENDAR/i.test(text.slice(0, 65536))) {
    const known = whatIsIt(bytes, text);
    if (known) return known;
    return refuse("NOT_ICALENDAR", "This is not an iCalendar file (no BEGIN:VCALENDAR found): export your calendar as .ics and upload that file.");
  }

  let store: LineStore;
  let skippedStarts: number[] = [];
  let kept: readonly { text: string; firstLine: number }[] = [];
  if (usePrescan && window) {
    const pre = prescan(input, window, margin, (vtz) => new ZoneResolver(vtz, []));
    store = pre.skeleton;
    kept = pre.kept;
    skippedStarts = pre.skippedStarts;
  } else {
    store = unfoldToStore(text);
  }
  const tree = buildComponents(store);
  // Components parse lazily and report malformed lines into this same list.
  const issues = tree.issues;
  if (decoded.encoding === "windows-1252") {
    issues.unshift({ code: "ENCODING_FALLBACK", severity: "warning", message: "The file is not UTF-8; it was read as Windows-1252 (Latin-1), so accented letters should be right. If names look garbled, export it again as UTF-8." });
  }
  if (tree.unclosed.length > 0) {
    const outer = tree.unclosed[0] as Component;
    const inner = tree.unclosed[tree.unclosed.length - 1] as Component;
    const completeEvents = countEvents(tree.roots);
    if (inner.name !== "VCALENDAR" || completeEvents === 0) {
      return refuse(
        "TRUNCATED",
        `The file ends inside ${inner.name} (opened at line ${inner.line}) without END:${outer.name}: it looks cut off. Download or export it again.`,
        inner.line,
      );
    }
    issues.push({ code: "TRUNCATED", severity: "warning", line: outer.line, message: `The file ends without END:VCALENDAR (opened at line ${outer.line}); every complete event was read.` });
  }
  const calendars = tree.roots.filter((r) => r.name === "VCALENDAR");
  if (calendars.length === 0) return refuse("NOT_ICALENDAR", "This is not an iCalendar file (no VCALENDAR component): export your calendar as .ics and upload that file.");

  const total = countEvents(calendars) + kept.length + skippedStarts.length;
  if (total > maxEvents) {
    return refuse("TOO_MANY_EVENTS", `The file has ${total.toLocaleString("en-US")} events, over the ${maxEvents.toLocaleString("en-US")}-event limit: export a shorter date range and try again.`);
  }

  // VTIMEZONEs from every VCALENDAR in the file define TZIDs for all of them.
  const vtimezones: Component[] = [];
  for (const cal of calendars) for (const c of cal.children) if (c.name === "VTIMEZONE") vtimezones.push(c);
  const zones = new ZoneResolver(vtimezones, issues);

  const byKey = new Map<string, CalendarEvent>();
  let eventCount = skippedStarts.length;
  let recurringCount = 0;
  let firstStart = Infinity;
  let lastStart = -Infinity;
  for (const st of skippedStarts) {
    if (st < firstStart) firstStart = st;
    if (st > lastStart) lastStart = st;
  }
  let name: string | undefined;
  const ownerHints: string[] = [];
  for (const cal of calendars) {
    const method = cal.properties.find((p) => p.name === "METHOD")?.value.trim().toUpperCase();
    const calName = cal.properties.find((p) => p.name === "X-WR-CALNAME")?.value.trim();
    if (calName) {
      name ??= calName;
      if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(calName)) ownerHints.push(calName.toLowerCase());
    }
    for (const comp of cal.children) if (comp.name === "VEVENT") handle(comp, method);
  }
  // Events the prescan kept (a single VCALENDAR): each block parsed on its own.
  if (kept.length > 0) {
    const method = calendars[0]?.properties.find((p) => p.name === "METHOD")?.value.trim().toUpperCase();
    for (const block of kept) {
      const small = buildComponents(unfoldToStore(block.text, block.firstLine - 1));
      for (const comp of small.roots) if (comp.name === "VEVENT") handle(comp, method);
      if (small.issues.length > 0) issues.push(...small.issues);
    }
  }

  function handle(comp: Component, method: string | undefined): void {
    if (window) {
      // A glance first: a single event far from the window is counted, not parsed.
      const span = glanceSingleEvent(comp, zones);
      if (span && (span.start >= window.to + margin || span.end <= window.from - margin)) {
        eventCount++;
        if (span.start < firstStart) firstStart = span.start;
        if (span.start > lastStart) lastStart = span.start;
        return;
      }
    }
    const ev = eventFromComponent(comp, { zones, method, source: options.sourceName }, issues);
    if (!ev) return;
    eventCount++;
    const recurring = ev.rrules.length > 0 || ev.rdates.length > 0;
    if (recurring) recurringCount++;
    const approxStart = approxInstant(ev.start);
    if (approxStart < firstStart) firstStart = approxStart;
    if (approxStart > lastStart) lastStart = approxStart;
    if (window && !recurring && !canReach(ev, approxStart, window, margin)) return;
    const key = ev.recurrenceId ? `${ev.uid}\u0000${ev.recurrenceId.kind === "utc" ? ev.recurrenceId.utc : ev.recurrenceId.wall}` : ev.uid;
    const prior = byKey.get(key);
    if (prior) {
      // The same UID (and RECURRENCE-ID) twice: the higher SEQUENCE wins, else the later one.
      const keepPrior = (prior.sequence ?? 0) > (ev.sequence ?? 0);
      issues.push({
        code: "DUPLICATE_EVENT",
        severity: "warning",
        ...(ev.line !== undefined ? { line: ev.line } : {}),
        uid: ev.uid,
        message: `${eventPlace(ev)} repeats UID ${ev.uid} from line ${prior.line}; the ${keepPrior ? "earlier" : "later"} one (higher SEQUENCE${keepPrior ? "" : " or later in the file"}) was kept.`,
      });
      if (keepPrior) return;
    }
    byKey.set(key, ev);
  }
  const stats: CalendarStats = {
    eventCount,
    recurringCount,
    encoding: decoded.encoding,
    bytes: byteLength,
    ...(Number.isFinite(firstStart) ? { firstStart } : {}),
    ...(Number.isFinite(lastStart) ? { lastStart } : {}),
  };
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: true, calendar: { events: [...byKey.values()], ...(name !== undefined ? { name } : {}), ownerHints, stats }, issues };
}

/** Whether a non-recurring event (or override) can overlap the window, with a margin. */
function canReach(ev: CalendarEvent, approxStart: number, window: Window, margin: number): boolean {
  if (ev.recurrenceId) {
    const rid = ev.recurrenceId;
    const ridApprox = rid.kind === "utc" ? rid.utc : rid.kind === "zoned" ? rid.zone.wallToUtc(rid.wall) : rid.wall;
    // An override also removes its original instance: keep it if either end is near the window.
    if (ridApprox >= window.from - margin - 400 * DAY && ridApprox < window.to + margin) return true;
  }
  if (approxStart >= window.to + margin) return false;
  let approxEnd = approxStart;
  if (ev.end) approxEnd = ev.end.kind === "utc" ? ev.end.utc : ev.end.kind === "zoned" ? ev.end.zone.wallToUtc(ev.end.wall) : ev.end.wall;
  else if (ev.duration) approxEnd = approxStart + (ev.duration.days * DAY + ev.duration.seconds * 1000) * ev.duration.sign + HOUR;
  else if (ev.start.kind === "date") approxEnd = approxStart + DAY;
  return approxEnd > window.from - margin;
}

function countEvents(components: readonly Component[]): number {
  let n = 0;
  for (const c of components) {
    if (c.name === "VEVENT") n++;
    n += countEvents(c.children);
  }
  return n;
}

