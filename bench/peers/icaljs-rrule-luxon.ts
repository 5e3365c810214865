/**
 * Peer 2 — ical.js + rrule + luxon, the usual way:
 * a full ical.js parse (ICAL.parse + ICAL.Component), then for each master an RRule in floating time
 * (DTSTART as `Date.UTC` of its wall-clock fields, no `tzid`, UNTIL turned into a wall-clock time of
 * the event's zone), `between()` on the window widened by a day (and by the event's length), each
 * wall-clock date put back in its zone with luxon `DateTime.fromObject(wall, { zone })`, EXDATEs and
 * RECURRENCE-ID overrides applied by matching instants.
 *
 * What it does not do (nor does the usual code): add DTSTART when the rule does not produce it
 * (rrule drops it; RFC 5545 and ical.js keep it), or choose the earlier offset for an ambiguous
 * fall-back time explicitly (luxon decides).
 */
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { createRequire } from "node:module";
import { type BenchOccurrence, type BenchResult, type BenchWindow, mergeBusy, overlapsWindow } from "./common";

// rrule ships CommonJS for Node (its ESM build is for bundlers only), and Node's ESM loader cannot see
// its named exports: require it, as lib/ (CommonJS under tsx) does.
const { RRule } = createRequire(import.meta.url)("rrule") as typeof import("rrule");

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Duration = InstanceType<typeof ICAL.Duration>;
type Recur = InstanceType<typeof ICAL.Recur>;

const DAY = 86_400_000;

/** The luxon zone a value is read in: its TZID, UTC, or the viewer's zone for floating and all-day values. */
function zoneOf(t: Time, viewerZone: string): string {
  if (t.isDate) return viewerZone;
  const tzid = t.zone?.tzid;
  if (!tzid || tzid === "floating") return viewerZone;
  if (tzid === "UTC") return "UTC";
  return tzid;
}

const wallOf = (t: Time): number => Date.UTC(t.year, t.month - 1, t.day, t.isDate ? 0 : t.hour, t.isDate ? 0 : t.minute, t.isDate ? 0 : t.second);

function wallToMs(wall: number, zone: string): number {
  const d = new Date(wall);
  return DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
    { zone },
  ).toMillis();
}

function timeToMs(t: Time, viewerZone: string): number {
  const zone = zoneOf(t, viewerZone);
  return zone === "UTC" ? t.toUnixTime() * 1000 : wallToMs(wallOf(t), zone);
}

const isCancelled = (c: Component): boolean => c.getFirstPropertyValue("status") === "CANCELLED";
const isTransparent = (c: Component): boolean => c.getFirstPropertyValue("transp") === "TRANSPARENT";

interface Span {
  start: number;
  end: number;
}

/** Start and end of a VEVENT as it stands (a single event or an override). */
function spanOf(c: Component, viewerZone: string): Span {
  const dtstart = c.getFirstPropertyValue("dtstart") as Time;
  const start = timeToMs(dtstart, viewerZone);
  const dtend = c.getFirstPropertyValue("dtend") as Time | null;
  if (dtend) return { start, end: timeToMs(dtend, viewerZone) };
  const duration = c.getFirstPropertyValue("duration") as Duration | null;
  if (dtstart.isDate) {
    const days = duration ? Math.round(duration.toSeconds() / 86400) : 1;
    return { start, end: wallToMs(wallOf(dtstart) + days * DAY, viewerZone) };
  }
  return { start, end: start + (duration ? duration.toSeconds() * 1000 : 0) };
}

export function run(bytes: Buffer, window: BenchWindow, viewerZone: string): BenchResult {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const root = new ICAL.Component(ICAL.parse(bytes.toString("utf8")));

  const masters: Component[] = [];
  const overridesByUid = new Map<string, Component[]>();
  for (const ve of root.getAllSubcomponents("vevent")) {
    if (ve.hasProperty("recurrence-id")) {
      const uid = String(ve.getFirstPropertyValue("uid"));
      const list = overridesByUid.get(uid);
      if (list) list.push(ve);
      else overridesByUid.set(uid, [ve]);
    } else masters.push(ve);
  }

  const occurrences: BenchOccurrence[] = [];
  const add = (uid: string, c: Component, s: Span): void => {
    if (overlapsWindow(s.start, s.end, from, to)) occurrences.push({ uid, start: s.start, end: s.end, transparent: isTransparent(c) });
  };

  const withMaster = new Set<string>();
  for (const master of masters) {
    const uid = String(master.getFirstPropertyValue("uid"));
    withMaster.add(uid);
    if (isCancelled(master)) continue;
    const recur = master.getFirstPropertyValue("rrule") as Recur | null;
    if (!recur) {
      add(uid, master, spanOf(master, viewerZone));
      continue;
    }
    const dtstart = master.getFirstPropertyValue("dtstart") as Time;
    const zone = zoneOf(dtstart, viewerZone);
    const first = spanOf(master, viewerZone);
    const allDay = dtstart.isDate;
    const lengthMs = first.end - first.start;
    const lengthDays = allDay ? Math.round((first.end - first.start) / DAY) : 0;

    const options = RRule.parseString(recur.toString());
    delete options.until;
    if (recur.until) {
      const u = recur.until;
      // UNTIL in UTC becomes a wall-clock time in the event's zone; a DATE or local UNTIL is already one.
      const untilWall = u.zone?.tzid === "UTC" && !u.isDate ? DateTime.fromMillis(u.toUnixTime() * 1000, { zone }).setZone("UTC", { keepLocalTime: true }).toMillis() : wallOf(u);
      options.until = new Date(untilWall);
    }
    const rule = new RRule({ ...options, dtstart: new Date(wallOf(dtstart)), tzid: null });

    const exdates = new Set<number>();
    for (const p of master.getAllProperties("exdate")) {
      for (const v of p.getValues() as Time[]) exdates.add(timeToMs(v, viewerZone));
    }
    const overrides = new Map<number, Component>();
    for (const o of overridesByUid.get(uid) ?? []) overrides.set(timeToMs(o.getFirstPropertyValue("recurrence-id") as Time, viewerZone), o);
    const used = new Set<number>();

    const widen = DAY + Math.max(lengthMs, 0);
    for (const d of rule.between(new Date(from - widen), new Date(to + DAY), true)) {
      const wall = d.getTime();
      const start = zone === "UTC" ? wall : wallToMs(wall, zone);
      if (exdates.has(start)) continue;
      const o = overrides.get(start);
      if (o) {
        used.add(start);
        if (!isCancelled(o)) add(uid, o, spanOf(o, viewerZone));
        continue;
      }
      const end = allDay ? wallToMs(wall + lengthDays * DAY, zone) : start + lengthMs;
      add(uid, master, { start, end });
    }
    // Overrides whose original instance lies outside the range searched, moved into the window.
    for (const [rid, o] of overrides) {
      if (used.has(rid) || isCancelled(o)) continue;
      if (exdates.has(rid)) continue;
      add(uid, o, spanOf(o, viewerZone));
    }
  }
  // Overrides without a master stand alone.
  for (const [uid, list] of overridesByUid) {
    if (withMaster.has(uid)) continue;
    for (const o of list) if (!isCancelled(o)) add(uid, o, spanOf(o, viewerZone));
  }
  return { occurrences, busy: mergeBusy(occurrences) };
}
