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

/** The names that make an event recur, in lower case (compared in any case). */
const RECURRING_NAMES = ["rrule", "rdate", "recurrence-id"].map((n) => enc(n));
/** Lines that start with "r": the glance finds only lines that start with "R" (then in any case). */
const NL_LOWER_R = enc("\nr");
const NL_R = enc("\nR");

/** Which of {@link RECURRING_NAMES} the line starting at `at` (after its \n) names, in any case, or -1. */
function recurringName(buf: Buffer, at: number): number {
  for (let k = 0; k < RECURRING_NAMES.length; k++) {
    const name = RECURRING_NAMES[k] as Buffer;
    const after = buf[at + name.length];
    // Then ":" or ";" (or blank space, which the parser trims from a name).
    if ((after === 0x3a || after === 0x3b || after === 0x20 || after === 0x09) && startsWithIgnoringCase(buf, at, name)) return k;
  }
  return -1;
}

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
  // Lower-case property names are legal; rare, but the glance finds only lines that start with
  // "R": a file with a line "rrule:…" (or rdate, recurrence-id, in any case) is parsed fully.
  for (let at = buf.indexOf(NL_LOWER_R); at >= 0; at = buf.indexOf(NL_LOWER_R, at + 2)) if (recurringName(buf, at + 1) >= 0) return false;
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

/**
 * The well-formed VEVENT blocks, in file order: block k is `[starts[k], ends[k])`, from the start
 * of its BEGIN line to the end of its END line.
 */
interface Blocks {
  readonly starts: number[];
  readonly ends: number[];
}

