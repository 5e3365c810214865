/**
 * Imports an .ics file: bytes → text → content lines → components → events. Keeps every good event
 * and lists every problem; refuses, with one sentence, input that is not iCalendar at all.
 */
import { settleAllDayUtcValues, fileZone } from "./allday";
import { buildComponents, countComponents, type Component, type ComponentTree } from "./components";
import { unfoldToStore, type LineStore } from "./content-lines";
import { canPrescan, prescan } from "./prescan";
import { decodeIcsBytes, type DecodedText } from "./decode";
import { approxInstant, eventFromComponent, glanceSingleEvent, type ParsedRule } from "./events";
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
    const inside = /BEGIN:VCALENDAR/i.test(text.slice(0, 65536)) ? " that shows calendar text" : "";
    return refuse("HTML_NOT_ICALENDAR", `This is a web page (HTML)${inside}, not a calendar: the link probably points to a sign-in or preview page; use the calendar's .ics (iCal) export or secret address instead.`);
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

/** The refusal for input that is empty or too large, else undefined. */
function sizeRefusal(byteLength: number, maxBytes: number): ImportResult | undefined {
  if (byteLength === 0) return refuse("EMPTY", "The file is empty: export the calendar again and upload the .ics file it produces.");
  if (byteLength <= maxBytes) return undefined;
  return refuse(
    "TOO_LARGE",
    `The file is ${formatBytes(byteLength)}, over the ${formatBytes(maxBytes)} limit: export a shorter date range (for example the coming term) and try again.`,
  );
}

/** The text to read: all of it, or (for the prescan) only its head, which is enough to recognise it. */
function decodeInput(input: Uint8Array | string, usePrescan: boolean): DecodedText {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  if (!usePrescan) return decodeIcsBytes(input);
  return { text: Buffer.from(input.buffer, input.byteOffset, Math.min(input.length, 65536)).toString("utf8").replace(/^\uFEFF/, ""), encoding: "utf-8" };
}

/**
 * The refusal for text that is not an iCalendar file, else undefined. The file must start with
 * BEGIN:VCALENDAR (after blank space): a web page that shows a calendar inside `<pre>` is a web page.
 */
function notCalendar(bytes: Uint8Array, text: string): ImportResult | undefined {
  if (text.trim().length === 0) return refuse("EMPTY", "The file holds only blank space: export the calendar again and upload the .ics file it produces.");
  // Unfolded first: RFC 5545 lets a writer fold any line, even this one.
  if (/^\s*BEGIN:VCALENDAR/i.test(text.slice(0, 65536).replace(/\r?\n[ \t]/g, ""))) return undefined;
  const known = whatIsIt(bytes, text);
  if (known) return known;
  const later = /BEGIN:VCALENDAR/i.test(text.slice(0, 65536));
  return refuse(
    "NOT_ICALENDAR",
    later
      ? "This is not an iCalendar file (it does not start with BEGIN:VCALENDAR, though calendar text follows further on): export your calendar as .ics and upload that file."
      : "This is not an iCalendar file (no BEGIN:VCALENDAR found): export your calendar as .ics and upload that file.",
  );
}

/** The file's component tree, and what the prescan left out or kept aside (big files with a window). */
interface Structure {
  readonly tree: ComponentTree;
  readonly kept: readonly { text: string; firstLine: number }[];
  readonly skippedStarts: readonly number[];
}

/** The structure as the prescan reads it; undefined when it does not apply or a kept part is not UTF-8. */
function prescanStructure(input: Uint8Array, window: Window): Structure | undefined {
  const pre = prescan(input, window, PRESCAN_MARGIN, (vtz) => new ZoneResolver(vtz, []));
  return pre && { tree: buildComponents(pre.skeleton), kept: pre.kept, skippedStarts: pre.skippedStarts };
}

function readStructure(text: string): Structure {
  const store: LineStore = unfoldToStore(text);
  return { tree: buildComponents(store), kept: [], skippedStarts: [] };
}

/** The refusal for a file cut off inside an event, else undefined (a missing END:VCALENDAR alone is a warning). */
function truncation(tree: ComponentTree, issues: ImportIssue[]): ImportResult | undefined {
  if (tree.unclosed.length === 0) return undefined;
  const outer = tree.unclosed[0] as Component;
  const inner = tree.unclosed[tree.unclosed.length - 1] as Component;
  if (inner.name !== "VCALENDAR" || countComponents(tree.roots, "VEVENT") === 0) {
    return refuse(
      "TRUNCATED",
      `The file ends inside ${inner.name} (opened at line ${inner.line}) without END:${outer.name}: it looks cut off. Download or export it again.`,
      inner.line,
    );
  }
  issues.push({ code: "TRUNCATED", severity: "warning", line: outer.line, message: `The file ends without END:VCALENDAR (opened at line ${outer.line}); every complete event was read.` });
  return undefined;
}

