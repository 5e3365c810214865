/**
 * A byte-level glance at a big file before parsing it: find each VEVENT block with native
 * `indexOf`, read only its DTSTART / DTEND / DURATION lines, and leave out single events that
 * cannot reach the query window — most of a real multi-year export. What is kept is decoded,
 * unfolded and parsed as usual, with its original line numbers.
 *
 * It only ever leaves out an event it has positively read as single (no RRULE, RDATE or
 * RECURRENCE-ID) and far from the window; anything unusual is kept for the full parser, which then
 * reports what is wrong.
 */
import { isUtf8 } from "node:buffer";
import { unfoldToStore, type LineStore } from "./content-lines";
import { parseProperty } from "./content-lines";
import { buildComponents, findComponents, type Component } from "./components";
import type { ZoneResolver } from "./timezones";
import { approxInstant } from "./dates";
import { parseDateOrDateTime, parseDuration } from "./values";
import type { DateValue } from "../calendar";
import { HOUR, DAY } from "../time/units";
import type { Window } from "../time/window";
const enc = (s: string) => Buffer.from(s, "latin1");
const NL_BEGIN_VEVENT = enc("\nBEGIN:VEVENT");
const NL_END_VEVENT = enc("\nEND:VEVENT");
const NL_BEGIN = enc("\nBEGIN:");

export interface PrescanResult {
  /** Everything outside VEVENT blocks (VCALENDAR properties, VTIMEZONEs, VTODOs …). */
  readonly skeleton: LineStore;
  /**
   * The VEVENT blocks that can reach the window, in file order, each parsed on its own so that its
   * intermediate strings and objects die young (cheap for the garbage collector).
   */
  readonly kept: readonly { readonly text: string; readonly firstLine: number }[];
  /** Single events left out, with their approximate starts (for the file's statistics). */
  readonly skippedStarts: number[];
}

/** Where the next occurrence of a needle is, searched at most once per stretch of the file. */
class NeedleCursor {
  private next = -2;
  constructor(
    private readonly bytes: Buffer,
    private readonly needle: Buffer,
  ) {}
  /** First occurrence at or after `from`, or -1. */
  at(from: number): number {
    if (this.next === -1) return -1;
    if (this.next < from) this.next = this.bytes.indexOf(this.needle, from);
    return this.next;
  }
}

/** Lower-case names of the properties the glance looks for (it reads upper case only). */
const LOWER_NAMES = ["rrule", "rdate", "recurrence-id"].map((n) => enc(n));
/** Where a line holding one of those names in lower or mixed case starts ("\nr", "\nRr", "\nRd", "\nRe"). */
const MIXED_CASE_STARTS = ["\nr", "\nRr", "\nRd", "\nRe"].map((n) => enc(n));

/**
 * Whether the prescan applies: big enough to matter, one VCALENDAR, and the properties it looks
 * for in upper case. Whether the file is UTF-8 is checked on the parts it keeps ({@link prescan}).
 */
export function canPrescan(bytes: Uint8Array): boolean {
  if (bytes.length < 1_000_000) return false;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // Line numbers are counted on \n: a file with lone CR line ends goes to the full parser.
  const head = buf.toString("latin1", 0, 65536);
  if (/\r(?!\n)/.test(head.slice(0, -1))) return false;
  // Lower-case property names are legal; rare, but the glance would miss them: parse fully. Lines
  // that start with "r", or with "R" and the lower-case second letter of one of the names.
  for (const needle of MIXED_CASE_STARTS) {
    for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 2)) {
      if (LOWER_NAMES.some((name) => startsWithIgnoringCase(buf, at + 1, name))) return false;
    }
  }
  // One VCALENDAR only: kept events then belong to it (several go to the full parser).
  const first = buf.indexOf("BEGIN:VCALENDAR", 0, "latin1");
  if (first < 0 || buf.indexOf("BEGIN:VCALENDAR", first + 1, "latin1") >= 0) return false;
  return true;
}