function eventBlocks(buf: Buffer): Blocks {
  const starts: number[] = [];
  const ends: number[] = [];
  let b = buf.indexOf(NL_BEGIN_VEVENT, 0);
  while (b >= 0) {
    const start = b + 1;
    const e = buf.indexOf(NL_END_VEVENT, start);
    if (e < 0) break;
    // The next BEGIN: inside this block (an unclosed VEVENT) or the next block's.
    const nextBegin = buf.indexOf(NL_BEGIN_VEVENT, start);
    if (nextBegin >= 0 && nextBegin < e) {
      // A VEVENT without its END before the next one: leave this stretch to the full parser.
      b = nextBegin;
      continue;
    }
    const lineEnd = buf.indexOf(0x0a, e + 1);
    starts.push(start);
    ends.push(lineEnd < 0 ? buf.length : lineEnd + 1);
    // A "\nBEGIN:VEVENT" after the END line's \n cannot start inside that line: nextBegin is the next one.
    b = nextBegin;
  }
  return { starts, ends };
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

/** The 1-based line each block starts on, and the line just after each ends. */
function blockLines(buf: Buffer, blocks: Blocks): { startLines: number[]; endLines: number[] } {
  const startLines: number[] = [];
  const endLines: number[] = [];
  let pos = 0;
  let line = 1;
  for (let k = 0; k < blocks.starts.length; k++) {
    const start = blocks.starts[k] as number;
    const end = blocks.ends[k] as number;
    line += countNewlines(buf, pos, start);
    startLines.push(line);
    line += countNewlines(buf, start, end);
    endLines.push(line);
    pos = end;
  }
  return { startLines, endLines };
}

/**
 * Everything outside VEVENT blocks, unfolded, with its own line numbers; undefined if it is not
 * UTF-8. The stretches are those before each block and after the last.
 */
function skeletonOf(buf: Buffer, blocks: Blocks, endLines: readonly number[]): LineStore | undefined {
  const skeleton: LineStore = { texts: [], lines: [] };
  const n = blocks.starts.length;
  for (let k = 0; k <= n; k++) {
    const from = k === 0 ? 0 : (blocks.ends[k - 1] as number);
    const to = k === n ? buf.length : (blocks.starts[k] as number);
    if (to <= from) continue;
    const text = utf8Text(buf, from, to);
    if (text === undefined) return undefined;
    const st = unfoldToStore(text, (k === 0 ? 1 : (endLines[k - 1] as number)) - 1);
    for (let j = 0; j < st.texts.length; j++) {
      skeleton.texts.push(st.texts[j] as string);
      skeleton.lines.push(st.lines[j] as number);
    }
  }
  return skeleton;
}

/** Reads single property lines of the buffer in place, by byte position. */
class Glance {
  readonly cursors;
  constructor(
    readonly buf: Buffer,
    private readonly zones: ZoneResolver,
  ) {
    this.cursors = {
      // RRULE, RDATE and RECURRENCE-ID, and every other line that starts with R.
      r: new NeedleCursor(buf, NL_R),
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

/** Whether the block `[s, end)` has a (non-empty) RRULE, an RDATE or a RECURRENCE-ID line, the name in any case. */
function mayRecur(g: Glance, s: number, end: number): boolean {
  for (let r = g.cursors.r.at(s); r >= 0 && r < end; r = g.cursors.r.at(r + 1)) {
    const which = recurringName(g.buf, r + 1);
    if (which > 0) return true;
    if (which === 0) {
      const text = g.lineOf(r + 1);
      if (text.slice(text.indexOf(":") + 1).trim() !== "") return true;
    }
  }
  return false;
}

/** Whether the block `[s, end)` has a DTEND or DURATION line the exact-case search missed ("DTEnd"). */
function endInOtherCase(buf: Buffer, s: number, end: number): boolean {
  return /\n(dtend|duration)[;:]/i.test(buf.toString("latin1", s - 1, end));
}

/** The approximate span of the single event in block `[s, end)`, or "keep" when it may recur or is unusual. */
function blockSpan(g: Glance, s: number, end: number, window: Window, margin: number): { start: number; end: number } | "keep" {
  const inBlock = (p: number) => p >= 0 && p < end;
  // s is just after the \n before BEGIN:VEVENT.
  if (mayRecur(g, s, end)) return "keep";
  const dsPos = g.cursors.dtstart.at(s);
  if (!inBlock(dsPos)) return "keep";
  const dePos = g.cursors.dtend.at(s);
  const duPos = g.cursors.duration.at(s);
  // Fastest glance: the dates' digits alone, when they put the event days from the window.
  const quickStart = g.quickDay(dsPos + 1);
  // No DTEND or DURATION in upper case, but one in another case ("DTEnd"): parse fully.
  if (!inBlock(dePos) && !inBlock(duPos) && endInOtherCase(g.buf, s, end)) return "keep";
  const quickEnd = inBlock(dePos) ? g.quickDay(dePos + 1) : inBlock(duPos) ? undefined : quickStart;
  if (quickStart !== undefined && quickEnd !== undefined && (quickStart > window.to + margin + DAY || quickEnd + 2 * DAY < window.from - margin)) {
    return { start: quickStart, end: quickEnd };
  }
  const start = g.value(dsPos + 1, "DTSTART");
  if (!start) return "keep";
  const st = approxInstant(start);
  if (inBlock(dePos)) {
    const dtend = g.value(dePos + 1, "DTEND");
    return dtend ? { start: st, end: Math.max(st, approxInstant(dtend)) } : "keep";
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
  const { startLines, endLines } = blockLines(buf, blocks);
  const skeleton = skeletonOf(buf, blocks, endLines);
  if (!skeleton) return undefined;
  const glance = new Glance(buf, makeZones(findComponents(buildComponents(skeleton).roots, "VTIMEZONE")));
  const skippedStarts: number[] = [];
  const kept: { text: string; firstLine: number }[] = [];
  for (let k = 0; k < blocks.starts.length; k++) {
    const start = blocks.starts[k] as number;
    const end = blocks.ends[k] as number;
    let span: ReturnType<typeof blockSpan>;
    try {
      span = blockSpan(glance, start, end, window, margin);
    } catch {
      span = "keep";
    }
    if (span !== "keep" && (span.start >= window.to + margin || span.end <= window.from - margin)) skippedStarts.push(span.start);
    else {
      const text = utf8Text(buf, start, end);
      if (text === undefined) return undefined;
      kept.push({ text, firstLine: startLines[k] as number });
    }
  }
  return { skeleton, kept, skippedStarts };
}
