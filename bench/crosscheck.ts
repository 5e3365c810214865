/**
 * Occurrence-for-occurrence comparison of two pipelines (by uid + start + end), with the differences
 * paired up and classified where the cause is obvious, and a judge: the generator's own answer
 * (`cal-<size>.truth.tsv`), which says which side of each difference is right.
 */
import { readFileSync } from "node:fs";
import { wallToUtc } from "./zones";

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Occ {
  uid: string;
  start: number;
  end: number;
}

export function readOccurrences(path: string): Occ[] {
  const out: Occ[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [uid, s, e] = line.split("\t");
    out.push({ uid: uid as string, start: Number(s), end: Number(e) });
  }
  return out;
}

const keyOf = (o: Occ): string => `${o.uid}\t${o.start}\t${o.end}`;

function counts(xs: readonly Occ[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of xs) m.set(keyOf(o), (m.get(keyOf(o)) ?? 0) + 1);
  return m;
}

/** Multiset difference a − b. */
function minus(a: readonly Occ[], b: Map<string, number>): Occ[] {
  const left = new Map(b);
  const out: Occ[] = [];
  for (const o of a) {
    const k = keyOf(o);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(o);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the file says about an event (for classifying differences)

export interface EventInfo {
  uid: string;
  dtstart?: string;
  dtend?: string;
  rrule?: string;
  exdates: string[];
  recurrenceIds: string[];
  overrideStarts: string[];
}

/** A light scan of the file for the given UIDs: unfolded DTSTART, RRULE, EXDATE and RECURRENCE-ID lines. */
export function inspect(icsPath: string, uids: Set<string>): Map<string, EventInfo> {
  const text = readFileSync(icsPath, "utf8").replace(/\r\n[ \t]/g, "");
  const out = new Map<string, EventInfo>();
  let block: string[] = [];
  let inEvent = false;
  for (const line of text.split("\r\n")) {
    if (line === "BEGIN:VEVENT") {
      inEvent = true;
      block = [];
    } else if (line === "END:VEVENT") {
      inEvent = false;
      const uidLine = block.find((l) => l.startsWith("UID:"));
      const uid = uidLine?.slice(4);
      if (!uid || !uids.has(uid)) continue;
      let info = out.get(uid);
      if (!info) {
        info = { uid, exdates: [], recurrenceIds: [], overrideStarts: [] };
        out.set(uid, info);
      }
      const rid = block.find((l) => l.startsWith("RECURRENCE-ID"));
      const dtstart = block.find((l) => l.startsWith("DTSTART"));
      if (rid) {
        info.recurrenceIds.push(rid);
        if (dtstart) info.overrideStarts.push(dtstart);
      } else {
        if (dtstart !== undefined) info.dtstart = dtstart;
        const dtend = block.find((l) => l.startsWith("DTEND"));
        if (dtend !== undefined) info.dtend = dtend;
        const rrule = block.find((l) => l.startsWith("RRULE:"));
        if (rrule !== undefined) info.rrule = rrule;
        for (const l of block) if (l.startsWith("EXDATE")) info.exdates.push(l);
      }
    } else if (inEvent) block.push(line);
  }
  return out;
}

/** The instants a DTSTART/EXDATE/RECURRENCE-ID/UNTIL value names (floating and DATE values read in `viewerZone`). */
export function instantsOf(line: string, viewerZone: string, zoneHint?: string): number[] {
  const colon = line.indexOf(":");
  const params = line.slice(0, colon);
  const tzid = /TZID=([^;:]+)/.exec(params)?.[1];
  return line
    .slice(colon + 1)
    .split(",")
    .map((v) => valueInstant(v, tzid ?? zoneHint, viewerZone));
}

function valueInstant(v: string, zone: string | undefined, viewerZone: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(v.trim());
  if (!m) return NaN;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (m[7]) return wall;
  if (!m[4]) return wallToUtc(wall, viewerZone);
  return wallToUtc(wall, zone ?? viewerZone);
}

const zoneOfLine = (line: string | undefined): string | undefined => (line ? /TZID=([^;:]+)/.exec(line)?.[1] : undefined);

/** True when DTSTART falls on a weekday its rule's plain BYDAY list does not name (only that case is detected). */
function dtstartOffRule(dtstart: string, rrule: string): boolean {
  const byday = /BYDAY=([A-Z,]+)(?:;|$)/.exec(rrule)?.[1];
  const m = /:(\d{4})(\d{2})(\d{2})/.exec(dtstart);
  if (!byday || !m) return false;
  const wd = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()] as string;
  return !byday.split(",").includes(wd);
}

function describe(info: EventInfo | undefined): string {
  if (!info) return "";
  return [info.dtstart, info.rrule].filter(Boolean).join(" ");
}

/** Why `o` is present on one side only (no counterpart with the same UID nearby). */
function classifyLone(o: Occ, info: EventInfo | undefined, viewerZone: string): string {
  if (!info?.dtstart) return "other";
  const zone = zoneOfLine(info.dtstart);
  const kind = info.dtstart.includes("VALUE=DATE") ? "all-day" : zone ? "zoned" : info.dtstart.endsWith("Z") ? "utc" : "floating";
  const near = (t: number, slack: number): boolean => Math.abs(t - o.start) <= slack;
  if (info.rrule) {
    const until = /UNTIL=([0-9TZ]+)/.exec(info.rrule)?.[1];
    if (until) {
      const u = valueInstant(until, zone, viewerZone);
      if (Math.abs(u - o.start) <= 1.5 * DAY) {
        return `UNTIL boundary (${until.endsWith("Z") ? "UTC" : until.length === 8 ? "DATE" : "local time, no Z"}${zone ? ` ${zone}` : ""})`;
      }
    }
    const first = instantsOf(info.dtstart, viewerZone)[0] as number;
    if (near(first, 0)) return "DTSTART not matching the rule (RFC: DTSTART is always the first instance)";
  }
  for (const l of info.recurrenceIds) if (instantsOf(l, viewerZone, zone).some((t) => near(t, 2 * DAY))) return `RECURRENCE-ID override applied differently (${l.includes("TZID") ? "zoned" : l.endsWith("Z") ? "UTC" : "date/floating"} RECURRENCE-ID)`;
  for (const l of info.overrideStarts) if (instantsOf(l, viewerZone, zone).some((t) => near(t, 2 * DAY))) return "RECURRENCE-ID override applied differently (moved instance)";
  for (const l of info.exdates) if (instantsOf(l, viewerZone, zone).some((t) => near(t, DAY))) return `EXDATE applied differently (${l.includes("TZID") ? "zoned" : l.endsWith("Z") ? "UTC" : "date/floating"} EXDATE)`;
  if (info.rrule?.includes("COUNT=")) {
    return dtstartOffRule(info.dtstart, info.rrule) ? "COUNT boundary, DTSTART off the rule (RFC: DTSTART counts as the first of COUNT)" : "COUNT boundary";
  }
  return `other (${kind})`;
}

/** The wall-clock hour a DTSTART/DTEND line names ("00" for 00:MM), if it is a date-time. */
const hourOf = (line: string | undefined): string | undefined => (line ? /T(\d{2})\d{4}Z?$/.exec(line)?.[1] : undefined);

function classifyPair(a: Occ, b: Occ, info: EventInfo | undefined): string {
  const zone = zoneOfLine(info?.dtstart);
  const kind = !info?.dtstart ? "" : info.dtstart.includes("VALUE=DATE") ? "all-day" : zone ? `zoned ${zone}` : info.dtstart.endsWith("Z") ? "UTC" : "floating";
  const ds = a.start - b.start;
  const de = a.end - b.end;
  const h = (ms: number): string => `${ms > 0 ? "+" : ""}${(ms / HOUR).toFixed(ms % HOUR ? 2 : 0)}h`;
  if (ds === 0) {
    if (de % HOUR !== 0 && hourOf(info?.dtend) === "00") return `same start, end differs by ${h(de)}: a DTEND in the 00:00–00:59 hour misread [${kind}]`;
    return `same start, end differs by ${h(de)}${Math.abs(de) === HOUR ? " (DST: length kept in wall-clock time, not exact)" : ""} [${kind}]`;
  }
  if ((kind === "floating" || kind === "all-day") && ds % (30 * 60_000) === 0 && Math.abs(ds) <= 14 * HOUR) return `${kind} time read in another zone (start ${h(ds)})`;
  if (ds % HOUR !== 0 && hourOf(info?.dtstart) === "00") return `a wall time in the 00:00–00:59 hour misread (start ${ds > 0 ? "+" : "-"}${Math.abs(ds) / 60_000} min) [${kind}]`;
  if (Math.abs(ds) === HOUR) return `DST hour shift (start ${h(ds)}) [${kind}]`;
  if (ds % DAY === 0) return `moved by whole days (start ${ds / DAY}d): override or EXDATE matched to the wrong instance [${kind}]`;
  if (ds % (30 * 60_000) === 0 && Math.abs(ds) <= 14 * HOUR) return `zone offset (start ${h(ds)}): read in another zone [${kind}]`;
  return `start differs by ${h(ds)} [${kind}]`;
}

export interface Comparison {
  same: number;
  onlyA: Occ[];
  onlyB: Occ[];
  /** Classified differences: class → count, and examples. */
  classes: Map<string, { count: number; examples: string[] }>;
}

/**
 * Compares pipeline A with pipeline B, pairing each leftover of A with the nearest leftover of B
 * with the same UID (within 26 hours) and classifying pairs and lone occurrences.
 */
export function compare(a: readonly Occ[], b: readonly Occ[], icsPath: string, viewerZone: string, labels: [string, string], maxExamples = 3): Comparison {
  const onlyA = minus(a, counts(b));
  const onlyB = minus(b, counts(a));
  const same = a.length - onlyA.length;
  const classes = new Map<string, { count: number; examples: string[] }>();
  if (onlyA.length + onlyB.length === 0) return { same, onlyA, onlyB, classes };
  const uids = new Set([...onlyA, ...onlyB].map((o) => o.uid));
  const infos = inspect(icsPath, uids);
  const iso = (t: number): string => new Date(t).toISOString().replace(":00.000Z", "Z");
  const note = (cls: string, example: string): void => {
    let c = classes.get(cls);
    if (!c) {
      c = { count: 0, examples: [] };
      classes.set(cls, c);
    }
    c.count++;
    if (c.examples.length < maxExamples) c.examples.push(example);
  };
  const byUidB = new Map<string, Occ[]>();
  for (const o of onlyB) {
    const l = byUidB.get(o.uid);
    if (l) l.push(o);
    else byUidB.set(o.uid, [o]);
  }
  // Occurrences per UID and per key on each side, to spot duplicates and events missing altogether.
  const perUid = (xs: readonly Occ[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const o of xs) m.set(o.uid, (m.get(o.uid) ?? 0) + 1);
    return m;
  };
  const uidsA = perUid(a);
  const uidsB = perUid(b);
  const keysA = counts(a);
  const keysB = counts(b);
  const lone = (o: Occ, side: 0 | 1, info: EventInfo | undefined): string => {
    const own = side === 0 ? keysA : keysB;
    const other = side === 0 ? keysB : keysA;
    if ((own.get(keyOf(o)) ?? 0) > 1 && other.has(keyOf(o))) return "the same occurrence twice (duplicate)";
    const why = classifyLone(o, info, viewerZone);
    if (why.startsWith("other") && !(side === 0 ? uidsB : uidsA).has(o.uid)) return `the whole ${info?.rrule ? "series" : "event"} is missing from ${labels[1 - side]}`;
    return why;
  };
  for (const x of onlyA) {
    const cands = byUidB.get(x.uid) ?? [];
    let best = -1;
    for (let i = 0; i < cands.length; i++) {
      const d = Math.abs((cands[i] as Occ).start - x.start);
      if (d <= 26 * HOUR && (best < 0 || d < Math.abs((cands[best] as Occ).start - x.start))) best = i;
    }
    const info = infos.get(x.uid);
    if (best >= 0) {
      const y = cands.splice(best, 1)[0] as Occ;
      note(classifyPair(x, y, info), `${x.uid.slice(0, 24)}… ${labels[0]} ${iso(x.start)}–${iso(x.end)} vs ${labels[1]} ${iso(y.start)}–${iso(y.end)}  ${describe(info)}`);
    } else {
      note(`only in ${labels[0]}: ${lone(x, 0, info)}`, `${x.uid.slice(0, 24)}… ${iso(x.start)}–${iso(x.end)}  ${describe(info)}`);
    }
  }
  for (const list of byUidB.values()) {
    for (const y of list) {
      const info = infos.get(y.uid);
      note(`only in ${labels[1]}: ${lone(y, 1, info)}`, `${y.uid.slice(0, 24)}… ${iso(y.start)}–${iso(y.end)}  ${describe(info)}`);
    }
  }
  return { same, onlyA, onlyB, classes };
}

/**
 * Where `reference` agrees with the truth, does `candidate` agree with `reference`?
 * Returns the occurrences that break that: correct ones the candidate lacks, and ones the candidate
 * adds that neither the reference nor the truth has.
 */
export function disagreementsWhereReferenceIsRight(candidate: readonly Occ[], reference: readonly Occ[], truth: readonly Occ[]): { missing: Occ[]; extra: Occ[] } {
  const t = counts(truth);
  const c = counts(candidate);
  const r = counts(reference);
  const refRight = reference.filter((o) => (t.get(keyOf(o)) ?? 0) > 0);
  const missing = minus(refRight, c);
  const extra = candidate.filter((o) => !r.has(keyOf(o)) && !t.has(keyOf(o)));
  return { missing, extra };
}