/** Margin around the window within which single events are kept (floating and all-day times move by up to a day). */
const PRESCAN_MARGIN = 2 * DAY;

/**
 * The events of a file, as they are read one VEVENT at a time: kept (one per UID and
 * RECURRENCE-ID), counted, or — with a window — glanced at and left out when they cannot reach it.
 */
class EventCollector {
  private readonly byKey = new Map<string, CalendarEvent>();
  private eventCount = 0;
  private recurringCount = 0;
  private firstStart = Infinity;
  private lastStart = -Infinity;
  private readonly rules = new Map<string, ParsedRule>();

  constructor(
    private readonly zones: ZoneResolver,
    private readonly issues: ImportIssue[],
    private readonly window: Window | undefined,
    private readonly source: string | undefined,
  ) {}

  /** A single event the prescan left out, counted by its start. */
  countSkipped(start: number): void {
    this.eventCount++;
    this.seeStart(start);
  }

  private seeStart(start: number): void {
    if (start < this.firstStart) this.firstStart = start;
    if (start > this.lastStart) this.lastStart = start;
  }

  add(comp: Component, method: string | undefined): void {
    const window = this.window;
    if (window) {
      // A glance first: a single event far from the window is counted, not parsed.
      const span = glanceSingleEvent(comp, this.zones);
      if (span && (span.start >= window.to + PRESCAN_MARGIN || span.end <= window.from - PRESCAN_MARGIN)) return this.countSkipped(span.start);
    }
    const ev = eventFromComponent(comp, { zones: this.zones, method, source: this.source, rules: this.rules }, this.issues);
    if (!ev) return;
    this.eventCount++;
    const recurring = ev.rrules.length > 0 || ev.rdates.length > 0;
    if (recurring) this.recurringCount++;
    const approxStart = approxInstant(ev.start);
    this.seeStart(approxStart);
    if (window && !recurring && !canReach(ev, approxStart, window, PRESCAN_MARGIN)) return;
    this.keep(ev);
  }

  /** Keeps an event; the same UID (and RECURRENCE-ID) twice: the higher SEQUENCE wins, else the later one. */
  private keep(ev: CalendarEvent): void {
    const key = ev.recurrenceId ? `${ev.uid}\u0000${ev.recurrenceId.kind === "utc" ? ev.recurrenceId.utc : ev.recurrenceId.wall}` : ev.uid;
    const prior = this.byKey.get(key);
    if (prior) {
      const keepPrior = (prior.sequence ?? 0) > (ev.sequence ?? 0);
      this.issues.push({
        code: "DUPLICATE_EVENT",
        severity: "warning",
        ...(ev.line !== undefined ? { line: ev.line } : {}),
        uid: ev.uid,
        message: `${eventPlace(ev)} repeats UID ${ev.uid} from line ${prior.line}; the ${keepPrior ? "earlier" : "later"} one (higher SEQUENCE${keepPrior ? "" : " or later in the file"}) was kept.`,
      });
      if (keepPrior) return;
    }
    this.byKey.set(key, ev);
  }

  events(): CalendarEvent[] {
    return [...this.byKey.values()];
  }

  stats(decoded: DecodedText, bytes: number): CalendarStats {
    return {
      eventCount: this.eventCount,
      recurringCount: this.recurringCount,
      encoding: decoded.encoding,
      bytes,
      ...(Number.isFinite(this.firstStart) ? { firstStart: this.firstStart } : {}),
      ...(Number.isFinite(this.lastStart) ? { lastStart: this.lastStart } : {}),
    };
  }
}

function property(comp: Component, name: string): string | undefined {
  return comp.properties.find((p) => p.name === name)?.value.trim();
}

/** The calendar's name, the owner addresses it suggests, and the zone it declares (X-WR-TIMEZONE). */
function calendarFacts(calendars: readonly Component[], zones: ZoneResolver): { name?: string; ownerHints: string[]; declaredZone?: ReturnType<ZoneResolver["resolve"]> } {
  let name: string | undefined;
  let tzid: string | undefined;
  const ownerHints: string[] = [];
  for (const cal of calendars) {
    const calName = property(cal, "X-WR-CALNAME");
    tzid ??= property(cal, "X-WR-TIMEZONE");
    if (!calName) continue;
    name ??= calName;
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(calName)) ownerHints.push(calName.toLowerCase());
  }
  const declaredZone = tzid ? zones.resolve(tzid) : undefined;
  return { ...(name !== undefined ? { name } : {}), ownerHints, ...(declaredZone ? { declaredZone } : {}) };
}