/** Whether `buf` holds `name` (lower-case ASCII) at `at`, in any case. */
function startsWithIgnoringCase(buf: Buffer, at: number, name: Buffer): boolean {
  for (let k = 0; k < name.length; k++) if (((buf[at + k] ?? 0) | 0x20) !== name[k]) return false;
  return true;
}

/**
 * The text of `[start, end)` as UTF-8, or undefined when those bytes are not UTF-8. Invalid bytes
 * decode to U+FFFD, so only text that holds one is checked byte by byte.
 */
function utf8Text(buf: Buffer, start: number, end: number): string | undefined {
  const text = buf.toString("utf8", start, end);
  if (text.indexOf("\uFFFD") >= 0 && !isUtf8(buf.subarray(start, end))) return undefined;
  return text;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

interface Segment extends Range {
  readonly kind: "skeleton" | "event";
}

/** VEVENT block ranges [start of BEGIN line, end of END line); well-formed ones only. */
function eventBlocks(buf: Buffer): Range[] {
  const blocks: Range[] = [];
  let from = 0;
  for (;;) {
    const b = buf.indexOf(NL_BEGIN_VEVENT, from);
    if (b < 0) break;
    const start = b + 1;
    const e = buf.indexOf(NL_END_VEVENT, start);
    if (e < 0) break;
    const nextBegin = buf.indexOf(NL_BEGIN_VEVENT, start);
    let lineEnd = buf.indexOf(0x0a, e + 1);
    lineEnd = lineEnd < 0 ? buf.length : lineEnd + 1;
    if (nextBegin >= 0 && nextBegin < e) {
      // A VEVENT without its END before the next one: leave this stretch to the full parser.
      from = nextBegin;
      continue;
    }
    blocks.push({ start, end: lineEnd });
    from = lineEnd - 1;
  }
  return blocks;
}

/**
 * How many \n bytes `[from, to)` holds: four bytes at a time (a zero-byte test on each word XOR
 * 0x0a0a0a0a, exact, then the flags counted by a multiply), about four times faster than
 * indexOf-ing each of a big file's million lines.
 */
export function countNewlines(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to && (buf.byteOffset + i) % 4 !== 0) if (buf[i++] === 0x0a) n++;
  const words = Math.max(0, Math.floor((to - i) / 4));
  if (words > 0) {
    const u32 = new Uint32Array(buf.buffer, buf.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const w = (u32[k] as number) ^ 0x0a0a0a0a;
      const zero = ~(((w & 0x7f7f7f7f) + 0x7f7f7f7f) | w | 0x7f7f7f7f);
      n += Math.imul((zero >>> 7) & 0x01010101, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  while (i < to) if (buf[i++] === 0x0a) n++;
  return n;
}

/** The 1-based line number at each block boundary. */
function boundaryLines(buf: Buffer, blocks: readonly Range[]): Map<number, number> {
  const lineAt = new Map<number, number>();
  let pos = 0;
  let line = 1;
  for (const bl of blocks) {
    for (const m of [bl.start, bl.end]) {
      line += countNewlines(buf, pos, m);
      pos = m;
      lineAt.set(m, line);
    }
  }
  return lineAt;
}

/** The file as alternating skeleton stretches and VEVENT blocks. */
function segmentsOf(buf: Buffer, blocks: readonly Range[]): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const bl of blocks) {
    if (bl.start > cursor) segments.push({ start: cursor, end: bl.start, kind: "skeleton" });
    segments.push({ start: bl.start, end: bl.end, kind: "event" });
    cursor = bl.end;
  }
  if (cursor < buf.length) segments.push({ start: cursor, end: buf.length, kind: "skeleton" });
  return segments;
}

/** Everything outside VEVENT blocks, unfolded, with its own line numbers; undefined if it is not UTF-8. */
function skeletonOf(buf: Buffer, segments: readonly Segment[], firstLine: (seg: Segment) => number): LineStore | undefined {
  const skeleton: LineStore = { texts: [], lines: [] };
  for (const seg of segments) {
    if (seg.kind !== "skeleton") continue;
    const text = utf8Text(buf, seg.start, seg.end);
    if (text === undefined) return undefined;
    const st = unfoldToStore(text, firstLine(seg) - 1);
    for (let k = 0; k < st.texts.length; k++) {
      skeleton.texts.push(st.texts[k] as string);
      skeleton.lines.push(st.lines[k] as number);
    }
  }
  return skeleton;
}

/** Reads single property lines of the buffer in place, by byte position. */
class Glance {
  readonly cursors;
  constructor(
    private readonly buf: Buffer,
    private readonly zones: ZoneResolver,
  ) {
    this.cursors = {
      rrule: new NeedleCursor(buf, enc("\nRRULE")),
      rdate: new NeedleCursor(buf, enc("\nRDATE")),
      rid: new NeedleCursor(buf, enc("\nRECURRENCE-ID")),
      dtstart: new NeedleCursor(buf, enc("\nDTSTART")),
      dtend: new NeedleCursor(buf, enc("\nDTEND")),
      duration: new NeedleCursor(buf, enc("\nDURATION")),
      nested: new NeedleCursor(buf, NL_BEGIN),
    };
  }

  /** The property line starting at pos (after the \n), with its continuation lines unfolded. */
  lineOf(pos: number): string {
    const buf = this.buf;
    let end = buf.indexOf(0x0a, pos);
    if (end < 0) end = buf.length;
    while (end + 1 < buf.length && (buf[end + 1] === 0x20 || buf[end + 1] === 0x09)) {
      const next = buf.indexOf(0x0a, end + 1);
      end = next < 0 ? buf.length : next;
    }
    return buf.toString("utf8", pos, end).replace(/\r?\n[ \t]/g, "").replace(/\r$/, "");
  }

  /** The DATE or DATE-TIME of the `name` line at `pos`; undefined for anything unusual. */
  value(pos: number, name: string): DateValue | undefined {
    const prop = parseProperty({ text: this.lineOf(pos), line: 0 });
    if (!prop || prop.name !== name) return undefined;
    const p = parseDateOrDateTime(prop.value, prop.params?.VALUE);
    if (p.kind !== "local") return p;
    const tzid = prop.params?.TZID;
    if (!tzid) return { kind: "floating", wall: p.wall };
    const zone = this.zones.resolve(tzid);
    return zone ? { kind: "zoned", wall: p.wall, zone } : undefined;
  }

  /**
   * The date of a DTSTART/DTEND line at `pos` (midnight, as UTC ms) read from its digits: the eight
   * digits after the line's last colon. Undefined for a folded line or anything unusual.
   */
  quickDay(pos: number): number | undefined {
    const buf = this.buf;
    const end = buf.indexOf(0x0a, pos);
    if (end < 0 || end - pos > 200) return undefined;
    if (buf[end + 1] === 0x20 || buf[end + 1] === 0x09) return undefined;
    const colon = buf.lastIndexOf(0x3a, end);
    if (colon < pos) return undefined;
    let y = 0;
    let m = 0;
    let d = 0;
    for (let k = 0; k < 8; k++) {
      const c = (buf[colon + 1 + k] ?? 0) - 48;
      if (c < 0 || c > 9) return undefined;
      if (k < 4) y = y * 10 + c;
      else if (k < 6) m = m * 10 + c;
      else d = d * 10 + c;
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
    return Date.UTC(y, m - 1, d);
  }
}

/** The approximate span of a single event's block, or "keep" when it may recur or is unusual. */
function blockSpan(g: Glance, seg: Segment, window: Window, margin: number): { start: number; end: number } | "keep" {
  const inBlock = (p: number) => p >= 0 && p < seg.end;
  const s = seg.start; // just after the \n before BEGIN:VEVENT
  const rr = g.cursors.rrule.at(s);
  if (inBlock(rr)) {
    const text = g.lineOf(rr + 1);
    if (text.slice(text.indexOf(":") + 1).trim() !== "") return "keep";
  }
  if (inBlock(g.cursors.rdate.at(s)) || inBlock(g.cursors.rid.at(s))) return "keep";
  const dsPos = g.cursors.dtstart.at(s);
  if (!inBlock(dsPos)) return "keep";
  const dePos = g.cursors.dtend.at(s);
  const duPos = g.cursors.duration.at(s);
  // Fastest glance: the dates' digits alone, when they put the event days from the window.
  const quickStart = g.quickDay(dsPos + 1);
  const quickEnd = inBlock(dePos) ? g.quickDay(dePos + 1) : inBlock(duPos) ? undefined : quickStart;
  if (quickStart !== undefined && quickEnd !== undefined && (quickStart > window.to + margin + DAY || quickEnd + 2 * DAY < window.from - margin)) {
    return { start: quickStart, end: quickEnd };
  }
  const start = g.value(dsPos + 1, "DTSTART");
  if (!start) return "keep";
  const st = approxInstant(start);
  if (inBlock(dePos)) {
    const end = g.value(dePos + 1, "DTEND");
    return end ? { start: st, end: Math.max(st, approxInstant(end)) } : "keep";
  }
  if (!inBlock(duPos)) return { start: st, end: start.kind === "date" ? st + DAY : st };
  // A nested VALARM may hold its own DURATION: then it is not the event's; parse fully.
  if (inBlock(g.cursors.nested.at(s + 1))) return "keep";
  const prop = parseProperty({ text: g.lineOf(duPos + 1), line: 0 });
  if (!prop || prop.name !== "DURATION") return "keep";
  const d = parseDuration(prop.value);
  return { start: st, end: st + Math.max(0, d.sign * (d.days * DAY + d.seconds * 1000)) + HOUR };
}

/**
 * Splits a buffer into skeleton and VEVENT blocks, resolves zones from the skeleton, and keeps the
 * VEVENT blocks that can reach `[from - margin, to + margin)`. Undefined when a part it keeps is
 * not UTF-8: the caller then reads the whole file the usual way (which detects Windows-1252).
 *
 * @example
 * const { kept } = prescan(bytes, { from, to }, 2 * DAY, (vtz) => new ZoneResolver(vtz, issues));
 */
export function prescan(bytes: Uint8Array, window: Window, margin: number, makeZones: (vtimezones: Component[]) => ZoneResolver): PrescanResult | undefined {
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  const blocks = eventBlocks(buf);
  const lineAt = boundaryLines(buf, blocks);
  const segments = segmentsOf(buf, blocks);
  const firstLine = (seg: Segment) => (seg.start === 0 ? 1 : (lineAt.get(seg.start) ?? 1));
  const skeleton = skeletonOf(buf, segments, firstLine);
  if (!skeleton) return undefined;
  const glance = new Glance(buf, makeZones(findComponents(buildComponents(skeleton).roots, "VTIMEZONE")));
  const skippedStarts: number[] = [];
  const kept: { text: string; firstLine: number }[] = [];
  for (const seg of segments) {
    if (seg.kind !== "event") continue;
    let span: ReturnType<typeof blockSpan>;
    try {
      span = blockSpan(glance, seg, window, margin);
    } catch {
      span = "keep";
    }
    if (span !== "keep" && (span.start >= window.to + margin || span.end <= window.from - margin)) skippedStarts.push(span.start);
    else {
      const text = utf8Text(buf, seg.start, seg.end);
      if (text === undefined) return undefined;
      kept.push({ text, firstLine: firstLine(seg) });
    }
  }
  return { skeleton, kept, skippedStarts };
}
