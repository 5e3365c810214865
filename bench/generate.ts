/**
 * A seeded generator of realistic calendar exports for the import + expansion benchmark (issue 2).
 *
 * The output looks like what Google Calendar, Outlook and Apple Calendar export: VTIMEZONEs for the
 * zones used, most events in the past (2019 up to the export date, 2026-09-01) and some up to 2028,
 * about a third of the VEVENTs recurring (weekly BYDAY lists, daily, monthly by day and by ordinal
 * weekday, yearly; COUNT, UNTIL in UTC or open-ended), EXDATEs, RECURRENCE-ID overrides (moved or
 * cancelled, placed anywhere in the file, some before their master), all-day and transparent events,
 * a few floating ones, and descriptions, locations and attendees of realistic length, folded at 75
 * octets with CRLF line endings. 50 000 VEVENTs make about 39 MB.
 *
 * The generator also knows the answer: {@link generateCalendarWithTruth} returns, alongside the file,
 * every occurrence that overlaps a window, computed from the generator's own model with the rules of
 * DESIGN.md (IANA offsets via `Intl`, not via any pipeline under test).
 *
 * CLI: `tsx bench/generate.ts [--sizes 1k,10k,50k] [--seed N] [--out DIR]`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { vtimezoneLines, wallToUtc } from "./zones";

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Same seed, same calendar. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of xs) total += w;
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return (xs[xs.length - 1] as readonly [T, number])[0];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = xs[i] as T;
      xs[i] = xs[j] as T;
      xs[j] = t;
    }
    return xs;
  }
  chars(alphabet: string, n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01) and wall-clock ms (`Date.UTC` of fields)

const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
/** 0 = Monday … 6 = Sunday. */
const weekday = (day: number): number => (day + 3) % 7;
const ymd = (day: number): [number, number, number] => {
  const d = new Date(day * DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;
function fmtDate(day: number): string {
  const [y, m, d] = ymd(day);
  return `${y}${pad2(m)}${pad2(d)}`;
}
/** `YYYYMMDDTHHMMSS` of a wall-clock (or UTC) ms value. */
function fmtDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

const START_DAY = dayOf(2019, 1, 1);
const EXPORT_DAY = dayOf(2026, 9, 1);
const END_DAY = dayOf(2028, 12, 31);
/** Occurrences are enumerated this far; nothing in the files reaches beyond it. */
const HORIZON_DAY = dayOf(2029, 3, 1);

/** The benchmark's default window: 16 weeks from Monday 2026-09-07 00:00 UTC. */
export const DEFAULT_WINDOW = { from: Date.UTC(2026, 8, 7), to: Date.UTC(2026, 8, 7) + 16 * 7 * DAY } as const;
export const DEFAULT_VIEWER_ZONE = "America/New_York";

// ---------------------------------------------------------------------------------------------
// Recurrence rules the generator writes, and their enumeration (date level; the time is constant)

type Rule =
  | { freq: "DAILY"; interval: number; byday?: number[] }
  | { freq: "WEEKLY"; interval: number; byday: number[]; wkstSu: boolean }
  | { freq: "MONTHLY"; interval: number; bymonthday: number }
  | { freq: "MONTHLY"; interval: number; nth: number; wd: number }
  | { freq: "YEARLY"; interval: number; month?: number; nth?: number; wd?: number };

function nthWeekday(y: number, m: number, n: number, wd: number): number | undefined {
  if (n > 0) {
    const first = dayOf(y, m, 1);
    const d = first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
    return ymd(d)[1] === m ? d : undefined;
  }
  const last = dayOf(y, m, daysInMonth(y, m));
  const d = last - ((weekday(last) - wd + 7) % 7) + (n + 1) * 7;
  return ymd(d)[1] === m ? d : undefined;
}

/** Days on which `rule` produces an instance, from `start` through `horizon`; DTSTART is always first. */
function enumerate(rule: Rule, start: number, horizon: number): number[] {
  const out: number[] = [];
  const [sy, sm, sd] = ymd(start);
  switch (rule.freq) {
    case "DAILY":
      for (let d = start; d <= horizon; d += rule.interval) {
        if (!rule.byday || rule.byday.includes(weekday(d))) out.push(d);
      }
      break;
    case "WEEKLY": {
      // WKST=SU is only written where it cannot change the result (see makeRule).
      const week0 = start - weekday(start);
      const days = [...rule.byday].sort((a, b) => a - b);
      for (let w = week0; w <= horizon; w += 7 * rule.interval) {
        for (const wd of days) {
          const d = w + wd;
          if (d >= start && d <= horizon) out.push(d);
        }
      }
      break;
    }
    case "MONTHLY":
      for (let i = 0; ; i += rule.interval) {
        const y = sy + Math.floor((sm - 1 + i) / 12);
        const m = ((sm - 1 + i) % 12) + 1;
        if (dayOf(y, m, 1) > horizon) break;
        let d: number | undefined;
        if ("bymonthday" in rule) {
          const dim = daysInMonth(y, m);
          const md = rule.bymonthday > 0 ? rule.bymonthday : dim + 1 + rule.bymonthday;
          d = md <= dim ? dayOf(y, m, md) : undefined;
        } else {
          d = nthWeekday(y, m, rule.nth, rule.wd);
        }
        if (d !== undefined && d >= start && d <= horizon) out.push(d);
      }
      break;
    case "YEARLY":
      for (let y = sy; ; y += rule.interval) {
        if (dayOf(y, 1, 1) > horizon) break;
        const d =
          rule.nth !== undefined && rule.month !== undefined && rule.wd !== undefined
            ? nthWeekday(y, rule.month, rule.nth, rule.wd)
            : sd <= daysInMonth(y, sm)
              ? dayOf(y, sm, sd)
              : undefined;
        if (d !== undefined && d >= start && d <= horizon) out.push(d);
      }
      break;
  }
  if (out[0] !== start) out.unshift(start); // RFC 5545: DTSTART is the first instance
  return out;
}

function ruleText(rule: Rule, style: Style, end: string): string {
  const parts: string[] = [`FREQ=${rule.freq}`];
  const interval = rule.interval !== 1 || style === "outlook" ? `INTERVAL=${rule.interval}` : "";
  let byday = "";
  let extra = "";
  switch (rule.freq) {
    case "DAILY":
      if (rule.byday) byday = `BYDAY=${rule.byday.map((d) => WD[d]).join(",")}`;
      break;
    case "WEEKLY":
      byday = `BYDAY=${rule.byday.map((d) => WD[d]).join(",")}`;
      if (rule.wkstSu) extra = "WKST=SU";
      break;
    case "MONTHLY":
      if ("bymonthday" in rule) extra = `BYMONTHDAY=${rule.bymonthday}`;
      else byday = `BYDAY=${rule.nth}${WD[rule.wd]}`;
      break;
    case "YEARLY":
      if (rule.nth !== undefined && rule.month !== undefined && rule.wd !== undefined) {
        extra = `BYMONTH=${rule.month}`;
        byday = `BYDAY=${rule.nth}${WD[rule.wd]}`;
      }
      break;
  }
  // Google: FREQ;WKST;UNTIL/COUNT;INTERVAL;BYDAY. Outlook: FREQ;UNTIL/COUNT;INTERVAL;BYDAY;WKST.
  if (style === "google") {
    if (extra.startsWith("WKST")) parts.push(extra);
    if (end) parts.push(end);
    if (interval) parts.push(interval);
    if (extra && !extra.startsWith("WKST")) parts.push(extra);
    if (byday) parts.push(byday);
  } else {
    if (end) parts.push(end);
    if (interval) parts.push(interval);
    if (extra && !extra.startsWith("WKST")) parts.push(extra);
    if (byday) parts.push(byday);
    if (extra.startsWith("WKST")) parts.push(extra);
  }
  return parts.join(";");
}

// ---------------------------------------------------------------------------------------------
// Text content

type Style = "google" | "outlook" | "apple";

const FIRST = ["Alex", "Jordan", "Priya", "Wei", "Fatima", "Lukas", "Sofía", "Mateo", "Chloé", "Olu", "Hannah", "Noah", "Aiko", "Björn", "Zoë", "Rahul", "Emma", "Liam", "Ana", "João", "Kenji", "Amara", "Ines", "Tomás", "Grace", "Yusuf", "Mia", "Sven", "Leila", "Dmitri"];
const LAST = ["Lee", "Nguyen", "Patel", "Garcia", "Müller", "Smith", "Okafor", "Kowalski", "Rossi", "Tanaka", "Johansson", "Brown", "Silva", "Dubois", "Kim", "O'Brien", "Haddad", "Novak", "Schmidt", "Wilson", "Fernández", "Chen", "Andersson", "Murphy"];
const DOMAINS = ["example.com", "example.org", "acme-corp.example", "northwind.example", "contoso.example", "fabrikam.example", "university.example.edu"];
const TEAMS = ["Platform", "Growth", "Data", "Design", "Finance", "Mobile", "Infra", "Support", "Sales EMEA", "Research", "Marketing", "People Ops", "Security", "Payments"];
const RECURRING_TITLES = ["Weekly sync", "Standup", "1:1", "Sprint planning", "Retro", "Team lunch", "Office hours", "Design review", "Gym", "Yoga class", "Pick up kids", "Piano lesson", "Book club", "Reading group", "Ops review", "All hands", "Study group", "Lecture: Statistics 201", "Lab: Organic Chemistry", "Seminar", "Tutoring", "Swim practice", "Therapy", "Choir rehearsal", "Spanish class"];
const SINGLE_TITLES = ["Interview", "Dentist", "Call with", "Coffee with", "Flight to", "Doctor appointment", "Parent-teacher conference", "Product demo", "Quarterly planning", "Offsite", "Haircut", "Dinner with", "Car service", "Webinar: Intro to", "Workshop", "Exam", "Thesis defense", "Conference talk", "Vet appointment", "Budget review", "Kickoff:", "Farewell drinks for"];
const ALLDAY_TITLES = ["Out of office", "Vacation", "Conference", "Public holiday", "Company holiday", "Moving day", "Business trip", "Parental leave", "WFH", "Reading week"];
const CITIES = ["Berlin", "London", "New York", "Chicago", "San Francisco", "Sydney", "Lisbon", "Toronto", "Austin", "Dublin", "São Paulo", "Zürich"];
const ROOMS = ["Conf Room 4B (8)", "Huddle 2.14", "Boardroom", "Atrium", "Room 301", "Library study room C", "Ballroom A", "Cafeteria"];
const STREETS = ["123 Main St", "45 Market Street", "Friedrichstraße 68", "10 Downing Pl", "1600 Amphitheatre Pkwy", "88 George St", "Rua Augusta 120", "500 W Madison St"];
const WORDS = "the agenda review notes for this week please bring any updates on project timeline budget risks blockers decisions follow up items from last meeting we will also discuss hiring roadmap quarterly goals customer feedback and next steps dial in details below if you cannot attend send your status in advance thanks".split(" ");

function person(rng: Rng): { name: string; email: string } {
  const f = rng.pick(FIRST);
  const l = rng.pick(LAST);
  const local = `${f}.${l}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
  return { name: `${f} ${l}`, email: `${local}@${rng.pick(DOMAINS)}` };
}

function sentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  const s = out.join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1) + ".";
}

function meetBlock(rng: Rng): string {
  const code = `${rng.chars("abcdefghijkmnopqrstuvwxyz", 3)}-${rng.chars("abcdefghijkmnopqrstuvwxyz", 4)}-${rng.chars("abcdefghijkmnopqrstuvwxyz", 3)}`;
  const rule = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-";
  return [
    rule,
    `Join with Google Meet: https://meet.google.com/${code}`,
    `Or dial: (US) +1 ${rng.int(200, 989)}-555-0${rng.int(100, 199)} PIN: ${rng.int(100000000, 999999999)}#`,
    `More phone numbers: https://tel.meet/${code}?pin=${rng.int(1000000, 9999999)}${rng.int(100000, 999999)}`,
    "",
    "Learn more about Meet at: https://support.google.com/a/users/answer/9282720",
    "",
    "Please do not edit this section.",
    rule,
  ].join("\n");
}

function teamsBlock(rng: Rng): string {
  const bar = "_".repeat(80);
  return [
    bar,
    "Microsoft Teams meeting",
    "Join on your computer, mobile app or room device",
    `Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_${rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48)}%40thread.v2/0?context=%7b%22Tid%22%3a%22${rng.chars("0123456789abcdef", 32)}%22%7d>`,
    `Meeting ID: ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
    `Passcode: ${rng.chars("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 6)}`,
    "Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>",
    "Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/>",
    bar,
  ].join("\n");
}

function zoomBlock(rng: Rng): string {
  const id = `${rng.int(810, 999)}${rng.int(1000, 9999)}${rng.int(1000, 9999)}`;
  return [
    `${person(rng).name} is inviting you to a scheduled Zoom meeting.`,
    "",
    "Join Zoom Meeting",
    `https://us02web.zoom.us/j/${id}?pwd=${rng.chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 32)}`,
    "",
    `Meeting ID: ${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`,
    `Passcode: ${rng.int(100000, 999999)}`,
    "One tap mobile",
    `+13017158592,,${id}# US (Washington DC)`,
  ].join("\n");
}

function description(rng: Rng, style: Style): string | undefined {
  const kind = rng.weighted<string>([["none", 46], ["short", 38], ["conf", 16]]);
  if (kind === "none") return undefined;
  const text = sentence(rng, rng.int(6, 40));
  if (kind === "short") return rng.chance(0.3) ? `${text}\n\n${sentence(rng, rng.int(5, 25))}` : text;
  const block = style === "outlook" ? teamsBlock(rng) : rng.chance(0.7) ? meetBlock(rng) : zoomBlock(rng);
  return rng.chance(0.5) ? `${text}\n\n${block}` : block;
}

function location(rng: Rng): string | undefined {
  return rng.weighted<() => string | undefined>([
    [() => undefined, 35],
    [() => rng.pick(ROOMS), 25],
    [() => `${rng.pick(STREETS)}, ${rng.pick(CITIES)}`, 20],
    [() => "Microsoft Teams Meeting", 10],
    [() => `https://us02web.zoom.us/j/${rng.int(81000000000, 99999999999)}`, 10],
  ])();
}

/** RFC 5545 TEXT escaping. */
function esc(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/** Fold a content line at 75 octets (continuations start with a space), never inside a UTF-8 sequence. */
function fold(line: string, out: string[]): void {
  if (line.length <= 25 || Buffer.byteLength(line) <= 75) {
    out.push(line);
    return;
  }
  let cur = "";
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const cp = ch.codePointAt(0) as number;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > limit) {
      out.push(cur);
      cur = " ";
      bytes = 1;
      limit = 75;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
}

// ---------------------------------------------------------------------------------------------
// The event model

type ZoneKind = "zoned" | "utc" | "floating" | "date";

interface Timing {
  kind: ZoneKind;
  /** IANA zone for `zoned` (for `utc`, the zone the author thought in). */
  zone: string;
  /** Wall-clock ms of DTSTART (UTC ms for `utc`; midnight for `date`). */
  start: number;
  /** Timed: minutes; all-day: days. */
  length: number;
  end: "dtend" | "duration" | "none";
}

/** A truth row: one occurrence overlapping the window. */
export interface TruthOccurrence {
  uid: string;
  start: number;
  end: number;
  transparent: boolean;
}

interface Ctx {
  rng: Rng;
  window: { from: number; to: number };
  viewerZone: string;
  zonesUsed: Set<string>;
  truth: TruthOccurrence[];
  dtstamp: string;
  uids: Set<string>;
  /** Rule instances from DTSTART to the window's end, over all series: what a walk from DTSTART steps through. */
  instancesToWindowEnd: number;
}

const ZONE_WEIGHTS: readonly (readonly [string, number])[] = [
  ["America/New_York", 45],
  ["America/Chicago", 10],
  ["America/Los_Angeles", 12],
  ["Europe/London", 11],
  ["Europe/Berlin", 14],
  ["Australia/Sydney", 8],
];

function uid(ctx: Ctx, style: Style): string {
  const { rng } = ctx;
  for (;;) {
    const u =
      style === "google"
        ? `${rng.chars("0123456789abcdefghijklmnopqrstuv", 26)}@google.com`
        : style === "outlook"
          ? `040000008200E00074C5B7101A82E00800000000${rng.chars("0123456789ABCDEF", 16)}0000000000000000100000004${rng.chars("0123456789ABCDEF", 31)}`
          : `${rng.chars("0123456789ABCDEF", 8)}-${rng.chars("0123456789ABCDEF", 4)}-${rng.chars("0123456789ABCDEF", 4)}-${rng.chars("0123456789ABCDEF", 4)}-${rng.chars("0123456789ABCDEF", 12)}`;
    if (!ctx.uids.has(u)) {
      ctx.uids.add(u);
      return u;
    }
  }
}

/** A start day between lo and hi, denser towards hi (calendars fill up over time). */
function recentDay(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(Math.sqrt(rng.next()) * (hi - lo));
}

function startMinute(rng: Rng): number {
  if (rng.chance(0.015)) return rng.int(0, 11) * 15; // night: 00:00–02:45, meets DST transitions
  return rng.weighted<number>([[7, 3], [8, 10], [9, 16], [10, 15], [11, 12], [12, 8], [13, 10], [14, 12], [15, 11], [16, 9], [17, 6], [18, 5], [19, 3], [20, 2]]) * 60 + rng.pick([0, 0, 0, 0, 15, 30, 30, 45]);
}

function timedLength(rng: Rng): number {
  return rng.weighted<number>([[15, 6], [25, 3], [30, 20], [45, 8], [50, 3], [60, 28], [90, 10], [120, 8], [180, 4], [240, 3], [480, 2]]);
}

/** UTC instant of a wall-clock time under a timing's zone kind. */
function instant(t: Timing, wall: number, viewerZone: string): number {
  switch (t.kind) {
    case "zoned":
      return wallToUtc(wall, t.zone);
    case "utc":
      return wall;
    case "floating":
    case "date":
      return wallToUtc(wall, viewerZone);
  }
}

/** The DTSTART/DTEND/DURATION lines of a timing at wall-clock start `wall`. */
function timingLines(t: Timing, wall: number, length: number, out: string[]): void {
  const value = (name: string, w: number): string => {
    switch (t.kind) {
      case "zoned":
        return `${name};TZID=${t.zone}:${fmtDateTime(w)}`;
      case "utc":
        return `${name}:${fmtDateTime(w)}Z`;
      case "floating":
        return `${name}:${fmtDateTime(w)}`;
      case "date":
        return `${name};VALUE=DATE:${fmtDate(w / DAY)}`;
    }
  };
  out.push(value("DTSTART", wall));
  if (t.end === "dtend") {
    out.push(value("DTEND", t.kind === "date" ? wall + length * DAY : wall + length * MINUTE));
  } else if (t.end === "duration") {
    if (t.kind === "date") out.push(length % 7 === 0 ? `DURATION:P${length / 7}W` : `DURATION:P${length}D`);
    else out.push(`DURATION:PT${Math.floor(length / 60) ? `${Math.floor(length / 60)}H` : ""}${length % 60 ? `${length % 60}M` : ""}`);
  }
}

/** [start, end) of an instance at wall `wall` with `length`, under DESIGN.md's rules. */
function interval(t: Timing, wall: number, length: number, exactLength: number | undefined, viewerZone: string): [number, number] {
  const s = instant(t, wall, viewerZone);
  if (t.kind === "date") return [s, t.end === "none" ? instant(t, wall + DAY, viewerZone) : instant(t, wall + length * DAY, viewerZone)];
  if (t.end === "none") return [s, s];
  if (t.end === "duration") return [s, s + length * MINUTE];
  return [s, s + (exactLength ?? instant(t, wall + length * MINUTE, viewerZone) - s)];
}

function overlaps(s: number, e: number, w: { from: number; to: number }): boolean {
  return s === e ? w.from <= s && s < w.to : e > w.from && s < w.to;
}

interface Common {
  uid: string;
  style: Style;
  summary: string;
  description: string | undefined;
  location: string | undefined;
  organizer: { name: string; email: string } | undefined;
  attendees: { name: string; email: string; partstat: string; role: string }[];
  transparent: boolean;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED" | undefined;
  created: number;
  modified: number;
  sequence: number;
  alarm: number | undefined;
}

function common(ctx: Ctx, style: Style, summary: string, allDay: boolean, startUtcApprox: number): Common {
  const { rng } = ctx;
  const meeting = !allDay && rng.chance(0.55);
  const organizer = meeting ? person(rng) : undefined;
  const attendees: Common["attendees"] = [];
  if (meeting) {
    const n = rng.weighted<number>([[1, 24], [2, 28], [3, 20], [4, 12], [6, 8], [9, 6], [14, 2]]);
    for (let i = 0; i < n; i++) {
      attendees.push({
        ...person(rng),
        partstat: rng.weighted<string>([["ACCEPTED", 60], ["NEEDS-ACTION", 20], ["TENTATIVE", 8], ["DECLINED", 12]]),
        role: rng.chance(0.85) ? "REQ-PARTICIPANT" : "OPT-PARTICIPANT",
      });
    }
  }
  const created = Math.min(startUtcApprox, EXPORT_DAY * DAY) - rng.int(1, 60) * DAY - rng.int(0, 86_399) * 1000;
  return {
    uid: uid(ctx, style),
    style,
    summary,
    description: allDay && rng.chance(0.7) ? undefined : description(rng, style),
    location: allDay ? (rng.chance(0.2) ? rng.pick(CITIES) : undefined) : location(rng),
    organizer,
    attendees,
    transparent: allDay ? !summary.startsWith("Vacation") && !summary.startsWith("Out of office") && !summary.startsWith("Parental") : rng.chance(0.05),
    status: rng.weighted<Common["status"]>([[undefined, 10], ["CONFIRMED", 84], ["TENTATIVE", 4], ["CANCELLED", 2]]),
    created,
    modified: Math.min(created + rng.int(0, 200) * DAY, EXPORT_DAY * DAY),
    sequence: rng.weighted<number>([[0, 70], [1, 15], [2, 10], [5, 5]]),
    alarm: rng.chance(0.2) ? rng.pick([5, 10, 15, 30, 60, 1440]) : undefined,
  };
}

function propertyLines(ctx: Ctx, c: Common, out: string[]): void {
  const stamp = (ms: number): string => `${fmtDateTime(ms)}Z`;
  out.push(`DTSTAMP:${ctx.dtstamp}`);
  if (c.organizer) out.push(`ORGANIZER;CN=${c.organizer.name}:mailto:${c.organizer.email}`);
  out.push(`UID:${c.uid}`);
  for (const a of c.attendees) {
    out.push(
      c.style === "google"
        ? `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=${a.role};PARTSTAT=${a.partstat};CN=${a.name};X-NUM-GUESTS=0:mailto:${a.email}`
        : `ATTENDEE;ROLE=${a.role};PARTSTAT=${a.partstat};RSVP=TRUE;CN=${a.name}:mailto:${a.email}`,
    );
  }
  out.push(`CREATED:${stamp(c.created)}`);
  if (c.description !== undefined) out.push(`DESCRIPTION:${esc(c.description)}`);
  out.push(`LAST-MODIFIED:${stamp(c.modified)}`);
  if (c.location !== undefined) out.push(`LOCATION:${esc(c.location)}`);
  out.push(`SEQUENCE:${c.sequence}`);
  if (c.status) out.push(`STATUS:${c.status}`);
  out.push(`SUMMARY:${esc(c.summary)}`);
  out.push(`TRANSP:${c.transparent ? "TRANSPARENT" : "OPAQUE"}`);
  if (c.style === "outlook") {
    out.push(`X-MICROSOFT-CDO-BUSYSTATUS:${c.transparent ? "FREE" : c.status === "TENTATIVE" ? "TENTATIVE" : "BUSY"}`);
    out.push("X-MICROSOFT-CDO-IMPORTANCE:1");
  }
  if (c.alarm !== undefined) {
    out.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", `TRIGGER:-PT${c.alarm}M`, "END:VALARM");
  }
}

function pickTiming(ctx: Ctx, style: Style, allDay: boolean, recurring: boolean, day: number): Timing {
  const { rng } = ctx;
  if (allDay) {
    return {
      kind: "date",
      zone: ctx.viewerZone,
      start: day * DAY,
      length: recurring ? 1 : rng.weighted<number>([[1, 70], [2, 8], [3, 7], [5, 7], [7, 5], [14, 3]]),
      end: rng.chance(0.03) ? "none" : style === "apple" && rng.chance(0.4) ? "duration" : "dtend",
    };
  }
  const zone = rng.weighted(ZONE_WEIGHTS);
  const kind: ZoneKind = rng.chance(0.03)
    ? "floating"
    : !recurring && style === "google" && rng.chance(0.8)
      ? "utc"
      : recurring && rng.chance(0.03)
        ? "utc"
        : "zoned";
  const wall = day * DAY + startMinute(rng) * MINUTE;
  return {
    kind,
    zone,
    start: kind === "utc" ? wallToUtc(wall, zone) : wall,
    length: timedLength(rng),
    end: !recurring && rng.chance(0.005) ? "none" : style === "apple" && rng.chance(0.4) ? "duration" : "dtend",
  };
}

// ---------------------------------------------------------------------------------------------
// Singles

function single(ctx: Ctx): string[] {
  const { rng } = ctx;
  const style = rng.weighted<Style>([["google", 55], ["outlook", 30], ["apple", 15]]);
  const allDay = rng.chance(0.08);
  const day = rng.chance(0.82) ? recentDay(rng, START_DAY, EXPORT_DAY) : EXPORT_DAY + Math.floor((1 - Math.sqrt(rng.next())) * (END_DAY - EXPORT_DAY));
  const t = pickTiming(ctx, style, allDay, false, day);
  const title = allDay ? rng.pick(ALLDAY_TITLES) : rng.pick(SINGLE_TITLES);
  const summary = title.endsWith("with") || title.endsWith("to") || title.endsWith(":") || title.endsWith("for") ? `${title} ${allDay ? rng.pick(CITIES) : rng.chance(0.5) ? person(rng).name : rng.pick(CITIES)}` : title;
  const c = common(ctx, style, summary, allDay, t.start);
  if (t.kind === "zoned") ctx.zonesUsed.add(t.zone);
  const out: string[] = ["BEGIN:VEVENT"];
  timingLines(t, t.start, t.length, out);
  propertyLines(ctx, c, out);
  out.push("END:VEVENT");
  if (c.status !== "CANCELLED") {
    const [s, e] = interval(t, t.start, t.length, undefined, ctx.viewerZone);
    if (overlaps(s, e, ctx.window)) ctx.truth.push({ uid: c.uid, start: s, end: e, transparent: c.transparent });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Series

function makeRule(rng: Rng, allDay: boolean, startDay: number): { rule: Rule; start: number } {
  const wdStart = weekday(startDay);
  if (allDay) {
    const r = rng.weighted<Rule>([
      [{ freq: "YEARLY", interval: 1 }, 55],
      [{ freq: "WEEKLY", interval: 1, byday: [wdStart], wkstSu: false }, 25],
      [{ freq: "MONTHLY", interval: 1, bymonthday: ymd(startDay)[2] }, 10],
      [{ freq: "YEARLY", interval: 1, month: ymd(startDay)[1], nth: rng.pick([1, 2, 3, -1]), wd: rng.int(0, 4) }, 10],
    ]);
    if (r.freq === "YEARLY" && r.nth !== undefined && r.month !== undefined && r.wd !== undefined) {
      const d = nthWeekday(ymd(startDay)[0], r.month, r.nth, r.wd);
      return { rule: r, start: d ?? startDay };
    }
    if (r.freq === "YEARLY" && ymd(startDay)[1] === 2 && ymd(startDay)[2] === 29) return { rule: r, start: startDay - 1 };
    return { rule: r, start: startDay };
  }
  const kind = rng.weighted<string>([["weekly", 52], ["weekly2", 8], ["weekdays", 7], ["daily", 8], ["mday", 9], ["nth", 10], ["yearly", 6]]);
  switch (kind) {
    case "weekly":
    case "weekly2": {
      const n = rng.weighted<number>([[1, 55], [2, 25], [3, 12], [5, 8]]);
      const set = new Set<number>([wdStart]);
      if (n === 5) for (let d = 0; d < 5; d++) set.add(d);
      while (set.size < n) set.add(rng.int(0, 4));
      let byday = [...set].sort((a, b) => a - b);
      // A series whose DTSTART is not one of its BYDAY days (edited series, Google and Outlook both write these).
      if (n < 5 && rng.chance(0.03)) {
        const others = [0, 1, 2, 3, 4].filter((d) => !set.has(d));
        if (others.length) byday = [rng.pick(others)];
        if (byday.length === 1 && byday[0] === wdStart) byday = [(wdStart + 1) % 5];
      }
      const interval = kind === "weekly2" ? rng.pick([2, 2, 2, 3, 4]) : 1;
      // WKST=SU changes nothing when no Sunday is involved: Monday–Saturday fall in the same week either way.
      const wkstSu = !byday.includes(6) && wdStart !== 6 && rng.chance(0.5);
      return { rule: { freq: "WEEKLY", interval, byday, wkstSu }, start: startDay };
    }
    case "weekdays":
      return rng.chance(0.5)
        ? { rule: { freq: "WEEKLY", interval: 1, byday: [0, 1, 2, 3, 4], wkstSu: false }, start: startDay }
        : { rule: { freq: "DAILY", interval: 1, byday: [0, 1, 2, 3, 4] }, start: startDay };
    case "daily":
      return { rule: { freq: "DAILY", interval: rng.pick([1, 1, 1, 2, 3, 7]) }, start: startDay };
    case "mday": {
      const md = rng.chance(0.08) ? -1 : ymd(startDay)[2];
      if (md === -1) {
        const [y, m] = ymd(startDay);
        return { rule: { freq: "MONTHLY", interval: 1, bymonthday: -1 }, start: dayOf(y, m, daysInMonth(y, m)) };
      }
      return { rule: { freq: "MONTHLY", interval: rng.pick([1, 1, 1, 3]), bymonthday: md }, start: startDay };
    }
    case "nth": {
      const dom = ymd(startDay)[2];
      const nth = dom > 28 || rng.chance(0.15) ? -1 : Math.ceil(dom / 7);
      const [y, m] = ymd(startDay);
      const d = nthWeekday(y, m, nth, wdStart) ?? startDay;
      return { rule: { freq: "MONTHLY", interval: 1, nth, wd: wdStart }, start: d };
    }
    default: {
      const [, m, d] = ymd(startDay);
      return { rule: { freq: "YEARLY", interval: 1 }, start: m === 2 && d === 29 ? startDay - 1 : startDay };
    }
  }
}

interface Override {
  day: number;
  cancelled: boolean;
  /** New wall start (UTC ms for utc series) and length. */
  wall: number;
  length: number;
  rid: "same" | "utc";
}

function series(ctx: Ctx, overrideBudget: { left: number }): { master: string[]; overrides: string[][] } {
  const { rng, window } = ctx;
  const style = rng.weighted<Style>([["google", 55], ["outlook", 30], ["apple", 15]]);
  const allDay = rng.chance(0.12);
  const startDay0 = rng.chance(0.04)
    ? rng.int(Math.floor(window.from / DAY) - 14, Math.floor(window.to / DAY)) // a series that begins around the window
    : recentDay(rng, START_DAY, EXPORT_DAY + 100);
  const t = pickTiming(ctx, style, allDay, true, startDay0);
  if (t.kind === "zoned") ctx.zonesUsed.add(t.zone);
  // The rule is built on the calendar the series recurs in: wall-clock days, or UTC days for a UTC series.
  const calendarDay = Math.floor(t.start / DAY);
  const { rule, start: ruleStart } = makeRule(rng, allDay, calendarDay);
  t.start += (ruleStart - calendarDay) * DAY;
  const title = allDay
    ? rule.freq === "YEARLY"
      ? rng.chance(0.7)
        ? `${person(rng).name.split(" ")[0]}'s birthday`
        : rng.pick(["Anniversary", "Tax day", "Renew passport reminder", "Mother's Day", "Thanksgiving"])
      : rng.pick(["WFH", "Payday", "Trash day", "Gym day", "Office day"])
    : `${rng.pick(RECURRING_TITLES)}${rng.chance(0.6) ? `: ${rng.pick(TEAMS)}` : rng.chance(0.5) ? ` (${person(rng).name.split(" ")[0]})` : ""}`;
  const c = common(ctx, style, title, allDay, t.start);
  if (c.status === "CANCELLED" && rng.chance(0.75)) c.status = "CONFIRMED"; // a cancelled series is rarer

  // The day of the first instance, in the timing's own calendar (UTC days for a utc series).
  const firstDay = Math.floor(t.start / DAY);
  const timeOfDay = t.start - firstDay * DAY;
  let days = enumerate(rule, firstDay, HORIZON_DAY);

  // How the series ends: open-ended, UNTIL (exact instant, Google's end of day, or a non-conformant local time) or COUNT.
  const endKind = rng.weighted<string>([["open", 45], ["until", 35], ["count", 20]]);
  let end = "";
  if (endKind !== "open" && days.length > 1) {
    const targetDay = rng.chance(0.25)
      ? rng.int(Math.floor(window.from / DAY), Math.floor(window.to / DAY))
      : rng.int(firstDay + 7, END_DAY);
    const after = days.findIndex((d) => d > targetDay);
    let idx = after === -1 ? days.length - 1 : Math.max(after - 1, 0);
    if (endKind === "count") {
      idx = Math.min(Math.max(idx, 1), 729);
      end = `COUNT=${idx + 1}`;
    } else {
      const lastDay = days[idx] as number;
      const lastWall = lastDay * DAY + timeOfDay;
      if (t.kind === "date") end = `UNTIL=${fmtDate(lastDay)}`;
      else if (t.kind === "floating") end = `UNTIL=${fmtDateTime(rng.chance(0.5) ? lastWall : lastDay * DAY + DAY - 1000)}`;
      else if (t.kind === "utc") end = `UNTIL=${fmtDateTime(lastWall)}Z`;
      else {
        const form = rng.weighted<string>([["exact", 55], ["eod", 40], ["local", 5]]);
        end =
          form === "exact"
            ? `UNTIL=${fmtDateTime(wallToUtc(lastWall, t.zone))}Z`
            : form === "eod"
              ? `UNTIL=${fmtDateTime(wallToUtc(lastDay * DAY + DAY - 1000, t.zone))}Z`
              : `UNTIL=${fmtDateTime(lastWall)}`;
      }
    }
    days = days.slice(0, idx + 1);
  }

  const windowEndDay = Math.ceil(window.to / DAY);
  for (const d of days) {
    if (d > windowEndDay) break;
    ctx.instancesToWindowEnd++;
  }

  // EXDATEs: some in the past, some in the window.
  const exdates = new Set<number>();
  if (days.length > 2 && rng.chance(0.3)) {
    const n = rng.weighted<number>([[1, 40], [2, 25], [3, 15], [5, 12], [9, 8]]);
    const inWin = days.filter((d) => d * DAY >= window.from - DAY && d * DAY < window.to + DAY);
    for (let i = 0; i < n; i++) {
      const pool = inWin.length && rng.chance(0.5) ? inWin : days;
      exdates.add(rng.pick(pool));
    }
  }

  // Overrides: moved (time or day), retitled, or cancelled; mostly near the window.
  const overrides: Override[] = [];
  if (days.length > 2 && c.status !== "CANCELLED" && overrideBudget.left > 0 && rng.chance(0.28)) {
    const n = Math.min(overrideBudget.left, rng.weighted<number>([[1, 55], [2, 25], [3, 12], [6, 8]]));
    const near = days.filter((d) => d * DAY >= window.from - 4 * DAY && d * DAY < window.to + 4 * DAY && !exdates.has(d));
    const taken = new Set<number>();
    for (let i = 0; i < n; i++) {
      const pool = near.length && rng.chance(0.6) ? near : days;
      const d = rng.pick(pool);
      if (taken.has(d) || exdates.has(d)) continue;
      taken.add(d);
      const how = rng.weighted<string>([["time", 45], ["day", 20], ["same", 15], ["cancel", 20]]);
      let wall = d * DAY + timeOfDay;
      let length = t.length;
      if (how === "time" && t.kind !== "date") wall += rng.pick([-120, -60, -30, 30, 60, 90, 180]) * MINUTE;
      if (how === "day" || (how === "time" && t.kind === "date")) wall += rng.pick([-3, -2, -1, 1, 2, 3]) * DAY;
      if (how !== "cancel" && t.kind !== "date" && rng.chance(0.25)) length = timedLength(rng);
      overrides.push({ day: d, cancelled: how === "cancel", wall, length, rid: t.kind === "zoned" && rng.chance(0.05) ? "utc" : "same" });
    }
    overrideBudget.left -= overrides.length;
  }

  // The master.
  const master: string[] = ["BEGIN:VEVENT"];
  timingLines(t, t.start, t.length, master);
  const fmtInstance = (name: string, d: number, form: "same" | "utc"): string => {
    const wall = d * DAY + timeOfDay;
    switch (t.kind) {
      case "date":
        return `${name};VALUE=DATE:${fmtDate(d)}`;
      case "floating":
        return `${name}:${fmtDateTime(wall)}`;
      case "utc":
        return `${name}:${fmtDateTime(wall)}Z`;
      case "zoned":
        return form === "utc" ? `${name}:${fmtDateTime(wallToUtc(wall, t.zone))}Z` : `${name};TZID=${t.zone}:${fmtDateTime(wall)}`;
    }
  };
  if (exdates.size) {
    const sorted = [...exdates].sort((a, b) => a - b);
    if (style === "apple" && t.kind === "zoned") {
      master.push(`EXDATE;TZID=${t.zone}:${sorted.map((d) => fmtDateTime(d * DAY + timeOfDay)).join(",")}`);
    } else {
      for (const d of sorted) master.push(fmtInstance("EXDATE", d, t.kind === "zoned" && rng.chance(0.1) ? "utc" : "same"));
    }
  }
  master.push(`RRULE:${ruleText(rule, style, end)}`);
  propertyLines(ctx, c, master);
  master.push("END:VEVENT");

  // The overrides' own VEVENTs.
  const overrideBlocks: string[][] = [];
  for (const o of overrides) {
    const b: string[] = ["BEGIN:VEVENT"];
    if (o.cancelled) timingLines(t, o.day * DAY + timeOfDay, t.length, b);
    else timingLines(t, o.wall, o.length, b);
    b.push(fmtInstance("RECURRENCE-ID", o.day, o.rid));
    const oc: Common = {
      ...c,
      summary: rng.chance(0.2) ? `${c.summary} (moved)` : c.summary,
      location: rng.chance(0.2) ? location(rng) : c.location,
      sequence: c.sequence + 1,
      status: o.cancelled ? "CANCELLED" : c.status,
      alarm: undefined,
    };
    propertyLines(ctx, oc, b);
    b.push("END:VEVENT");
    overrideBlocks.push(b);
  }

  // Ground truth for the window.
  if (c.status !== "CANCELLED") {
    const exact = t.kind === "date" || t.end !== "dtend" ? undefined : interval(t, t.start, t.length, undefined, ctx.viewerZone);
    const exactLength = exact ? exact[1] - exact[0] : undefined;
    const byDay = new Map(overrides.map((o) => [o.day, o]));
    const lo = Math.floor(window.from / DAY) - 3 - (t.kind === "date" ? t.length : Math.ceil(t.length / 1440));
    const hi = Math.ceil(window.to / DAY) + 2;
    for (const d of days) {
      if (exdates.has(d) || byDay.has(d) || d < lo || d > hi) continue;
      const [s, e] = interval(t, d * DAY + timeOfDay, t.length, exactLength, ctx.viewerZone);
      if (overlaps(s, e, window)) ctx.truth.push({ uid: c.uid, start: s, end: e, transparent: c.transparent });
    }
    for (const o of overrides) {
      if (o.cancelled) continue;
      const [s, e] = interval(t, o.wall, o.length, undefined, ctx.viewerZone);
      if (overlaps(s, e, window)) ctx.truth.push({ uid: c.uid, start: s, end: e, transparent: c.transparent });
    }
  }
  return { master, overrides: overrideBlocks };
}

// ---------------------------------------------------------------------------------------------
// The calendar

export interface GenerateOptions {
  /** Number of VEVENTs (masters, overrides and single events together). */
  events: number;
  seed: number;
}

export interface GenerateWithTruthOptions extends GenerateOptions {
  window?: { from: number; to: number };
  viewerZone?: string;
}

/**
 * A deterministic calendar export with `events` VEVENTs.
 *
 * @example
 * const ics = generateCalendar({ events: 1000, seed: 1 }); // ≈ 0.8 MB of Google/Outlook-style iCalendar
 */
export function generateCalendar(options: GenerateOptions): string {
  return generateCalendarWithTruth(options).ics;
}

/**
 * The calendar and, from the generator's own model, every occurrence that overlaps `window`
 * when read in `viewerZone` (cancelled ones and excluded or overridden instances left out).
 */
export function generateCalendarWithTruth(options: GenerateWithTruthOptions): { ics: string; truth: TruthOccurrence[]; stats: Record<string, number> } {
  const rng = new Rng(mulberry32(options.seed));
  const ctx: Ctx = {
    rng,
    window: options.window ?? DEFAULT_WINDOW,
    viewerZone: options.viewerZone ?? DEFAULT_VIEWER_ZONE,
    zonesUsed: new Set(),
    truth: [],
    dtstamp: "20260901T120000Z",
    uids: new Set(),
    instancesToWindowEnd: 0,
  };
  const n = options.events;
  const recurringTarget = Math.round(n / 3);
  const overrideBudget = { left: Math.round(n * 0.075) };

  interface Unit {
    lines: string[];
    attached: string[][];
  }
  const units: Unit[] = [];
  const loose: string[][] = [];
  let vevents = 0;
  let masters = 0;
  let overrideCount = 0;
  while (vevents < recurringTarget) {
    const s = series(ctx, overrideBudget);
    const attached: string[][] = [];
    for (const o of s.overrides) {
      // Most exporters write an override right after its master; the rest land anywhere, some before it.
      if (rng.chance(0.6)) attached.push(o);
      else loose.push(o);
    }
    units.push({ lines: s.master, attached });
    masters++;
    overrideCount += s.overrides.length;
    vevents += 1 + s.overrides.length;
  }
  let singles = 0;
  while (vevents < n) {
    units.push({ lines: single(ctx), attached: [] });
    singles++;
    vevents++;
  }
  rng.shuffle(units);
  const slots = new Map<number, string[][]>();
  for (const o of loose) {
    const at = rng.int(0, units.length);
    const list = slots.get(at);
    if (list) list.push(o);
    else slots.set(at, [o]);
  }

  const zones = [...ctx.zonesUsed, ctx.viewerZone].filter((z, i, a) => a.indexOf(z) === i).sort();
  const out: string[] = [];
  const head = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Work and life",
    "X-WR-TIMEZONE:America/New_York",
    "X-WR-CALDESC:Exported calendar (benchmark fixture\\, synthetic)",
  ];
  for (const l of head) out.push(l);
  for (const z of zones) for (const l of vtimezoneLines(z)) out.push(l);
  const emit = (lines: string[]): void => {
    for (const l of lines) fold(l, out);
  };
  for (let i = 0; i <= units.length; i++) {
    for (const o of slots.get(i) ?? []) emit(o);
    const u = units[i];
    if (!u) continue;
    emit(u.lines);
    for (const o of u.attached) emit(o);
  }
  out.push("END:VCALENDAR");
  const truth = ctx.truth.sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : a.end - b.end));
  return {
    ics: out.join("\r\n") + "\r\n",
    truth,
    stats: { vevents, masters, overrides: overrideCount, singles, truthOccurrences: truth.length, instancesToWindowEnd: ctx.instancesToWindowEnd },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

export const SIZES: Record<string, number> = { "1k": 1_000, "10k": 10_000, "50k": 50_000 };
export const DEFAULT_SEED = 20260907;

/** Seed per size, so that each file is stable on its own. */
export const seedFor = (size: string, seed = DEFAULT_SEED): number => (seed ^ Math.imul(SIZES[size] ?? 0, 2654435761)) >>> 0;

export function calendarPath(outDir: string, size: string): string {
  return join(outDir, `cal-${size}.ics`);
}
export function truthPath(outDir: string, size: string): string {
  return join(outDir, `cal-${size}.truth.tsv`);
}

/** Write `cal-<size>.ics` and its truth file (for the default window and viewer zone). */
export function writeCalendar(outDir: string, size: string, seed = DEFAULT_SEED): { bytes: number; stats: Record<string, number> } {
  const events = SIZES[size];
  if (!events) throw new Error(`bench/generate: unknown size ${size} (use ${Object.keys(SIZES).join(", ")})`);
  mkdirSync(outDir, { recursive: true });
  const { ics, truth, stats } = generateCalendarWithTruth({ events, seed: seedFor(size, seed) });
  writeFileSync(calendarPath(outDir, size), ics);
  const rows = [`# window ${new Date(DEFAULT_WINDOW.from).toISOString()} ${new Date(DEFAULT_WINDOW.to).toISOString()} viewer ${DEFAULT_VIEWER_ZONE} seed ${seedFor(size, seed)}`];
  for (const o of truth) rows.push(`${o.uid}\t${o.start}\t${o.end}\t${o.transparent ? 1 : 0}`);
  writeFileSync(truthPath(outDir, size), rows.join("\n") + "\n");
  return { bytes: Buffer.byteLength(ics), stats };
}

function main(argv: string[]): void {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (arg("--sizes") ?? "1k,10k,50k").split(",").filter(Boolean);
  const seed = arg("--seed") ? Number(arg("--seed")) : DEFAULT_SEED;
  const outDir = arg("--out") ?? join(import.meta.dirname, "out");
  for (const size of sizes) {
    const t0 = performance.now();
    const { bytes, stats } = writeCalendar(outDir, size, seed);
    console.log(
      `${calendarPath(outDir, size)}: ${(bytes / 1e6).toFixed(1)} MB, ${stats.vevents} VEVENTs (${stats.masters} series, ${stats.overrides} overrides, ${stats.singles} single), ${stats.truthOccurrences} occurrences in the window, ${stats.instancesToWindowEnd} rule instances from DTSTART to the window's end; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.slice(2));