/** Reads every VEVENT: those of each VCALENDAR, then the blocks the prescan kept (each parsed on its own). */
function readEvents(calendars: readonly Component[], structure: Structure, collector: EventCollector, issues: ImportIssue[]): void {
  for (const st of structure.skippedStarts) collector.countSkipped(st);
  for (const cal of calendars) {
    const method = property(cal, "METHOD")?.toUpperCase();
    for (const comp of cal.children) if (comp.name === "VEVENT") collector.add(comp, method);
  }
  if (structure.kept.length === 0) return;
  const method = calendars[0] ? property(calendars[0], "METHOD")?.toUpperCase() : undefined;
  for (const block of structure.kept) {
    const small = buildComponents(unfoldToStore(block.text, block.firstLine - 1));
    for (const comp of small.roots) if (comp.name === "VEVENT") collector.add(comp, method);
    if (small.issues.length > 0) issues.push(...small.issues);
  }
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
  const byteLength = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.length;
  const tooBig = sizeRefusal(byteLength, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (tooBig) return tooBig;
  const window = options.window;
  // Big UTF-8 files with a window skip the whole-file decode: a byte-level glance leaves out single
  // events far from the window and decodes only what is kept (see prescan.ts).
  const usePrescan = window !== undefined && typeof input !== "string" && canPrescan(input);
  let decoded = decodeInput(input, usePrescan);
  const bytes = typeof input === "string" ? new Uint8Array(0) : input;
  const refused = notCalendar(bytes, decoded.text);
  if (refused) return refused;

  let structure = usePrescan && window && typeof input !== "string" ? prescanStructure(input, window) : undefined;
  if (!structure) {
    if (usePrescan) decoded = decodeInput(input, false);
    structure = readStructure(decoded.text);
  }
  // Components parse lazily and report malformed lines into this same list.
  const issues = structure.tree.issues;
  if (decoded.encoding === "windows-1252") {
    issues.unshift({ code: "ENCODING_FALLBACK", severity: "warning", message: "The file is not UTF-8; it was read as Windows-1252 (Latin-1), so accented letters should be right. If names look garbled, export it again as UTF-8." });
  }
  const cut = truncation(structure.tree, issues);
  if (cut) return cut;
  const calendars = structure.tree.roots.filter((r) => r.name === "VCALENDAR");
  if (calendars.length === 0) return refuse("NOT_ICALENDAR", "This is not an iCalendar file (no VCALENDAR component): export your calendar as .ics and upload that file.");
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const total = countComponents(calendars, "VEVENT") + structure.kept.length + structure.skippedStarts.length;
  if (total > maxEvents) {
    return refuse("TOO_MANY_EVENTS", `The file has ${total.toLocaleString("en-US")} events, over the ${maxEvents.toLocaleString("en-US")}-event limit: export a shorter date range and try again.`);
  }

  // VTIMEZONEs from every VCALENDAR in the file define TZIDs for all of them.
  const zones = new ZoneResolver(calendars.flatMap((cal) => cal.children.filter((c) => c.name === "VTIMEZONE")), issues);
  const collector = new EventCollector(zones, issues, window, options.sourceName);
  readEvents(calendars, structure, collector, issues);
  const facts = calendarFacts(calendars, zones);
  const read = collector.events();
  const events = settleAllDayUtcValues(read, () => fileZone(read, facts.declaredZone, zones.defined()));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const calendar: IcsCalendar = { events, ...(facts.name !== undefined ? { name: facts.name } : {}), ownerHints: facts.ownerHints, stats: collector.stats(decoded, byteLength) };
  return { ok: true, calendar, issues };
}

/** Whether a non-recurring event (or override) can overlap the window, with a margin. */
function canReach(ev: CalendarEvent, approxStart: number, window: Window, margin: number): boolean {
  if (ev.recurrenceId) {
    const ridApprox = approxInstant(ev.recurrenceId);
    // An override also removes its original instance: keep it if either end is near the window.
    if (ridApprox >= window.from - margin - 400 * DAY && ridApprox < window.to + margin) return true;
  }
  if (approxStart >= window.to + margin) return false;
  let approxEnd = approxStart;
  if (ev.end) approxEnd = approxInstant(ev.end);
  else if (ev.duration) approxEnd = approxStart + (ev.duration.days * DAY + ev.duration.seconds * 1000) * ev.duration.sign + HOUR;
  else if (ev.start.kind === "date") approxEnd = approxStart + DAY;
  return approxEnd > window.from - margin;
}
